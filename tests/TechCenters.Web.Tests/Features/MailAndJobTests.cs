using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Mail;
using TechCenters.Web.Infrastructure;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Features;

/// <summary>Scheduled jobs (Quartz, ADR 0009) and the e-mail outbox they send.</summary>
public abstract class MailAndJobTests(AppFixture app)
{
    [Fact]
    public async Task Jobs_are_kept_in_the_clustered_database_store_on_PostgreSQL_and_in_memory_on_SQLite()
    {
        var scheduler = await app.Factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var meta = await scheduler.GetMetadata();
        meta.JobStoreClustered.ShouldBe(app.Provider == DatabaseProvider.Postgres);
        meta.JobStorePersistent.ShouldBe(app.Provider == DatabaseProvider.Postgres);
        (await scheduler.Exists(new JobKey(OutboxDispatchJob.Key))).ShouldBeTrue();
        // Firings follow the app's clock: the fixture's fake clock, frozen, so no job runs behind the other tests' backs.
        scheduler.TimeProvider.ShouldBeSameAs(app.Time);
        (await scheduler.Exists(new JobKey(JobRunTrimJob.Key))).ShouldBeTrue();
    }

    [Fact]
    public async Task Bug_0304_a_cron_job_fires_at_its_hour_in_the_deployments_time_zone_not_the_servers()
    {
        // The run-log trim is set for 03:30: that is 03:30 in Beijing (19:30 UTC the day before), whatever zone the
        // server's clock is in (here UTC). Before, Quartz read cron hours in the server's zone.
        var scheduler = await app.Factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = (await scheduler.GetTriggersOfJob(new JobKey(JobRunTrimJob.Key))).OfType<ICronTrigger>().Single();
        trigger.TimeZone.Id.ShouldBe("Asia/Shanghai");
        // Days after the trigger's start (a persisted trigger starts when it was first scheduled: asking about a moment
        // before that answers with the first firing after the start, which made fixed dates fail once they had passed).
        var day = DateTime.SpecifyKind(trigger.StartTimeUtc.UtcDateTime.Date.AddDays(2), DateTimeKind.Unspecified);
        var after = new DateTimeOffset(day.AddHours(12), TimeSpan.Zero); // 20:00 in Beijing
        trigger.GetFireTimeAfter(after).ShouldBe(new DateTimeOffset(day.AddDays(1).AddHours(3.5), TimeSpan.FromHours(8)));
        trigger.GetFireTimeAfter(new DateTimeOffset(day.AddHours(19).AddMinutes(29), TimeSpan.Zero)) // 03:29 in Beijing
            .ShouldBe(new DateTimeOffset(day.AddHours(19.5), TimeSpan.Zero));
    }

    [Fact]
    public async Task A_committed_email_is_sent_once_with_its_Message_ID_and_a_rolled_back_one_never()
    {
        await using var smtp = new SmtpListener();
        await using var mailer = Mailer(smtp);
        var subject = $"测试邮件 {Guid.NewGuid():N}";
        string messageId;
        await using (var scope = mailer.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                OutboundEmail.Enqueue(db, "someone@example.test", subject + "（回滚）", "不应发出", DateTimeOffset.UtcNow);
                await db.SaveChangesAsync();
                await tx.RollbackAsync();
            }
            db.ChangeTracker.Clear();
            messageId = OutboundEmail.Enqueue(db, "someone@example.test", subject, "您的申报书已受理。", DateTimeOffset.UtcNow).MessageId;
            await db.SaveChangesAsync();
        }

        await Eventually(() => Task.FromResult(smtp.Received.Any(m => m.Subject == subject)), "邮件未在一分钟内发出", state: () => State(messageId));
        // The dispatcher records the sending after the server has taken the message: the record may follow the receipt.
        await Eventually(async () => (await app.Db(db => db.Set<OutboundEmail>().AsNoTracking().SingleAsync(m => m.MessageId == messageId))).SentAt is not null,
            "邮件已送达邮件服务器，但发件箱未记为已发送", state: () => State(messageId));
        // Later rounds send nothing more.
        var runs = await app.Db(db => db.Set<JobRun>().CountAsync(r => r.Job == OutboxDispatchJob.Key));
        await Eventually(async () => await app.Db(db => db.Set<JobRun>().CountAsync(r => r.Job == OutboxDispatchJob.Key)) >= runs + 2, "发件任务没有继续运行");
        smtp.Received.Count(m => m.Subject == subject).ShouldBe(1);
        smtp.Received.Single(m => m.Subject == subject).MessageId.ShouldBe(messageId);
        smtp.Received.ShouldNotContain(m => m.Subject != null && m.Subject.Contains("回滚"));
    }

    [Fact]
    public async Task A_message_the_server_refuses_is_retried_later_with_its_reason_kept()
    {
        await using var smtp = new SmtpListener();
        await using var mailer = Mailer(smtp);
        long id;
        await using (var scope = mailer.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var mail = OutboundEmail.Enqueue(db, SmtpListener.RejectedRecipient, "退信测试", "正文", DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            id = mail.Id;
        }
        await Eventually(async () => (await app.Db(db => db.Set<OutboundEmail>().AsNoTracking().SingleAsync(m => m.Id == id))).Attempts > 0, "退信未被记录",
            state: () => State(null));
        var failed = await app.Db(db => db.Set<OutboundEmail>().AsNoTracking().SingleAsync(m => m.Id == id));
        failed.SentAt.ShouldBeNull();
        failed.FailedAt.ShouldBeNull();
        failed.LastError.ShouldNotBeNullOrEmpty();
        failed.NextAttemptAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddSeconds(30), "重试应按退避间隔推迟");
    }

    /// <summary>A second host on the fixture's database that sends through <paramref name="smtp"/> every second, on the real clock.</summary>
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Mailer(SmtpListener smtp) => app.CreateFactory(b =>
    {
        b.UseSetting("Mail:Host", "127.0.0.1");
        b.UseSetting("Mail:Port", smtp.Port.ToString());
        b.UseSetting("Mail:Security", "None");
        b.UseSetting("Mail:DispatchIntervalSeconds", "1");
        b.ConfigureTestServices(s => s.AddSingleton(TimeProvider.System));
    });

    [Fact]
    public void Retries_back_off_exponentially_up_to_six_hours()
    {
        OutboxDispatchJob.Backoff(1).ShouldBe(TimeSpan.FromMinutes(1));
        OutboxDispatchJob.Backoff(2).ShouldBe(TimeSpan.FromMinutes(2));
        OutboxDispatchJob.Backoff(5).ShouldBe(TimeSpan.FromMinutes(16));
        OutboxDispatchJob.Backoff(20).ShouldBe(TimeSpan.FromHours(6));
    }

    [Fact]
    public async Task A_second_run_of_the_same_firing_is_refused_by_the_database()
    {
        var at = DateTimeOffset.UtcNow.AddYears(-1);
        JobRun Run() => new() { Job = "测试任务", ScheduledFor = at, StartedAt = at, FinishedAt = at, Instance = "a", Succeeded = true };
        await app.Db(async db => { db.Set<JobRun>().Add(Run()); return await db.SaveChangesAsync(); });
        await Should.ThrowAsync<DbUpdateException>(() => app.Db(async db => { db.Set<JobRun>().Add(Run()); return await db.SaveChangesAsync(); }));
    }

    /// <summary>What the outbox and the run log say (for a failure message).</summary>
    private async Task<string> State(string? messageId)
    {
        var mails = await app.Db(db => db.Set<OutboundEmail>().AsNoTracking().Where(m => messageId == null || m.MessageId == messageId).ToListAsync());
        var runs = await app.Db(db => db.Set<JobRun>().AsNoTracking().OrderByDescending(r => r.Id).Take(5).ToListAsync());
        return string.Join("\n", mails.Select(m => $"邮件 {m.Id}: 尝试 {m.Attempts} 次，发送于 {m.SentAt}，下次 {m.NextAttemptAt}，{m.LastError}")
            .Concat(runs.Select(r => $"运行 {r.Job} {r.ScheduledFor} {r.Instance} {(r.Succeeded ? "成功" : r.Error)}")));
    }

    /// <summary>Polls a condition (bounded; not a timing assertion: only the outcome is asserted).</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string message, int seconds = 60, Func<Task<string>>? state = null)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            if (await condition()) return;
            await Task.Delay(200);
        }
        (await condition()).ShouldBeTrue(message + (state is null ? "" : "\n" + await state()));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MailAndJobTests_Sqlite(SqliteAppFixture app) : MailAndJobTests(app);

[Collection(PostgresCollection.Name)]
public sealed class MailAndJobTests_Postgres(PostgresAppFixture app) : MailAndJobTests(app);
