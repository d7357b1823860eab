using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Security;

namespace TechCenters.Web.Features.Evaluations;

/// <summary>
/// 评估结果通知 (PDF, or DOCX with handler=Docx): the bureau's once results are confirmed; anyone's once they are
/// published. Signed with SM2 when first issued, so a copy can be checked at /Verify.
/// </summary>
public sealed class ResultsNoticeModel(AppDbContext db, ResultsNoticeSource source, DocumentSigner signer, AuditLog audit) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await DocumentAsync(id, ct) is not { } doc) return NotFound();
        var bytes = await doc.ToPdfAsync();
        await AuditAsync("下载评估结果通知（PDF）", id, ct);
        return File(bytes, "application/pdf", $"评估结果通知-{id}.pdf");
    }

    public async Task<IActionResult> OnGetDocxAsync(int id, CancellationToken ct)
    {
        if (await DocumentAsync(id, ct) is not { } doc) return NotFound();
        await AuditAsync("下载评估结果通知（DOCX）", id, ct);
        return File(doc.ToDocx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"评估结果通知-{id}.docx");
    }

    private Task AuditAsync(string action, int id, CancellationToken ct) =>
        audit.AppendAsync(HttpContext, new AuditRecord(action, AuditOutcome.Success, "评估工作", id.ToString(CultureInfo.InvariantCulture)), ct: ct);

    private async Task<Documents.OfficialDocument?> DocumentAsync(int id, CancellationToken ct)
    {
        var c = await db.EvaluationCampaigns.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return null;
        var scope = UserScope.From(User);
        var mayRead = c.Status == CampaignStatus.Published
                      || (c.Status == CampaignStatus.Confirmed && scope.Role == Roles.BureauOfficer && scope.JurisdictionId == c.JurisdictionId);
        if (!mayRead || await source.DocumentAsync(c, ct) is not { } doc) return null;
        return await signer.SignedAsync(SignedKinds.EvaluationResults, ResultsNoticeSource.SubjectOf(id), doc, ct);
    }
}
