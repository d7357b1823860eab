using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Quartz;
using TechCenters.Web.Data;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Features.Mail;

/// <summary>
/// Sends what is due in the outbox through the configured SMTP server (MailKit). A scheduled job (ADR 0009): Quartz runs
/// it on one instance at a time (on PostgreSQL cluster-wide). As a second guard each batch is first claimed in a
/// committed statement (<c>FOR UPDATE SKIP LOCKED</c>, the claim is a lease on <c>NextAttemptAt</c>), so two senders
/// never take the same message; each message is marked sent the moment the server accepts it. A failed send is retried
/// with exponential backoff (1, 2, 4 … minutes, at most 6 hours) up to <see cref="MailSettings.MaxAttempts"/> times.
/// </summary>
[DisallowConcurrentExecution]
public sealed class OutboxDispatchJob(AppDbContext db, MailSettings settings, TimeProvider time, ILogger<OutboxDispatchJob> log) : IJob
{
    public const string Key = "mail-outbox";
    public const int BatchSize = 50;
    /// <summary>How long a claimed batch is kept from other senders (a sender that died gives it back after this).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct = default)
    {
        if (!settings.Enabled) return;
        var due = await ClaimAsync(time.GetUtcNow(), ct);
        if (due.Count == 0) return;

        using var smtp = new SmtpClient { Timeout = 30_000 };
        try
        {
            await smtp.ConnectAsync(settings.Host, settings.Port, settings.Security, ct);
            if (settings.UserName is { Length: > 0 }) await smtp.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The server is unreachable: the batch waits for the next round (not counted as an attempt).
            foreach (var mail in due) mail.NextAttemptAt = time.GetUtcNow();
            await db.SaveChangesAsync(CancellationToken.None);
            log.LogWarning("邮件服务器 {Host}:{Port} 连接失败，{Count} 封邮件稍后重试：{Error}", settings.Host, settings.Port, due.Count, e.Message);
            return;
        }
        foreach (var mail in due)
        {
            try
            {
                await smtp.SendAsync(Message(mail), ct);
                mail.SentAt = time.GetUtcNow();
                mail.LastError = null;
            }
            catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or FormatException or ParseException)
            {
                mail.Attempts++;
                mail.LastError = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
                if (mail.Attempts >= settings.MaxAttempts)
                {
                    mail.FailedAt = time.GetUtcNow();
                    log.LogError("邮件 {Id} 发送失败 {Attempts} 次，已放弃：{Error}", mail.Id, mail.Attempts, mail.LastError);
                }
                else mail.NextAttemptAt = time.GetUtcNow() + Backoff(mail.Attempts);
            }
            // Marked at once (its own statement): a crash after this point cannot send it again.
            await db.SaveChangesAsync(CancellationToken.None);
            if (!smtp.IsConnected) break;
        }
        if (smtp.IsConnected) await smtp.DisconnectAsync(true, ct);
    }

    /// <summary>Takes up to a batch of due messages and leases them (committed before anything is sent).</summary>
    private async Task<List<OutboundEmail>> ClaimAsync(DateTimeOffset now, CancellationToken ct)
    {
        var lease = now + Lease;
        if (db.Database.IsNpgsql())
            return await db.Set<OutboundEmail>().FromSqlInterpolated($"""
                UPDATE "OutboundEmails" SET "NextAttemptAt" = {lease} WHERE "Id" IN (
                    SELECT "Id" FROM "OutboundEmails" WHERE "SentAt" IS NULL AND "FailedAt" IS NULL AND "NextAttemptAt" <= {now}
                    ORDER BY "Id" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED)
                RETURNING *
                """).AsTracking().ToListAsync(ct);
        // SQLite: one instance (and SQLite's single writer); the in-memory scheduler runs this job once at a time.
        var due = (await db.Set<OutboundEmail>().Where(m => m.SentAt == null && m.FailedAt == null).OrderBy(m => m.Id).ToListAsync(ct))
            .Where(m => m.NextAttemptAt <= now).Take(BatchSize).ToList();
        foreach (var m in due) m.NextAttemptAt = lease;
        await db.SaveChangesAsync(ct);
        return due;
    }

    public static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(Math.Min(360, Math.Pow(2, Math.Max(0, attempts - 1))));

    private MimeMessage Message(OutboundEmail mail)
    {
        var m = new MimeMessage { Subject = mail.Subject, MessageId = mail.MessageId };
        m.From.Add(MailboxAddress.Parse(settings.From));
        m.To.Add(MailboxAddress.Parse(mail.To));
        m.Body = new TextPart("plain") { Text = mail.Body };
        return m;
    }
}

/// <summary>Where e-mail goes: <c>Mail:Host</c> empty means not configured (the outbox keeps what is queued).</summary>
public sealed class MailSettings : SettingsBase
{
    public bool Enabled => Host.Length > 0;
    public string Host { get; private set; } = "";
    public int Port { get; private set; }
    public string From { get; private set; } = "";
    public string? UserName { get; private set; }
    public string? Password { get; private set; }
    public SecureSocketOptions Security { get; private set; }
    public int MaxAttempts { get; private set; }

    public void Read(IConfiguration c)
    {
        Host = c["Mail:Host"]?.Trim() ?? "";
        Port = Int(c, "Mail:Port", 25, 1, 65_535);
        From = c["Mail:From"] is { Length: > 0 } f ? f : "noreply@techcenters.local";
        UserName = c["Mail:UserName"];
        Password = c["Mail:Password"];
        MaxAttempts = Int(c, "Mail:MaxAttempts", 8, 1, 100);
        var security = c["Mail:Security"] is { Length: > 0 } s ? s : "Auto";
        if (Enum.TryParse<SecureSocketOptions>(security, ignoreCase: true, out var parsed)) Security = parsed;
        else Problems.Add($"配置项 Mail:Security 的值“{security}”无效，应为 None、Auto、StartTls、StartTlsWhenAvailable 或 SslOnConnect");
        if (Enabled && !MailboxAddress.TryParse(From, out _)) Problems.Add($"配置项 Mail:From 的值“{From}”不是有效的邮件地址");
    }
}

public static class MailSetup
{
    public static IServiceCollection AddMail(this IServiceCollection services) => services.AddSettings<MailSettings>((o, c, _) => o.Read(c));
}
