using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Documents;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Applications;

/// <summary>
/// 申报书（已提交版本）: what was submitted, in full and read-only, for everyone who may see the case — the department
/// that recommends it, the bureau, the experts reviewing it (contacts masked) and the applicant; as a page, as one PDF
/// with its receipt number, and compared with another version.
/// </summary>
public sealed class VersionModel(AppDbContext db, CaseKernel kernel, PolicyCatalog catalog) : PageModel
{
    public Application App { get; private set; } = null!;
    public ApplicationVersion Version { get; private set; } = null!;
    public List<ApplicationVersion> Versions { get; private set; } = [];
    public IReadOnlyList<DocSection> Sections { get; private set; } = [];
    public SubmittedDocument.Header Header { get; private set; } = null!;
    public Verdict? Verdict { get; private set; }
    public PolicyPack Pack { get; private set; } = null!;
    /// <summary>Where this account acts on the case (the detail page, or an expert's review page).</summary>
    public string CaseUrl { get; private set; } = "";
    public List<Attachment> Files { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, int n, CancellationToken ct) => await LoadAsync(id, n, ct) ? Page() : NotFound();

    /// <summary>The whole application as one PDF — printed by Chromium, its attachments joined after it — named by its receipt number; the download is audited.</summary>
    public async Task<IActionResult> OnGetPdfAsync(int id, int n, [FromServices] AuditLog audit, [FromServices] AttachmentStore store, CancellationToken ct)
    {
        if (!await LoadAsync(id, n, ct)) return NotFound();
        var files = new List<ApplicationBundle.Enclosure>();
        foreach (var f in Files) files.Add(new(f, await store.ReadVerifiedAsync(f, ct)));
        var pdf = await ApplicationBundle.PrintAsync(Header, Sections, Verdict, files);
        await audit.AppendAsync(HttpContext, new AuditRecord("下载申报书PDF", AuditOutcome.Success, "申报书", id.ToString(),
            $"{Header.CenterName}：第 {Version.Number} 版，回执编号 {Version.ReceiptNumber}"), ct: ct);
        return File(pdf, "application/pdf", $"申报书-{Version.ReceiptNumber}.pdf");
    }

    public async Task<bool> LoadAsync(int id, int n, CancellationToken ct)
    {
        var actor = WorkflowActor.From(HttpContext);
        var ctx = await kernel.LoadAsync(id, actor, ct);
        if (ctx?.Detail is not Application app) return false;
        var v = await db.ApplicationVersions.AsNoTracking().FirstOrDefaultAsync(x => x.ApplicationId == id && x.Number == n, ct);
        if (v is null) return false;
        App = app;
        Version = v;
        Versions = await db.ApplicationVersions.AsNoTracking().Where(x => x.ApplicationId == id).OrderBy(x => x.Number).ToListAsync(ct);
        Pack = catalog.Versions(ctx.Case.JurisdictionId).FirstOrDefault(p => p.Version == v.PackVersion) ?? ctx.Pack;
        // The attachments submitted with this version: those uploaded before it was submitted.
        Files = await db.Attachments.AsNoTracking().Where(a => a.ApplicationId == id).OrderBy(a => a.Id).ToListAsync(ct);
        Files = Files.Where(a => a.UploadedAt <= v.SubmittedAt).ToList();
        var lead = ctx.Case.LeadUnit!;
        var name = SubmittedDocument.CenterName(v, app.CenterName);
        var expert = actor.Scope.Role == Roles.Expert;
        Sections = SubmittedDocument.Build(Pack, catalog.Vocabulary, v, lead, name, Files, maskContacts: expert);
        Header = new(name, lead.Name, lead.CreditCode, lead.Type.ToChinese(), v, Pack.Title, Pack.Document);
        var kept = await db.CaseVerdicts.AsNoTracking().Where(x => x.CaseId == id && x.Purpose == "提交" && x.Version == n).OrderByDescending(x => x.Id).FirstOrDefaultAsync(ct);
        Verdict = kept is null ? null : TechCenters.Policy.Verdict.FromJson(kept.VerdictJson);
        CaseUrl = expert ? $"/ExpertReviews/Review?id={id}" : $"/Applications/{id}";
        return true;
    }
}
