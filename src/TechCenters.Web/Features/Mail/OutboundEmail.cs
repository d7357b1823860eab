using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechCenters.Web.Data;

namespace TechCenters.Web.Features.Mail;

/// <summary>
/// An e-mail waiting to be sent (the outbox): written in the same transaction as the change it tells about, sent by
/// <see cref="OutboxDispatchJob"/> (one instance at a time, cluster-wide), retried with backoff, a final failure kept
/// visible. <see cref="MessageId"/> is fixed at enqueue time, so a message re-sent after a crash between the SMTP
/// server's acceptance and the row's update carries the same Message-ID (mail clients show it once).
/// </summary>
public sealed class OutboundEmail
{
    public long Id { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public required string MessageId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>Set when the retries are used up: nothing more is tried, the row stays for the administrator.</summary>
    public DateTimeOffset? FailedAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>Adds an e-mail to the outbox of <paramref name="db"/>; it is sent once the caller's transaction commits.</summary>
    public static OutboundEmail Enqueue(AppDbContext db, string to, string subject, string body, DateTimeOffset now)
    {
        var mail = Create(to, subject, body, now);
        db.Set<OutboundEmail>().Add(mail);
        return mail;
    }

    /// <summary>
    /// A new outbox row, not yet added: for a case action, put it in the <c>Decision</c>'s <c>Add</c> list and the kernel
    /// commits it with the decision (a refused or rolled-back action sends nothing).
    /// </summary>
    public static OutboundEmail Create(string to, string subject, string body, DateTimeOffset now) => new()
    {
        To = to, Subject = subject, Body = body, CreatedAt = now, NextAttemptAt = now,
        MessageId = $"{Guid.NewGuid():N}@techcenters",
    };
}

public sealed class OutboundEmailMap : IEntityTypeConfiguration<OutboundEmail>
{
    public void Configure(EntityTypeBuilder<OutboundEmail> e)
    {
        e.ToTable("OutboundEmails", t => t.HasComment("待发邮件（发件箱：与业务变更同一事务写入，由定时任务发送一次）"));
        e.Property(x => x.To).HasMaxLength(320).HasComment("收件人");
        e.Property(x => x.Subject).HasMaxLength(200).HasComment("主题");
        e.Property(x => x.Body).HasComment("正文");
        e.Property(x => x.MessageId).HasMaxLength(100).HasComment("邮件标识（Message-ID，重发时不变）");
        e.Property(x => x.CreatedAt).HasComment("写入时间（UTC）");
        e.Property(x => x.NextAttemptAt).HasComment("下次发送时间（UTC）");
        e.Property(x => x.Attempts).HasComment("已尝试次数");
        e.Property(x => x.SentAt).HasComment("发送成功时间（UTC）");
        e.Property(x => x.FailedAt).HasComment("放弃发送时间（UTC，重试用尽）");
        e.Property(x => x.LastError).HasMaxLength(1000).HasComment("最近一次失败原因");
        e.HasIndex(x => x.MessageId).IsUnique();
        e.HasIndex(x => new { x.SentAt, x.FailedAt, x.NextAttemptAt });
    }
}
