using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.Shared;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Features.Notifications;

/// <summary>通知中心: the account's own notifications only (anyone else's is a 404), newest first, unread marked.</summary>
public sealed class IndexModel(AppDbContext db, Clock clock) : PageModel
{
    public const int PageSize = 20;
    [BindProperty(SupportsGet = true)] public bool Unread { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public Page<Notification> Result { get; private set; } = new([], 1, PageSize, 0);
    public int UnreadCount { get; private set; }

    public string PageUrl(int page) => $"/Notifications?p={page}" + (Unread ? "&unread=true" : "");

    private IQueryable<Notification> Mine => db.Notifications.Where(n => n.UserId == UserScope.From(User).UserId);

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Page<Notification>.Clamp(PageNumber);
        UnreadCount = await Mine.CountAsync(n => n.ReadAt == null, ct);
        var q = Mine.AsNoTracking();
        if (Unread) q = q.Where(n => n.ReadAt == null);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(n => n.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Result = new(items, PageNumber, PageSize, total);
        Ended = await EndedAsync(items, ct);
    }

    /// <summary>
    /// The cases of 待您办理 notifications on this page that the account no longer reads (an entrustment withdrawn or ended, an
    /// expert's assignment ended): shown as 已结束，无需办理, without a link that would be a 404.
    /// </summary>
    public IReadOnlySet<int> Ended { get; private set; } = new HashSet<int>();

    public bool IsEnded(Notification n) => n.Kind == NotificationKinds.Assigned && n.CaseId is { } id && Ended.Contains(id);

    /// <summary>The cases of these 待您办理 notifications that the account no longer reads (one query; none asked, none made).</summary>
    private async Task<HashSet<int>> EndedAsync(IReadOnlyCollection<Notification> notifications, CancellationToken ct)
    {
        var asked = notifications.Where(n => n.Kind == NotificationKinds.Assigned && n.CaseId is not null).Select(n => n.CaseId!.Value).Distinct().ToList();
        if (asked.Count == 0) return [];
        var seen = await db.Cases.VisibleTo(db, UserScope.From(User)).Where(c => asked.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        return asked.Except(seen).ToHashSet();
    }

    /// <summary>Opens a notification: marks it read and goes to its case (a link inside the platform only).</summary>
    public async Task<IActionResult> OnPostOpenAsync(long id, CancellationToken ct)
    {
        var n = await Mine.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (n is null) return NotFound("通知不存在。");
        n.ReadAt ??= clock.UtcNow;
        await db.SaveChangesAsync(ct);
        // A case the account no longer reads: back to the list (which says it has ended), not to a 404.
        if ((await EndedAsync([n], ct)).Count > 0) return Redirect("/Notifications");
        return LocalRedirect(n.Link is { Length: > 1 } link && link[0] == '/' && link[1] != '/' && link[1] != '\\' ? link : "/Notifications");
    }

    public async Task<IActionResult> OnPostReadAsync(long id, CancellationToken ct)
    {
        var n = await Mine.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (n is null) return NotFound("通知不存在。");
        n.ReadAt ??= clock.UtcNow;
        await db.SaveChangesAsync(ct);
        return Redirect(PageUrl(Page<Notification>.Clamp(PageNumber)));
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var now = clock.UtcNow;
        await Mine.Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        return Redirect("/Notifications");
    }

    public static string Icon(string kind) => kind switch
    {
        NotificationKinds.Assigned => "ti-inbox",
        NotificationKinds.Returned => "ti-arrow-back-up",
        NotificationKinds.Decided => "ti-circle-check",
        NotificationKinds.DueSoon => "ti-clock",
        NotificationKinds.Overdue => "ti-alarm",
        _ => "ti-user-off",
    };

    public string When(DateTimeOffset t) => clock.ToLocal(t).ToString("yyyy-MM-dd HH:mm");
}
