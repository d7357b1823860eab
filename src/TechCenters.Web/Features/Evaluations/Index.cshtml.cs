using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.ExpertReviews;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Features.Evaluations;

/// <summary>绩效评估: the bureau's campaigns (open one for a year); everyone else the evaluation and rectification cases they see.</summary>
public sealed class IndexModel(AppDbContext db, EvaluationActions actions, CaseKernel kernel, Infrastructure.Clock clock) : ActionPage
{
    /// <summary>A case of the list: <paramref name="HolderName"/> is who has it now as its pack names them (null once closed).</summary>
    public sealed record CaseRow(Case Case, string StageName, string? Grade, string? HolderName = null, bool Mine = false);

    public List<EvaluationCampaign> Campaigns { get; } = [];
    public Dictionary<int, int> Included { get; } = [];
    public List<CaseRow> Cases { get; } = [];
    public List<CaseRow> Rectifications { get; } = [];
    public string? ProcessNote { get; private set; }
    public YearRange RoundYears => actions.RoundYears;
    public int ThisYear => clock.Today.Year;
    /// <summary>This year's round is under way: the form offers no year (启动 would refuse it) and says so.</summary>
    public bool ThisYearStarted => Campaigns.Any(c => c.Year == ThisYear);
    [BindProperty] public int? Year { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Year is null) { Error = "请填写评估年度。"; Response.StatusCode = 400; await LoadAsync(ct); return Page(); }
        var (result, id) = await actions.OpenCampaignAsync(Actor, Year.Value, ct);
        return await DoneAsync(result, $"/Evaluations/Campaign?id={id}", null, ct);
    }

    protected override async Task LoadAsync(CancellationToken ct)
    {
        var s = Scope;
        if (s.Role == Roles.BureauOfficer && s.JurisdictionId is { } j)
        {
            Campaigns.AddRange(await db.EvaluationCampaigns.AsNoTracking().Where(c => c.JurisdictionId == j).OrderByDescending(c => c.Year).ToListAsync(ct));
            var ids = Campaigns.Select(c => c.Id).ToList();
            foreach (var g in await db.EvaluationParticipants.Where(p => ids.Contains(p.CampaignId) && p.Included).GroupBy(p => p.CampaignId)
                         .Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct))
                Included[g.Key] = g.N;
            var pack = actions.PackForNewRound(j);
            ProcessNote = pack?.Process(ProcessKinds.Evaluation) is { } process
                ? string.Join(" → ", process.Stages.Where(x => !x.IsRejection).Select(x => $"{x.Name}（{pack.Env.Actor(x.Actor)}）"))
                : "适用的管理办法未规定绩效评估流程";
        }
        var visible = db.Cases.AsNoTracking().VisibleTo(db, s);
        foreach (var (kind, into) in new[] { (ProcessKinds.Evaluation, Cases), (ProcessKinds.Rectification, Rectifications) })
        {
            var list = await visible.Where(c => c.Kind == kind).OrderByDescending(c => c.Id).Take(200)
                .Select(c => new { Case = c, Grade = db.Evaluations.Where(e => e.Id == c.Id).Select(e => e.FinalGrade).FirstOrDefault() }).ToListAsync(ct);
            foreach (var x in list)
            {
                var pack = kernel.PackOf(x.Case);
                var stage = pack.Process(kind)?.Stage(x.Case.StageId);
                var relation = CaseRelation.Listed(s, x.Case, null);
                into.Add(new CaseRow(x.Case, stage?.NameFor(relation.Acts) ?? x.Case.StageId, x.Grade,
                    x.Case.Holder is { } h ? pack.Env.Actor(h) : null, x.Case.Holder is { } held && relation.ActsAs(held)));
            }
        }
    }
}
