using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Experts;

/// <summary>
/// The fields of a jurisdiction's technical experts in the pool, which a draw may ask for (专家抽取, 评估专家): a DISTINCT
/// over the pool that changes rarely, kept a minute under one key for every form that offers them, as the lists keep theirs.
/// </summary>
public static class TechnicalFields
{
    public static Task<List<string>> ChoicesAsync(AppDbContext db, IMemoryCache cache, Infrastructure.Clock clock, string? jurisdiction, CancellationToken ct)
    {
        var inPool = true; // compared as a value, so SQLite walks (JurisdictionId, InPool, Kind, …) in order
        return Lists.ListPageModel.ChoicesAsync(cache, ("technical-fields", jurisdiction), () => db.Experts.AsNoTracking()
            .Where(e => e.JurisdictionId == jurisdiction && e.Kind == ExpertiseKind.Technical && e.InPool == inPool)
            .Select(e => e.Field).Distinct().OrderBy(f => f).ToListAsync(ct), null, clock.UtcNow);
    }
}
