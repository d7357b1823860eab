using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TechCenters.Web.Data;

namespace TechCenters.Web.Infrastructure;

/// <summary>
/// <c>/health/live</c>: the process serves requests (never touches the database; a failing liveness probe means restart
/// it). <c>/health/ready</c>: the database answers too (a failing readiness probe means send no traffic here for now;
/// the app recovers by itself when the database is back). Anonymous, no details beyond Chinese status words.
/// </summary>
public static class Health
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddAppHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database", HealthStatus.Unhealthy, [ReadyTag],
                customTestQuery: async (db, ct) => await db.Database.CanConnectAsync(ct));
        return services;
    }

    public static void MapAppHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = Write }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = Write })
            .AllowAnonymous();
        // Older scripts and probes ask here: the same as /health/live.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = Write }).AllowAnonymous();
    }

    private static Task Write(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            text = Chinese(report.Status),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), text = Chinese(e.Value.Status) }),
        }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    private static string Chinese(HealthStatus s) => s switch
    {
        HealthStatus.Healthy => "正常",
        HealthStatus.Degraded => "降级",
        _ => "不可用",
    };
}
