using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Shared;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Experts;

/// <summary>专家库 of the bureau's jurisdiction: search, filters (kind, field, status) in the URL, paging; contacts masked.</summary>
[Authorize(Roles = Roles.BureauOfficer)]
public sealed class IndexModel(AppDbContext db, Infrastructure.Clock clock) : PageModel
{
    public const int PageSize = 20;
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public ExpertiseKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Field { get; set; }
    /// <summary>available 可参评, paused 暂停参评, out 已出库; empty: all in the pool.</summary>
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public sealed record Row(Expert Expert, int Panels, int Relations);
    public Page<Row> Result { get; private set; } = new([], 1, PageSize, 0);
    public List<string> Fields { get; private set; } = [];
    public DateOnly Today => clock.Today;

    public string PageUrl(int page) => QueryHelpers(page);

    private string QueryHelpers(int page) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Experts", new Dictionary<string, string?>
        {
            ["q"] = Q, ["kind"] = Kind?.ToString(), ["field"] = Field, ["status"] = Status, ["p"] = page.ToString(),
        }.Where(p => !string.IsNullOrEmpty(p.Value)));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        PageNumber = Page<Row>.Clamp(PageNumber);
        var jurisdiction = UserScope.From(User).JurisdictionId;
        var pool = db.Experts.AsNoTracking().Where(e => e.JurisdictionId == jurisdiction);
        Fields = await pool.Select(e => e.Field).Distinct().OrderBy(f => f).ToListAsync(ct);
        if (!string.IsNullOrWhiteSpace(Q)) { var q = Q.Trim(); pool = pool.Where(e => e.Name.Contains(q) || e.Employer.Contains(q) || e.Field.Contains(q)); }
        if (Kind is { } k) pool = pool.Where(e => e.Kind == k);
        // A filter value that is not one of the choices is refused in Chinese, never read as "all".
        if (!string.IsNullOrWhiteSpace(Field) && !Fields.Contains(Field)) return BadRequest($"筛选条件“领域”的值“{Field}”不在本辖区专家库的领域中。");
        if (!string.IsNullOrEmpty(Status) && Status is not ("available" or "paused" or "out"))
            return BadRequest($"筛选条件“状态”的值“{Status}”无效：只能是“可参评”“暂停参评”或“已出库”。");
        if (!string.IsNullOrWhiteSpace(Field)) pool = pool.Where(e => e.Field == Field);
        var today = clock.Today;
        pool = Status switch
        {
            "available" => pool.Where(e => e.InPool && (e.Available || (e.UnavailableUntil != null && e.UnavailableUntil < today))),
            "paused" => pool.Where(e => e.InPool && !e.Available && (e.UnavailableUntil == null || e.UnavailableUntil >= today)),
            "out" => pool.Where(e => !e.InPool),
            _ => pool.Where(e => e.InPool),
        };
        var total = await pool.CountAsync(ct);
        var items = await pool.OrderBy(e => e.Kind).ThenBy(e => e.Name).ThenBy(e => e.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(e => new Row(e, db.PanelMembers.Count(m => m.ExpertId == e.Id), db.ExpertRelations.Count(r => r.ExpertId == e.Id)))
            .ToListAsync(ct);
        Result = new(items, PageNumber, PageSize, total);
        return Page();
    }
}
