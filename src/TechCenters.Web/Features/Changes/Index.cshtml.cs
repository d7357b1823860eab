using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Features.Shared;

namespace TechCenters.Web.Features.Changes;

/// <summary>变更申请: the change requests the account sees, and (for a center's lead unit) the centers it may file for.</summary>
public sealed class IndexModel(AppDbContext db, CaseKernel kernel) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int P { get; set; } = 1;
    public Page<DynamicRow> Rows { get; private set; } = null!;
    public string? FilterError { get; private set; }
    public List<Center> Filable { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User);
        (Rows, FilterError) = await DynamicList.LoadAsync(this, db, kernel, scope, ProcessKinds.ChangeRequest, State, Q, P, ct);
        if (scope.Role == Roles.Applicant && scope.UnitId is { } u)
            Filable = await db.Centers.AsNoTracking().Where(c => c.LeadUnitId == u && c.Status != CenterStatus.Revoked).OrderBy(c => c.Name).ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) =>
        await DynamicList.ExportAsync(this, db, kernel, UserScope.From(User), ProcessKinds.ChangeRequest, State, Q, "变更申请", ct);
}
