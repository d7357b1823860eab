using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Features.Changes;

/// <summary>A change request: the matter, the verdict it would be approved under, evidence, the moves open to this account, its timeline.</summary>
public sealed class DetailModel(AppDbContext db, CaseKernel kernel, ChangeRequests changes, AttachmentStore store) : PageModel
{
    public sealed record Move(Transition Transition, Stage To);

    public CaseContext Ctx { get; private set; } = null!;
    public ChangeRequest Change { get; private set; } = null!;
    public Verdict Verdict { get; private set; } = null!;
    public ChangeKindsRule? Kinds { get; private set; }
    public List<TimelineItem> Timeline { get; private set; } = [];
    public List<Attachment> Files { get; private set; } = [];
    public List<Move> Moves { get; private set; } = [];
    public bool CanReturn { get; private set; }
    public bool CanEdit { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var ctx = await kernel.LoadAsync(id, WorkflowActor.From(HttpContext), ct);
        if (ctx is null || ctx.Case.Kind != ProcessKinds.ChangeRequest) return false;
        Ctx = ctx;
        Change = ctx.DetailAs<ChangeRequest>();
        Kinds = ChangeRequests.KindsOf(ctx.Pack);
        var kept = await db.CaseVerdicts.AsNoTracking().Where(v => v.CaseId == id && v.Purpose == "批准变更").OrderByDescending(v => v.Id).FirstOrDefaultAsync(ct);
        Verdict = kept is not null ? Verdict.FromJson(kept.VerdictJson) : ChangeRequests.VerdictOf(ctx.Pack, Change, ctx.Facts);
        Timeline = await TimelineView.LoadAsync(db, ctx, ct);
        Files = await db.Attachments.AsNoTracking().Where(a => a.CaseId == id).OrderBy(a => a.Id).ToListAsync(ct);
        CanEdit = ctx.Editable() is null;
        Moves = ctx.OpenMoves().Select(t => new Move(t, ctx.Process.Stage(t.To)!)).ToList();
        CanReturn = ctx.Case.Holder != ctx.Filer && ctx.Return("检查").Refusal is null;
        return true;
    }

    private async Task<IActionResult> Result(int id, WorkflowResult r, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true; // the kernel audited it, refusals included
        if (r.Ok) return Redirect($"/Changes/{id}");
        db.ChangeTracker.Clear();
        if (!await LoadAsync(id, ct)) return NotFound();
        Error = r.Message;
        Response.StatusCode = r.HttpStatus;
        return Page();
    }

    public async Task<IActionResult> OnPostMoveAsync(int id, int revision, string? to, string? note, CancellationToken ct) =>
        await Result(id, await changes.MoveAsync(id, WorkflowActor.From(HttpContext), revision, to, note, ct), ct);

    public async Task<IActionResult> OnPostReturnAsync(int id, int revision, string? note, CancellationToken ct) =>
        await Result(id, await changes.ReturnAsync(id, WorkflowActor.From(HttpContext), revision, note, ct), ct);

    public async Task<IActionResult> OnPostUploadAsync(int id, int revision, IFormFile? file, CancellationToken ct) =>
        await Result(id, await changes.AttachAsync(id, WorkflowActor.From(HttpContext), revision, file, ct), ct);

    public async Task<IActionResult> OnGetFileAsync(int id, int file, [FromServices] AuditLog audit, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var a = Files.FirstOrDefault(f => f.Id == file);
        if (a is null) return NotFound();
        var bytes = await store.ReadVerifiedAsync(a, ct);
        if (bytes is null) return new ContentResult { StatusCode = StatusCodes.Status409Conflict, ContentType = "text/plain; charset=utf-8", Content = "文件校验失败（SM3 摘要不符或文件缺失），已拒绝下载。" };
        await audit.AppendAsync(HttpContext, new AuditRecord("下载变更佐证材料", AuditOutcome.Success, "变更申请", id.ToString(), a.FileName), ct: ct);
        return File(bytes, a.ContentType, a.FileName);
    }
}
