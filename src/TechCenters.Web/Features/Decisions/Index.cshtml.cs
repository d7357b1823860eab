using TechCenters.Web.Features.Activity;
using TechCenters.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.ExpertReviews;

namespace TechCenters.Web.Features.Decisions;

/// <summary>会议研究: the bureau records the meeting the pack names with its date and each application's outcome; applicants see their outcomes.</summary>
public sealed class IndexModel(AppDbContext db, CaseKernel kernel, RecordDecision record, Clock clock) : ActionPage
{
    public sealed record Row(Application App, string StageName, string Meeting, string? LastNote, bool Final, bool Rejected);

    public List<Row> Pending { get; } = [];
    public List<Row> Mine { get; } = [];
    public List<DecisionRecord> Records { get; private set; } = [];
    public DateOnly Today { get; private set; }

    [BindProperty] public int ApplicationId { get; set; }
    [BindProperty] public int Revision { get; set; }
    [BindProperty] public DateOnly? MeetingDate { get; set; }
    [BindProperty] public bool Approved { get; set; }
    [BindProperty] public string? Note { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        await DoneAsync(await record.RunAsync(ApplicationId, Actor, MeetingDate, Approved, Note, Revision, ct), "/Decisions", "会议结果已记录。", ct);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Today = clock.Today;
        var scope = Scope;
        if (scope.Role == Roles.BureauOfficer)
        {
            var apps = await db.Applications.VisibleTo(db, scope).AsNoTracking().Include(a => a.Case).ThenInclude(c => c.LeadUnit)
                .Where(a => a.Case.Step == StageSteps.Decision).OrderBy(a => a.Id).ToListAsync(ct);
            foreach (var a in apps)
            {
                var pack = kernel.PackOf(a.Case);
                Pending.Add(new(a, CaseKernel.ProcessOf(pack, a.Case.Kind).StageName(a.Case.StageId), SelectionSteps.MeetingName(pack), null, false, false));
            }
            Records = await db.DecisionRecords.AsNoTracking().Where(r => r.JurisdictionId == scope.JurisdictionId)
                .OrderByDescending(r => r.Id).Take(50).ToListAsync(ct);
        }
        else if (scope.Role == Roles.Applicant)
        {
            var apps = await db.Applications.VisibleTo(db, scope).AsNoTracking().Include(a => a.Case).OrderByDescending(a => a.Id).ToListAsync(ct);
            var ids = apps.Select(a => a.Id).ToList();
            // Only what the applicant may read: never the panel's figures or an expert's words.
            var notes = await db.Activities.AsNoTracking().Where(x => ids.Contains(x.CaseId) && x.Note != null)
                .VisibleTo(Activity.Audience.Applicant | Activity.Audience.Public, scope.UserId)
                .GroupBy(x => x.CaseId).Select(g => g.OrderByDescending(x => x.Id).First()).ToListAsync(ct);
            foreach (var a in apps)
            {
                var pack = kernel.PackOf(a.Case);
                var stage = CaseKernel.ProcessOf(pack, a.Case.Kind).Stage(a.Case.StageId)!;
                Mine.Add(new(a, stage.NameFor([Actors.LeadUnit]), SelectionSteps.MeetingName(pack), notes.FirstOrDefault(n => n.CaseId == a.Id)?.Note, stage.Final, stage.IsRejection));
            }
        }
    }
}
