using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Features.Calls;
using TechCenters.Web.Features.Applications;
namespace TechCenters.Web.Features.PublicNotices;

/// <summary>公示: the list of proposed centers, on a public page without personal data.</summary>
public sealed class PublicNotice
{
    public int Id { get; set; }
    public required string JurisdictionId { get; set; }
    public required string Title { get; set; }
    public DateOnly PublishedOn { get; set; }
    /// <summary>公示期 in working days when the pack states one.</summary>
    public int? WorkingDays { get; set; }
    /// <summary>Last day of the period (objections accepted through this day; approval from the next day).</summary>
    public DateOnly EndsOn { get; set; }
    /// <summary>The end was entered and confirmed by the officer (no stated length, or a year without a published holiday notice).</summary>
    public bool EndConfirmedByOfficer { get; set; }
    /// <summary>How the end was determined (the calendar's explanation or the officer's confirmation).</summary>
    public required string EndBasis { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    public List<PublicNoticeItem> Items { get; set; } = [];

    public bool OpenOn(DateOnly day) => day >= PublishedOn && day <= EndsOn;
    public bool EndedBefore(DateOnly day) => day > EndsOn;
}

/// <summary>One proposed center on a notice: a snapshot of public facts only (names of center and units).</summary>
public sealed class PublicNoticeItem
{
    public int Id { get; set; }
    public int NoticeId { get; set; }
    public PublicNotice? Notice { get; set; }
    public int ApplicationId { get; set; }
    public required string CenterName { get; set; }
    public required string LeadUnitName { get; set; }
    public string? CoBuilderNames { get; set; }
}

/// <summary>异议: raised by anyone during the period, with a contact and a reason; each needs a recorded resolution.</summary>
public sealed class Objection
{
    public int Id { get; set; }
    public int NoticeId { get; set; }
    public int ItemId { get; set; }
    public int ApplicationId { get; set; }
    public required string Contact { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public string? Resolution { get; set; }
    /// <summary>异议成立 (true) or 不成立 (false); null while unresolved.</summary>
    public bool? Upheld { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
}

/// <summary>EF mapping of <see cref="PublicNotice"/>.</summary>
public sealed class PublicNoticeMap : IEntityTypeConfiguration<PublicNotice>
{
    public void Configure(EntityTypeBuilder<PublicNotice> e)
    {
        e.ToTable("PublicNotices", t => t.HasComment("公示"));
        e.Property(x => x.JurisdictionId).HasMaxLength(64).HasComment("管理辖区");
        e.Property(x => x.Title).HasMaxLength(200).HasComment("公示标题");
        e.Property(x => x.PublishedOn).HasComment("公示发布日期");
        e.Property(x => x.WorkingDays).HasComment("公示期（工作日）");
        e.Property(x => x.EndsOn).HasComment("公示截止日期（含）");
        e.Property(x => x.EndConfirmedByOfficer).HasComment("截止日期由经办人确认");
        e.Property(x => x.EndBasis).HasMaxLength(1000).HasComment("截止日期依据");
        e.Property(x => x.PublishedAt).HasComment("发布时间");
        e.Property(x => x.PublishedBy).HasMaxLength(256).HasComment("发布人");
        e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Items).WithOne(x => x.Notice).HasForeignKey(x => x.NoticeId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.JurisdictionId, x.PublishedOn });
    }
}

/// <summary>EF mapping of <see cref="PublicNoticeItem"/>.</summary>
public sealed class PublicNoticeItemMap : IEntityTypeConfiguration<PublicNoticeItem>
{
    public void Configure(EntityTypeBuilder<PublicNoticeItem> e)
    {
        e.ToTable("PublicNoticeItems", t => t.HasComment("公示名单"));
        e.Property(x => x.NoticeId).HasComment("公示");
        e.Property(x => x.ApplicationId).HasComment("申报书");
        e.Property(x => x.CenterName).HasMaxLength(200).HasComment("拟认定中心名称");
        e.Property(x => x.LeadUnitName).HasMaxLength(200).HasComment("牵头（依托）单位");
        e.Property(x => x.CoBuilderNames).HasMaxLength(2000).HasComment("共建单位（每行一个）");
        e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.ApplicationId).IsUnique();
    }
}

/// <summary>EF mapping of <see cref="Objection"/>.</summary>
public sealed class ObjectionMap : IEntityTypeConfiguration<Objection>
{
    public void Configure(EntityTypeBuilder<Objection> e)
    {
        e.ToTable("Objections", t => t.HasComment("公示异议"));
        e.Property(x => x.NoticeId).HasComment("公示");
        e.Property(x => x.ItemId).HasComment("公示名单条目");
        e.Property(x => x.ApplicationId).HasComment("申报书");
        e.Property(x => x.Contact).HasMaxLength(200).HasComment("异议人联系方式（不公开）");
        e.Property(x => x.Reason).HasMaxLength(4000).HasComment("异议理由");
        e.Property(x => x.RaisedAt).HasComment("提出时间");
        e.Property(x => x.Resolution).HasMaxLength(4000).HasComment("处理结果");
        e.Property(x => x.Upheld).HasComment("异议是否成立");
        e.Property(x => x.ResolvedAt).HasComment("处理时间");
        e.Property(x => x.ResolvedBy).HasMaxLength(256).HasComment("处理人");
        e.HasOne<PublicNotice>().WithMany().HasForeignKey(x => x.NoticeId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<PublicNoticeItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.ApplicationId);
    }
}
