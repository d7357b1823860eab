using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Applications;

namespace TechCenters.Web.Features.ExpertReviews;

/// <summary>
/// 评审结果: for the bureau, every expert's score and opinion with names, the aggregate and the conclusion; for an
/// expert, their own review; for everyone else only the timeline entries they may read (no names, no scores).
/// </summary>
public sealed class ApplicationModel(AppDbContext db, CaseKernel kernel, ConcludeReview conclude) : ActionPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public int Revision { get; set; }
    [BindProperty] public bool Passed { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? ToApplicant { get; set; }

    public CaseContext? Ctx { get; private set; }
    public Application? App { get; private set; }
    public string StageName { get; private set; } = "";
    public List<ExpertReview> Reviews { get; private set; } = [];
    public List<Units.Expert> Members { get; private set; } = [];
    public ReviewSummary? Summary { get; private set; }
    public List<TimelineItem> Timeline { get; private set; } = [];
    /// <summary>The bureau reads the panel's names and scores; an expert reads their own review; nobody else reads either.</summary>
    public bool ShowPanel => Ctx?.Relation.ActsAs(Actors.Bureau) == true;
    public bool ShowNames => ShowPanel;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return App is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        // An expert has no panel page to be answered with (LoadAsync leaves it empty): refused before the action (Bug 0207: was a 500).
        Scope.Role == Roles.Expert ? Forbid()
            : await DoneAsync(await conclude.RunAsync(Id, Actor, Passed, Revision, Note, ToApplicant, ct), $"/ExpertReviews/Application?id={Id}", null, ct);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        // Experts work on their review page; the panel's results are the bureau's (and the parties' timeline).
        if (Scope.Role == Roles.Expert) return;
        Ctx = await kernel.LoadAsync(Id, Actor, ct);
        App = Ctx?.Detail as Application;
        if (Ctx is null || App is null) return;
        StageName = Ctx.Name(Ctx.Stage);
        Timeline = await TimelineView.LoadAsync(db, Ctx, ct);
        if (ShowPanel)
        {
            Members = await db.PanelAssignments.Where(p => p.ApplicationId == Id).SelectMany(p => p.Panel!.Members
                .Where(m => !db.CaseAssignments.Any(x => x.CaseId == Id && x.ExpertId == m.ExpertId && x.EndReason != null)).Select(m => m.Expert!)).AsNoTracking().ToListAsync(ct);
            Reviews = await db.ExpertReviews.AsNoTracking().Include(r => r.Expert).Where(r => r.ApplicationId == Id).OrderBy(r => r.Id).ToListAsync(ct);
            Summary = ReviewSummary.Of(Members.Count, Reviews);
        }
        else if (Ctx.Relation.ActsAs(Actors.ExpertPanel) && Scope.ExpertId is { } me)
            Reviews = await db.ExpertReviews.AsNoTracking().Include(r => r.Expert).Where(r => r.ApplicationId == Id && r.ExpertId == me).ToListAsync(ct);
    }

    public bool CanConclude => ShowPanel && App?.Case.Step == StageSteps.ExpertReview;
    public bool CanRevise => Ctx?.Relation.ActsAs(Actors.LeadUnit) == true && App?.Case.Step == StageSteps.PlanRevision;
}
