using TechCenters.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.PublicNotices;

namespace TechCenters.Web.Features.Notices;

/// <summary>公示 (public, no login): the lists of proposed centers, with names of centers and units only.</summary>
public sealed class IndexModel(AppDbContext db, Clock clock) : PageModel
{
    public List<(PublicNotice Notice, string Jurisdiction, string Bureau)> Notices { get; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = clock.Today;
        var list = await db.PublicNotices.AsNoTracking().Include(n => n.Items).OrderByDescending(n => n.PublishedOn).ThenByDescending(n => n.Id).Take(100).ToListAsync(ct);
        var js = await db.Jurisdictions.AsNoTracking().ToDictionaryAsync(j => j.Id, ct);
        foreach (var n in list) Notices.Add((n, js[n.JurisdictionId].Name, js[n.JurisdictionId].BureauName));
    }
}
