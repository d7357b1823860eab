using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Processes;

/// <summary>
/// Crash safety with the real thing: the app runs as a process, a burst of submissions and workflow moves goes through
/// its pages, the process is SIGKILLed mid-burst, started again on the same database, and then every acknowledged write
/// is there, nothing is half-written, receipts are unique and <c>audit verify</c> passes.
/// </summary>
public abstract class CrashTests : IAsyncLifetime
{
    protected abstract DatabaseProvider Provider { get; }
    protected string ConnectionString { get; set; } = "";
    protected string Work { get; } = Directory.CreateTempSubdirectory("techcenters-crash-").FullName;

    protected abstract Task CreateDatabaseAsync();
    protected abstract Task DropDatabaseAsync();

    public Task InitializeAsync() => CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        await DropDatabaseAsync();
        try { Directory.Delete(Work, recursive: true); } catch (IOException) { }
    }

    public static IEnumerable<string> Settings(DatabaseProvider provider, string connectionString, string work) =>
    [
        $"Database:Provider={provider}", $"ConnectionStrings:Default={connectionString}",
        "Demo:Enabled=true", "Bench:Enabled=true",
        $"Attachments:Path={Path.Combine(work, "attachments")}",
        "Security:LoginRateLimit:PermitLimit=100000", "Logging:LogLevel:Default=Warning",
    ];

    [Fact]
    public async Task A_process_killed_mid_burst_keeps_every_acknowledged_write_and_nothing_half_written()
    {
        await using var app = new AppProcess(Settings(Provider, ConnectionString, Work));
        await app.StartAsync();
        var driver = new WorkflowDriver(() => app.BaseAddress);
        var ids = await driver.DraftsAsync(160);
        var applicant = await driver.LoginAsync(WorkflowDriver.Applicant);
        var officers = await Task.WhenAll(WorkflowDriver.Officers.Select(driver.LoginAsync));

        using var stop = new CancellationTokenSource();
        var burst = driver.BurstAsync(applicant, officers, ids, concurrency: 16, stop.Token);
        // Kill it once a fair part of the burst is acknowledged, with requests still in flight.
        while (driver.Receipts.Count < 40 && !burst.IsCompleted) await Task.Delay(20);
        burst.IsCompleted.ShouldBeFalse("突发请求在进程被终止前已全部完成，测试没有覆盖进行中的请求");
        await app.KillAsync();
        stop.Cancel();
        await burst;
        driver.Receipts.Count.ShouldBeGreaterThanOrEqualTo(40);
        driver.Moves.Count.ShouldBeGreaterThan(0);

        await app.StartAsync();
        await using (var db = ScratchDatabase.Context(Provider, ConnectionString))
            await driver.CheckDatabaseAsync(db, ids);
        var (code, output) = await app.RunCliAsync("audit", "verify");
        code.ShouldBe(0, output);
        output.ShouldContain("审计链完整");

        // And it goes on working: the drafts the crash cut off can be submitted now.
        var again = await driver.LoginAsync(WorkflowDriver.Applicant);
        // (A submission the crash cut off may have committed without its answer arriving: those are not drafts any more.)
        List<int> rest;
        await using (var db = ScratchDatabase.Context(Provider, ConnectionString))
            rest = await db.Applications.Where(a => ids.Contains(a.Id) && a.VersionCount == 0).OrderBy(a => a.Id).Select(a => a.Id).Take(5).ToListAsync();
        rest.Count.ShouldBe(5);
        foreach (var id in rest) (await driver.SubmitAsync(again, id)).ShouldNotBeNull($"重启后提交申报书 {id} 失败\n{app.Tail()}");
        await using (var db = ScratchDatabase.Context(Provider, ConnectionString))
            await driver.CheckDatabaseAsync(db, ids);
    }
}

[Collection(ProcessCollection.Name)]
public sealed class CrashTests_Sqlite : CrashTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task CreateDatabaseAsync()
    {
        ConnectionString = $"Data Source={Path.Combine(Work, "techcenters.db")}";
        return Task.CompletedTask;
    }

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }
}

[Collection(ProcessCollection.Name)]
public sealed class CrashTests_Postgres : CrashTests
{
    private readonly string admin = PostgresDatabases.Admin;
    private readonly string database = $"techcenters_crash_{Guid.NewGuid():N}";
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override async Task CreateDatabaseAsync() => ConnectionString = await PostgresDatabases.CreateAsync(admin, database);

    protected override Task DropDatabaseAsync() => PostgresDatabases.DropAsync(admin, database);
}
