using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Notifications;
using TechCenters.Web.Tests.Infrastructure;
using TechCenters.Web.Tests.Selecting;
using Xunit;

namespace TechCenters.Web.Tests.Experts;

/// <summary>The notification centre through the real pipeline: scopes (nobody sees another's), mark read, open, settings, reminders once.</summary>
public abstract class NotificationTests(AppFixture app)
{
    private readonly SelectingFlow flow = new(app);
    private const string Hhht = "hohhot";

    private async Task<long> AddAsync(string userId, int? caseId, string title, string link = "/Inbox")
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TechCenters.Web.Data.AppDbContext>();
        var n = new Notification { UserId = userId, CaseId = caseId, Kind = NotificationKinds.Assigned, Title = title, Link = link, CreatedAt = app.Time.GetUtcNow() };
        db.Notifications.Add(n);
        await db.SaveChangesAsync();
        return n.Id;
    }

    [Fact]
    public async Task Nobody_sees_or_touches_another_accounts_notifications_and_reading_one_lowers_the_count()
    {
        var alice = await app.CreateUserAsync(Roles.BureauOfficer, configure: u => u.JurisdictionId = Hhht);
        var bob = await app.CreateUserAsync(Roles.BureauOfficer, configure: u => u.JurisdictionId = Hhht);
        var aliceId = (await app.User(alice)).Id;
        var bobId = (await app.User(bob)).Id;
        var mine = await AddAsync(aliceId, null, "给甲的通知", "/Applications");
        var second = await AddAsync(aliceId, null, "给甲的第二条通知");
        var theirs = await AddAsync(bobId, null, "给乙的通知");
        var a = await app.LoginAsync(alice);

        var page = await (await a.GetAsync("/Notifications")).Content.ReadAsStringAsync();
        Html.Text(page).ShouldContain("给甲的通知");
        Html.Text(page).ShouldNotContain("给乙的通知");
        page.ShouldContain("data-testid=\"unread-count\">2</span>");

        // Another's notification: 404 for open and mark read, and it stays unread.
        (await SelectingFlow.PostAsync(a, $"/Notifications?handler=Open&id={theirs}", [], "/Notifications")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await SelectingFlow.PostAsync(a, $"/Notifications?handler=Read&id={theirs}", [], "/Notifications")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.Db(db => db.Notifications.SingleAsync(n => n.Id == theirs))).ReadAt.ShouldBeNull();

        // Opening one's own goes to its link and marks it read.
        var open = await SelectingFlow.PostAsync(a, $"/Notifications?handler=Open&id={mine}", [], "/Notifications");
        open.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        open.Headers.Location!.ToString().ShouldBe("/Applications");
        (await app.Db(db => db.Notifications.SingleAsync(n => n.Id == mine))).ReadAt.ShouldNotBeNull();
        (await (await a.GetAsync("/Inbox")).Content.ReadAsStringAsync()).ShouldContain("data-testid=\"unread-count\">1</span>");
        (await (await a.GetAsync("/Notifications?unread=true")).TextAsync()).ShouldNotContain("给甲的通知 ");

        (await SelectingFlow.PostAsync(a, "/Notifications?handler=ReadAll", [], "/Notifications")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.Db(db => db.Notifications.SingleAsync(n => n.Id == second))).ReadAt.ShouldNotBeNull();
        (await app.Db(db => db.Notifications.SingleAsync(n => n.Id == theirs))).ReadAt.ShouldBeNull();
        var left = await app.Db(db => db.Notifications.Where(n => n.UserId == aliceId && n.ReadAt == null).Select(n => n.Title).ToListAsync());
        left.ShouldBeEmpty();
        var inbox = await (await a.GetAsync("/Inbox")).Content.ReadAsStringAsync();
        var at = inbox.IndexOf("unread-count", StringComparison.Ordinal);
        at.ShouldBe(-1, at < 0 ? "" : inbox.Substring(Math.Max(0, at - 300), 400));
    }

    [Fact]
    public async Task Settings_say_plainly_that_without_smtp_notifications_are_in_app_only_and_refuse_a_bad_address()
    {
        var user = await app.CreateUserAsync(Roles.Applicant, configure: u => u.JurisdictionId = Hhht);
        var c = await app.LoginAsync(user);
        (await (await c.GetAsync("/Notifications/Settings")).TextAsync()).ShouldContain("本平台未配置邮件服务器（SMTP），所有通知仅在站内“通知中心”显示");
        var bad = await SelectingFlow.PostAsync(c, "/Notifications/Settings", SelectingFlow.Form(("Input.ByEmail", "true"), ("Input.Email", "不是邮箱"), ("Input.DueDays", 3)), "/Notifications/Settings");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.TextAsync()).ShouldContain("邮箱地址格式不正确");
        (await SelectingFlow.PostAsync(c, "/Notifications/Settings", SelectingFlow.Form(("Input.ByEmail", "true"), ("Input.Email", "a@example.cn"), ("Input.DueDays", 31)), "/Notifications/Settings"))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var ok = await SelectingFlow.PostAsync(c, "/Notifications/Settings", SelectingFlow.Form(("Input.ByEmail", "true"), ("Input.Email", "a@example.cn"), ("Input.DueDays", 5)), "/Notifications/Settings");
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = (await app.User(user)).Id;
        var s = await app.Db(db => db.Set<NotificationSetting>().SingleAsync(x => x.UserId == id));
        (s.ByEmail, s.Email, s.DueDays).ShouldBe((true, "a@example.cn", 5));
        (await (await c.GetAsync("/Notifications/Settings")).TextAsync()).ShouldContain("通知仅在站内显示");
    }

    [Fact]
    public async Task Reminders_of_due_and_overdue_cases_reach_the_holder_once_even_when_run_twice_at_once()
    {
        var id = await flow.NewApplicationAsync(Hhht, ordinal: 31);
        var officer = await app.CreateUserAsync(Roles.BureauOfficer, configure: u => u.JurisdictionId = Hhht);
        var officerId = (await app.User(officer)).Id;
        // The case is the bureau's to move (expert review); its due date is two days away.
        await app.Db(async db =>
        {
            var c = await db.Cases.SingleAsync(x => x.Id == id);
            c.DueOn = app.Today.AddDays(2);
            return await db.SaveChangesAsync();
        });
        async Task<int> RunAsync()
        {
            await using var scope = app.Scope();
            return await scope.ServiceProvider.GetRequiredService<ReminderRun>().RunAsync();
        }
        await Task.WhenAll(RunAsync(), RunAsync());
        await RunAsync();
        var mine = await app.Db(db => db.Notifications.AsNoTracking().Where(n => n.UserId == officerId && n.CaseId == id).ToListAsync());
        mine.Count.ShouldBe(1);
        mine[0].Kind.ShouldBe(NotificationKinds.DueSoon);
        mine[0].Title.ShouldContain("还有2天");
        // An account that asked for one day ahead is not reminded two days ahead.
        var late = await app.CreateUserAsync(Roles.BureauOfficer, configure: u => u.JurisdictionId = Hhht);
        var lateId = (await app.User(late)).Id;
        await app.Db(async db => { db.Add(new NotificationSetting { UserId = lateId, DueDays = 1 }); return await db.SaveChangesAsync(); });
        await RunAsync();
        (await app.Db(db => db.Notifications.CountAsync(n => n.UserId == lateId && n.CaseId == id))).ShouldBe(0);

        // Overdue: a date in the past makes one overdue reminder, once.
        await app.Db(async db =>
        {
            var c = await db.Cases.SingleAsync(x => x.Id == id);
            c.DueOn = app.Today.AddDays(-1);
            return await db.SaveChangesAsync();
        });
        await Task.WhenAll(RunAsync(), RunAsync());
        (await app.Db(db => db.Notifications.CountAsync(n => n.UserId == officerId && n.CaseId == id && n.Kind == NotificationKinds.Overdue))).ShouldBe(1);
        (await app.Db(db => db.Notifications.CountAsync(n => n.UserId == lateId && n.CaseId == id && n.Kind == NotificationKinds.Overdue))).ShouldBe(1);
        // Applicants of the case are not the holder: nothing for them.
        var a = await flow.ApplicationAsync(id);
        var applicants = await app.Db(db => db.Users.Where(u => u.UnitId == a.Case.LeadUnitId).Select(u => u.Id).ToListAsync());
        (await app.Db(db => db.Notifications.CountAsync(n => applicants.Contains(n.UserId) && n.CaseId == id && (n.Kind == NotificationKinds.DueSoon || n.Kind == NotificationKinds.Overdue)))).ShouldBe(0);
    }
}

[Collection(ExpertsSqliteCollection.Name)]
public sealed class NotificationTests_Sqlite(SqliteAppFixture app) : NotificationTests(app);

[Collection(ExpertsPostgresCollection.Name)]
public sealed class NotificationTests_Postgres(PostgresAppFixture app) : NotificationTests(app);
