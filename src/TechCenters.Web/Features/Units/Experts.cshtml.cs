using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;

namespace TechCenters.Web.Features.Units;

/// <summary>专家库 of the bureau's jurisdiction: technical, management and finance experts with their declared relations.</summary>
[Authorize(Roles = Roles.BureauOfficer)]
public sealed class ExpertsModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public ExpertiseKind? Kind { get; set; }
    public List<Expert> Experts { get; private set; } = [];
    public Dictionary<ExpertiseKind, int> Counts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var jurisdiction = UserScope.From(User).JurisdictionId;
        var pool = db.Experts.AsNoTracking().Where(e => e.JurisdictionId == jurisdiction);
        Counts = await pool.GroupBy(e => e.Kind).ToDictionaryAsync(g => g.Key, g => g.Count(), ct);
        if (Kind is not null) pool = pool.Where(e => e.Kind == Kind);
        Experts = await pool.Include(e => e.Relations).ThenInclude(r => r.Unit).OrderBy(e => e.Kind).ThenBy(e => e.Name).Take(500).ToListAsync(ct);
    }
}
