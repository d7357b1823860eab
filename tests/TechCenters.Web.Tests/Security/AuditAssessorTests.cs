using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Security;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Security;

/// <summary>What an assessor checks in the audit: export, retention, the scheduled chain check that alerts the security admin.</summary>
public abstract class AuditAssessorTests(AppFixture app)
{
    [Fact]
    public async Task The_audit_admin_exports_the_filtered_entries_as_XLSX_and_the_export_is_audited()
    {
        var user = await app.CreateUserAsync(TechCenters.Web.Features.Accounts.Roles.Applicant);
        await AppFixture.PostLoginAsync(app.Client(), user, "Wrong#Pass1");
        await AppFixture.PostLoginAsync(app.Client(), user, "Wrong#Pass2");
        await app.LoginAsync(user);
        var auditor = await app.LoginAsync("auditadmin");
        // Entries are sealed into the chain after their commit (ADR 0010); until then the export says 待入链. The sealer had
        // always run by now while a sign-in took 0.2–0.6 s of hashing; the test seals what is committed instead of waiting.
        await app.Factory.Services.GetRequiredService<AuditChain>().SealPendingAsync();
        var r = await auditor.GetAsync($"/Audit?handler=Xlsx&user={user}&outcome=失败");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        r.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var rows = (await new MemoryStream(await r.Content.ReadAsByteArrayAsync()).QueryAsync(useHeaderRow: true)).Cast<IDictionary<string, object>>().ToList();
        rows.Count.ShouldBe(2);
        rows.ShouldAllBe(x => (string)x["用户"] == user && (string)x["结果"] == "失败" && (string)x["操作"] == "登录");
        ((string)rows[0]["哈希（SM3）"]).Length.ShouldBe(64);
        ((string)rows[0]["时间（含时区）"]).ShouldEndWith("+08:00");
        (await app.Db(db => db.AuditEntries.AnyAsync(a => a.UserName == "auditadmin" && a.Action == "导出审计日志" && a.Detail!.Contains("2 条") && a.Detail.Contains(user)))).ShouldBeTrue();

        var bad = await auditor.GetAsync("/Audit?handler=Xlsx&from=2026-03-10&to=2026-03-01");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.TextAsync()).ShouldContain("起始日期不能晚于截止日期");
        // Only the audit admin exports (三员分立).
        foreach (var other in new[] { "sysadmin", "secadmin", "xpcc-bureau" })
            (await (await app.LoginAsync(other)).GetAsync("/Audit?handler=Xlsx")).Headers.Location!.ToString().ShouldContain("/Accounts/AccessDenied");
    }

    [Fact]
    public async Task A_retention_shorter_than_six_months_stops_the_platform_from_starting_with_a_Chinese_message()
    {
        await using var shortRetention = app.CreateFactory(b => b.UseSetting("Audit:RetentionMonths", "5"));
        var e = Should.Throw<Exception>(() => shortRetention.CreateClient());
        e.ToString().ShouldContain("Audit:RetentionMonths");
        e.ToString().ShouldContain("至少保存 6 个月");
        await using var ok = app.CreateFactory(b => b.UseSetting("Audit:RetentionMonths", "6"));
        (await ok.CreateClient().GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_scheduled_chain_check_tells_the_security_admin_when_the_chain_breaks()
    {
        // A host whose schedule runs every 10 minutes of the app's clock.
        await using var scheduled = app.CreateFactory(b => b.UseSetting("Audit:VerifyIntervalMinutes", "10"));
        await app.LoginAsync("cz-evaluator", factory: scheduled);
        // The login's audit row is sealed into the chain after commit (ADR 0010): seal now so it has its sequence.
        await scheduled.Services.GetRequiredService<TechCenters.Web.Features.Audit.AuditChain>().SealPendingAsync();
        var target = await app.Db(db => db.AuditEntries.AsNoTracking().Where(a => a.UserName == "cz-evaluator").OrderByDescending(a => a.Sequence).FirstAsync());
        var (disable, enable) = app.Provider == DatabaseProvider.Postgres
            ? ("ALTER TABLE \"AuditEntries\" DISABLE TRIGGER audit_entries_no_update_delete", "ALTER TABLE \"AuditEntries\" ENABLE TRIGGER audit_entries_no_update_delete")
            : ("DROP TRIGGER \"AuditEntries_no_update\"", TechCenters.Web.Data.Migrations.Sqlite.AuditChainGuards.UpdateGuard);
        await Sql(disable);
        try
        {
            await Sql($"UPDATE \"AuditEntries\" SET \"Detail\" = '篡改' WHERE \"Sequence\" = {target.Sequence}");
            app.Time.Advance(TimeSpan.FromMinutes(10));
            var alert = await WaitForAlertAsync(target.Sequence!.Value);
            alert.Kind.ShouldBe(AuditChainCheck.AlertKind);
            // Running again does not raise the same alert twice.
            await using (var scope = scheduled.Services.CreateAsyncScope())
                (await scope.ServiceProvider.GetRequiredService<AuditChainCheck>().RunAsync()).Intact.ShouldBeFalse();
            (await app.Db(db => db.SecurityAlerts.CountAsync(a => a.Message == alert.Message))).ShouldBe(1);

            var secadmin = await app.LoginAsync("secadmin");
            var page = await (await secadmin.GetAsync("/Admin/Security")).TextAsync();
            page.ShouldContain("安全告警");
            page.ShouldContain($"第 {target.Sequence} 号记录");
            var token = await AppFixture.AntiforgeryTokenAsync(secadmin, "/Admin/Security");
            (await secadmin.PostAsync("/Admin/Security?handler=Acknowledge", new FormUrlEncodedContent(new Dictionary<string, string>
                { ["alertId"] = alert.Id.ToString(), ["__RequestVerificationToken"] = token }))).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await (await secadmin.GetAsync("/Admin/Security")).TextAsync()).ShouldNotContain($"第 {target.Sequence} 号记录");
        }
        finally
        {
            await Sql($"UPDATE \"AuditEntries\" SET \"Detail\" = {(target.Detail is null ? "NULL" : $"'{target.Detail}'")} WHERE \"Sequence\" = {target.Sequence}");
            await Sql(enable);
        }
        await using var check = app.Scope();
        (await check.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync()).Intact.ShouldBeTrue();
    }

    private async Task<SecurityAlert> WaitForAlertAsync(long sequence)
    {
        for (var i = 0; i < 100; i++)
        {
            var alert = await app.Db(db => db.SecurityAlerts.AsNoTracking().FirstOrDefaultAsync(a => a.Message.Contains($"第 {sequence} 号记录")));
            if (alert is not null) return alert;
            await Task.Delay(100);
        }
        throw new ShouldAssertException($"定时校验未对第 {sequence} 号记录告警");
    }

    private async Task Sql(string sql)
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync(sql);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditAssessorTests_Sqlite(SqliteAppFixture app) : AuditAssessorTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AuditAssessorTests_Postgres(PostgresAppFixture app) : AuditAssessorTests(app);
