using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Infrastructure;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Processes;

/// <summary>
/// The restore drill: a backup taken with <c>backup create</c> while submissions and moves keep coming, restored with
/// <c>backup restore</c> into an empty deployment, then compared with the source: row counts as of the backup, receipts,
/// the audit chain up to the backup's head, and the attachment files. The restored deployment starts and serves.
/// </summary>
public abstract class BackupDrillTests : IAsyncLifetime
{
    protected abstract DatabaseProvider Provider { get; }
    protected string Work { get; } = Directory.CreateTempSubdirectory("techcenters-drill-").FullName;
    protected abstract Task<string> NewDatabaseAsync(string name);
    protected abstract Task DropDatabasesAsync();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await DropDatabasesAsync();
        try { Directory.Delete(Work, recursive: true); } catch (IOException) { }
    }

    private IEnumerable<string> Settings(string cs, string attachments) =>
        CrashTests.Settings(Provider, cs, Work).Where(s => !s.StartsWith("Attachments:Path=", StringComparison.Ordinal))
            .Append($"Attachments:Path={attachments}");

    [Fact]
    public async Task A_backup_taken_under_load_restores_into_an_empty_deployment_with_the_same_rows_receipts_chain_and_files()
    {
        var sourceDb = await NewDatabaseAsync("source");
        var sourceFiles = Path.Combine(Work, "files-source");
        await using var app = new AppProcess(Settings(sourceDb, sourceFiles));
        await app.StartAsync();
        var driver = new WorkflowDriver(() => app.BaseAddress);
        var ids = await driver.DraftsAsync(60);
        var applicant = await driver.LoginAsync(WorkflowDriver.Applicant);
        var officers = await Task.WhenAll(WorkflowDriver.Officers.Select(driver.LoginAsync));
        // The demo deployment has attachments of its own (evidence of its change requests): the backup carries those and these six.
        int demoAttachments;
        await using (var db = ScratchDatabase.Context(Provider, sourceDb)) demoAttachments = await db.Attachments.CountAsync();
        foreach (var id in ids.Take(6)) (await driver.UploadAsync(applicant, id, $"附件{id}")).ShouldBeTrue();

        // Load that lasts until stopped: fresh drafts, submitted and moved on, round after round.
        using var stop = new CancellationTokenSource();
        var burst = Task.Run(async () =>
        {
            var batch = ids.Skip(6).ToArray();
            while (!stop.IsCancellationRequested)
            {
                await driver.BurstAsync(applicant, officers, batch, concurrency: 8, stop.Token);
                if (!stop.IsCancellationRequested) batch = await driver.DraftsAsync(40);
            }
        });
        while (driver.Receipts.Count < 15 && !burst.IsCompleted) await Task.Delay(20);
        var acknowledgedBefore = driver.Receipts.ToDictionary();
        var folder = Path.Combine(Work, "backup");
        var (code, output) = await app.RunCliAsync("backup", "create", "--to", folder);
        code.ShouldBe(0, output);
        burst.IsCompleted.ShouldBeFalse("备份期间应用应仍在写入（突发请求已提前结束）");
        stop.Cancel();
        await burst;

        var manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(Path.Combine(folder, BackupManifest.FileName)))!;
        // The drafts made during the load come with the pack's required attachments too: at least the demo's and these six,
        // and exactly as many files as attachment rows in the backup.
        manifest.Attachments.ShouldBeGreaterThanOrEqualTo(demoAttachments + 6);
        manifest.Attachments.ShouldBe((int)manifest.Tables["Attachments"]);
        manifest.MissingAttachments.ShouldBeEmpty();

        // Restore into an empty deployment: a new database and an empty attachment folder.
        var targetDb = await NewDatabaseAsync("target");
        var targetFiles = Path.Combine(Work, "files-target");
        var target = Settings(targetDb, targetFiles).ToList();
        (code, output) = await AppProcess.RunCliAsync(target, "backup", "restore", "--from", folder);
        code.ShouldBe(0, output);
        output.ShouldContain("恢复完成并已核对");

        await using (var src = ScratchDatabase.Context(Provider, sourceDb))
        await using (var dst = ScratchDatabase.Context(Provider, targetDb))
        {
            // Counts as of the backup (the restore records itself in the audit log: one row more).
            (await dst.Applications.LongCountAsync()).ShouldBe(manifest.Tables["Applications"]);
            (await dst.ApplicationVersions.LongCountAsync()).ShouldBe(manifest.Tables["ApplicationVersions"]);
            (await dst.Activities.LongCountAsync()).ShouldBe(manifest.Tables["Activities"]);
            (await dst.Attachments.LongCountAsync()).ShouldBe(manifest.Tables["Attachments"]);
            foreach (var id in ids.Take(6)) (await dst.Attachments.AnyAsync(x => x.ApplicationId == id && x.FileName == $"证明{id}.pdf")).ShouldBeTrue();
            (await dst.AuditEntries.LongCountAsync()).ShouldBe(manifest.Tables["AuditEntries"] + 1);
            // The source went on after the backup.
            (await src.ApplicationVersions.LongCountAsync()).ShouldBeGreaterThanOrEqualTo(manifest.Tables["ApplicationVersions"]);

            // Receipts: everything acknowledged before the backup is there; nothing is there the source does not have.
            var restored = await dst.ApplicationVersions.AsNoTracking().Select(v => new { v.ApplicationId, v.ReceiptNumber }).ToListAsync();
            foreach (var (id, receipt) in acknowledgedBefore) restored.ShouldContain(v => v.ApplicationId == id && v.ReceiptNumber == receipt);
            var source = (await src.ApplicationVersions.AsNoTracking().Select(v => new { v.ApplicationId, v.ReceiptNumber }).ToListAsync()).ToHashSet();
            restored.ShouldAllBe(v => source.Contains(v));
            restored.Select(v => v.ReceiptNumber).Distinct().Count().ShouldBe(restored.Count);

            // The audit chain up to the backup's head is the source's, row for row.
            var head = manifest.AuditSequence;
            head.ShouldBeGreaterThan(0);
            var a = await src.AuditEntries.AsNoTracking().Where(e => e.Sequence <= head).OrderBy(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).ToListAsync();
            var b = await dst.AuditEntries.AsNoTracking().Where(e => e.Sequence <= head).OrderBy(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).ToListAsync();
            b.ShouldBe(a);

            // Every restored attachment row has its file, with the right digest.
            var crypto = new BouncyCastleCryptoProvider();
            foreach (var f in await dst.Attachments.AsNoTracking().ToListAsync())
                Convert.ToHexStringLower(crypto.Sm3(await File.ReadAllBytesAsync(Path.Combine(targetFiles, f.StoredName)))).ShouldBe(f.Sm3);
        }
        (code, output) = await AppProcess.RunCliAsync(target, "audit", "verify");
        code.ShouldBe(0, output);

        // The restored deployment starts and serves what it restored (its key ring came along: the demo logins work).
        await app.KillAsync();
        await using var restoredApp = new AppProcess(target);
        await restoredApp.StartAsync();
        var check = new WorkflowDriver(() => restoredApp.BaseAddress);
        var session = await check.LoginAsync(WorkflowDriver.Applicant);
        (await session.Client.GetAsync($"Applications/{acknowledgedBefore.Keys.First()}")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
    }

    [Fact]
    public async Task Restoring_into_a_deployment_that_is_not_empty_is_refused_in_Chinese_and_changes_nothing()
    {
        var db = await NewDatabaseAsync("busy");
        var files = Path.Combine(Work, "files-busy");
        var settings = Settings(db, files).ToList();
        (await AppProcess.RunCliAsync(settings, "migrate")).ExitCode.ShouldBe(0);
        var folder = Path.Combine(Work, "backup-busy");
        var (code, output) = await AppProcess.RunCliAsync(settings, "backup", "create", "--to", folder);
        code.ShouldBe(0, output);
        (code, output) = await AppProcess.RunCliAsync(settings, "backup", "restore", "--from", folder);
        code.ShouldBe(2);
        output.ShouldContain("目标数据库不为空");
        output.ShouldNotContain("Exception");
        (code, output) = await AppProcess.RunCliAsync(settings, "backup", "restore", "--from", Path.Combine(Work, "no-such-backup"));
        code.ShouldBe(2);
        output.ShouldContain("不是备份目录");
    }
}

[Collection(ProcessCollection.Name)]
public sealed class BackupDrillTests_Sqlite : BackupDrillTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override Task<string> NewDatabaseAsync(string name) => Task.FromResult($"Data Source={Path.Combine(Work, name + ".db")}");

    protected override Task DropDatabasesAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }
}

[Collection(ProcessCollection.Name)]
public sealed class BackupDrillTests_Postgres : BackupDrillTests
{
    private readonly string admin = PostgresDatabases.Admin;
    private readonly string prefix = $"techcenters_drill_{Guid.NewGuid():N}"[..32];
    private readonly List<string> databases = [];
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override async Task<string> NewDatabaseAsync(string name)
    {
        var database = $"{prefix}_{name}";
        databases.Add(database);
        return await PostgresDatabases.CreateAsync(admin, database);
    }

    protected override async Task DropDatabasesAsync()
    {
        foreach (var d in databases) await PostgresDatabases.DropAsync(admin, d);
    }
}
