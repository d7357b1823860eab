using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Features.Imports;

/// <summary>
/// 导入批次: the preview (every row, every error with row and column; checked again against the database on each view),
/// the confirmation (only of a batch without errors, naming the SHA-256 of the kept file), the progress while it runs and
/// the outcome. Only the account that uploaded it sees it; anyone else gets a 404.
/// </summary>
public sealed class BatchModel(AppDbContext db, Security.PersonalDataProtector protector, ImportRunner runner, AuditLog audit, Infrastructure.Clock clock) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    /// <summary>Only rows with errors.</summary>
    [BindProperty(SupportsGet = true)] public bool Wrong { get; set; }

    public ImportBatch Batch { get; private set; } = null!;
    public IImportKind Import { get; private set; } = null!;
    public IReadOnlyList<ImportRow> Rows { get; private set; } = [];
    public ILookup<int, ImportError> ErrorsByRow { get; private set; } = Array.Empty<ImportError>().ToLookup(e => e.Row);
    public IReadOnlyList<ImportError> Errors { get; private set; } = [];
    public IReadOnlyList<ImportRow> Shown { get; private set; } = [];
    public int PageCount { get; private set; } = 1;
    public int ShownTotal { get; private set; }
    public string? Error { get; private set; }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var me = UserScope.From(User).UserId;
        var batch = Id is { } id ? await db.ImportBatches.FirstOrDefaultAsync(b => b.Id == id && b.UserId == me, ct) : null;
        if (batch is null || ImportKinds.Find(batch.Kind) is not { } kind) return NotFound("导入批次不存在，或不是您上传的。");
        if (ImportScope.Of(User, kind) is null) return Forbid();
        (Batch, Import) = (batch, kind);
        return null;
    }

    /// <summary>Reads the kept file and checks every row against the database as it is now.</summary>
    private async Task CheckAsync(CancellationToken ct)
    {
        Rows = ImportFile.Read(Batch.Content, Import.Columns);
        var plan = await ImportKinds.CheckAsync(Import, db, protector, new ImportScope(Batch.JurisdictionId, Batch.UnitId), Rows, ct);
        Errors = plan.Errors;
        ErrorsByRow = plan.Errors.ToLookup(e => e.Row);
        if (Batch.Invalid != plan.InvalidRows)
        {
            Batch.Invalid = plan.InvalidRows;
            await db.SaveChangesAsync(ct);
        }
        var shown = Wrong ? Rows.Where(r => ErrorsByRow.Contains(r.Number)).ToList() : Rows;
        ShownTotal = shown.Count;
        PageCount = Math.Max(1, (ShownTotal + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Shown = shown.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        if (Batch.Status == ImportStatus.Previewed) await CheckAsync(ct);
        return Page();
    }

    /// <summary>Rows written of all, for the progress bar (polled); the status from the database once it is over.</summary>
    public async Task<IActionResult> OnGetProgressAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        var p = runner.Of(Batch.Id);
        return new JsonResult(new
        {
            status = Batch.Status.ToString(),
            statusName = ImportStatusNames.Name(Batch.Status),
            phase = p?.Phase,
            processed = Batch.Status == ImportStatus.Done ? Batch.Imported : p?.Processed ?? 0,
            total = p?.Total is > 0 ? p.Total : Batch.Total,
        });
    }

    /// <summary>确认导入: the batch must be waiting, without errors now, and the confirmation must name the kept file's SHA-256.</summary>
    public async Task<IActionResult> OnPostConfirmAsync([FromForm] string? hash, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        if (await LoadAsync(ct) is { } refused) return refused;
        if (Batch.Status != ImportStatus.Previewed)
            return await RefuseAsync(StatusCodes.Status409Conflict, $"该批次{ImportStatusNames.Name(Batch.Status)}，不能再次确认。", ct);
        if (!string.Equals(hash, Batch.FileHash, StringComparison.Ordinal))
            return await RefuseAsync(StatusCodes.Status400BadRequest, "确认的文件与预览的文件不一致（文件摘要不符），未导入任何数据。请重新打开预览后确认。", ct);
        await CheckAsync(ct);
        if (Errors.Count > 0)
            return await RefuseAsync(StatusCodes.Status400BadRequest, $"有 {Batch.Invalid} 行有误，不能导入。请修改文件后重新上传。", ct);
        var started = await db.ImportBatches.Where(b => b.Id == Batch.Id && b.Status == ImportStatus.Previewed)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportStatus.Running).SetProperty(b => b.StartedAt, clock.UtcNow), ct);
        if (started != 1) return await RefuseAsync(StatusCodes.Status409Conflict, "该批次已经确认过，不能再次确认。", ct);
        runner.Start(Batch.Id);
        return Redirect($"/Imports/Batch?id={Batch.Id}");
    }

    private async Task<IActionResult> RefuseAsync(int status, string message, CancellationToken ct)
    {
        await audit.AppendAsync(HttpContext, new AuditRecord($"确认导入{Import.Name}", AuditOutcome.Failure, Import.Name, Batch.Id.ToString(), message), ct: ct);
        Error = message;
        await db.Entry(Batch).ReloadAsync(ct);
        if (Batch.Status == ImportStatus.Previewed && Rows.Count == 0) await CheckAsync(ct);
        Response.StatusCode = status;
        return Page();
    }

    public string PageUrl(int page) => $"/Imports/Batch?id={Batch.Id}{(Wrong ? "&wrong=true" : "")}{(page > 1 ? $"&p={page}" : "")}";
}
