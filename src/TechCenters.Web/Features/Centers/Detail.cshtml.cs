using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Approvals;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Features.Centers;

/// <summary>The center's page (public) and its approval notice as DOCX and PDF (the bureau and the lead unit).</summary>
public sealed class DetailModel(AppDbContext db, CaseKernel kernel, AuditLog audit, Security.DocumentSigner signer) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    public Center? Center { get; private set; }
    public string JurisdictionName { get; private set; } = "";
    public string BureauName { get; private set; } = "";
    public bool CanDownload { get; private set; }
    [TempData] public string? Flash { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnGetDocxAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!CanDownload) return StatusCode(403, "批准通知仅限科技局和牵头单位下载。");
        var bytes = (await SignedNoticeAsync(ct)).ToDocx();
        await audit.AppendAsync(HttpContext, new AuditRecord("下载批准通知（DOCX）", "成功", "技术创新中心", Id.ToString()), ct: ct);
        return File(bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"批准通知-{Center!.Id}.docx");
    }

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!CanDownload) return StatusCode(403, "批准通知仅限科技局和牵头单位下载。");
        var bytes = await (await SignedNoticeAsync(ct)).ToPdfAsync();
        await audit.AppendAsync(HttpContext, new AuditRecord("下载批准通知（PDF）", "成功", "技术创新中心", Id.ToString()), ct: ct);
        return File(bytes, "application/pdf", $"批准通知-{Center!.Id}.pdf");
    }

    /// <summary>The notice signed with the platform's SM2 key (once, when first generated), with its verification line.</summary>
    public Task<Documents.OfficialDocument> SignedNoticeAsync(CancellationToken ct) =>
        signer.SignedAsync(Security.SignedKinds.ApprovalNotice, Security.ApprovalNoticeSource.SubjectOf(Center!), Notice(), ct);

    public Documents.OfficialDocument Notice() => ApprovalNotice.For(Center!, kernel.PackOf(Center!.JurisdictionId, Center.PackVersion), BureauName);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Center = await db.Centers.AsNoTracking().Include(c => c.CoBuilders).ThenInclude(b => b.Unit).FirstOrDefaultAsync(c => c.Id == Id, ct);
        if (Center is null) return false;
        var j = await db.Jurisdictions.AsNoTracking().FirstAsync(x => x.Id == Center.JurisdictionId, ct);
        (JurisdictionName, BureauName) = (j.Name, j.BureauName);
        var s = UserScope.From(User);
        CanDownload = (s.Role == Roles.BureauOfficer && s.JurisdictionId == Center.JurisdictionId) || (s.Role == Roles.Applicant && s.UnitId == Center.LeadUnitId);
        return true;
    }
}
