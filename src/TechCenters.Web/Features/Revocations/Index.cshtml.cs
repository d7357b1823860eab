using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Changes;
using TechCenters.Web.Features.Shared;

namespace TechCenters.Web.Features.Revocations;

/// <summary>撤销认定: the revocation cases the account sees (the bureau opens them from a center).</summary>
public sealed class IndexModel(AppDbContext db, CaseKernel kernel) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int P { get; set; } = 1;
    public Page<DynamicRow> Rows { get; private set; } = null!;
    public string? FilterError { get; private set; }
    public bool CanOpen { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User);
        CanOpen = scope.Role == Roles.BureauOfficer;
        (Rows, FilterError) = await DynamicList.LoadAsync(this, db, kernel, scope, ProcessKinds.Revocation, State, Q, P, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) =>
        await DynamicList.ExportAsync(this, db, kernel, UserScope.From(User), ProcessKinds.Revocation, State, Q, "撤销认定", ct);
}
