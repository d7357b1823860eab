using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Features.Notifications;

/// <summary>
/// 到期提醒与逾期提醒, pure: what of an open case with a due date is due within an account's days or overdue on a day
/// (calendar days in the app's time zone). One reminder per case, stage, due date and kind: the key makes it once.
/// </summary>
public static class Reminders
{
    public sealed record Due(int CaseId, string Kind, DateOnly DueOn, string DedupKey);

    /// <summary>Null when nothing is to be said on <paramref name="today"/>; a due date <paramref name="days"/> days away or nearer is due, a past one overdue.</summary>
    public static Due? For(int caseId, string stageId, DateOnly? dueOn, DateOnly today, int days)
    {
        if (dueOn is not { } due) return null;
        if (due < today) return new(caseId, NotificationKinds.Overdue, due, $"overdue:{caseId}:{stageId}:{due:yyyyMMdd}");
        if (due.DayNumber - today.DayNumber <= days) return new(caseId, NotificationKinds.DueSoon, due, $"due:{caseId}:{stageId}:{due:yyyyMMdd}");
        return null;
    }

    public static string Title(Due d, string what, string title, DateOnly today) => d.Kind == NotificationKinds.Overdue
        ? $"已逾期：{what}“{title}”（办理期限{d.DueOn:yyyy-MM-dd}，已逾期{today.DayNumber - d.DueOn.DayNumber}天）"
        : d.DueOn == today ? $"今日到期：{what}“{title}”（办理期限{d.DueOn:yyyy-MM-dd}）"
        : $"即将到期：{what}“{title}”（办理期限{d.DueOn:yyyy-MM-dd}，还有{d.DueOn.DayNumber - today.DayNumber}天）";
}

/// <summary>
/// Writes the reminders of a day: every open case with a due date, to the accounts that hold it, by their own days
/// ahead. Each reminder is its own small transaction with its e-mail, and the unique (account, key) index refuses a
/// second one — so two instances running it at once still tell each account once.
/// </summary>
public sealed class ReminderRun(AppDbContext db, Clock clock, CaseKernel kernel, IEnumerable<ICaseKind> kinds, NotificationWriter writer)
{
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var today = clock.Today;
        var horizon = today.AddDays(NotificationSetting.MaxDueDays);
        var cases = await db.Cases.AsNoTracking().Where(c => c.Holder != null && c.ClosedAt == null && c.DueOn != null && c.DueOn <= horizon)
            .OrderBy(c => c.Id).ToListAsync(ct);
        var written = 0;
        foreach (var c in cases)
        {
            if (c.Holder == Actors.Public) continue;
            var users = await CaseRecipients.OfAsync(db, c, c.Holder!, ct);
            if (users.Count == 0) continue;
            var days = await db.Set<NotificationSetting>().Where(s => users.Contains(s.UserId)).ToDictionaryAsync(s => s.UserId, s => s.DueDays, ct);
            var link = CaseKernel.LinkFor(kinds, c, c.Holder!);
            foreach (var user in users)
            {
                if (Reminders.For(c.Id, c.StageId, c.DueOn, today, days.GetValueOrDefault(user, NotificationSetting.DefaultDueDays)) is not { } due) continue;
                var n = new Notification
                {
                    UserId = user, CaseId = c.Id, Kind = due.Kind, DedupKey = due.DedupKey, CreatedAt = clock.UtcNow, Link = link,
                    Title = Reminders.Title(due, kernel.KindName(c.Kind), c.Title, today),
                };
                if (await writer.TryAddOnceAsync(n, ct)) written++;
            }
        }
        return written;
    }
}
