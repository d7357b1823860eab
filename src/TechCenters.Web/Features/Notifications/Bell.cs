using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;

namespace TechCenters.Web.Features.Notifications;

/// <summary>
/// The layout's bell: the signed-in account's unread notifications, counted up to <see cref="Limit"/> (the badge says
/// 99+) on the (UserId, ReadAt) index. The session check counts them in its own round trip at the start of the request
/// (<see cref="Security.SessionRegistry"/>); a GET uses that count, as nothing a GET does marks a notification read or
/// writes one. Any other request (a POST that renders its page again) counts afresh, after what it changed. Both count
/// in Id order: the count is the same either way, but a limit without an order is a warning in the operator's log.
/// </summary>
public static class Bell
{
    public const int Limit = 100;
    private const string Key = "tc:bell-unread";

    /// <summary>Keeps the count read with the session check for this request.</summary>
    public static void Remember(HttpContext http, int unread) => http.Items[Key] = unread;

    public static async Task<int> UnreadAsync(HttpContext http, AppDbContext db, string userId)
    {
        if ((HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) && http.Items[Key] is int known) return known;
        return await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null).OrderBy(n => n.Id).Take(Limit).CountAsync(http.RequestAborted);
    }
}
