using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Features.Calls;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.PublicNotices;
namespace TechCenters.Web.Features.Centers;

/// <summary>技术创新中心: created by the approval, with the pack version that judged it.</summary>
public sealed class Center
{
    public int Id { get; set; }
    public required string JurisdictionId { get; set; }
    public int ApplicationId { get; set; }
    public required string Name { get; set; }
    public int LeadUnitId { get; set; }
    public required string LeadUnitName { get; set; }
    /// <summary>共建单位 names, one per line.</summary>
    public string? CoBuilderNames { get; set; }
    /// <summary>批准文号.</summary>
    public required string ApprovalNumber { get; set; }
    public DateOnly ApprovedOn { get; set; }
    /// <summary>建设期（年）where the pack states one.</summary>
    public int? ConstructionYears { get; set; }
    public DateOnly? ConstructionEndsOn { get; set; }
    /// <summary>认定补助（元）where the pack grants one.</summary>
    public decimal? SubsidyYuan { get; set; }
    public required string PackVersion { get; set; }
    public required string PackDocument { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }

    public IEnumerable<string> CoBuilders => (CoBuilderNames ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>EF mapping of <see cref="Center"/>.</summary>
public sealed class CenterMap : IEntityTypeConfiguration<Center>
{
    public void Configure(EntityTypeBuilder<Center> e)
    {
        e.ToTable("Centers", t => t.HasComment("技术创新中心"));
        e.Property(x => x.JurisdictionId).HasMaxLength(64).HasComment("管理辖区");
        e.Property(x => x.ApplicationId).HasComment("认定所依据的申报书");
        e.Property(x => x.Name).HasMaxLength(200).HasComment("中心名称");
        e.Property(x => x.LeadUnitId).HasComment("牵头（依托）单位");
        e.Property(x => x.LeadUnitName).HasMaxLength(200).HasComment("牵头（依托）单位名称");
        e.Property(x => x.CoBuilderNames).HasMaxLength(2000).HasComment("共建单位（每行一个）");
        e.Property(x => x.ApprovalNumber).HasMaxLength(100).HasComment("批准文号");
        e.Property(x => x.ApprovedOn).HasComment("批准日期");
        e.Property(x => x.ConstructionYears).HasComment("建设期（年）");
        e.Property(x => x.ConstructionEndsOn).HasComment("建设期截止日期");
        e.Property(x => x.SubsidyYuan).HasPrecision(14, 2).HasComment("认定补助（元）");
        e.Property(x => x.PackVersion).HasMaxLength(10).HasComment("认定所依据的政策包版本");
        e.Property(x => x.PackDocument).HasMaxLength(200).HasComment("认定所依据的管理办法文号");
        e.Property(x => x.CreatedAt).HasComment("创建时间");
        e.Property(x => x.CreatedBy).HasMaxLength(256).HasComment("创建人");
        e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Unit>().WithMany().HasForeignKey(x => x.LeadUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.ApplicationId).IsUnique();
        e.HasIndex(x => new { x.JurisdictionId, x.ApprovalNumber }).IsUnique();
    }
}
