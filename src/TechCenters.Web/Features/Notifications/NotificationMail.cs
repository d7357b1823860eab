using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;

namespace TechCenters.Web.Features.Notifications;

/// <summary>
/// E-mail for notifications: an account that chose “also by e-mail” and gave an address gets each of its notifications
/// as one message in the outbox, written in the same transaction as the notification (so one event, one message).
/// Without an SMTP server configured (<c>Mail:Host</c>) nothing is queued: notifications are in-app only.
/// </summary>
public sealed class NotificationMail(AppDbContext db)
{
    /// <summary>
    /// Whether e-mail can be sent: this build has no e-mail outbox yet (it comes with the reliability work, issue 16), so
    /// notifications are in-app only and the settings page says so.
    /// </summary>
    public bool Configured => false;

    /// <summary>Pure: which notifications go by e-mail, to which address.</summary>
    public static IEnumerable<(Notification Notification, string To)> Recipients(IEnumerable<Notification> notifications,
        IReadOnlyDictionary<string, NotificationSetting> settings, bool configured) =>
        configured
            ? notifications.Select(n => (n, s: settings.GetValueOrDefault(n.UserId)))
                .Where(x => x.s is { ByEmail: true, Email.Length: > 0 }).Select(x => (x.n, x.s!.Email!))
            : [];

    public async Task EnqueueAsync(IReadOnlyCollection<Notification> notifications, CancellationToken ct = default)
    {
        if (!Configured || notifications.Count == 0) return;
        var users = notifications.Select(n => n.UserId).Distinct().ToList();
        var settings = await db.Set<NotificationSetting>().AsNoTracking().Where(s => users.Contains(s.UserId) && s.ByEmail).ToDictionaryAsync(s => s.UserId, ct);
        foreach (var (n, to) in Recipients(notifications, settings, Configured))
            throw new InvalidOperationException($"邮件发件箱尚未接入，不能向 {to} 发送“{n.Title}”");
    }

    public static string Body(Notification n) =>
        $"{n.Title}\n\n{n.Body}\n\n请登录技术创新中心建设运行管理平台查看：{n.Link}\n（本邮件由平台自动发送，可在“通知设置”中改为仅站内通知。）";
}
