using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;

namespace TechCenters.Web.Features.Notifications;

/// <summary>
/// E-mail for notifications: an account that chose “also by e-mail” and gave an address gets each of its notifications
/// as one message in the outbox, written in the same transaction as the notification (so one event, one message).
/// Without an SMTP server configured (<c>Mail:Host</c>) nothing is queued: notifications are in-app only.
/// </summary>
public sealed class NotificationMail(AppDbContext db, IConfiguration config, Infrastructure.Clock clock)
{
    public bool Configured => !string.IsNullOrWhiteSpace(config["Mail:Host"]);

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
            OUTBOX_PENDING(db, to, $"【技术创新中心管理平台】{n.Title}", Body(n), clock.UtcNow);
    }

    // Until the reliability branch's outbox (Features/Mail/OutboundEmail) is on main.
    private static void OUTBOX_PENDING(AppDbContext db, string to, string subject, string body, DateTimeOffset now) =>
        throw new NotSupportedException("发件箱尚未合入");

    public static string Body(Notification n) =>
        $"{n.Title}\n\n{n.Body}\n\n请登录技术创新中心建设运行管理平台查看：{n.Link}\n（本邮件由平台自动发送，可在“通知设置”中改为仅站内通知。）";
}
