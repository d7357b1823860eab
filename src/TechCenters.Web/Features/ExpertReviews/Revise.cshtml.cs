using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Applications;

namespace TechCenters.Web.Features.ExpertReviews;

/// <summary>根据专家意见完善方案 (呼和浩特): the applicant reads the feedback the bureau passed on (never who scored what) and revises the plan.</summary>
public sealed class ReviseModel(AppDbContext db, RevisePlan revise) : ActionPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public int Revision { get; set; }
    [BindProperty] public Dictionary<string, string> Sections { get; set; } = [];
    [BindProperty] public string? Note { get; set; }
    public Application? App { get; private set; }
    /// <summary>What the bureau wrote for the applicant when it concluded the review.</summary>
    public List<Activity.ActivityEntry> Feedback { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return App is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        Scope.Role is Roles.Expert or Roles.Evaluator ? Forbid() : await DoneAsync(await revise.RunAsync(Id, Actor, Sections, Revision, Note, ct), "/Decisions", "完善后的方案已提交。", ct);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        // The applicant's revision after the review, read by its unit and the officials; an assigned expert sees the case
        // in scope but not this page (Bug 0208).
        if (Scope.Role is Roles.Expert or Roles.Evaluator) return;
        App = await db.Applications.VisibleTo(db, Scope).AsNoTracking().Include(a => a.Case).FirstOrDefaultAsync(a => a.Id == Id, ct);
        if (App is null) return;
        if (Sections.Count == 0) Sections = ApplicationFacts.Parse(App.PlanJson);
        Feedback = await db.Activities.AsNoTracking().Where(a => a.CaseId == Id && a.Note != null && a.FromStage != a.ToStage)
            .VisibleTo(Activity.Audience.Applicant, null).OrderByDescending(a => a.Id).Take(3).ToListAsync(ct);
    }
}
