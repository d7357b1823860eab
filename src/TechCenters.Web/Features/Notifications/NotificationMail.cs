using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Mail;

namespace TechCenters.Web.Features.Notifications;

/// <summary>
/// E-mail for notifications: an account that chose “also by e-mail” and gave an address gets each of its notifications
/// as one message in the outbox, written in the same transaction as the notification (so one event, one message).
/// Without an SMTP server configured (<c>Mail:Host</c>) nothing is queued: notifications are in-app only.
/// The messages go into the outbox (<see cref="OutboundEmail"/>) and <see cref="OutboxDispatchJob"/> sends each once.
/// </summary>
public sealed class NotificationMail(AppDbContext db, MailSettings settings, TimeProvider time)
{
    /// <summary>
    /// Whether e-mail can be sent: the one setting the outbox's sender reads (<c>Mail:Host</c>, <see cref="MailSettings.Enabled"/>);
    /// without it notifications are in-app only and the settings page says so.
    /// </summary>
    public bool Configured => settings.Enabled;

    /// <summary>Pure: which notifications go by e-mail, to which address.</summary>
    public static IEnumerable<(Notification Notification, string To)> Recipients(IEnumerable<Notification> notifications,
        IReadOnlyDictionary<string, NotificationSetting> settings, bool configured) =>
        configured
            ? notifications.Select(n => (n, s: settings.GetValueOrDefault(n.UserId)))
                .Where(x => x.s is { ByEmail: true, Email.Length: > 0 }).Select(x => (x.n, x.s!.Email!))
            : [];

    /// <summary>
    /// Adds one outbox row per notification whose account asked for e-mail, to the caller's unit of work: it is written
    /// by the caller's <c>SaveChanges</c> in the caller's transaction, so a rolled-back event sends nothing.
    /// </summary>
    public async Task<int> EnqueueAsync(IReadOnlyCollection<Notification> notifications, CancellationToken ct = default)
    {
        if (!Configured || notifications.Count == 0) return 0;
        var users = notifications.Select(n => n.UserId).Distinct().ToList();
        var chosen = await db.Set<NotificationSetting>().AsNoTracking().Where(s => users.Contains(s.UserId) && s.ByEmail).ToDictionaryAsync(s => s.UserId, ct);
        var now = time.GetUtcNow();
        var queued = 0;
        foreach (var (n, to) in Recipients(notifications, chosen, Configured))
        {
            OutboundEmail.Enqueue(db, to, Subject(n), Body(n), now);
            queued++;
        }
        return queued;
    }

    /// <summary>The subject: the platform's name and the notification's title, within the outbox's 200 characters.</summary>
    public static string Subject(Notification n)
    {
        var s = $"【技术创新中心平台】{n.Title}";
        return s.Length <= 200 ? s : s[..199] + "…";
    }

    public static string Body(Notification n) =>
        $"{n.Title}\n\n{n.Body}\n\n请登录技术创新中心建设运行管理平台查看：{n.Link}\n（本邮件由平台自动发送，可在“通知设置”中改为仅站内通知。）";
}
