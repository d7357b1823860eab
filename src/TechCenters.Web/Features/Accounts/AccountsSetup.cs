using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TechCenters.Web.Data;

namespace TechCenters.Web.Features.Accounts;

/// <summary>Identity (password policy, lockout), the login cookie (30 min idle, 8 h absolute), role policies and the account pages.</summary>
public static class AccountsSetup
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan AbsoluteTimeout = TimeSpan.FromHours(8);
    public const int PasswordIterations = 210_000;
    public const string LoginPath = "/Accounts/Login";
    /// <summary>The Identity tables the schema holds (the design-time factories use the same).</summary>
    public static readonly Version IdentitySchema = IdentitySchemaVersions.Version3;

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                // Length and classes are checked by PasswordPolicyValidator with Chinese messages.
                o.Password.RequiredLength = PasswordPolicy.MinLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.Stores.SchemaVersion = IdentitySchema;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserManager<AppUserManager>()
            .AddClaimsPrincipalFactory<ScopeClaimsFactory>()
            .AddPasswordValidator<PasswordPolicyValidator>()
            .AddErrorDescriber<ChineseIdentityErrors>();
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = PasswordIterations);

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "TechCenters.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = LoginPath;
            o.LogoutPath = "/Accounts/Logout";
            o.AccessDeniedPath = "/Accounts/AccessDenied";
            o.ExpireTimeSpan = IdleTimeout;      // 30-minute idle limit (sliding)
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = EnforceAbsoluteLimit;
            // Each login cookie is a server-side session the security admin can see and end (Features/Security/Sessions).
            o.Events.OnSigningIn = Security.SessionRegistry.OnSigningIn;
            o.Events.OnSigningOut = Security.SessionRegistry.OnSigningOut;
        });
        // Cookie expiry and the security-stamp check follow the injected clock (FakeTimeProvider in tests).
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<TimeProvider>((o, time) => o.TimeProvider = time);
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((o, time) =>
        {
            o.TimeProvider = time;
            o.OnRefreshingPrincipal = ctx =>
            {
                // Keep the original sign-in instant and session when the principal is rebuilt, or the 8-hour limit would reset.
                foreach (var type in new[] { UserScope.IssuedAtClaim, Security.SessionRegistry.SessionClaim })
                {
                    var kept = ctx.CurrentPrincipal?.FindFirst(type);
                    if (kept is null || ctx.NewPrincipal?.Identity is not ClaimsIdentity id) continue;
                    foreach (var c in id.FindAll(type).ToList()) id.RemoveClaim(c);
                    id.AddClaim(new Claim(type, kept.Value));
                }
                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Web.Policies.Units, p => p.RequireRole(Roles.BureauOfficer, Roles.DepartmentOfficer, Roles.Applicant))
            .AddPolicy(Web.Policies.Audit, p => p.RequireRole(Roles.AuditAdmin))
            .AddPolicy(Web.Policies.Accounts, p => p.RequireRole(Roles.SystemAdmin))
            .AddPolicy(Web.Policies.Security, p => p.RequireRole(Roles.SecurityAdmin));

        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AllowAnonymousToPage("/Accounts/Login");
            o.Conventions.AllowAnonymousToPage("/Accounts/AccessDenied");
            o.Conventions.AuthorizePage("/Admin/Users", Web.Policies.Accounts);
            o.Conventions.AuthorizePage("/Admin/Security", Web.Policies.Security);
        });
        return services;
    }

    private static async Task EnforceAbsoluteLimit(CookieValidatePrincipalContext ctx)
    {
        var time = ctx.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var issued = ctx.Principal?.FindFirst(UserScope.IssuedAtClaim)?.Value;
        // The cookie's own limits first: a cookie past them is refused without asking the database.
        var open = issued is not null && long.TryParse(issued, NumberStyles.Integer, CultureInfo.InvariantCulture, out var secs)
            && time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(secs) < AbsoluteTimeout;
        if (open)
        {
            try
            {
                // Ended by logout elsewhere, a password change or the security admin.
                // The bell's unread count comes back in the same round trip (Features/Notifications/Bell).
                var userId = ctx.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
                var (ok, unread) = await ctx.HttpContext.RequestServices.GetRequiredService<Security.SessionRegistry>()
                    .CheckAsync(Security.SessionRegistry.IdOf(ctx.Principal), userId, ctx.HttpContext.RequestAborted);
                open = ok;
                if (unread is { } n) Notifications.Bell.Remember(ctx.HttpContext, n);
            }
            catch (Exception e) when (Infrastructure.DatabaseFailures.IsUnavailable(e))
            {
                // The database is gone, so the session cannot be checked: the request goes on and fails where it needs the
                // database, as the Chinese 503. Throwing here was a 500: the cookie handler caches this result for the request,
                // so the error page it is re-executed to failed the same way (seen while a standby was promoted).
                return;
            }
        }
        if (!open)
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(ctx);
    }
}
