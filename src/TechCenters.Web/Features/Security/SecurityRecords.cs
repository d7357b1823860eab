using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TechCenters.Web.Features.Security;

/// <summary>
/// 会话: one sign-in, from login to logout, expiry or being ended by the security admin. The login cookie carries the
/// session id; a cookie whose session is ended is refused on its next request.
/// </summary>
public sealed class UserSession
{
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public required string UserName { get; set; }
    public required string ClientAddress { get; set; }
    public string? UserAgent { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndedBy { get; set; }
    public string? EndReason { get; set; }
}

public sealed class UserSessionMap : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> e)
    {
        e.ToTable("UserSessions", t => t.HasComment("登录会话"));
        e.Property(x => x.Id).HasMaxLength(32).HasComment("会话标识");
        e.Property(x => x.UserId).HasMaxLength(450).HasComment("账号标识");
        e.Property(x => x.UserName).HasMaxLength(256).HasComment("用户名");
        e.Property(x => x.ClientAddress).HasMaxLength(64).HasComment("登录地址");
        e.Property(x => x.UserAgent).HasMaxLength(300).HasComment("浏览器标识");
        e.Property(x => x.StartedAt).HasComment("登录时间（UTC）");
        e.Property(x => x.LastSeenAt).HasComment("最近活动时间（UTC，按分钟更新）");
        e.Property(x => x.EndedAt).HasComment("结束时间（UTC）");
        e.Property(x => x.EndedBy).HasMaxLength(256).HasComment("结束人（本人退出或安全管理员）");
        e.Property(x => x.EndReason).HasMaxLength(200).HasComment("结束原因");
        e.HasIndex(x => new { x.EndedAt, x.LastSeenAt });
        e.HasIndex(x => x.UserId);
    }
}

/// <summary>安全告警 for the security admin (the scheduled audit-chain check raises one when the chain breaks).</summary>
public sealed class SecurityAlert
{
    public long Id { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public required string Kind { get; set; }
    public required string Message { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
}

public sealed class SecurityAlertMap : IEntityTypeConfiguration<SecurityAlert>
{
    public void Configure(EntityTypeBuilder<SecurityAlert> e)
    {
        e.ToTable("SecurityAlerts", t => t.HasComment("安全告警"));
        e.Property(x => x.RaisedAt).HasComment("告警时间（UTC）");
        e.Property(x => x.Kind).HasMaxLength(40).HasComment("类别：audit_chain 审计链断裂");
        e.Property(x => x.Message).HasMaxLength(1000).HasComment("告警内容");
        e.Property(x => x.AcknowledgedAt).HasComment("确认时间（UTC）");
        e.Property(x => x.AcknowledgedBy).HasMaxLength(256).HasComment("确认人");
        e.HasIndex(x => new { x.AcknowledgedAt, x.RaisedAt });
    }
}

/// <summary>Where `keys rotate` got to in one table, so a rotation stopped halfway resumes after the last committed batch.</summary>
public sealed class KeyRotationCheckpoint
{
    public int Id { get; set; }
    public required string TargetKeyId { get; set; }
    public required string TableName { get; set; }
    public long LastId { get; set; }
    public long Processed { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

public sealed class KeyRotationCheckpointMap : IEntityTypeConfiguration<KeyRotationCheckpoint>
{
    public void Configure(EntityTypeBuilder<KeyRotationCheckpoint> e)
    {
        e.ToTable("KeyRotationCheckpoints", t => t.HasComment("密钥轮换进度（中断后从此处继续）"));
        e.Property(x => x.TargetKeyId).HasMaxLength(40).HasComment("轮换到的数据密钥标识");
        e.Property(x => x.TableName).HasMaxLength(64).HasComment("表名");
        e.Property(x => x.LastId).HasComment("已提交的最后一行主键");
        e.Property(x => x.Processed).HasComment("已重新加密的行数");
        e.Property(x => x.StartedAt).HasComment("开始时间（UTC）");
        e.Property(x => x.UpdatedAt).HasComment("最近进度时间（UTC）");
        e.Property(x => x.CompletedAt).HasComment("完成时间（UTC）");
        e.HasIndex(x => new { x.TargetKeyId, x.TableName }).IsUnique();
    }
}
