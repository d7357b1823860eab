using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Prometheus;
using Quartz;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Mail;

namespace TechCenters.Web.Infrastructure;

/// <summary>
/// What operators watch (docs/operations.md). Logs: Serilog, one JSON object per line on standard output (plain text
/// with <c>Logging:Format=text</c>), every line written while a request runs carrying its <c>RequestId</c>, one summary
/// line per request (method, route, status, milliseconds; never the query string), and anything that looks like personal
/// data (mobile numbers, 身份证号, e-mail addresses) masked before it is written. Metrics: Prometheus text at
/// <c>/metrics</c>, answered only to a request bearing <c>Metrics:Token</c> (404 to anyone else, and when no token is set).
/// </summary>
public static class Observability
{
    public static void AddAppLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, log) =>
        {
            var config = services.GetRequiredService<IConfiguration>();
            var level = Level(config["Logging:LogLevel:Default"], LogEventLevel.Information);
            log.MinimumLevel.Is(level)
                // Framework chatter stays at warnings unless asked for (Logging:LogLevel:Microsoft…).
                .MinimumLevel.Override("Microsoft", Level(config["Logging:LogLevel:Microsoft"], LogEventLevel.Warning))
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                // Its "Request starting" lines carry the query string (which may hold a name or a number): never logged.
                .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LogEventLevel.Warning)
                .MinimumLevel.Override("Quartz", Level(config["Logging:LogLevel:Quartz"], LogEventLevel.Warning))
                .MinimumLevel.Override("Serilog.AspNetCore.RequestLoggingMiddleware", level)
                .Enrich.FromLogContext()
                .Enrich.With<PersonalDataMask>()
                // A sink registered in the container (an operator's own, a test's capture) also receives every line, masked.
                .ReadFrom.Services(services);
            if (string.Equals(config["Logging:Format"], "text", StringComparison.OrdinalIgnoreCase))
                log.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {RequestId} {Message:lj}{NewLine}{Exception}", formatProvider: null);
            else log.WriteTo.Console(new RenderedCompactJsonFormatter());
        });
    }

    private static LogEventLevel Level(string? value, LogEventLevel fallback) => value?.ToLowerInvariant() switch
    {
        "trace" => LogEventLevel.Verbose,
        "debug" => LogEventLevel.Debug,
        "information" => LogEventLevel.Information,
        "warning" => LogEventLevel.Warning,
        "error" => LogEventLevel.Error,
        "critical" or "none" => LogEventLevel.Fatal,
        _ => fallback,
    };

    public static void UseAppRequestLogging(this WebApplication app) =>
        app.UseSerilogRequestLogging(o =>
        {
            // The route (e.g. /Applications/{id}/Edit), not the path with its values, and never the query string.
            o.MessageTemplate = "HTTP {RequestMethod:l} /{Route:l} 响应 {StatusCode}，用时 {Elapsed:0} 毫秒";
            o.EnrichDiagnosticContext = (diagnostics, http) =>
                diagnostics.Set("Route", (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "（无路由）");
            o.GetLevel = (http, _, error) =>
                error is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
                : http.Request.Path.StartsWithSegments("/health") || http.Request.Path.StartsWithSegments("/metrics") ? LogEventLevel.Verbose
                : LogEventLevel.Information;
        });

    public static IServiceCollection AddAppMetrics(this IServiceCollection services)
    {
        services.AddSettings<MetricsSettings>((o, c, _) => o.Read(c));
        // One registry per app (tests run several in one process).
        services.AddSingleton(_ => new AppMetrics(Metrics.NewCustomRegistry()));
        return services;
    }

    public static void UseAppMetrics(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<AppMetrics>();
        metrics.Registry.AddBeforeCollectCallback(async ct => await metrics.CollectAsync(app.Services, ct));
        app.UseHttpMetrics(o =>
        {
            o.SetMetricFactory(Metrics.WithCustomRegistry(metrics.Registry));
            o.ReduceStatusCodeCardinality();
        });
    }

    public static void MapAppMetrics(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<AppMetrics>();
        var settings = app.Services.GetRequiredService<MetricsSettings>();
        app.Map("/metrics", async (HttpContext http) =>
        {
            if (!settings.Allows(http.Request.Headers.Authorization.ToString()))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            http.Response.Headers.CacheControl = "no-store";
            await metrics.Registry.CollectAndExportAsTextAsync(http.Response.Body, http.RequestAborted);
        }).AllowAnonymous();
    }
}

/// <summary><c>Metrics:Token</c>: the bearer token Prometheus sends (scrape config <c>authorization: credentials</c>).</summary>
public sealed class MetricsSettings : SettingsBase
{
    private byte[]? token;

    public void Read(IConfiguration c)
    {
        var value = c["Metrics:Token"];
        if (string.IsNullOrEmpty(value)) return;
        if (value.Length < 16) Problems.Add("配置项 Metrics:Token 过短：运维指标的访问令牌至少 16 个字符");
        token = Encoding.UTF8.GetBytes("Bearer " + value);
    }

    public bool Allows(string authorization) =>
        token is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization), token);
}

/// <summary>
/// The app's own gauges, read from the database and the scheduler when Prometheus scrapes, and the database connection
/// pool as Npgsql reports it (its .NET meter <c>Npgsql</c>: connections in use and idle, the pool's maximum, requests
/// waiting for a connection).
/// </summary>
public sealed class AppMetrics : IDisposable
{
    public CollectorRegistry Registry { get; }
    private readonly MetricFactory factory;
    private readonly System.Diagnostics.Metrics.MeterListener pool = new();
    private readonly Gauge poolGauge;

    public AppMetrics(CollectorRegistry registry)
    {
        Registry = registry;
        factory = Metrics.WithCustomRegistry(registry);
        poolGauge = factory.CreateGauge("techcenters_db_pool_connections", "数据库连接池（Npgsql）：按指标与状态（in use/idle/max/pending）", "instrument", "state");
        pool.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Npgsql" && instrument.Name.StartsWith("db.client.connection", StringComparison.Ordinal))
                listener.EnableMeasurementEvents(instrument);
        };
        pool.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument.Name, value, tags));
        pool.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument.Name, value, tags));
        pool.Start();
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), double> poolValues = new();

    private void Record(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var state = "";
        foreach (var t in tags) if (t.Key is "state" or "db.client.connection.state") state = t.Value?.ToString() ?? "";
        poolValues.AddOrUpdate((instrument, state), value, (_, v) => v + value);
    }
    private Gauge? outboxPending, outboxFailed, outboxOldest, auditPending, jobLag, jobLastSuccess, databaseUp;

    public async Task CollectAsync(IServiceProvider services, CancellationToken ct)
    {
        outboxPending ??= factory.CreateGauge("techcenters_mail_outbox_pending", "待发邮件数（未发出且未放弃）");
        outboxFailed ??= factory.CreateGauge("techcenters_mail_outbox_failed", "重试用尽、已放弃的邮件数");
        outboxOldest ??= factory.CreateGauge("techcenters_mail_outbox_oldest_seconds", "最早一封待发邮件已等待的秒数");
        auditPending ??= factory.CreateGauge("techcenters_audit_pending_rows", "已提交、尚未封存入审计链的记录数（ADR 0010）");
        jobLag ??= factory.CreateGauge("techcenters_job_lag_seconds", "定时任务已过计划触发时间而未触发的秒数", "job");
        jobLastSuccess ??= factory.CreateGauge("techcenters_job_last_success_age_seconds", "定时任务距最近一次成功运行的秒数", "job");
        databaseUp ??= factory.CreateGauge("techcenters_database_up", "数据库是否可用（1 可用，0 不可用）");
        var now = DateTimeOffset.UtcNow;
        // Observable instruments report when asked; counters (e.g. timeouts) accumulate between scrapes.
        foreach (var key in poolValues.Keys) if (key.Item1.Contains("usage") || key.Item1.Contains("count") || key.Item1.Contains("max")) poolValues[key] = 0;
        pool.RecordObservableInstruments();
        foreach (var ((instrument, state), value) in poolValues) poolGauge.WithLabels(instrument, state).Set(value);
        try
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var mails = db.Set<OutboundEmail>();
            outboxPending.Set(await mails.CountAsync(m => m.SentAt == null && m.FailedAt == null, ct));
            outboxFailed.Set(await mails.CountAsync(m => m.FailedAt != null, ct));
            var oldest = await mails.Where(m => m.SentAt == null && m.FailedAt == null).OrderBy(m => m.Id).Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefaultAsync(ct);
            outboxOldest.Set(oldest is null ? 0 : Math.Max(0, (now - oldest.Value).TotalSeconds));
            auditPending.Set(await AuditChain.PendingAsync(db, ct));
            var lastSuccess = (await db.Set<JobRun>().Where(r => r.Succeeded).GroupBy(r => r.Job)
                .Select(g => new { Job = g.Key, Id = g.Max(r => r.Id) }).ToListAsync(ct)).Select(x => x.Id).ToList();
            foreach (var run in await db.Set<JobRun>().Where(r => lastSuccess.Contains(r.Id)).ToListAsync(ct))
                jobLastSuccess.WithLabels(run.Job).Set(Math.Max(0, (now - run.FinishedAt).TotalSeconds));
            databaseUp.Set(1);
        }
        catch (Exception e) when (DatabaseFailures.IsUnavailable(e))
        {
            databaseUp.Set(0);
        }
        try
        {
            var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler(ct);
            foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.AnyGroup(), ct))
            {
                var trigger = await scheduler.GetTrigger(key, ct);
                var next = trigger?.NextFireTimeUtc;
                jobLag.WithLabels(key.Name).Set(next is { } n && n < now ? (now - n).TotalSeconds : 0);
            }
        }
        catch (Exception e) when (e is SchedulerException || DatabaseFailures.IsUnavailable(e))
        {
            // The scheduler is not running yet (its store is away): its lag shows on the next scrape.
        }
    }

    public void Dispose() => pool.Dispose();
}

/// <summary>
/// Masks what looks like personal data in every string a log line carries (properties and the rendered message's
/// arguments): 11-digit mobile numbers, 18-character 身份证号 and e-mail addresses. A backstop: code does not log
/// personal data in the first place.
/// </summary>
public sealed partial class PersonalDataMask : ILogEventEnricher
{
    [GeneratedRegex(@"(?<![0-9])(1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9])")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"(?<![0-9])([1-9][0-9]{5})[0-9]{8}([0-9]{3}[0-9Xx])(?![0-9])")]
    private static partial Regex IdNumber();

    [GeneratedRegex(@"\b([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})\b")]
    private static partial Regex Email();

    public static string Mask(string s) =>
        Email().Replace(IdNumber().Replace(Mobile().Replace(s, "$1****$2"), "$1********$2"), "$1***@$2");

    public void Enrich(LogEvent e, ILogEventPropertyFactory factory)
    {
        foreach (var (name, value) in e.Properties.ToList())
            if (value is ScalarValue { Value: string s } && Mask(s) is var masked && masked != s)
                e.AddOrUpdateProperty(factory.CreateProperty(name, masked));
    }
}
