using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using TechCenters.Web.Features.Accounts;

namespace TechCenters.Web.Infrastructure;

/// <summary>Antiforgery, HSTS, and the per-address rate limits (login, public objections), each answering 429 with its own Retry-After.</summary>
public static class WebSecuritySetup
{
    public const string ObjectionPath = "/Notices";

    private sealed record Limited(string Name, RateLimit Limit, string Message);

    public static IServiceCollection AddWebSecurity(this IServiceCollection services)
    {
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
        services.AddOptions<RateLimiterOptions>().Configure<SecuritySettings>((o, settings) =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only login attempts and public objections are limited, per client address; everything else passes.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                Which(ctx, settings) is { } l
                    ? RateLimitPartition.GetFixedWindowLimiter($"{l.Name}:{ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown"}",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = l.Limit.PermitLimit, Window = l.Limit.Window, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("other"));
            o.OnRejected = async (ctx, ct) =>
            {
                var limited = Which(ctx.HttpContext, settings)!;
                // The limiter knows when its window reopens; fall back to the whole window.
                var retry = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : limited.Limit.Window;
                ctx.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                ctx.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await ctx.HttpContext.Response.WriteAsync(limited.Message, ct);
            };
        });
        return services;
    }

    /// <summary>
    /// Behind the bureau's TLS gateway the app is reached over plain HTTP: believing the gateway's (and only the
    /// gateway's) X-Forwarded-Proto/-For makes the request HTTPS again — so the SameAsRequest cookies are Secure and
    /// the per-address limits and the audit see the real client. With no trusted proxy configured nothing is believed.
    /// </summary>
    public static void UseTrustedProxies(this WebApplication app)
    {
        var proxies = app.Services.GetRequiredService<SecuritySettings>().TrustedProxies;
        if (proxies.Count == 0) return;
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var p in proxies) options.KnownIPNetworks.Add(p);
        app.UseForwardedHeaders(options);
    }

    private static Limited? Which(HttpContext ctx, SecuritySettings s)
    {
        if (!HttpMethods.IsPost(ctx.Request.Method)) return null;
        if (ctx.Request.Path.Equals(AccountsSetup.LoginPath, StringComparison.OrdinalIgnoreCase))
            return new("login", s.Login, "登录尝试过于频繁，请稍后再试。");
        // 公示异议 are open to anyone.
        if (ctx.Request.Path.StartsWithSegments(ObjectionPath, StringComparison.OrdinalIgnoreCase))
            return new("objection", s.Objection, "提交异议过于频繁，请稍后再试。");
        return null;
    }
}
