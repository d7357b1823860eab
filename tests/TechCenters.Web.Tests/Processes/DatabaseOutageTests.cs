using System.Net;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Processes;

/// <summary>
/// PostgreSQL stopped <c>-m immediate</c> (as a crash would) in the middle of a burst, then started again: while it is
/// gone the app is live but not ready and answers with a Chinese 503 page, never a 500; once it is back the same process
/// serves again without a restart, and nothing it acknowledged is lost.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class DatabaseOutageTests_Postgres : IAsyncLifetime
{
    private PostgresCluster cluster = null!;
    private readonly string work = Directory.CreateTempSubdirectory("techcenters-outage-").FullName;

    public async Task InitializeAsync() => cluster = await PostgresCluster.CreateAsync();

    public async Task DisposeAsync()
    {
        await cluster.DisposeAsync();
        try { Directory.Delete(work, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task PostgreSQL_stopped_immediately_mid_burst_gives_503s_then_the_same_process_recovers_and_loses_nothing()
    {
        await cluster.CreateDatabaseAsync("techcenters");
        var cs = cluster.ConnectionString("techcenters");
        await using var app = new AppProcess(CrashTests.Settings(DatabaseProvider.Postgres, cs, work));
        await app.StartAsync();
        var driver = new WorkflowDriver(() => app.BaseAddress);
        var ids = await driver.DraftsAsync(120);
        var applicant = await driver.LoginAsync(WorkflowDriver.Applicant);
        var officers = await Task.WhenAll(WorkflowDriver.Officers.Select(driver.LoginAsync));

        using var stop = new CancellationTokenSource();
        var burst = driver.BurstAsync(applicant, officers, ids.Take(80), concurrency: 12, stop.Token);
        while (driver.Receipts.Count < 20 && !burst.IsCompleted) await Task.Delay(20);
        burst.IsCompleted.ShouldBeFalse("突发请求在数据库停止前已全部完成");
        await cluster.StopImmediateAsync();

        // While the database is gone: live, not ready, and a Chinese 503 for a page that needs it.
        using var probe = WorkflowDriver.NewClient(app.BaseAddress);
        (await probe.GetAsync("health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await probe.GetAsync("health/ready")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var page = await officers[1].Client.GetAsync("Applications");
        page.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, app.Tail());
        page.Headers.RetryAfter.ShouldNotBeNull();
        var text = await page.TextAsync();
        text.ShouldContain("服务暂时不可用");
        text.ShouldNotContain("Exception");
        var during = await driver.SubmitAsync(applicant, ids[^1]);
        during.ShouldBeNull("数据库停止期间提交不应被确认");
        stop.Cancel();
        await burst;

        // Back again: the same process becomes ready and serves, no restart.
        await cluster.StartAsync();
        await app.WaitReadyAsync(TimeSpan.FromMinutes(1));
        app.Running.ShouldBeTrue();
        var after = ids.Skip(80).Take(10).ToList();
        foreach (var id in after) (await driver.SubmitAsync(applicant, id)).ShouldNotBeNull($"数据库恢复后提交申报书 {id} 失败\n{app.Tail()}");

        driver.ServerErrors.ShouldBeEmpty();
        driver.Statuses.ShouldContain(HttpStatusCode.ServiceUnavailable);
        await using (var db = ScratchDatabase.Context(DatabaseProvider.Postgres, cs))
            await driver.CheckDatabaseAsync(db, ids);
        var (code, output) = await app.RunCliAsync("audit", "verify");
        code.ShouldBe(0, output);
    }
}
