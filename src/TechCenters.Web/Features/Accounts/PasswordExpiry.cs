using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Features.Accounts;

/// <summary>
/// 口令定期更换 (Security:PasswordMaxAgeDays, 0 = off): an account whose password is older signs in to the password page
/// only; every other page sends it there until the password is changed.
/// </summary>
public static class PasswordExpiry
{
    public const string Claim = "tc:pwd-expired";
    public const string PasswordPath = "/Accounts/Password";

    public static bool IsExpired(AppUser user, SessionSettings settings, DateTimeOffset now) =>
        settings.PasswordMaxAgeDays > 0 && now - (user.PasswordChangedAt ?? user.CreatedAt) >= TimeSpan.FromDays(settings.PasswordMaxAgeDays);

    private static readonly string[] Open = [PasswordPath, "/Accounts/Logout", "/Accounts/Login", "/Status", "/Error", "/lib", "/css", "/js", "/favicon.svg"];

    public static IApplicationBuilder UsePasswordExpiry(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        if (ctx.User.HasClaim(c => c.Type == Claim) && !Open.Any(p => ctx.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            ctx.Response.Redirect(PasswordPath + "?expired=1");
            return;
        }
        await next();
    });
}
