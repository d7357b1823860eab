using System.Net;
using Npgsql;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Processes;

/// <summary>
/// The failover drill: a primary with a synchronous streaming standby (clusters of the test's own), the app on a
/// multi-host connection string (<c>Host=primary,standby;Target Session Attributes=read-write</c>), a burst under way;
/// the primary is stopped <c>-m immediate</c> and the standby promoted. The same app process follows the new primary
/// without a restart, answers 503 (never 500) in between, and every write it acknowledged is on the new primary.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class StandbyPromotionTests_Postgres : IAsyncLifetime
{
    private PostgresCluster primary = null!;
    private PostgresCluster? standbyCluster;
    private readonly string work = Directory.CreateTempSubdirectory("techcenters-failover-").FullName;

    public async Task InitializeAsync()
    {
        // Synchronous replication: a commit is acknowledged only once the standby has it (what "nothing acknowledged lost" needs).
        primary = await PostgresCluster.CreateAsync("synchronous_standby_names = 'standby1'", "synchronous_commit = on");
        try { standbyCluster = await PostgresCluster.StandbyOfAsync(primary, "standby1"); }
        catch
        {
            // xunit does not dispose a class whose initialization failed: stop the primary here.
            await primary.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (standbyCluster is not null) await standbyCluster.DisposeAsync();
        await primary.DisposeAsync();
        try { Directory.Delete(work, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task The_app_follows_a_promoted_standby_and_loses_nothing_it_acknowledged()
    {
        var standby = standbyCluster!;
        await primary.CreateDatabaseAsync("techcenters");
        var cs = new NpgsqlConnectionStringBuilder
        {
            Host = $"127.0.0.1:{primary.Port},127.0.0.1:{standby.Port}", Username = "postgres", Password = "unused", Database = "techcenters",
            TargetSessionAttributes = "read-write", MaxPoolSize = 30, Timeout = 5, HostRecheckSeconds = 2,
        }.ToString();
        await using var app = new AppProcess(CrashTests.Settings(DatabaseProvider.Postgres, cs, work));
        await app.StartAsync();
        (await standby.IsInRecoveryAsync()).ShouldBeTrue();
        var driver = new WorkflowDriver(() => app.BaseAddress);
        var ids = await driver.DraftsAsync(120);
        var applicant = await driver.LoginAsync(WorkflowDriver.Applicant);
        var officers = await Task.WhenAll(WorkflowDriver.Officers.Select(driver.LoginAsync));

        using var stop = new CancellationTokenSource();
        var burst = driver.BurstAsync(applicant, officers, ids.Take(80), concurrency: 8, stop.Token);
        while (driver.Receipts.Count < 20 && !burst.IsCompleted) await Task.Delay(20);
        burst.IsCompleted.ShouldBeFalse("突发请求在主库停止前已全部完成");
        await primary.StopImmediateAsync();
        // While there is no primary: not ready, and a Chinese 503 rather than a 500.
        using var probe = WorkflowDriver.NewClient(app.BaseAddress);
        (await probe.GetAsync("health/ready")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        await standby.PromoteAsync();
        stop.Cancel();
        await burst;

        // The same process finds the new primary through the multi-host connection string.
        await app.WaitReadyAsync(TimeSpan.FromMinutes(1));
        (await standby.IsInRecoveryAsync()).ShouldBeFalse();
        foreach (var id in ids.Skip(80).Take(10))
            (await driver.SubmitAsync(applicant, id)).ShouldNotBeNull($"切换后提交申报书 {id} 失败\n{app.Tail()}");
        driver.ServerErrors.ShouldBeEmpty(app.Tail(100));

        var promoted = new NpgsqlConnectionStringBuilder(standby.ConnectionString("techcenters")).ToString();
        await using (var db = ScratchDatabase.Context(DatabaseProvider.Postgres, promoted))
            await driver.CheckDatabaseAsync(db, ids);
        var (code, output) = await app.RunCliAsync("audit", "verify");
        code.ShouldBe(0, output);
    }
}
