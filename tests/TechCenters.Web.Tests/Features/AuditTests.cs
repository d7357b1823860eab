using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using TechCenters.Web.Cli;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Features;

public abstract class AuditTests(AppFixture app)
{
    private async Task<ChainVerdict> Verify()
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
    }

    private async Task<int> Sql(string sql)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync(sql);
    }

    [Fact]
    public async Task Logins_and_state_changes_are_recorded_with_time_offset_user_address_and_outcome()
    {
        var client = await app.LoginAsync("xj-dept");
        var token = await AppFixture.AntiforgeryTokenAsync(client, "/Inbox");
        await client.PostAsync("/Accounts/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        // A state-changing request that fails antiforgery is still recorded, as a failure.
        var other = await app.LoginAsync("xj-bureau");
        (await other.PostAsync("/Units/1?handler=Reveal", new FormUrlEncodedContent(new Dictionary<string, string>()))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // An anonymous one is recorded as refused.
        await app.Client().PostAsync("/Units/2?handler=Reveal", new FormUrlEncodedContent(new Dictionary<string, string>()));

        var entries = await app.Db(db => db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence).Take(10).ToListAsync());
        var login = entries.First(a => a.UserName == "xj-dept" && a.Action == "登录");
        login.Outcome.ShouldBe(AuditOutcome.Success);
        login.UtcOffsetMinutes.ShouldBe(480);
        login.LocalTime.Offset.ShouldBe(TimeSpan.FromHours(8));
        login.OccurredAt.ShouldBe(app.Time.GetUtcNow(), TimeSpan.FromSeconds(1));
        login.ClientAddress.ShouldNotBeNullOrEmpty();
        entries.ShouldContain(a => a.UserName == "xj-dept" && a.Action == "退出登录");
        entries.ShouldContain(a => a.UserName == "xj-bureau" && a.Action.StartsWith("POST /Units/1") && a.Outcome == AuditOutcome.Failure && a.Detail == "HTTP 400");
        entries.ShouldContain(a => a.UserName == "匿名" && a.Action.StartsWith("POST /Units/2") && a.Outcome == AuditOutcome.Denied, string.Join("; ", entries.Select(e => $"{e.UserName} {e.Action} {e.Outcome} {e.Detail}")));
        (await Verify()).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task Concurrent_appends_keep_one_unbroken_chain()
    {
        await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            await using var scope = app.Scope();
            await scope.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync(null, "并发测试", "127.0.0.1", new AuditRecord($"并发写入 {i}", AuditOutcome.Success));
        }));
        var verdict = await Verify();
        verdict.Intact.ShouldBeTrue(verdict.Message);
        var seqs = await app.Db(db => db.AuditEntries.OrderBy(a => a.Sequence).Select(a => a.Sequence).ToListAsync());
        seqs.ShouldBe(Enumerable.Range(1, seqs.Count).Select(i => (long)i).ToList());
    }

    [Fact]
    public async Task The_database_refuses_to_update_or_delete_audit_rows()
    {
        await app.LoginAsync("wz-applicant");
        await Should.ThrowAsync<Exception>(() => Sql("UPDATE \"AuditEntries\" SET \"Detail\" = 'x' WHERE \"Sequence\" = 1"));
        await Should.ThrowAsync<Exception>(() => Sql("DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = 1"));
    }

    [Fact]
    public async Task Changing_one_row_behind_the_apps_back_is_named_by_the_verifier()
    {
        await app.LoginAsync("cz-evaluator");
        await app.LoginAsync("cz-expert");
        var target = await app.Db(db => db.AuditEntries.AsNoTracking().Where(a => a.UserName == "cz-evaluator").OrderBy(a => a.Sequence).FirstAsync());
        (await Verify()).Intact.ShouldBeTrue();

        // Someone with database rights disables the append-only guard and edits one row.
        var (disable, enable) = app.Provider == DatabaseProvider.Postgres
            ? ("ALTER TABLE \"AuditEntries\" DISABLE TRIGGER audit_entries_no_update_delete", "ALTER TABLE \"AuditEntries\" ENABLE TRIGGER audit_entries_no_update_delete")
            : ("DROP TRIGGER \"AuditEntries_no_update\"", "CREATE TRIGGER \"AuditEntries_no_update\" BEFORE UPDATE ON \"AuditEntries\" BEGIN SELECT RAISE(ABORT, '审计日志只允许追加，不允许修改'); END;");
        await Sql(disable);
        try
        {
            await Sql($"UPDATE \"AuditEntries\" SET \"Outcome\" = '失败' WHERE \"Sequence\" = {target.Sequence}");
            var verdict = await Verify();
            verdict.Intact.ShouldBeFalse();
            verdict.FirstBadSequence.ShouldBe(target.Sequence);
            verdict.Message.ShouldContain($"第 {target.Sequence} 号记录");

            // The admin command says the same and exits non-zero.
            (await RunCli("audit", "verify")).ShouldBe(1);

            // The audit page tells the audit admin the same.
            var auditor = await app.LoginAsync("auditadmin");
            var page = await auditor.GetAsync("/Audit?verify=true");
            page.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await page.TextAsync()).ShouldContain($"第 {target.Sequence} 号记录");
        }
        finally
        {
            await Sql($"UPDATE \"AuditEntries\" SET \"Outcome\" = '{target.Outcome}' WHERE \"Sequence\" = {target.Sequence}");
            await Sql(enable);
        }
        (await Verify()).Intact.ShouldBeTrue();
        (await RunCli("audit", "verify")).ShouldBe(0);
    }

    private async Task<int> RunCli(params string[] args)
    {
        await using var services = new AppServices([$"--Database:Provider={app.Provider}", $"--ConnectionStrings:Default={app.ConnectionString}", $"--Crypto:KeyFile={TestKeys.File}"]);
        return await AdminCli.Build(services).Parse(args).InvokeAsync();
    }

    [Fact]
    public async Task The_audit_admin_searches_by_user_action_outcome_and_time()
    {
        var user = await app.CreateUserAsync(TechCenters.Web.Features.Accounts.Roles.Applicant);
        await AppFixture.PostLoginAsync(app.Client(), user, "Wrong#Pass1");
        var auditor = await app.LoginAsync("auditadmin");
        var today = app.Time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd");
        var hit = await (await auditor.GetAsync($"/Audit?user={user}&action=登录&outcome=失败&from={today}&to={today}")).TextAsync();
        hit.ShouldContain("共 1 条");
        hit.ShouldContain("口令错误");
        var miss = await (await auditor.GetAsync($"/Audit?user={user}&outcome=成功")).TextAsync();
        miss.ShouldContain("共 0 条");
        var past = await (await auditor.GetAsync($"/Audit?user={user}&from=2020-01-01&to=2020-01-02")).TextAsync();
        past.ShouldContain("共 0 条");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditTests_Sqlite(SqliteAppFixture app) : AuditTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AuditTests_Postgres(PostgresAppFixture app) : AuditTests(app);
