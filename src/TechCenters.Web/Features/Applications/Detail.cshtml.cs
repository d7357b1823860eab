using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Features.Applications;

/// <summary>
/// One application: its stage on the pack's path, the eligibility verdict, the timeline, the submitted versions and
/// attachments, and the moves open to this account (推荐/不予推荐, 受理/初审不合格, 退回修改 …).
/// </summary>
public sealed class DetailModel(AppDbContext db, ApplicationWorkflow workflow, SaveApplicationDraft drafts, AttachmentStore store) : PageModel
{
    /// <summary>Steps handled on this page; from expert review on, the application waits for the expert-review pages.</summary>
    public static readonly IReadOnlySet<string> ApplyingSteps = new HashSet<string>
        { StageSteps.Call, StageSteps.Application, StageSteps.Recommendation, StageSteps.EligibilityCheck, StageSteps.IntakeReview };

    /// <summary>
    /// Whether this page makes the moves out of a stage: the applying steps, and a list fixed before the meeting that
    /// decides on it (沧州 第十二条 确定拟新建名单 → 局党组会研究), which is a plain move. A selection that leads to approval
    /// itself (新疆) is made on the approval page.
    /// </summary>
    public static bool HandledHere(StagesRule stages, Stage stage) => ApplyingSteps.Contains(stage.Step) ||
        (stage.Step == StageSteps.Selection && stages.Transitions.Where(t => t.From == stage.Id).All(t => stages.Stage(t.To) is { IsApproval: false }));

    public sealed record Move(Transition Transition, Stage To);

    public Application App { get; private set; } = null!;
    public PolicyPack Pack { get; private set; } = null!;
    public StagesRule Stages { get; private set; } = null!;
    public Stage Stage { get; private set; } = null!;
    public List<ActivityEntry> Timeline { get; private set; } = [];
    public List<ApplicationVersion> Versions { get; private set; } = [];
    public List<Attachment> Files { get; private set; } = [];
    public List<Move> Moves { get; private set; } = [];
    public bool CanReturn { get; private set; }
    public bool CanEdit { get; private set; }
    public Verdict Verdict { get; private set; } = null!;
    public string? Error { get; private set; }
    public string? Receipt { get; private set; }
    public HashSet<string> Visited { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, string? receipt, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Receipt = receipt is not null && Versions.Any(v => v.ReceiptNumber == receipt) ? receipt : null;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var actor = WorkflowActor.From(HttpContext);
        var app = await workflow.LoadAsync(id, actor.Scope, ct);
        if (app is null) return false;
        App = app;
        Pack = workflow.PackOf(app);
        Stages = ApplicationWorkflow.StagesOf(Pack);
        Stage = Stages.Stage(app.StageId)!;
        Timeline = await db.Activities.AsNoTracking().Where(a => a.ApplicationId == id).OrderBy(a => a.Id).ToListAsync(ct);
        Versions = await db.ApplicationVersions.AsNoTracking().Where(v => v.ApplicationId == id).OrderByDescending(v => v.Number).ToListAsync(ct);
        Files = await db.Attachments.AsNoTracking().Where(a => a.ApplicationId == id).OrderBy(a => a.Id).ToListAsync(ct);
        var facts = await workflow.FactsAsync(app, ct: ct);
        Verdict = ApplicationRules.Panel(Pack, facts);
        Visited = Timeline.SelectMany(t => new[] { t.FromStage, t.ToStage }).OfType<string>().ToHashSet();
        if (HandledHere(Stages, Stage) && app.Holder != ActorRoles.LeadUnit)
            Moves = Stages.Next(app.StageId, facts).Where(t => t.Actor != ActorRoles.LeadUnit && ActorRoles.Allows(t.Actor, actor.Scope.Role))
                .Select(t => new Move(t, Stages.Stage(t.To)!)).ToList();
        CanReturn = Moves.Count > 0 && ApplicationWorkflow.ReturnableSteps.Contains(Stage.Step);
        CanEdit = (await drafts.EditableAsync(app, actor, ct)).Ok;
        return true;
    }

    private async Task<IActionResult> Result(int id, WorkflowResult r, CancellationToken ct)
    {
        if (r.Ok) return Redirect($"/Applications/{id}");
        db.ChangeTracker.Clear();
        if (!await LoadAsync(id, ct)) return NotFound();
        Error = r.Message;
        Response.StatusCode = r.HttpStatus;
        return Page();
    }

    public async Task<IActionResult> OnPostMoveAsync(int id, int revision, string? to, string? note, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        // From expert review on, moves carry their own checks (panel, reviews, notice, objections, approval): only their pages make them.
        var current = await workflow.LoadAsync(id, WorkflowActor.From(HttpContext).Scope, ct);
        if (current is null) return await Result(id, WorkflowResult.NotFound(), ct);
        var stages = ApplicationWorkflow.StagesOf(workflow.PackOf(current));
        if (!HandledHere(stages, stages.Stage(current.StageId)!))
            return await Result(id, new(WorkflowStatus.Conflict, "该申报书已进入专家评审及以后的阶段，请在专家评审、会议研究、公示或批准认定页面办理。"), ct);
        return await Result(id, await workflow.MoveAsync(id, WorkflowActor.From(HttpContext), to ?? "", revision, note?.Trim() is { Length: > 0 } n ? n : null, ct: ct), ct);
    }

    public async Task<IActionResult> OnPostReturnAsync(int id, int revision, string? note, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        return await Result(id, await workflow.ReturnAsync(id, WorkflowActor.From(HttpContext), revision, note, ct), ct);
    }

    public async Task<IActionResult> OnGetFileAsync(int id, int file, [FromServices] AuditLog audit, CancellationToken ct)
    {
        var scope = WorkflowActor.From(HttpContext).Scope;
        if (!await db.Applications.VisibleTo(scope).AnyAsync(a => a.Id == id, ct)) return NotFound();
        var a = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == file && x.ApplicationId == id, ct);
        if (a is null) return NotFound();
        var bytes = await store.ReadVerifiedAsync(a, ct);
        if (bytes is null)
        {
            await audit.AppendAsync(HttpContext, new AuditRecord("下载附件", AuditOutcome.Failure, "附件", a.Id.ToString(),
                $"{a.FileName}：SM3 摘要校验不符或文件缺失，拒绝下载"), ct: ct);
            return new ContentResult
            {
                StatusCode = StatusCodes.Status409Conflict, ContentType = "text/plain; charset=utf-8",
                Content = "附件内容与登记的 SM3 摘要不一致（文件可能被篡改或损坏），已拒绝下载并记入审计日志。",
            };
        }
        await audit.AppendAsync(HttpContext, new AuditRecord("下载附件", AuditOutcome.Success, "附件", a.Id.ToString(), a.FileName), ct: ct);
        return File(bytes, a.ContentType, a.FileName);
    }
}
