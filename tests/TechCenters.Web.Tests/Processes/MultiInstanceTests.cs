using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Mail;
using TechCenters.Web.Infrastructure;
using TechCenters.Web.Tests.Features;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Processes;

/// <summary>
/// Two app processes on one PostgreSQL database, started together on an empty database, behind a round-robin client:
/// they migrate once, share the key ring (a login and an antiforgery token from one are good on the other), share the
/// attachment folder, keep one audit chain, and run each scheduled job firing and send each e-mail exactly once.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class MultiInstanceTests_Postgres : IAsyncLifetime
{
    private readonly string admin = PostgresDatabases.Admin;
    private readonly string database = $"techcenters_pair_{Guid.NewGuid():N}";
    private readonly string work = Directory.CreateTempSubdirectory("techcenters-pair-").FullName;
    private string cs = "";

    public async Task InitializeAsync()
    {
        cs = await PostgresDatabases.CreateAsync(admin, database);
    }

    public async Task DisposeAsync()
    {
        await PostgresDatabases.DropAsync(admin, database);
        try { Directory.Delete(work, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Two_instances_on_one_database_work_as_one()
    {
        await using var smtp = new SmtpListener();
        // The same settings for both, as two nodes of one deployment (the attachment folder is the shared store).
        var settings = CrashTests.Settings(DatabaseProvider.Postgres, cs, work)
            .Concat(["Mail:Host=127.0.0.1", $"Mail:Port={smtp.Port}", "Mail:Security=None", "Mail:DispatchIntervalSeconds=1"]).ToList();
        await using var a = new AppProcess(settings);
        await using var b = new AppProcess(settings);
        // Both start together on the empty database: each migration applied once, demo data seeded once.
        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        await using (var db = ScratchDatabase.Context(DatabaseProvider.Postgres, cs))
        {
            (await db.Database.GetAppliedMigrationsAsync()).ShouldBe(db.Database.GetMigrations());
            (await db.Users.CountAsync(u => u.UserName == "xpcc-bureau")).ShouldBe(1);
            (await db.Jurisdictions.CountAsync()).ShouldBe(5);
        }

        // Log in on A, go on on B; a form token issued by A is accepted by B.
        var onA = new WorkflowDriver(() => a.BaseAddress);
        var applicant = await onA.LoginAsync(WorkflowDriver.Applicant);
        using var toB = new HttpRequestMessage(HttpMethod.Get, new Uri(b.BaseAddress, "Inbox"));
        var inbox = await applicant.Client.SendAsync(toB);
        inbox.StatusCode.ShouldBe(HttpStatusCode.OK, "A 上登录的会话在 B 上无效");
        var ids = await onA.DraftsAsync(90);
        var viaB = await applicant.Client.PostAsync(new Uri(b.BaseAddress, $"Applications/{ids[0]}/Edit?handler=Submit"),
            new FormUrlEncodedContent(await onA.SubmissionAsync(applicant, ids[0])));
        viaB.StatusCode.ShouldBe(HttpStatusCode.Redirect, "A 签发的防伪令牌在 B 上被拒绝");

        // An attachment uploaded through A is read back through B (the shared attachment store).
        (await onA.UploadAsync(applicant, ids[1], "跨实例附件")).ShouldBeTrue();
        // (The bench drafts come with the pack's required attachments: this is the one uploaded here.)
        var file = await Db(db => db.Attachments.AsNoTracking().SingleAsync(x => x.ApplicationId == ids[1] && x.FileName == $"证明{ids[1]}.pdf"));
        var download = await applicant.Client.GetAsync(new Uri(b.BaseAddress, $"Applications/{ids[1]}?handler=File&file={file.Id}"));
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsStringAsync()).ShouldContain("跨实例附件");

        // A burst through a round-robin client: one database, one audit chain.
        var both = new WorkflowDriver(() => a.BaseAddress, [a.BaseAddress, b.BaseAddress]);
        var s = await both.LoginAsync(WorkflowDriver.Applicant);
        var officers = await Task.WhenAll(WorkflowDriver.Officers.Select(both.LoginAsync));
        await both.BurstAsync(s, officers, ids.Skip(2), concurrency: 8, CancellationToken.None);
        both.Receipts.Count.ShouldBe(ids.Length - 2);
        both.ServerErrors.ShouldBeEmpty();
        await using (var db = ScratchDatabase.Context(DatabaseProvider.Postgres, cs))
            await both.CheckDatabaseAsync(db, ids.Skip(2).ToArray());
        var (code, output) = await a.RunCliAsync("audit", "verify");
        code.ShouldBe(0, output);

        // E-mails queued while both run are each sent once; every job firing runs on one instance only.
        var subjects = Enumerable.Range(0, 20).Select(i => $"通知 {i} {Guid.NewGuid():N}").ToList();
        await Db(async db =>
        {
            foreach (var subject in subjects) OutboundEmail.Enqueue(db, $"unit{subjects.IndexOf(subject)}@example.test", subject, "您有一件待办事项。", DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        await MailAndJobTests.Eventually(() => Task.FromResult(subjects.All(x => smtp.Received.Any(m => m.Subject == x))), "邮件未在一分钟内全部发出");
        var runs = await Db(db => db.Set<JobRun>().CountAsync(r => r.Job == OutboxDispatchJob.Key));
        await MailAndJobTests.Eventually(async () => await Db(db => db.Set<JobRun>().CountAsync(r => r.Job == OutboxDispatchJob.Key)) >= runs + 5, "发件任务没有继续运行");
        foreach (var subject in subjects) smtp.Received.Count(m => m.Subject == subject).ShouldBe(1, $"邮件“{subject}”发送次数不为 1");
        var fired = await Db(db => db.Set<JobRun>().AsNoTracking().Where(r => r.Job == OutboxDispatchJob.Key).ToListAsync());
        fired.GroupBy(r => r.ScheduledFor).ShouldAllBe(g => g.Count() == 1);
        // A second run of one firing would have been refused by the run log's unique index, and logged.
        (a.Output + b.Output).ShouldNotContain("的运行记录未能写入");
    }

    private async Task<T> Db<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var db = ScratchDatabase.Context(DatabaseProvider.Postgres, cs);
        return await query(db);
    }
}
