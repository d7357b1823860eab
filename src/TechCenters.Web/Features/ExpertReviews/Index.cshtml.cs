using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.ExpertReviews;

/// <summary>专家评审: the bureau forms panels (candidates proposed by field, conflicts shown with the reason); an expert sees what is assigned.</summary>
public sealed class IndexModel(AppDbContext db, CaseKernel kernel, FormPanel formPanel) : ActionPage
{
    public sealed record Row(Application App, string StageName, int Members, int Submitted, string? PanelName);
    public sealed record Candidate(Expert Expert, bool FieldMatch, List<string> Conflicts);

    public List<Row> Waiting { get; } = [];
    public List<Row> InReview { get; } = [];
    public List<Candidate> Candidates { get; } = [];
    public List<string> Requirements { get; } = [];
    public List<(Application App, bool Submitted, string StageName)> Assigned { get; } = [];

    [BindProperty] public List<int> ApplicationIds { get; set; } = [];
    [BindProperty] public List<int> ExpertIds { get; set; } = [];
    [BindProperty] public string? PanelName { get; set; }
    [BindProperty] public string? ExceptionReason { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        await DoneAsync(await formPanel.RunAsync(Actor, PanelName, ApplicationIds, ExpertIds, ct, ExceptionReason), "/ExpertReviews", "专家组已组建，评审任务已分配给专家。", ct);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        var scope = Scope;
        if (scope.Role == Roles.Expert)
        {
            var apps = await RecordReview.AssignedTo(db, scope).AsNoTracking().Include(a => a.Case).OrderBy(a => a.Id).ToListAsync(ct);
            var mine = await db.ExpertReviews.Where(r => r.ExpertId == scope.ExpertId).Select(r => r.ApplicationId).ToListAsync(ct);
            foreach (var a in apps)
                Assigned.Add((a, mine.Contains(a.Id), CaseKernel.ProcessOf(kernel.PackOf(a.Case), a.Case.Kind).Stage(a.Case.StageId)!.NameFor([Actors.ExpertPanel])));
            return;
        }
        if (scope.Role != Roles.BureauOfficer) return;
        var list = await db.Applications.VisibleTo(db, scope).AsNoTracking().Where(a => a.Case.Step == StageSteps.ExpertReview)
            .Include(a => a.Case).ThenInclude(c => c.LeadUnit).Include(a => a.Call).Include(a => a.CoBuilders).ThenInclude(c => c.Unit)
            .OrderBy(a => a.Id).AsSplitQuery().ToListAsync(ct);
        var ids = list.Select(a => a.Id).ToList();
        var panels = await db.PanelAssignments.AsNoTracking().Where(p => ids.Contains(p.ApplicationId))
            .Select(p => new { p.ApplicationId, p.Panel!.Name, Members = p.Panel.Members.Count }).ToListAsync(ct);
        var counts = await db.ExpertReviews.Where(r => ids.Contains(r.ApplicationId)).GroupBy(r => r.ApplicationId)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        foreach (var a in list)
        {
            var p = panels.FirstOrDefault(x => x.ApplicationId == a.Id);
            var row = new Row(a, CaseKernel.ProcessOf(kernel.PackOf(a.Case), a.Case.Kind).StageName(a.Case.StageId), p?.Members ?? 0,
                counts.FirstOrDefault(c => c.Key == a.Id)?.Count ?? 0, p?.Name);
            (p is null ? Waiting : InReview).Add(row);
        }
        foreach (var pack in list.Select(a => kernel.PackOf(a.Case)).DistinctBy(p => p.Folder))
            Requirements.AddRange(PanelCheck.Requirements(pack).Select(r => $"{pack.Document}：{r}"));
        var fields = Waiting.SelectMany(w => w.App.Call?.Fields ?? []).Distinct().ToList();
        var experts = await db.Experts.AsNoTracking().Include(e => e.Relations).ThenInclude(r => r.Unit)
            .Where(e => e.JurisdictionId == scope.JurisdictionId).ToListAsync(ct);
        foreach (var e in experts)
        {
            var conflicts = Waiting.Select(w => Recusal.Conflict(e, Recusal.PartiesOf(w.App), Recusal.Terms.Of(kernel.PackOf(w.App.Case), kernel.Clock.Today)) is { } c ? $"{w.App.CenterName}：{c}" : null).OfType<string>().ToList();
            var match = fields.Any(f => e.Field.Contains(f, StringComparison.Ordinal) || f.Contains(e.Field, StringComparison.Ordinal));
            Candidates.Add(new(e, match, conflicts));
        }
        Candidates.Sort((x, y) =>
        {
            var c = (x.Conflicts.Count == 0 ? 0 : 1).CompareTo(y.Conflicts.Count == 0 ? 0 : 1);
            if (c != 0) return c;
            c = (x.FieldMatch ? 0 : 1).CompareTo(y.FieldMatch ? 0 : 1);
            return c != 0 ? c : x.Expert.Kind.CompareTo(y.Expert.Kind) != 0 ? x.Expert.Kind.CompareTo(y.Expert.Kind) : x.Expert.Id.CompareTo(y.Expert.Id);
        });
    }
}
