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
public sealed class IndexModel(AppDbContext db, ApplicationWorkflow workflow, RecordDecision record, Clock clock) : ActionPage
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
            var apps = await db.Applications.VisibleTo(scope).AsNoTracking().Include(a => a.LeadUnit)
                .Where(a => a.Step == StageSteps.Decision).OrderBy(a => a.Id).ToListAsync(ct);
            foreach (var a in apps)
            {
                var pack = workflow.PackOf(a);
                Pending.Add(new(a, ApplicationWorkflow.StagesOf(pack).StageName(a.StageId), SelectionSteps.MeetingName(pack), null, false, false));
            }
            Records = await db.DecisionRecords.AsNoTracking().Where(r => r.JurisdictionId == scope.JurisdictionId)
                .OrderByDescending(r => r.Id).Take(50).ToListAsync(ct);
        }
        else if (scope.Role == Roles.Applicant)
        {
            var apps = await db.Applications.VisibleTo(scope).AsNoTracking().OrderByDescending(a => a.Id).ToListAsync(ct);
            var ids = apps.Select(a => a.Id).ToList();
            var notes = await db.Activities.AsNoTracking().Where(x => ids.Contains(x.ApplicationId) && x.Note != null)
                .GroupBy(x => x.ApplicationId).Select(g => g.OrderByDescending(x => x.Id).First()).ToListAsync(ct);
            foreach (var a in apps)
            {
                var pack = workflow.PackOf(a);
                var stage = ApplicationWorkflow.StagesOf(pack).Stage(a.StageId)!;
                Mine.Add(new(a, stage.Name, SelectionSteps.MeetingName(pack), notes.FirstOrDefault(n => n.ApplicationId == a.Id)?.Note, stage.Final, stage.IsRejection));
            }
        }
    }
}
