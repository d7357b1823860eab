using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quartz;
using TechCenters.Web.Data;

namespace TechCenters.Web.Infrastructure;

/// <summary>
/// Scheduled jobs (ADR 0009): Quartz. On PostgreSQL its clustered ADO job store (tables in the <c>quartz</c> schema, made
/// by a migration), so every instance on the database runs the scheduler and each firing runs on exactly one of them;
/// on SQLite (one instance by definition) the in-memory store. Every run is recorded in <see cref="JobRun"/> (unique per
/// job and scheduled time: the database itself refuses a second run of the same firing), which is also where the job-lag
/// metric comes from.
/// <para>
/// <b>To add a job</b>: write a class implementing <see cref="IJob"/> (constructor injection works; use a scope's
/// <c>AppDbContext</c> for database work; mark it <c>[DisallowConcurrentExecution]</c> unless two runs may overlap), then add
/// one line to <see cref="Schedule"/>: <c>Every&lt;MyJob&gt;(q, "my-job", "中文名称", TimeSpan.FromHours(1))</c> or
/// <c>Cron&lt;MyJob&gt;(q, "my-job", "中文名称", "0 0 2 * * ?", zone)</c> (hours in <c>App:TimeZone</c>, Asia/Shanghai). Nothing else: no table,
/// no migration — Quartz stores the job on first start, and the metric and the run log pick it up by its key.
/// </para>
/// </summary>
public static class JobsSetup
{
    public const string SchedulerName = "TechCenters";
    public const string TablePrefix = "quartz.qrtz_";

    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration config)
    {
        services.AddSettings<JobSettings>((o, c, _) => o.Read(c));
        // A bad Database:Provider is not thrown here, while the services are described: the settings check reports it at start.
        var postgres = DatabaseSetup.TryProviderFrom(config) == DatabaseProvider.Postgres;
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = SchedulerName);
            // Firings follow the app's TimeProvider (the system clock; a test's fake clock freezes them).
            if (postgres)
            {
                q.UsePersistentStore(s =>
                {
                    // The app's own connection string (multi-host strings follow a promoted standby, as the app does).
                    s.UsePostgres(ds => ds.ConnectionStringName = "Default");
                    // The tables are the migrations' (Operations); Quartz neither creates nor checks them at start, so an
                    // instance that starts while the database is away waits for it like the rest of the app.
                    s.ConfigureStore(o =>
                    {
                        o.TablePrefix = TablePrefix;
                        o.SchemaProvisioning = SchemaProvisioning.None;
                    });
                    s.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(5);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(20);
                    });
                });
            }
            else q.UseInMemoryStore();
            q.AddJobListener<JobRunRecorder>();
            Schedule(q, config);
        });
        // Not Quartz's own hosted service: it fails the host's start when the database is away, and an instance that
        // starts during a database restart must come up (not ready) and start its scheduler once the database is back.
        services.AddHostedService<SchedulerStarter>();
        return services;
    }

    /// <summary>Every scheduled job of the app, one line each.</summary>
    private static void Schedule(IQuartzBuilder q, IConfiguration config)
    {
        var zone = ZoneOf(config);
        Every<Features.Mail.OutboxDispatchJob>(q, Features.Mail.OutboxDispatchJob.Key, "发送待发邮件",
            TimeSpan.FromSeconds(JobSettings.Seconds(config, "Mail:DispatchIntervalSeconds", 10)));
        Cron<JobRunTrimJob>(q, JobRunTrimJob.Key, "清理90天前的定时任务运行记录", "0 30 3 * * ?", zone);
    }

    /// <summary>The deployment's time zone (App:TimeZone, as <see cref="Clock"/> reads it): cron hours are local hours there.</summary>
    public static TimeZoneInfo ZoneOf(IConfiguration config)
    {
        var settings = new ClockSettings();
        settings.Read(config); // an invalid value stops the start with the settings check; until then, UTC
        return settings.Zone;
    }

    public static void Every<T>(IQuartzBuilder q, string key, string description, TimeSpan interval) where T : class, IJob =>
        q.ScheduleJob<T>(t => t.WithIdentity(key).WithDescription(description).StartNow()
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));

    /// <summary>A job on a cron schedule read in <paramref name="zone"/> (the deployment's, see <see cref="ZoneOf"/>), not the server's.</summary>
    public static void Cron<T>(IQuartzBuilder q, string key, string description, string cron, TimeZoneInfo zone) where T : class, IJob =>
        q.ScheduleJob<T>(t => t.WithIdentity(key).WithDescription(description)
            .WithCronSchedule(cron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
}

/// <summary>Starts the scheduler once it can reach its store, retrying every few seconds; shuts it down with the host.</summary>
public sealed class SchedulerStarter(ISchedulerFactory factory, ILogger<SchedulerStarter> log) : BackgroundService, IAsyncDisposable
{
    public static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(5);
    private IScheduler? scheduler;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var warned = false;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                scheduler = await factory.GetScheduler(stop);
                await scheduler.Start(stop);
                if (warned) log.LogInformation("定时任务调度已启动");
                return;
            }
            catch (Exception e) when (!stop.IsCancellationRequested && e is SchedulerException or JobPersistenceException || DatabaseFailures.IsUnavailable(e))
            {
                if (!warned) log.LogWarning("定时任务调度暂未启动（数据库不可用），将自动重试：{Error}", e.Message);
                warned = true;
            }
            try { await Task.Delay(RetryEvery, stop); }
            catch (OperationCanceledException) { return; }
        }
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        await base.StopAsync(ct);
        await ShutdownAsync(waitForJobs: true, ct);
    }

    // Quartz keeps schedulers by name process-wide: a host whose start failed after this one started (never stopped) left
    // its scheduler there, bound to its disposed services, and the next host in the same process (tests) was handed it.
    // So the scheduler goes with the host however the host ends, and a disposed owner only costs the clean shutdown.
    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync(waitForJobs: false, CancellationToken.None);
        Dispose();
    }

    private async Task ShutdownAsync(bool waitForJobs, CancellationToken ct)
    {
        if (scheduler is not { } running || running.Status is SchedulerStatus.Shutdown or SchedulerStatus.ShuttingDown) return;
        try { await running.Shutdown(waitForJobs, ct); }
        catch (ObjectDisposedException e) { log.LogWarning("定时任务调度关闭时其所属服务已释放：{Error}", e.Message); }
    }
}

public sealed class JobSettings : SettingsBase
{
    public TimeSpan MailDispatchInterval { get; private set; }

    public void Read(IConfiguration c) => MailDispatchInterval = TimeSpan.FromSeconds(Int(c, "Mail:DispatchIntervalSeconds", 10, 1, 86_400));

    /// <summary>The same value read while the scheduler is being configured (checked at start by <see cref="Read"/>).</summary>
    internal static int Seconds(IConfiguration c, string key, int fallback) =>
        int.TryParse(c[key], out var v) && v is >= 1 and <= 86_400 ? v : fallback;
}

/// <summary>One run of a scheduled job: which firing (job and scheduled time), where and when it ran, how it ended.</summary>
public sealed class JobRun
{
    public long Id { get; set; }
    public required string Job { get; set; }
    public DateTimeOffset ScheduledFor { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
    public required string Instance { get; set; }
    public bool Succeeded { get; set; }
    public string? Error { get; set; }
}

public sealed class JobRunMap : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> e)
    {
        e.ToTable("JobRuns", t => t.HasComment("定时任务运行记录（每次触发一条，唯一）"));
        e.Property(x => x.Job).HasMaxLength(100).HasComment("任务标识");
        e.Property(x => x.ScheduledFor).HasComment("计划触发时间（UTC）");
        e.Property(x => x.StartedAt).HasComment("开始时间（UTC）");
        e.Property(x => x.FinishedAt).HasComment("结束时间（UTC）");
        e.Property(x => x.Instance).HasMaxLength(200).HasComment("运行的实例");
        e.Property(x => x.Succeeded).HasComment("是否成功");
        e.Property(x => x.Error).HasMaxLength(2000).HasComment("失败原因");
        // A firing runs once: a second run of the same firing, on any instance, is refused here.
        e.HasIndex(x => new { x.Job, x.ScheduledFor }).IsUnique();
    }
}

/// <summary>Keeps the run log to the last 90 days (a job every 10 s writes ~8,600 rows a day).</summary>
[DisallowConcurrentExecution]
public sealed class JobRunTrimJob(AppDbContext db, TimeProvider time) : IJob
{
    public const string Key = "job-runs-trim";
    public static readonly TimeSpan Keep = TimeSpan.FromDays(90);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct = default)
    {
        var before = time.GetUtcNow() - Keep;
        var old = await db.Set<JobRun>().Where(r => r.ScheduledFor < before).Select(r => r.Id).ToListAsync(ct);
        foreach (var chunk in old.Chunk(1000))
            await db.Set<JobRun>().Where(r => chunk.Contains(r.Id)).ExecuteDeleteAsync(ct);
    }
}

/// <summary>Writes a <see cref="JobRun"/> after every run; a failure to record is logged, never fails the job.</summary>
public sealed class JobRunRecorder(IServiceScopeFactory scopes, ILogger<JobRunRecorder> log) : IJobListener
{
    public string Name => nameof(JobRunRecorder);

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken ct = default)
    {
        var finished = DateTimeOffset.UtcNow;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Set<JobRun>().Add(new JobRun
            {
                Job = context.JobDetail.Key.Name,
                ScheduledFor = context.ScheduledFireTimeUtc ?? context.FireTimeUtc,
                StartedAt = context.FireTimeUtc,
                FinishedAt = finished,
                Instance = $"{Environment.MachineName}/{context.Scheduler.SchedulerInstanceId}",
                Succeeded = jobException is null,
                Error = jobException?.Message is { } m ? m[..Math.Min(m.Length, 2000)] : null,
            });
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException || DatabaseFailures.IsUnavailable(e))
        {
            log.LogWarning("定时任务 {Job} 的运行记录未能写入：{Error}", context.JobDetail.Key.Name, e.GetType().Name);
        }
    }
}
