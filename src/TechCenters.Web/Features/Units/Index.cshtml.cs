using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Shared;

namespace TechCenters.Web.Features.Units;

public sealed record UnitRow(int Id, string Name, string CreditCode, UnitType Type, string? Department, string Region, int People);

public sealed class IndexModel(AppDbContext db) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public UnitType? Type { get; set; }
    [BindProperty(SupportsGet = true)] public int? Dept { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Page<UnitRow> Result { get; private set; } = null!;
    public List<(int Id, string Name)> Departments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User);
        var query = db.Units.AsNoTracking().VisibleTo(scope);
        var q = Q?.Trim();
        if (!string.IsNullOrEmpty(q))
        {
            if (q.Length > 100) q = q[..100];
            query = query.Where(u => u.Name.Contains(q) || u.CreditCode.StartsWith(q.ToUpperInvariant()));
        }
        if (Type is not null) query = query.Where(u => u.Type == Type);
        if (Dept is not null) query = query.Where(u => u.DepartmentId == Dept);

        PageNumber = Page<UnitRow>.Clamp(PageNumber);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(u => u.Name).ThenBy(u => u.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(u => new UnitRow(u.Id, u.Name, u.CreditCode, u.Type, u.Department != null ? u.Department.Name : null, u.Region, u.People.Count))
            .ToListAsync(ct);
        Result = new Page<UnitRow>(rows, PageNumber, PageSize, total);

        if (scope.Role == Roles.BureauOfficer)
            Departments = (await db.Departments.AsNoTracking().Where(d => d.JurisdictionId == scope.JurisdictionId).OrderBy(d => d.Id)
                .Select(d => new { d.Id, d.Name }).ToListAsync(ct)).Select(d => (d.Id, d.Name)).ToList();
    }

    public string PageUrl(int page) => "/Units" + QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q, ["type"] = Type?.ToString(), ["dept"] = Dept?.ToString(), ["p"] = page.ToString(),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();
}
