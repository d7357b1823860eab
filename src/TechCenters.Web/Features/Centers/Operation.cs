using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TechCenters.Web.Features.Centers;

/// <summary>A meeting of a governance body: when, who attended (of how many members), and the matters decided with their votes.</summary>
public sealed class BodyMeeting
{
    public int Id { get; set; }
    public int CenterId { get; set; }
    public required string Body { get; set; }
    public DateOnly HeldOn { get; set; }
    /// <summary>The body's composition version and size on the day (the majority counts all members, 全体成员).</summary>
    public int BodyVersion { get; set; }
    public int MembersTotal { get; set; }
    public int Attended { get; set; }
    /// <summary>出席人员 (names, 、-separated).</summary>
    public required string Attendees { get; set; }
    /// <summary>会议纪要摘要 / 书面咨询意见.</summary>
    public string? Minutes { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string? RecordedBy { get; set; }
    public List<MeetingMatter> Matters { get; set; } = [];
}

/// <summary>A matter a meeting decided: major (重大事项) or not, the votes, and whether it passed.</summary>
public sealed class MeetingMatter
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public required string Title { get; set; }
    public bool Major { get; set; }
    public int VotesFor { get; set; }
    public int VotesAgainst { get; set; }
    public int VotesAbstain { get; set; }
    public bool Passed { get; set; }
    public int Position { get; set; }
}

/// <summary>
/// A year's operation figures as the lead unit declares them (the facts of the pack's operation area: 第十二师 附2's yearly
/// minimums, 沧州's separate account …), judged against the pack with its articles.
/// </summary>
public sealed class YearlyDeclaration
{
    public int Id { get; set; }
    public int CenterId { get; set; }
    public int Year { get; set; }
    /// <summary>The typed facts (operation.*), canonical values by dotted path.</summary>
    public required string FactsJson { get; set; }
    public DateTimeOffset DeclaredAt { get; set; }
    public string? DeclaredBy { get; set; }
}

/// <summary>服务台账: one service to a small or medium enterprise (服务对象、内容、成效), 第十二师 附2第七部分.</summary>
public sealed class ServiceLedgerEntry
{
    public int Id { get; set; }
    public int CenterId { get; set; }
    public DateOnly ServedOn { get; set; }
    public required string Client { get; set; }
    public required string Content { get; set; }
    public required string Outcome { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string? RecordedBy { get; set; }
}

public sealed class BodyMeetingMap : IEntityTypeConfiguration<BodyMeeting>
{
    public void Configure(EntityTypeBuilder<BodyMeeting> e)
    {
        e.ToTable("BodyMeetings", t => t.HasComment("治理机构会议记录"));
        e.Property(x => x.CenterId).HasComment("技术创新中心");
        e.Property(x => x.Body).HasMaxLength(40).HasComment("机构");
        e.Property(x => x.HeldOn).HasComment("会议日期");
        e.Property(x => x.BodyVersion).HasComment("会议时的组成版本");
        e.Property(x => x.MembersTotal).HasComment("全体成员人数");
        e.Property(x => x.Attended).HasComment("出席人数");
        e.Property(x => x.Attendees).HasMaxLength(2000).HasComment("出席人员");
        e.Property(x => x.Minutes).HasMaxLength(4000).HasComment("会议纪要摘要");
        e.Property(x => x.RecordedAt).HasComment("登记时间");
        e.Property(x => x.RecordedBy).HasMaxLength(256).HasComment("登记人");
        e.HasOne<Center>().WithMany().HasForeignKey(x => x.CenterId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Matters).WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.CenterId, x.Body, x.HeldOn });
    }
}

public sealed class MeetingMatterMap : IEntityTypeConfiguration<MeetingMatter>
{
    public void Configure(EntityTypeBuilder<MeetingMatter> e)
    {
        e.ToTable("MeetingMatters", t => t.HasComment("会议审议事项与表决"));
        e.Property(x => x.MeetingId).HasComment("会议");
        e.Property(x => x.Title).HasMaxLength(200).HasComment("事项");
        e.Property(x => x.Major).HasComment("重大事项");
        e.Property(x => x.VotesFor).HasComment("同意票");
        e.Property(x => x.VotesAgainst).HasComment("反对票");
        e.Property(x => x.VotesAbstain).HasComment("弃权票");
        e.Property(x => x.Passed).HasComment("是否通过");
        e.Property(x => x.Position).HasComment("排序");
        e.HasIndex(x => x.MeetingId);
    }
}

public sealed class YearlyDeclarationMap : IEntityTypeConfiguration<YearlyDeclaration>
{
    public void Configure(EntityTypeBuilder<YearlyDeclaration> e)
    {
        e.ToTable("YearlyDeclarations", t => t.HasComment("技术创新中心年度运行情况申报"));
        e.Property(x => x.CenterId).HasComment("技术创新中心");
        e.Property(x => x.Year).HasComment("年度");
        e.Property(x => x.FactsJson).HasMaxLength(8000).HasComment("年度运行数据（事实路径 → 值，JSON）");
        e.Property(x => x.DeclaredAt).HasComment("申报时间");
        e.Property(x => x.DeclaredBy).HasMaxLength(256).HasComment("申报人");
        e.HasOne<Center>().WithMany().HasForeignKey(x => x.CenterId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.CenterId, x.Year }).IsUnique();
    }
}

public sealed class ServiceLedgerEntryMap : IEntityTypeConfiguration<ServiceLedgerEntry>
{
    public void Configure(EntityTypeBuilder<ServiceLedgerEntry> e)
    {
        e.ToTable("ServiceLedger", t => t.HasComment("面向中小企业的服务台账"));
        e.Property(x => x.CenterId).HasComment("技术创新中心");
        e.Property(x => x.ServedOn).HasComment("服务日期");
        e.Property(x => x.Client).HasMaxLength(200).HasComment("服务对象");
        e.Property(x => x.Content).HasMaxLength(1000).HasComment("服务内容");
        e.Property(x => x.Outcome).HasMaxLength(1000).HasComment("服务成效");
        e.Property(x => x.RecordedAt).HasComment("登记时间");
        e.Property(x => x.RecordedBy).HasMaxLength(256).HasComment("登记人");
        e.HasOne<Center>().WithMany().HasForeignKey(x => x.CenterId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.CenterId, x.ServedOn });
    }
}
