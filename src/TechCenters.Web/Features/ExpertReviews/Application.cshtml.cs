using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Applications;

namespace TechCenters.Web.Features.ExpertReviews;

/// <summary>评审结果: every expert's score and opinion, the aggregate, the conclusion, and the application's timeline.</summary>
public sealed class ApplicationModel(AppDbContext db, ApplicationWorkflow workflow, ConcludeReview conclude) : ActionPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public int Revision { get; set; }
    [BindProperty] public bool Passed { get; set; }
    [BindProperty] public string? Note { get; set; }

    public Application? App { get; private set; }
    public string StageName { get; private set; } = "";
    public List<ExpertReview> Reviews { get; private set; } = [];
    public List<Units.Expert> Members { get; private set; } = [];
    public ReviewSummary? Summary { get; private set; }
    public List<ActivityEntry> Timeline { get; private set; } = [];
    public bool ShowNames => Scope.Role == Roles.BureauOfficer;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return App is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        await DoneAsync(await conclude.RunAsync(Id, Actor, Passed, Revision, Note, ct), $"/ExpertReviews/Application?id={Id}", null, ct);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        App = await db.Applications.VisibleTo(Scope).AsNoTracking().Include(a => a.LeadUnit).FirstOrDefaultAsync(a => a.Id == Id, ct);
        if (App is null) return;
        StageName = ApplicationWorkflow.StagesOf(workflow.PackOf(App)).StageName(App.StageId);
        Members = await db.PanelAssignments.Where(p => p.ApplicationId == Id).SelectMany(p => p.Panel!.Members.Select(m => m.Expert!)).AsNoTracking().ToListAsync(ct);
        Reviews = await db.ExpertReviews.AsNoTracking().Include(r => r.Expert).Where(r => r.ApplicationId == Id).OrderBy(r => r.Id).ToListAsync(ct);
        Summary = ReviewSummary.Of(Members.Count, Reviews);
        Timeline = await db.Activities.AsNoTracking().Where(a => a.ApplicationId == Id).OrderBy(a => a.Id).ToListAsync(ct);
    }

    public bool CanConclude => Scope.Role == Roles.BureauOfficer && App?.Step == StageSteps.ExpertReview;
    public bool CanRevise => Scope.Role == Roles.Applicant && App?.Step == StageSteps.PlanRevision;
}
