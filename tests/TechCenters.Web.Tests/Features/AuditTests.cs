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

        var entries = await app.Db(db => db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id).Take(10).ToListAsync());
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
        var seqs = await app.Db(db => db.AuditEntries.Where(a => a.Sequence != null).OrderBy(a => a.Sequence).Select(a => a.Sequence!.Value).ToListAsync());
        seqs.ShouldBe(Enumerable.Range(1, seqs.Count).Select(i => (long)i).ToList());
    }

    [Fact]
    public async Task An_audit_row_appended_in_a_transaction_that_rolls_back_leaves_no_row_and_no_gap()
    {
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync(null, "回滚测试", "127.0.0.1", new AuditRecord("不会提交的操作", AuditOutcome.Success));
            await tx.RollbackAsync();
        }
        await using (var scope = app.Scope())
            await scope.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync(null, "回滚测试", "127.0.0.1", new AuditRecord("提交的操作", AuditOutcome.Success));
        (await Verify()).Intact.ShouldBeTrue();
        (await app.Db(db => db.AuditEntries.CountAsync(a => a.Action == "不会提交的操作"))).ShouldBe(0);
        (await app.Db(db => db.AuditEntries.SingleAsync(a => a.Action == "提交的操作"))).Sequence.ShouldNotBeNull();
    }

    [Fact]
    public async Task The_only_update_allowed_is_the_sealer_giving_a_pending_row_its_place_in_the_chain()
    {
        // Inside one open transaction the row stays pending (no sealer sees it): its content cannot be changed, not even
        // together with sealing it, and it cannot be deleted.
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var rows = new[]
            {
                "UPDATE \"AuditEntries\" SET \"Detail\" = 'x' WHERE \"Id\" = {0}",
                "UPDATE \"AuditEntries\" SET \"Outcome\" = '失败', \"Sequence\" = 999999, \"PreviousHash\" = 'a', \"Hash\" = 'b' WHERE \"Id\" = {0}",
                "DELETE FROM \"AuditEntries\" WHERE \"Id\" = {0}",
            };
            foreach (var sql in rows)
            {
                await using var tx = await db.Database.BeginTransactionAsync();
                var entry = await scope.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync(null, "守卫测试", "127.0.0.1", new AuditRecord("待入链", AuditOutcome.Success));
                entry.Sequence.ShouldBeNull();
                await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync(string.Format(sql, entry.Id)), sql);
                await tx.RollbackAsync();
            }
            // Sealing it, with nothing else changed, is allowed (what the sealer does).
            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                var entry = await scope.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync(null, "守卫测试", "127.0.0.1", new AuditRecord("待入链", AuditOutcome.Success));
                var seal = $"UPDATE \"AuditEntries\" SET \"Sequence\" = 999999, \"PreviousHash\" = 'a', \"Hash\" = 'b' WHERE \"Id\" = {entry.Id}";
                (await db.Database.ExecuteSqlRawAsync(seal)).ShouldBe(1);
                await tx.RollbackAsync();
            }
        }
        // Once sealed, its place and hash are fixed too.
        long id;
        await using (var scope = app.Scope())
            id = (await scope.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync(null, "守卫测试", "127.0.0.1", new AuditRecord("已入链", AuditOutcome.Success))).Id;
        (await Verify()).Intact.ShouldBeTrue();
        await Should.ThrowAsync<Exception>(() => Sql($"UPDATE \"AuditEntries\" SET \"Hash\" = 'x' WHERE \"Id\" = {id}"));
        await Should.ThrowAsync<Exception>(() => Sql($"UPDATE \"AuditEntries\" SET \"Sequence\" = NULL, \"PreviousHash\" = NULL, \"Hash\" = NULL WHERE \"Id\" = {id}"));
        (await Verify()).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task Changing_one_row_behind_the_apps_back_is_named_by_the_verifier()
    {
        await app.LoginAsync("cz-evaluator");
        await app.LoginAsync("cz-expert");
        (await Verify()).Intact.ShouldBeTrue();
        var target = await app.Db(db => db.AuditEntries.AsNoTracking().Where(a => a.UserName == "cz-evaluator").OrderBy(a => a.Sequence).FirstAsync());

        // Someone with database rights disables the append-only guard and edits one row.
        var (disable, enable) = app.Provider == DatabaseProvider.Postgres
            ? ("ALTER TABLE \"AuditEntries\" DISABLE TRIGGER audit_entries_no_update_delete", "ALTER TABLE \"AuditEntries\" ENABLE TRIGGER audit_entries_no_update_delete")
            : ("DROP TRIGGER \"AuditEntries_no_update\"", TechCenters.Web.Data.Migrations.Sqlite.AuditChainGuards.UpdateGuard);
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

/// <summary>ADR 0010 on PostgreSQL, where transactions really run side by side: an append takes no lock that lasts to commit.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AuditAppendTests_Postgres(PostgresAppFixture app)
{
    [Fact]
    public async Task An_open_transaction_that_appended_does_not_hold_up_another_append_and_the_chain_follows_commit_order()
    {
        await using var a = app.Scope();
        var dbA = a.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var txA = await dbA.Database.BeginTransactionAsync();
        var first = await a.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync(null, "长事务", "127.0.0.1", new AuditRecord("长事务中的操作", AuditOutcome.Success));

        // Before ADR 0010 this second transaction waited for the chain lock the first one held until it committed.
        var other = Task.Run(async () =>
        {
            await using var b = app.Scope();
            var dbB = b.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var txB = await dbB.Database.BeginTransactionAsync();
            var entry = await b.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync(null, "短事务", "127.0.0.1", new AuditRecord("短事务中的操作", AuditOutcome.Success));
            await txB.CommitAsync();
            return entry.Id;
        });
        (await Task.WhenAny(other, Task.Delay(TimeSpan.FromSeconds(60)))).ShouldBe(other, "第二个事务的审计写入被第一个未提交事务阻塞");
        var secondId = await other;
        first.Id.ShouldBeLessThan(secondId);
        await app.Factory.Services.GetRequiredService<AuditChain>().SealPendingAsync();
        await txA.CommitAsync();

        await using var scope = app.Scope();
        var verdict = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
        verdict.Intact.ShouldBeTrue(verdict.Message);
        var rows = await app.Db(db => db.AuditEntries.AsNoTracking().Where(e => e.Id == first.Id || e.Id == secondId).ToListAsync());
        // The chain is in commit order: the row inserted first but committed last comes later in the chain.
        rows.Single(e => e.Id == secondId).Sequence!.Value.ShouldBeLessThan(rows.Single(e => e.Id == first.Id).Sequence!.Value);
    }
}
