using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Features.Calls;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.PublicNotices;
namespace TechCenters.Web.Features.Audit;

/// <summary>
/// One append-only, hash-chained audit record (ADR 0010). It is inserted with the business change it records, without a
/// place in the chain (<see cref="Sequence"/>, <see cref="PreviousHash"/> and <see cref="Hash"/> null: pending); the
/// chain sealer (<see cref="AuditChain"/>) gives it its place once, in commit order. Nothing else ever updates or
/// deletes a row (database triggers refuse it).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    /// <summary>Position in the chain, 1-based, gap-free, unique; null while the row waits to be sealed.</summary>
    public long? Sequence { get; set; }
    /// <summary>UTC instant, truncated to whole milliseconds so it round-trips on every provider.</summary>
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary>Offset of the deployment's local time (e.g. +480 for 北京时间) when the row was written.</summary>
    public int UtcOffsetMinutes { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    public required string ClientAddress { get; set; }
    public required string Action { get; set; }
    public string? ObjectType { get; set; }
    public string? ObjectId { get; set; }
    public required string Outcome { get; set; }
    public string? Detail { get; set; }
    public string? PreviousHash { get; set; }
    public string? Hash { get; set; }
    public bool Sealed => Hash is not null;

    public DateTimeOffset LocalTime => OccurredAt.ToOffset(TimeSpan.FromMinutes(UtcOffsetMinutes));
}

public static class AuditOutcome
{
    public const string Success = "成功";
    public const string Failure = "失败";
    public const string Denied = "拒绝";
}

/// <summary>EF mapping of <see cref="AuditEntry"/>.</summary>
public sealed class AuditEntryMap : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable("AuditEntries", t => t.HasComment("审计日志（只追加，哈希链防篡改）"));
        e.Property(x => x.Sequence).HasComment("链上序号（空：待入链）");
        e.Property(x => x.OccurredAt).HasComment("发生时间（UTC）");
        e.Property(x => x.UtcOffsetMinutes).HasComment("记录时本地时区相对UTC的偏移（分钟）");
        e.Property(x => x.UserId).HasMaxLength(450).HasComment("用户标识");
        e.Property(x => x.UserName).HasMaxLength(256).HasComment("用户名");
        e.Property(x => x.ClientAddress).HasMaxLength(64).HasComment("客户端地址");
        e.Property(x => x.Action).HasMaxLength(200).HasComment("操作");
        e.Property(x => x.ObjectType).HasMaxLength(100).HasComment("对象类型");
        e.Property(x => x.ObjectId).HasMaxLength(100).HasComment("对象标识");
        e.Property(x => x.Outcome).HasMaxLength(20).HasComment("结果");
        e.Property(x => x.Detail).HasMaxLength(2000).HasComment("详情");
        e.Property(x => x.PreviousHash).HasMaxLength(64).HasComment("前一条记录的哈希（SM3）");
        e.Property(x => x.Hash).HasMaxLength(64).HasComment("本条记录的哈希（SM3）");
        e.Ignore(x => x.LocalTime);
        e.Ignore(x => x.Sealed);
        e.HasIndex(x => x.Sequence).IsUnique();
        e.HasIndex(x => x.OccurredAt);
        e.HasIndex(x => new { x.UserName, x.Sequence });
    }
}
