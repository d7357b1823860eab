using TechCenters.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.PublicNotices;

namespace TechCenters.Web.Features.Notices;

/// <summary>One notice (public) with the objection form: contact and reason, rate-limited per client address.</summary>
public sealed class DetailModel(AppDbContext db, RaiseObjection raise, Clock clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public int ItemId { get; set; }
    [BindProperty] public string? Contact { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [TempData] public string? Flash { get; set; }
    public string? Error { get; private set; }
    public PublicNotice? Notice { get; private set; }
    public string Bureau { get; private set; } = "";
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Notice is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await raise.RunAsync(ItemId, WorkflowActor.From(HttpContext), Contact, Reason, ct);
        HttpContext.Items[Audit.AuditMiddleware.HandledKey] = true; // the kernel audited it, a refusal too
        if (result.Ok)
        {
            Flash = "您的异议已收到，科技局将核查处理。";
            return Redirect($"/Notices/Detail?id={Id}");
        }
        Error = result.Message;
        Response.StatusCode = result.HttpStatus;
        await LoadAsync(ct);
        return Notice is null ? NotFound() : Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = clock.Today;
        Notice = await db.PublicNotices.AsNoTracking().Include(n => n.Items).FirstOrDefaultAsync(n => n.Id == Id, ct);
        if (Notice is not null)
            Bureau = await db.Jurisdictions.Where(j => j.Id == Notice.JurisdictionId).Select(j => j.BureauName).FirstAsync(ct);
    }
}
