using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Features.Imports;

/// <summary>
/// 导入 (one kind): the template to download, what each column takes, the upload, and this account's recent batches. An
/// upload is read and every row checked at once; the file is kept with the batch and the preview opens.
/// </summary>
public sealed class IndexModel(AppDbContext db, AuditLog audit, Security.PersonalDataProtector protector, Infrastructure.Clock clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }

    public IImportKind Import { get; private set; } = null!;
    public ImportScope Scope { get; private set; } = null!;
    public string? Error { get; private set; }
    public string? UnitName { get; private set; }
    public sealed record BatchSummary(Guid Id, string FileName, int Total, int Invalid, ImportStatus Status, int Imported, DateTimeOffset CreatedAt);
    public List<BatchSummary> Recent { get; private set; } = [];

    private IActionResult? Resolve()
    {
        if (ImportKinds.Find(Kind) is not { } kind) return NotFound("没有这种导入（可导入：申报单位、单位人员、专家）。");
        if (ImportScope.Of(User, kind) is not { } scope) return Forbid();
        (Import, Scope) = (kind, scope);
        return null;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var me = UserScope.From(User).UserId;
        Recent = await db.ImportBatches.AsNoTracking().Where(b => b.UserId == me && b.Kind == Import.Key)
            .OrderByDescending(b => b.CreatedAt).Take(10)
            .Select(b => new BatchSummary(b.Id, b.FileName, b.Total, b.Invalid, b.Status, b.Imported, b.CreatedAt)).ToListAsync(ct);
        if (Scope.UnitId is { } unit) UnitName = await db.Units.Where(u => u.Id == unit).Select(u => u.Name).FirstOrDefaultAsync(ct);
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Resolve() is { } refused) return refused;
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The template: the list's Chinese headings, a sheet of notes and one of the allowed values for this account.</summary>
    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken ct)
    {
        if (Resolve() is { } refused) return refused;
        var bytes = ImportFile.Template(Import.Name, Import.Columns, await Import.AllowedAsync(db, Scope, ct));
        return File(bytes, Lists.ListExport.ContentType, $"{Import.Name}导入模板.xlsx");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        if (Resolve() is { } refused) return refused;
        var files = Request.HasFormContentType ? Request.Form.Files : null;
        IFormFile? file = files is { Count: 1 } ? files[0] : null;
        byte[]? content = null;
        if (files is null || files.Count == 0) Error = "请选择要上传的导入文件（.xlsx）。";
        else if (files.Count > 1) Error = "一次只能上传一个导入文件。";
        else if (file!.Length > ImportFile.MaxBytes) Error = $"文件超过 {ImportFile.MaxBytes / 1024 / 1024} MB 的上限，请分批导入。";
        else
        {
            using var ms = new MemoryStream();
            await file.CopyToAsync(ms, ct);
            content = ms.ToArray();
        }
        List<ImportRow>? rows = null;
        if (content is not null)
        {
            try { rows = ImportFile.Read(content, Import.Columns); }
            catch (ImportFileException e) { Error = e.Message; }
        }
        if (rows is null)
        {
            await audit.AppendAsync(HttpContext, new AuditRecord($"上传{Import.Name}导入文件", AuditOutcome.Failure, Import.Name, null, Error), ct: ct);
            await LoadAsync(ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var plan = await ImportKinds.CheckAsync(Import, db, protector, Scope, rows, ct);
        var s = UserScope.From(User);
        var name = Path.GetFileName(file!.FileName ?? "");
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E' or '\u2066' or '\u2067' or '\u2068' or '\u2069')).ToArray());
        if (name.Length == 0) name = "导入文件.xlsx";
        if (name.Length > 200) name = name[^200..];
        var batch = new ImportBatch
        {
            Id = Guid.NewGuid(), Kind = Import.Key, JurisdictionId = Scope.JurisdictionId, UnitId = Scope.UnitId, UserId = s.UserId!, UserName = s.UserName,
            ClientAddress = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "本机", FileName = name,
            FileHash = Convert.ToHexStringLower(SHA256.HashData(content!)), Content = content!, Total = rows.Count, Invalid = plan.InvalidRows,
            CreatedAt = clock.UtcNow,
        };
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(HttpContext, new AuditRecord($"上传{Import.Name}导入文件", AuditOutcome.Success, Import.Name, batch.Id.ToString(),
            $"{batch.FileName}：{rows.Count} 行，{plan.InvalidRows} 行有误（待确认，尚未导入）"), ct: ct);
        return Redirect($"/Imports/Batch?id={batch.Id}");
    }
}
