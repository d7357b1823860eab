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
/// One application: its stage on the pack's path, the verdict (live for a draft, as kept for what was submitted), the
/// timeline this account may read, the submitted versions and attachments, and the moves open to this account.
/// </summary>
public sealed class DetailModel(AppDbContext db, CaseKernel kernel, MoveCase mover, AnswerJudgement judgements, AttachmentStore store) : PageModel
{
    public sealed record Move(Transition Transition, Stage To);

    public CaseContext Ctx { get; private set; } = null!;
    public Application App { get; private set; } = null!;
    public PolicyPack Pack => Ctx.Pack;
    public StagesRule Stages => Ctx.Process;
    public Stage Stage => Ctx.Stage;
    public List<TimelineItem> Timeline { get; private set; } = [];
    public List<ApplicationVersion> Versions { get; private set; } = [];
    public List<Attachment> Files { get; private set; } = [];
    public List<Move> Moves { get; private set; } = [];
    public bool CanReturn { get; private set; }
    public bool CanEdit { get; private set; }
    /// <summary>The verdict shown: live while the lead unit drafts, else the one kept when it was submitted.</summary>
    public Verdict Verdict { get; private set; } = null!;
    public CaseVerdict? Kept { get; private set; }
    /// <summary>Reasons of the verdict the text leaves to an officer (严重、原则上…), answered or not.</summary>
    public IReadOnlyList<Reason> Judgements { get; private set; } = [];
    public bool Officials { get; private set; }
    /// <summary>The page that makes this stage's moves, when another action owns them.</summary>
    public IStepHandler? Handler { get; private set; }
    public string? Error { get; private set; }
    /// <summary>What the last action did (推荐、退回…), shown once after its redirect.</summary>
    [TempData] public string? Flash { get; set; }
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
        var ctx = await kernel.LoadAsync(id, WorkflowActor.From(HttpContext), ct);
        if (ctx is null || ctx.Case.Kind != ProcessKinds.Application) return false;
        Ctx = ctx;
        App = ctx.DetailAs<Application>();
        Timeline = await TimelineView.LoadAsync(db, ctx, ct);
        Versions = await db.ApplicationVersions.AsNoTracking().Where(v => v.ApplicationId == id).OrderByDescending(v => v.Number).ToListAsync(ct);
        Files = await db.Attachments.AsNoTracking().Where(a => a.ApplicationId == id).OrderBy(a => a.Id).ToListAsync(ct);
        Kept = await db.CaseVerdicts.AsNoTracking().Where(v => v.CaseId == id && (v.Purpose == "提交" || v.Purpose == AnswerJudgement.Purpose))
            .OrderByDescending(v => v.Id).FirstOrDefaultAsync(ct);
        CanEdit = SaveApplicationDraft.Editable(ctx) is null;
        Verdict = Kept is not null && !CanEdit ? Policy.Verdict.FromJson(Kept.VerdictJson) : ApplicationRules.Panel(Pack, ctx.Facts);
        Judgements = AnswerJudgement.Open(judgements.VerdictOf(ctx)); // as the judgement page reads it
        Officials = ctx.Relation.ActsAs(Actors.Bureau) || ctx.Relation.ActsAs(Actors.Department);
        Visited = Timeline.SelectMany(t => new[] { t.Entry.FromStage, t.Entry.ToStage }).OfType<string>().ToHashSet();
        Handler = mover.HandlerOf(Stages, Stage);
        if (Handler is null && ctx.Case.Holder != ctx.Filer)
            Moves = ctx.OpenMoves().Where(t => t.Actor != ctx.Filer && Stages.Stage(t.To) is { IsWithdrawal: false })
                .Select(t => new Move(t, Stages.Stage(t.To)!)).ToList();
        CanReturn = Moves.Count > 0 && ctx.Return("检查").Refusal is null;
        return true;
    }

    private async Task<IActionResult> Result(int id, WorkflowResult r, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true; // the kernel audited it, refusals included
        if (r.Ok)
        {
            Flash = r.Message;
            return Redirect($"/Applications/{id}");
        }
        db.ChangeTracker.Clear();
        if (!await LoadAsync(id, ct)) return NotFound();
        Error = r.Message;
        Response.StatusCode = r.HttpStatus;
        return Page();
    }

    public async Task<IActionResult> OnPostMoveAsync(int id, int revision, string? to, string? note, CancellationToken ct) =>
        await Result(id, await mover.MoveAsync(id, WorkflowActor.From(HttpContext), to, revision, note, ct), ct);

    public async Task<IActionResult> OnPostReturnAsync(int id, int revision, string? note, CancellationToken ct) =>
        await Result(id, await mover.ReturnAsync(id, WorkflowActor.From(HttpContext), revision, note, ct), ct);

    public async Task<IActionResult> OnGetFileAsync(int id, int file, [FromServices] AuditLog audit, CancellationToken ct)
    {
        var scope = WorkflowActor.From(HttpContext).Scope;
        if (!await db.Applications.VisibleTo(db, scope).AnyAsync(a => a.Id == id, ct)) return NotFound();
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
