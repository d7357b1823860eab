using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;

namespace TechCenters.Web.Features.Security;

/// <summary>
/// Server-side sessions behind the login cookie: created when the cookie is issued, checked on every request (an ended
/// session's cookie is refused), touched at most once a minute, ended by logout, by a password change or by the
/// security admin.
/// </summary>
public sealed class SessionRegistry(AppDbContext db, TimeProvider time)
{
    public const string SessionClaim = "tc:sid";
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    public async Task<string> StartAsync(ClaimsPrincipal principal, HttpContext http, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var ua = http.Request.Headers.UserAgent.ToString();
        var session = new UserSession
        {
            Id = Guid.NewGuid().ToString("N"), UserId = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
            UserName = principal.Identity?.Name ?? "", ClientAddress = http.Connection.RemoteIpAddress?.ToString() ?? "本机",
            UserAgent = ua.Length > 300 ? ua[..300] : ua, StartedAt = now, LastSeenAt = now,
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(ct);
        db.Entry(session).State = EntityState.Detached;
        return session.Id;
    }

    /// <summary>Whether the session is still open; records the activity (once a minute).</summary>
    public async Task<bool> CheckAsync(string? id, CancellationToken ct = default) => (await CheckAsync(id, null, ct)).Open;

    /// <summary>
    /// Whether the session is still open (read from the database on every request, so a session ended on any instance
    /// stops at once), and — in the same round trip — the bell's unread count of <paramref name="userId"/> (up to
    /// <see cref="Notifications.Bell.Limit"/>; null when no account is given, and then not counted at all). Records the
    /// activity once a minute.
    /// </summary>
    public async Task<(bool Open, int? Unread)> CheckAsync(string? id, string? userId, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(id)) return (false, null);
        // Compiled once per model (docs/performance.md): every signed-in request runs one of these two.
        var q = ByModel.GetValue(db.Model, _ => new Compiled());
        var s = userId is null ? await q.Alone(db, id, ct) : await q.WithBell(db, id, userId, ct);
        if (s is null || s.EndedAt is not null) return (false, null);
        var now = time.GetUtcNow();
        if (now - s.LastSeenAt >= TouchEvery)
            await db.UserSessions.Where(x => x.Id == id && x.EndedAt == null).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSeenAt, now), ct);
        return (true, userId is null ? null : s.Unread);
    }

    /// <summary>What the per-request check reads of a session (and the bell's count with it).</summary>
    public sealed record SessionState(DateTimeOffset? EndedAt, DateTimeOffset LastSeenAt, int Unread);

    /// <summary>
    /// The two compiled queries, per model: EF Core refuses to run a compiled query against a model other than the one it
    /// was compiled for, and a process has one model per provider and key ring (one in production, several in tests).
    /// </summary>
    private sealed class Compiled
    {
        public readonly Func<AppDbContext, string, CancellationToken, Task<SessionState?>> Alone = EF.CompileAsyncQuery(
            (AppDbContext db, string id, CancellationToken ct) => db.UserSessions.AsNoTracking().Where(x => x.Id == id)
                .Select(x => new SessionState(x.EndedAt, x.LastSeenAt, 0)).FirstOrDefault());

        public readonly Func<AppDbContext, string, string, CancellationToken, Task<SessionState?>> WithBell = EF.CompileAsyncQuery(
            (AppDbContext db, string id, string userId, CancellationToken ct) => db.UserSessions.AsNoTracking().Where(x => x.Id == id)
                .Select(x => new SessionState(x.EndedAt, x.LastSeenAt,
                    db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null).OrderBy(n => n.Id).Take(Notifications.Bell.Limit).Count()))
                .FirstOrDefault());
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, Compiled> ByModel = new();

    public async Task<UserSession?> EndAsync(string? id, string by, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(id)) return null;
        var s = await db.UserSessions.FirstOrDefaultAsync(x => x.Id == id && x.EndedAt == null, ct);
        if (s is null) return null;
        s.EndedAt = time.GetUtcNow();
        s.EndedBy = by;
        s.EndReason = reason;
        await db.SaveChangesAsync(ct);
        return s;
    }

    /// <summary>Open sessions: not ended, active within the idle limit and younger than the absolute limit.</summary>
    public async Task<List<UserSession>> OpenAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var rows = await db.UserSessions.AsNoTracking().Where(s => s.EndedAt == null).ToListAsync(ct);
        return rows.Where(s => now - s.LastSeenAt < AccountsSetup.IdleTimeout && now - s.StartedAt < AccountsSetup.AbsoluteTimeout)
            .OrderByDescending(s => s.LastSeenAt).ToList();
    }

    public static string? IdOf(ClaimsPrincipal? p) => p?.FindFirstValue(SessionClaim);

    /// <summary>Cookie event: a new login cookie gets a session row and its id as a claim.</summary>
    public static async Task OnSigningIn(CookieSigningInContext ctx)
    {
        if (ctx.Principal?.Identity is not ClaimsIdentity id || id.HasClaim(c => c.Type == SessionClaim)) return;
        var registry = ctx.HttpContext.RequestServices.GetRequiredService<SessionRegistry>();
        id.AddClaim(new Claim(SessionClaim, await registry.StartAsync(ctx.Principal, ctx.HttpContext)));
    }

    /// <summary>Cookie event: logging out (or a password change) ends the session.</summary>
    public static async Task OnSigningOut(CookieSigningOutContext ctx)
    {
        var registry = ctx.HttpContext.RequestServices.GetRequiredService<SessionRegistry>();
        await registry.EndAsync(IdOf(ctx.HttpContext.User), ctx.HttpContext.User.Identity?.Name ?? "", "退出登录");
    }
}
