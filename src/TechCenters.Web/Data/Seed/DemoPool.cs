using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Features.Experts;
using TechCenters.Web.Features.Notifications;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Data.Seed;

/// <summary>
/// Demo data of the expert pool and the notification centre, per jurisdiction: an expert paused, one with an integrity
/// finding in effect, a former employer declared with its year; and for every demo case held by someone, the 待您办理
/// notification the kernel writes when a case reaches its holder.
/// </summary>
public static class DemoPool
{
    public static async Task SeedAsync(AppDbContext db, Clock clock, IEnumerable<Features.Cases.ICaseKind> kinds, string jurisdiction, CancellationToken ct)
    {
        var today = clock.Today;
        var pool = await db.Experts.Include(e => e.Relations).Where(e => e.JurisdictionId == jurisdiction).OrderByDescending(e => e.Id).Take(3).ToListAsync(ct);
        if (pool.Count == 3)
        {
            pool[0].Available = false;
            pool[0].UnavailableUntil = today.AddMonths(2);
            pool[0].AvailabilityNote = "出国访学";
            pool[1].IntegrityFinding = "科研诚信案件处理决定：暂停评审专家资格两年";
            pool[1].IntegrityFindingUntil = today.AddYears(1);
            var unit = await db.Units.Where(u => u.JurisdictionId == jurisdiction && u.Id != pool[2].UnitId).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync(ct);
            pool[2].Relations.Add(new Features.Units.ExpertRelation
            {
                UnitId = unit, Kind = RelationKinds.FormerEmployer, Relation = "曾任职", EndedYear = today.Year - 2,
                DeclaredAt = clock.UtcNow, DeclaredBy = "演示数据",
            });
        }
        var cases = await db.Cases.AsNoTracking().Where(c => c.JurisdictionId == jurisdiction && c.Holder != null && c.ClosedAt == null).OrderBy(c => c.Id).ToListAsync(ct);
        foreach (var c in cases)
        {
            if (c.Holder == Policy.Rules.Actors.Public) continue;
            var link = Features.Cases.CaseKernel.LinkFor(kinds, c, c.Holder!);
            foreach (var user in await CaseRecipients.OfAsync(db, c, c.Holder!, ct))
                db.Notifications.Add(new Notification
                {
                    UserId = user, CaseId = c.Id, Kind = NotificationKinds.Assigned, CreatedAt = c.UpdatedAt, Link = link,
                    Title = $"待您办理：{c.Title}", Body = c.DueOn is { } due ? $"办理期限 {due:yyyy-MM-dd}" : null,
                });
        }
        await db.SaveChangesAsync(ct);
    }
}
