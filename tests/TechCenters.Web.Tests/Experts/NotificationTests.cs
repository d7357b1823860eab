using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Experts;
using TechCenters.Web.Features.Mail;
using TechCenters.Web.Features.Units;
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
        (await (await c.GetAsync("/Notifications/Settings")).TextAsync()).ShouldContain("未配置邮件服务器，仅站内通知");
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

    /// <summary>Another instance of the app on the fixture's database and clock, with an SMTP server configured (its sender frozen with the clock: run by hand).</summary>
    private WebApplicationFactory<Program> Mailer(SmtpListener smtp) => app.CreateFactory(b =>
    {
        b.UseSetting("Mail:Host", "127.0.0.1");
        b.UseSetting("Mail:Port", smtp.Port.ToString());
        b.UseSetting("Mail:Security", "None");
    });

    private static async Task<T> On<T>(WebApplicationFactory<Program> host, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private static Task<int> DispatchAsync(WebApplicationFactory<Program> host) => On(host, async sp =>
    {
        await ActivatorUtilities.CreateInstance<OutboxDispatchJob>(sp).Execute(null!, CancellationToken.None);
        return 0;
    });

    private static Task<int> RemindAsync(WebApplicationFactory<Program> host) => On(host, sp => sp.GetRequiredService<ReminderRun>().RunAsync());

    private async Task<(string UserId, string Address)> OfficerByEmailAsync(string jurisdiction)
    {
        var officer = await app.CreateUserAsync(Roles.BureauOfficer, configure: u => u.JurisdictionId = jurisdiction);
        var id = (await app.User(officer)).Id;
        var address = $"o{Guid.NewGuid():N}"[..16] + "@example.test";
        await app.Db(async db => { db.Add(new NotificationSetting { UserId = id, ByEmail = true, Email = address, DueDays = 3 }); return await db.SaveChangesAsync(); });
        return (id, address);
    }

    [Fact]
    public async Task A_case_event_and_a_reminder_each_send_one_email_to_an_account_that_asked_for_it_even_with_two_instances()
    {
        const string wz = "chongqing-wanzhou";
        await using var smtp = new SmtpListener();
        await using var a = Mailer(smtp);
        // Two senders on PostgreSQL (its claim is the outbox's guarantee); SQLite is one instance by definition.
        await using var second = app.Provider == DatabaseProvider.Postgres ? Mailer(smtp) : null;
        var b = second ?? a;
        (await On(a, sp => Task.FromResult(sp.GetRequiredService<NotificationMail>().Configured))).ShouldBeTrue();
        (await On(app.Factory, sp => Task.FromResult(sp.GetRequiredService<NotificationMail>().Configured))).ShouldBeFalse();
        var (officerId, address) = await OfficerByEmailAsync(wz);

        // A case event through the kernel on instance A: a panel member withdraws, the bureau's officers are told.
        var id = await flow.NewApplicationAsync(wz, ordinal: 33);
        var bureau = await flow.BureauAsync(wz);
        var experts = await flow.FreeExpertsAsync(id, ExpertiseKind.Technical, ExpertiseKind.Technical, ExpertiseKind.Technical, ExpertiseKind.Management, ExpertiseKind.Finance);
        (await flow.FormPanelAsync(bureau, id, experts, "邮件测试专家组")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var expertUser = await app.CreateUserAsync(Roles.Expert, configure: u => { u.ExpertId = experts[0].Id; u.JurisdictionId = wz; u.DisplayName = experts[0].Name; });
        var expert = await app.LoginAsync(expertUser, factory: a);
        (await SelectingFlow.PostAsync(expert, $"/Experts/Mine?handler=Withdraw&caseId={id}", SelectingFlow.Form(("Reason", "与牵头单位有合作项目")), "/Experts/Mine"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var queued = await app.Db(db => db.Set<OutboundEmail>().AsNoTracking().Where(m => m.To == address).ToListAsync());
        queued.Count.ShouldBe(1);
        queued[0].Subject.ShouldContain("专家申请回避");
        queued[0].Body.ShouldContain("与牵头单位有合作项目");
        (await app.Db(db => db.Notifications.CountAsync(n => n.UserId == officerId && n.CaseId == id && n.Kind == NotificationKinds.Withdrawn))).ShouldBe(1);

        // A reminder run by both instances at once: one notification, one message.
        await app.Db(async db =>
        {
            var c = await db.Cases.SingleAsync(x => x.Id == id);
            c.DueOn = app.Today.AddDays(2);
            return await db.SaveChangesAsync();
        });
        await Task.WhenAll(RemindAsync(a), RemindAsync(b));
        await RemindAsync(a);
        (await app.Db(db => db.Notifications.CountAsync(n => n.UserId == officerId && n.CaseId == id && n.Kind == NotificationKinds.DueSoon))).ShouldBe(1);
        var mails = await app.Db(db => db.Set<OutboundEmail>().AsNoTracking().Where(m => m.To == address).OrderBy(m => m.Id).ToListAsync());
        mails.Count.ShouldBe(2);
        mails[1].Subject.ShouldContain("即将到期");

        // Both instances send at once, and again (their scheduled senders may be at it too): each message reaches the
        // server once and is marked sent.
        List<MimeKit.MimeMessage> Received() => smtp.Received.Where(m => m.To.Mailboxes.Any(x => x.Address == address)).ToList();
        await Task.WhenAll(DispatchAsync(a), DispatchAsync(b));
        await Features.MailAndJobTests.Eventually(async () => Received().Count >= 2
            && await app.Db(db => db.Set<OutboundEmail>().CountAsync(m => m.To == address && m.SentAt != null)) == 2, "两封邮件未在一分钟内发出");
        await Task.WhenAll(DispatchAsync(a), DispatchAsync(b));
        var received = Received();
        received.Select(m => m.Subject).Order().ShouldBe(mails.Select(m => m.Subject).Order());
        received.Select(m => m.MessageId).Order().ShouldBe(mails.Select(m => m.MessageId).Order());
    }

    [Fact]
    public async Task Reminders_run_daily_at_eight_in_Beijing_and_keep_both_sides_of_the_day_bound_and_the_overdue_day()
    {
        // The job: 08:00 every day in the deployment's zone (Asia/Shanghai), whatever the server's zone.
        var scheduler = await app.Factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = (await scheduler.GetTriggersOfJob(new JobKey(ReminderJob.Key))).OfType<ICronTrigger>().Single();
        trigger.TimeZone.Id.ShouldBe("Asia/Shanghai");
        // Days after the trigger's start (a persisted trigger answers a moment before its start with its first firing after it).
        var day = DateTime.SpecifyKind(trigger.StartTimeUtc.UtcDateTime.Date.AddDays(2), DateTimeKind.Unspecified);
        trigger.GetFireTimeAfter(new DateTimeOffset(day, TimeSpan.Zero)) // 08:00 in Beijing
            .ShouldBe(new DateTimeOffset(day.AddDays(1).AddHours(8), TimeSpan.FromHours(8)));
        trigger.GetFireTimeAfter(new DateTimeOffset(day.AddMinutes(-1), TimeSpan.Zero))
            .ShouldBe(new DateTimeOffset(day.AddHours(8), TimeSpan.FromHours(8)));

        var near = await flow.NewApplicationAsync(Hhht, ordinal: 34);
        var far = await flow.NewApplicationAsync(Hhht, ordinal: 35);
        var (officerId, _) = await OfficerByEmailAsync(Hhht); // 3 days ahead
        async Task DueAsync(int caseId, DateOnly on) => await app.Db(async db =>
        {
            var c = await db.Cases.SingleAsync(x => x.Id == caseId);
            c.DueOn = on;
            return await db.SaveChangesAsync();
        });
        async Task RunJobAsync()
        {
            await using var scope = app.Scope();
            await ActivatorUtilities.CreateInstance<ReminderJob>(scope.ServiceProvider).Execute(null!, CancellationToken.None);
        }
        Task<List<Notification>> MineAsync(int caseId) =>
            app.Db(db => db.Notifications.AsNoTracking().Where(n => n.UserId == officerId && n.CaseId == caseId).OrderBy(n => n.Id).ToListAsync());

        // Exactly 3 days away: reminded; 4 days away: not yet.
        await DueAsync(near, app.Today.AddDays(3));
        await DueAsync(far, app.Today.AddDays(4));
        await RunJobAsync();
        (await MineAsync(near)).Single().Title.ShouldContain("还有3天");
        (await MineAsync(far)).ShouldBeEmpty();
        // A second run the same day: nothing new.
        await RunJobAsync();
        (await MineAsync(near)).Count.ShouldBe(1);

        // Due today: 今日到期, not overdue; still not overdue one second before midnight in Beijing.
        await DueAsync(far, app.Today);
        await RunJobAsync();
        (await MineAsync(far)).Single().Title.ShouldStartWith("今日到期");
        var zone = app.Clock.Zone;
        var next = app.Today.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var midnight = new DateTimeOffset(next, zone.GetUtcOffset(next)).ToUniversalTime();
        app.Time.SetUtcNow(midnight.AddSeconds(-1));
        await RunJobAsync();
        (await MineAsync(far)).ShouldAllBe(n => n.Kind == NotificationKinds.DueSoon);
        // From 00:00 the next day (Beijing): overdue, once.
        app.Time.SetUtcNow(midnight);
        await RunJobAsync();
        await RunJobAsync();
        var after = await MineAsync(far);
        after.Count(n => n.Kind == NotificationKinds.Overdue).ShouldBe(1);
        after.Single(n => n.Kind == NotificationKinds.Overdue).Title.ShouldContain("已逾期1天");
    }
}

[Collection(ExpertsSqliteCollection.Name)]
public sealed class NotificationTests_Sqlite(SqliteAppFixture app) : NotificationTests(app);

[Collection(ExpertsPostgresCollection.Name)]
public sealed class NotificationTests_Postgres(PostgresAppFixture app) : NotificationTests(app);
