using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Calls;
using TechCenters.Web.Features.Units;

using TechCenters.Web.Features.Revocations;
namespace TechCenters.Web.Data.Seed;

/// <summary>
/// Demo calls: one open call per jurisdiction whose regulation is in force today (a jurisdiction whose pack has
/// expired — 新疆's guideline ended 2025-01-26 — gets a closed call inside its period instead), and one revoked,
/// banned unit per jurisdiction whose pack has a re-application ban.
/// </summary>
public static class DemoCalls
{
    public static async Task SeedAsync(AppDbContext db, PolicyCatalog catalog, TechCenters.Web.Infrastructure.Clock clock, CancellationToken ct = default)
    {
        var today = clock.Today;
        var index = 0;
        foreach (var j in await db.Jurisdictions.AsNoTracking().OrderBy(j => j.Id).ToListAsync(ct))
        {
            if (await db.Calls.AnyAsync(c => c.JurisdictionId == j.Id, ct)) continue;
            var r = catalog.For(j.Id, today);
            var pack = r.Pack ?? r.Nearest;
            if (pack is null) continue;
            DateTimeOffset opens, closes;
            if (r.InForce)
            {
                opens = clock.FromLocal(today.AddDays(-7).ToDateTime(new TimeOnly(9, 0)));
                closes = clock.FromLocal(today.AddDays(45).ToDateTime(new TimeOnly(17, 30)));
            }
            else
            {
                var end = pack.EffectiveTo ?? pack.InForceFrom.AddYears(1);
                opens = clock.FromLocal(end.AddDays(-150).ToDateTime(new TimeOnly(9, 0)));
                closes = clock.FromLocal(end.AddDays(-100).ToDateTime(new TimeOnly(17, 30)));
            }
            var year = clock.ToLocal(opens).Year;
            db.Calls.Add(new Call
            {
                JurisdictionId = j.Id,
                Title = $"关于组织申报{year}年度{j.Name}技术创新中心的通知",
                PriorityFields = string.Join('\n', PriorityFields(index++)),
                Body = $"根据{Features.Shared.Readable.Document(pack.Title, pack.Document)}，现组织开展{year}年度{j.Name}技术创新中心申报工作。\n" +
                       "请符合条件的牵头（依托）单位联合共建单位，按本平台申报书与建设方案格式在线填报，并按规定程序报送。\n" +
                       "申报材料须真实、准确、完整，逾期不予受理。",
                OpensAt = opens.ToUniversalTime(), ClosesAt = closes.ToUniversalTime(),
                PackVersion = pack.Version, PackDocument = pack.Document, PublishedAt = opens.ToUniversalTime(), PublishedBy = "演示数据",
            });

            // A unit whose center was revoked last year: barred by the pack's ban rule, if it has one.
            if (pack.Rules.OfType<BanRule>().FirstOrDefault() is { } ban && !await db.Revocations.AnyAsync(x => x.JurisdictionId == j.Id, ct))
            {
                var unit = await db.Units.AsNoTracking().Where(u => u.JurisdictionId == j.Id && u.Type == UnitType.Enterprise)
                    .OrderByDescending(u => u.Id).FirstOrDefaultAsync(ct);
                if (unit is not null)
                    db.Revocations.Add(new Revocation
                    {
                        UnitId = unit.Id, JurisdictionId = j.Id, RevokedOn = today.AddYears(-1), Ground = ban.Grounds.FirstOrDefault() ?? "revoked",
                        Document = "演示：撤销认定决定", Note = $"演示数据：{ban.Title}（{ban.Article}）",
                    });
            }
        }
        await db.SaveChangesAsync(ct);
    }

    // Demo wording only: four of the catalog's industries, a different set for each jurisdiction.
    private static IEnumerable<string> PriorityFields(int index) =>
        Enumerable.Range(0, 4).Select(i => DemoCatalog.Industries[(index * 3 + i) % DemoCatalog.Industries.Length]);
}
