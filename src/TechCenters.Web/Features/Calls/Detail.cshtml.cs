using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Features.Calls;

/// <summary>One call (public), with its attachments; an applicant of the jurisdiction starts its application here.</summary>
[AllowAnonymous]
public sealed class DetailModel(AppDbContext db, TimeProvider time, CreateApplication create, PublishCall publish) : PageModel
{
    [TempData] public string? Flash { get; set; }
    /// <summary>The bureau that published it may still correct or withdraw it (no application yet); else why not (null for other roles).</summary>
    public bool CanChange { get; private set; }
    public string? WhyFixed { get; private set; }
    [BindProperty] public string? Reason { get; set; }
    public Call Call { get; private set; } = null!;
    public string JurisdictionName { get; private set; } = "";
    public List<Attachment> Files { get; private set; } = [];
    public UserScope Scope { get; private set; } = null!;
    public bool IsOpen { get; private set; }
    public int? ExistingApplicationId { get; private set; }
    public bool CanApply { get; private set; }
    public string? Error { get; private set; }
    [BindProperty] public string? CenterName { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Scope = UserScope.From(User);
        var call = await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (call is null) return false;
        Call = call;
        JurisdictionName = await db.Jurisdictions.Where(j => j.Id == call.JurisdictionId).Select(j => j.Name).FirstAsync(ct);
        Files = await db.Attachments.AsNoTracking().Where(a => a.CallId == id).OrderBy(a => a.Id).ToListAsync(ct);
        IsOpen = call.IsOpen(time.GetUtcNow());
        if (Scope.Role == Roles.BureauOfficer && Scope.JurisdictionId == call.JurisdictionId)
        {
            var (_, refusal) = await publish.ChangeableAsync(WorkflowActor.From(HttpContext), id, "更正或撤回", ct);
            CanChange = refusal is null;
            WhyFixed = refusal?.Message;
        }
        if (Scope.Role == Roles.Applicant && Scope.JurisdictionId == call.JurisdictionId)
        {
            ExistingApplicationId = await db.Applications.Where(a => a.CallId == id && a.Case.LeadUnitId == Scope.UnitId).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
            CanApply = IsOpen && ExistingApplicationId is null;
        }
        return true;
    }

    public async Task<IActionResult> OnPostApplyAsync(int id, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        var result = await create.RunAsync(id, WorkflowActor.From(HttpContext), CenterName, ct);
        if (result.Outcome.Ok) return Redirect($"/Applications/{result.ApplicationId}/Edit");
        if (!await LoadAsync(id, ct)) return NotFound();
        Error = result.Outcome.Message;
        Response.StatusCode = result.Outcome.HttpStatus;
        return Page();
    }

    /// <summary>撤回: the publishing bureau withdraws the call, with a reason, while no application has been made under it.</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(int id, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        var result = await publish.WithdrawAsync(WorkflowActor.From(HttpContext), id, Reason, ct);
        if (result.Outcome.Ok)
        {
            Flash = result.Outcome.Message;
            return Redirect($"/Calls/{id}");
        }
        if (!await LoadAsync(id, ct)) return NotFound();
        Error = result.Outcome.Message;
        Response.StatusCode = result.Outcome.HttpStatus;
        return Page();
    }

    public async Task<IActionResult> OnGetFileAsync(int id, int file, [FromServices] AttachmentStore store, [FromServices] AuditLog audit, CancellationToken ct)
    {
        var a = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == file && x.CallId == id, ct);
        if (a is null) return NotFound();
        var bytes = await store.ReadVerifiedAsync(a, ct);
        if (bytes is null)
        {
            await audit.AppendAsync(HttpContext, new AuditRecord("下载附件", AuditOutcome.Failure, "附件", a.Id.ToString(), $"{a.FileName}：SM3 摘要校验不符，拒绝下载"), ct: ct);
            return StatusCode(StatusCodes.Status409Conflict, "附件内容与登记的 SM3 摘要不一致（文件可能被篡改或损坏），已拒绝下载并记入审计日志。");
        }
        return File(bytes, a.ContentType, a.FileName);
    }
}
