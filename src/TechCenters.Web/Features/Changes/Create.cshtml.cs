using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Changes;

/// <summary>提出变更申请: the matters the center's pack lists, each with what it changes and the evidence the pack asks for.</summary>
public sealed class CreateModel(AppDbContext db, CaseKernel kernel, ChangeRequests changes) : PageModel
{
    [BindProperty(SupportsGet = true)] public int CenterId { get; set; }
    [BindProperty] public string? Matter { get; set; }
    [BindProperty] public string? ToValue { get; set; }
    [BindProperty] public int? NewUnitId { get; set; }
    [BindProperty] public List<int> CoreUnitIds { get; set; } = [];
    [BindProperty] public string? Reason { get; set; }
    public Center? Center { get; private set; }
    public ChangeKindsRule? Kinds { get; private set; }
    public string? Document { get; private set; }
    public List<Unit> Units { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true; // the kernel audits the filing and its refusals
        var r = await changes.FileAsync(WorkflowActor.From(HttpContext), new(CenterId, Matter, ToValue, NewUnitId, CoreUnitIds, Reason), ct);
        if (r.Ok) return Redirect($"/Changes/{r.CaseId}");
        if (!await LoadAsync(ct)) return NotFound();
        Error = r.Message;
        Response.StatusCode = r.HttpStatus;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User);
        Center = await db.Centers.AsNoTracking().VisibleTo(db, scope).Include(c => c.CoBuilders).ThenInclude(b => b.Unit).AsSplitQuery().FirstOrDefaultAsync(c => c.Id == CenterId, ct);
        if (Center is null) return false;
        var found = kernel.Catalog.For(Center.JurisdictionId, kernel.Clock.Today);
        var pack = found is { InForce: true, Pack: { } inForce } ? inForce : kernel.PackOf(Center.JurisdictionId, Center.PackVersion);
        Kinds = ChangeRequests.KindsOf(pack);
        Document = pack.Document;
        Units = await db.Units.AsNoTracking().Where(u => u.JurisdictionId == Center.JurisdictionId && u.Id != Center.LeadUnitId).OrderBy(u => u.Name).Take(500).ToListAsync(ct);
        return true;
    }
}
