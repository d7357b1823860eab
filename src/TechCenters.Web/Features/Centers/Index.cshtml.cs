using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;

namespace TechCenters.Web.Features.Centers;

/// <summary>技术创新中心名录 (public): every recognized center with its lead unit, approval number and date.</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? J { get; set; }
    public List<Center> Centers { get; private set; } = [];
    public Dictionary<string, string> Jurisdictions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Jurisdictions = await db.Jurisdictions.AsNoTracking().OrderBy(j => j.Id).ToDictionaryAsync(j => j.Id, j => j.Name, ct);
        var q = db.Centers.AsNoTracking();
        if (!string.IsNullOrEmpty(J)) q = q.Where(c => c.JurisdictionId == J);
        Centers = await q.OrderByDescending(c => c.ApprovedOn).ThenBy(c => c.Id).Take(500).ToListAsync(ct);
    }
}
