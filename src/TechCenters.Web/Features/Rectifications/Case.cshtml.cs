using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.ExpertReviews;

namespace TechCenters.Web.Features.Rectifications;

/// <summary>One rectification: the center's report by the deadline, the bureau's re-check (passed → 运行; failed → revocation proposed).</summary>
public sealed class CaseModel(AppDbContext db, CaseKernel kernel, RectificationActions actions) : ActionPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public int Revision { get; set; }
    [BindProperty] public string? Report { get; set; }
    [BindProperty] public string? Opinion { get; set; }

    public CaseContext Ctx { get; private set; } = null!;
    public Rectification Detail { get; private set; } = null!;
    public Centers.Center Center { get; private set; } = null!;
    public List<TimelineItem> Timeline { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public bool CanRecheck { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await Found(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken ct) =>
        await DoneAsync(await actions.SubmitAsync(Actor, Id, Revision, Report, ct), Here, null, ct);

    public async Task<IActionResult> OnPostPassAsync(CancellationToken ct) =>
        await DoneAsync(await actions.RecheckAsync(Actor, Id, Revision, true, Opinion, ct), Here, null, ct);

    public async Task<IActionResult> OnPostFailAsync(CancellationToken ct) =>
        await DoneAsync(await actions.RecheckAsync(Actor, Id, Revision, false, Opinion, ct), Here, null, ct);

    private string Here => $"/Rectifications/Case?id={Id}";

    protected override async Task LoadAsync(CancellationToken ct)
    {
        if (!await Found(ct)) throw new InvalidOperationException("整改事项不存在");
    }

    private async Task<bool> Found(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var ctx = await kernel.LoadAsync(Id, Actor, ct);
        if (ctx is null || ctx.Case.Kind != ProcessKinds.Rectification) return false;
        Ctx = ctx;
        Detail = ctx.DetailAs<Rectification>();
        Center = await db.Centers.AsNoTracking().FirstAsync(c => c.Id == ctx.Case.CenterId, ct);
        Timeline = await TimelineView.LoadAsync(db, ctx, ct);
        CanEdit = ctx.Editable() is null;
        CanRecheck = ctx.Stage.Step == StageSteps.Recheck && ctx.Relation.ActsAs(ctx.Stage.Actor);
        Revision = ctx.Case.Revision;
        Report ??= Detail.Report;
        return true;
    }
}
