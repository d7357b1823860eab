using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;

namespace TechCenters.Web.Features.Notifications;

/// <summary>
/// The one way notifications are written outside a case's own transaction (reminders): the notification and, where the
/// account asked for e-mail, its message, in one transaction; a duplicate (same account and key) is refused by the
/// unique index and nothing is written.
/// </summary>
public sealed class NotificationWriter(AppDbContext db, NotificationMail mail)
{
    public async Task<bool> TryAddOnceAsync(Notification n, CancellationToken ct = default)
    {
        if (n.DedupKey is not null && await db.Notifications.AnyAsync(x => x.UserId == n.UserId && x.DedupKey == n.DedupKey, ct)) return false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.Notifications.Add(n);
            await mail.EnqueueAsync([n], ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance wrote the same reminder first.
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
