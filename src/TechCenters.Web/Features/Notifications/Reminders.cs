using Microsoft.EntityFrameworkCore;
using Quartz;
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
public sealed class ReminderRun(AppDbContext db, Clock clock, CaseKernel kernel, IEnumerable<ICaseKind> kinds, NotificationWriter writer, ReminderSettings settings)
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
                if (Reminders.For(c.Id, c.StageId, c.DueOn, today, days.GetValueOrDefault(user, settings.DueDays)) is not { } due) continue;
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

/// <summary>
/// 到期与逾期提醒, the scheduled job (ADR 0009): once a day at <see cref="ReminderSettings.Hour"/> o'clock in the
/// deployment's time zone, <see cref="ReminderRun"/> for the day. Quartz fires it on one instance; a second run (a
/// missed firing made up, a run by hand, another instance) writes nothing new: each reminder has its unique key.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ReminderJob(ReminderRun run, ILogger<ReminderJob> log) : IJob
{
    public const string Key = "due-reminders";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct = default)
    {
        var written = await run.RunAsync(ct);
        if (written > 0) log.LogInformation("已发出 {Count} 条到期或逾期提醒", written);
    }

    /// <summary>The job's cron expression: every day at the hour, seconds and minutes zero.</summary>
    public static string Cron(int hour) => $"0 0 {hour} * * ?";
}

/// <summary>
/// 提醒设置: <c>Notifications:ReminderHour</c> (local hour of the daily run, 0–23, default 8) and
/// <c>Notifications:DueDays</c> (days ahead for accounts that have not chosen their own, 1–30, default 3).
/// </summary>
public sealed class ReminderSettings : SettingsBase
{
    public const int DefaultHour = 8;
    public int Hour { get; private set; } = DefaultHour;
    public int DueDays { get; private set; } = NotificationSetting.DefaultDueDays;

    public void Read(IConfiguration c)
    {
        Hour = Int(c, "Notifications:ReminderHour", DefaultHour, 0, 23);
        DueDays = Int(c, "Notifications:DueDays", NotificationSetting.DefaultDueDays, 1, NotificationSetting.MaxDueDays);
    }

    /// <summary>The hour read while the scheduler is being configured (a bad value is reported at start by <see cref="Read"/>).</summary>
    internal static int HourFrom(IConfiguration c) =>
        int.TryParse(c["Notifications:ReminderHour"], out var v) && v is >= 0 and <= 23 ? v : DefaultHour;
}
