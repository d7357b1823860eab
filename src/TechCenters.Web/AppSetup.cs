using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.WebEncoders;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Api;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.AnnualReports;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.ExpertReviews;
using TechCenters.Web.Features.Changes;
using TechCenters.Web.Features.Security;
using TechCenters.Web.Features.Evaluations;
using TechCenters.Web.Features.Experts;
using TechCenters.Web.Features.Imports;
using TechCenters.Web.Features.Notifications;
using TechCenters.Web.Features.Mail;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web;

/// <summary>Service registration and the HTTP pipeline, shared by the web server and the admin commands.</summary>
public static class AppSetup
{
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddAppLogging();
        ConfigureServices(builder.Services, builder.Configuration, builder.Environment);
        return builder;
    }

    /// <summary>Each feature registers its own services and page conventions; this only lists them.</summary>
    public static void ConfigureServices(IServiceCollection services, IConfiguration config, IWebHostEnvironment env)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddAppSettings();
        services.AddSingleton<Clock>();
        // Emit Chinese as UTF-8 text instead of &#x..; entities.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddMemoryCache();
        // Pages first: the features below add their own page conventions to these.
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                o.Conventions.AuthorizeFolder("/");
                o.Conventions.AllowAnonymousToPage("/Error");
                o.Conventions.AllowAnonymousToPage("/Status");
            })
            .AddMvcOptions(o =>
            {
                ChineseModelBindingMessages.Apply(o.ModelBindingMessageProvider);
                // Every field and parameter of every page is checked before its handler runs (Infrastructure/InputGuard).
                o.Filters.Add(new InputGuard.Filter());
                // A handler's refusal with a message is shown on the status page, not as bare text.
                o.Filters.Add(new RefusalPages());
            });
        services.AddAppDatabase();
        services.AddAppHealthChecks();
        services.AddAudit();
        services.AddAccounts();
        services.AddWebSecurity();
        services.AddUnits();
        services.AddApi();
        services.AddApplying(config);
        services.AddSelecting(config);
        services.AddDynamic();
        services.AddSecurity();
        services.AddCenterRunning();
        services.AddEvaluations();
        services.AddExperts();
        services.AddImports();
        services.AddNotifications();
        services.AddMail();
        services.AddJobs(config);
        services.AddScoped<BackupService>();
        services.AddAppMetrics();
        // Keys that protect the login and antiforgery cookies live in the database: every instance on it reads the same
        // key ring (a login on one instance is valid on the others) and keys survive restarts and redeployments.
        services.AddDataProtection()
            .SetApplicationName("TechCenters")
            .PersistKeysToDbContext<AppDbContext>();
    }

    public static WebApplication BuildWeb(string[] args)
    {
        var app = CreateBuilder(args).Build();
        ConfigurePipeline(app);
        return app;
    }

    public static void ConfigurePipeline(WebApplication app)
    {
        app.UseTrustedProxies();
        app.UseAppRequestLogging();
        app.UseSecurityHeaders();
        // Chinese error pages without stack traces everywhere but a developer's machine.
        if (app.Environment.IsDevelopment() && app.Configuration.GetValue("DetailedErrors", false))
            app.UseDeveloperExceptionPage();
        else
            app.UseExceptionHandler("/Error");
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseStatusCodePagesWithReExecute("/Status", "?code={0}");
        app.UseStaticFiles();
        app.UseInputGuard();
        app.UseRouting();
        app.UseAppMetrics();
        app.UseAuthentication();
        app.UsePasswordExpiry();
        // Audit sits before rate limiting and authorization so refused requests are recorded too.
        app.UseMiddleware<AuditMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapReadApi();
        app.MapAppHealthChecks();
        app.MapAppMetrics();
        if (app.Configuration.GetValue("Bench:BareEndpoint", false))
        {
            // Baseline for load tests only (off by default): the same number of bytes as a real page, no work behind it.
            app.MapGet("/bench/bare/{size:int}", BareBytes.Result).AllowAnonymous();
            // The same bytes behind the sign-in alone (cookie, session check, authorization; no page, no data): the floor every
            // signed-in page stands on, so a page's ratio can be split into what sign-in costs and what the page adds.
            app.MapGet("/bench/bare-signed-in/{size:int}", BareBytes.Result).RequireAuthorization();
            // ... and the same rows as the list pages and the export, read by the same query with nothing around it.
            app.MapBareQueries();
        }
        if (app.Configuration.GetValue("Bench:Enabled", false)) app.MapSubmissionBench();
    }
}

internal static class BareBytes
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte[]> Cache = new();
    public static byte[] Get(int size) => Cache.GetOrAdd(size, n => Enumerable.Repeat((byte)'x', n).ToArray());
    /// <summary>The bare endpoints' answer: <paramref name="size"/> bytes (at most 4 MiB) as an HTML page.</summary>
    public static IResult Result(int size) => Results.Bytes(Get(Math.Clamp(size, 0, 4 * 1024 * 1024)), "text/html; charset=utf-8");
}

public static class Policies
{
    public const string Units = "units";
    public const string Audit = "audit";
    public const string Accounts = "accounts";
    public const string Security = "security";
    public const string ApiClients = "api-clients";
}
