using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Centers;

namespace TechCenters.Web.Features.Revocations;

/// <summary>启动撤销认定: the bureau picks a center and the grounds of its pack (article and exact wording) and states the facts.</summary>
public sealed class CreateModel(AppDbContext db, CaseKernel kernel, Revocations revocations) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? CenterId { get; set; }
    [BindProperty] public List<string> Grounds { get; set; } = [];
    [BindProperty] public string? FactsFound { get; set; }
    public List<Center> Centers { get; private set; } = [];
    public Center? Center { get; private set; }
    public PolicyPack? Pack { get; private set; }
    public IReadOnlyList<GroundRule> Options { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (UserScope.From(User).Role != Roles.BureauOfficer) return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true; // the kernel audits the opening and its refusals
        var r = await revocations.OpenAsync(WorkflowActor.From(HttpContext), new(CenterId ?? 0, Grounds, FactsFound), ct);
        if (r.Ok) return Redirect($"/Revocations/{r.CaseId}");
        await LoadAsync(ct);
        Error = r.Message;
        Response.StatusCode = r.HttpStatus;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User);
        Centers = await db.Centers.AsNoTracking().VisibleTo(db, scope).Where(c => c.Status != CenterStatus.Revoked).OrderBy(c => c.Name).Take(500).ToListAsync(ct);
        Center = Centers.FirstOrDefault(c => c.Id == CenterId);
        if (Center is null) return;
        Pack = kernel.Catalog.For(Center.JurisdictionId, kernel.Clock.Today) is { InForce: true, Pack: { } p } ? p : kernel.PackOf(Center.JurisdictionId, Center.PackVersion);
        Options = Revocations.GroundsOf(Pack);
    }
}
