using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TechCenters.Web.Data;
using TechCenters.Web.Data.Seed;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Infrastructure;
using TechCenters.Web.Features.ExpertReviews;

namespace TechCenters.Web;

/// <summary>Service registration and the HTTP pipeline, shared by the web server and the admin commands.</summary>
public static class AppSetup
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan AbsoluteTimeout = TimeSpan.FromHours(8);
    public const int PasswordIterations = 210_000;
    public const string LoginPath = "/Accounts/Login";
    public const string ObjectionPath = "/Notices";

    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        ConfigureServices(builder.Services, builder.Configuration, builder.Environment);
        return builder;
    }

    public static void ConfigureServices(IServiceCollection services, IConfiguration config, IWebHostEnvironment env)
    {
        services.TryAddSingleton(TimeProvider.System);
        // Emit Chinese as UTF-8 text instead of &#x..; entities.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAppDatabase();
        services.AddMemoryCache();
        services.AddSingleton<ICryptoProvider, BouncyCastleCryptoProvider>();
        services.AddSingleton<AuditClock>();
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditVerifier>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<SyntheticSeeder>();
        services.AddHostedService<DatabaseInitializer>();
        services.AddApplying(config);
        services.AddSelecting(config);
        // Keys that protect the login and antiforgery cookies survive restarts (an ignored folder by default).
        services.AddDataProtection()
            .SetApplicationName("TechCenters")
            .PersistKeysToFileSystem(new DirectoryInfo(config["DataProtection:KeysPath"] is { Length: > 0 } path
                ? path : Path.Combine(env.ContentRootPath, "App_Data", "keys")));

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
                // Pinned: the committed migration scripts were generated from this schema version.
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
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
        });
        // Cookie expiry and the security-stamp check follow the injected clock (FakeTimeProvider in tests).
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<TimeProvider>((o, time) => o.TimeProvider = time);
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((o, time) =>
        {
            o.TimeProvider = time;
            o.OnRefreshingPrincipal = ctx =>
            {
                // Keep the original sign-in instant when the principal is rebuilt, or the 8-hour limit would reset.
                var issued = ctx.CurrentPrincipal?.FindFirst(UserScope.IssuedAtClaim);
                if (issued is not null && ctx.NewPrincipal?.Identity is ClaimsIdentity id)
                {
                    foreach (var c in id.FindAll(UserScope.IssuedAtClaim).ToList()) id.RemoveClaim(c);
                    id.AddClaim(new Claim(UserScope.IssuedAtClaim, issued.Value));
                }
                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Units, p => p.RequireRole(Roles.BureauOfficer, Roles.DepartmentOfficer, Roles.Applicant))
            .AddPolicy(Policies.Audit, p => p.RequireRole(Roles.AuditAdmin))
            .AddPolicy(Policies.Accounts, p => p.RequireRole(Roles.SystemAdmin))
            .AddPolicy(Policies.Security, p => p.RequireRole(Roles.SecurityAdmin));

        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                o.Conventions.AuthorizeFolder("/");
                o.Conventions.AllowAnonymousToPage("/Accounts/Login");
                o.Conventions.AllowAnonymousToPage("/Accounts/AccessDenied");
                o.Conventions.AllowAnonymousToPage("/Error");
                o.Conventions.AllowAnonymousToPage("/Status");
                // 公示 and the public directory of centers are open to everyone (社会公众).
                o.Conventions.AllowAnonymousToFolder("/Notices");
                o.Conventions.AllowAnonymousToPage("/Centers/Index");
                o.Conventions.AllowAnonymousToPage("/Centers/Detail");
                o.Conventions.AuthorizeFolder("/Units", Policies.Units);
                o.Conventions.AuthorizeFolder("/Audit", Policies.Audit);
                o.Conventions.AuthorizePage("/Admin/Users", Policies.Accounts);
                o.Conventions.AuthorizePage("/Admin/Security", Policies.Security);
            })
            .AddMvcOptions(o => ChineseModelBindingMessages.Apply(o.ModelBindingMessageProvider));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "TechCenters.Antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.HeaderName = "X-CSRF-TOKEN";
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((o, cfg) =>
        {
            var permits = cfg.GetValue("Security:LoginRateLimit:PermitLimit", 10);
            var window = TimeSpan.FromSeconds(cfg.GetValue("Security:LoginRateLimit:WindowSeconds", 60));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only login attempts are limited, per client address; everything else passes.
            var objectionPermits = cfg.GetValue("Security:ObjectionRateLimit:PermitLimit", 5);
            var objectionWindow = TimeSpan.FromSeconds(cfg.GetValue("Security:ObjectionRateLimit:WindowSeconds", 3600));
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                HttpMethods.IsPost(ctx.Request.Method) && ctx.Request.Path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetFixedWindowLimiter("login:" + (ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 })
                    // 公示异议 are open to anyone: limited per client address.
                    : HttpMethods.IsPost(ctx.Request.Method) && ctx.Request.Path.StartsWithSegments(ObjectionPath, StringComparison.OrdinalIgnoreCase)
                        ? RateLimitPartition.GetFixedWindowLimiter("objection:" + (ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                            _ => new FixedWindowRateLimiterOptions { PermitLimit = objectionPermits, Window = objectionWindow, QueueLimit = 0 })
                        : RateLimitPartition.GetNoLimiter("other"));
            o.OnRejected = async (ctx, ct) =>
            {
                ctx.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                ctx.HttpContext.Response.Headers.RetryAfter = ((int)window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await ctx.HttpContext.Response.WriteAsync(ctx.HttpContext.Request.Path.StartsWithSegments(ObjectionPath, StringComparison.OrdinalIgnoreCase)
                    ? "提交异议过于频繁，请稍后再试。" : "登录尝试过于频繁，请稍后再试。", ct);
            };
        });
    }

    private static async Task EnforceAbsoluteLimit(CookieValidatePrincipalContext ctx)
    {
        var time = ctx.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var issued = ctx.Principal?.FindFirst(UserScope.IssuedAtClaim)?.Value;
        if (issued is null || !long.TryParse(issued, NumberStyles.Integer, CultureInfo.InvariantCulture, out var secs)
            || time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(secs) >= AbsoluteTimeout)
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(ctx);
    }

    public static WebApplication BuildWeb(string[] args)
    {
        var app = CreateBuilder(args).Build();
        ConfigurePipeline(app);
        return app;
    }

    public static void ConfigurePipeline(WebApplication app)
    {
        app.UseSecurityHeaders();
        // Chinese error pages without stack traces everywhere but a developer's machine.
        if (app.Environment.IsDevelopment() && app.Configuration.GetValue("DetailedErrors", false))
            app.UseDeveloperExceptionPage();
        else
            app.UseExceptionHandler("/Error");
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseStatusCodePagesWithReExecute("/Status", "?code={0}");
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        // Audit sits before rate limiting and authorization so refused requests are recorded too.
        app.UseMiddleware<AuditMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous();
        if (app.Configuration.GetValue("Bench:BareEndpoint", false))
        {
            // Baseline for load tests only (off by default): the same number of bytes as a real page, no work behind it.
            app.MapGet("/bench/bare/{size:int}", (int size) =>
                Results.Bytes(BareBytes.Get(Math.Clamp(size, 0, 4 * 1024 * 1024)), "text/html; charset=utf-8")).AllowAnonymous();
        }
        if (app.Configuration.GetValue("Bench:Enabled", false)) app.MapSubmissionBench();
    }
}

internal static class BareBytes
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte[]> Cache = new();
    public static byte[] Get(int size) => Cache.GetOrAdd(size, n => Enumerable.Repeat((byte)'x', n).ToArray());
}

public static class Policies
{
    public const string Units = "units";
    public const string Audit = "audit";
    public const string Accounts = "accounts";
    public const string Security = "security";
}
