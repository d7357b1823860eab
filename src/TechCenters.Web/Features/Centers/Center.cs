using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Features.Calls;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.PublicNotices;
using TechCenters.Web.Features.Cases;
namespace TechCenters.Web.Features.Centers;

/// <summary>Where a center stands: recognized and running (in construction until its cycle ends), rectifying, or revoked.</summary>
public enum CenterStatus
{
    Active = 1,
    Rectifying = 2,
    Revoked = 3,
}

/// <summary>
/// 技术创新中心: created by the approval, with the pack version that governs it, its lead unit and co-builders as rows,
/// its director and construction cycle, and a history of every change. Its cases (annual reports, change requests,
/// evaluations, rectifications, revocations) carry its id.
/// </summary>
public sealed class Center
{
    public int Id { get; set; }
    public required string JurisdictionId { get; set; }
    public int ApplicationId { get; set; }
    public required string Name { get; set; }
    public int LeadUnitId { get; set; }
    public Unit? LeadUnit { get; set; }
    public required string LeadUnitName { get; set; }
    /// <summary>The competent department (its lead unit's when recognized; null: straight to the bureau).</summary>
    public int? DepartmentId { get; set; }
    public List<CenterCoBuilder> CoBuilders { get; set; } = [];
    /// <summary>批准文号.</summary>
    public required string ApprovalNumber { get; set; }
    public DateOnly ApprovedOn { get; set; }
    /// <summary>建设期（年）where the pack states one; it starts on the approval day.</summary>
    public int? ConstructionYears { get; set; }
    public DateOnly? ConstructionEndsOn { get; set; }
    /// <summary>认定补助（元）where the pack grants one.</summary>
    public decimal? SubsidyYuan { get; set; }
    public CenterStatus Status { get; set; } = CenterStatus.Active;
    /// <summary>中心主任（总经理）and their title, as filed.</summary>
    public string? DirectorName { get; set; }
    public string? DirectorTitle { get; set; }
    /// <summary>注册地 as changed by an approved change request (null: as the lead unit's registration says).</summary>
    public string? RegisteredAddress { get; set; }
    /// <summary>The day it was revoked (撤销认定), if it was.</summary>
    public DateOnly? RevokedOn { get; set; }
    public required string PackVersion { get; set; }
    public required string PackDocument { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    /// <summary>Optimistic concurrency token: every change of the record adds one.</summary>
    public int Revision { get; set; }

    /// <summary>The co-builders' names in order (their units must be loaded).</summary>
    public IReadOnlyList<string> CoBuilderNames => CoBuilders.OrderBy(b => b.Position).Select(b => b.Unit?.Name ?? "").ToList();

    public bool InConstruction(DateOnly today) => Status == CenterStatus.Active && ConstructionEndsOn is { } end && today <= end;

    /// <summary>The status as shown: 建设期 / 运行 / 整改中 / 已撤销.</summary>
    public string StatusName(DateOnly today) => Status switch
    {
        CenterStatus.Revoked => "已撤销",
        CenterStatus.Rectifying => "整改中",
        _ => InConstruction(today) ? "建设期" : "运行",
    };
}

/// <summary>共建单位 of a center, as rows (from the approved application; a change request changes them, with history).</summary>
public sealed class CenterCoBuilder
{
    public int Id { get; set; }
    public int CenterId { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    /// <summary>核心共建单位.</summary>
    public bool Core { get; set; }
    public int Position { get; set; }
}

/// <summary>One change of a center's record: what, from, to, when, by whom, and the case that decided it.</summary>
public sealed class CenterHistory
{
    public long Id { get; set; }
    public int CenterId { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public string? ChangedBy { get; set; }
    /// <summary>What changed, in Chinese (名称, 依托单位, 共建单位, 状态, 中心主任…).</summary>
    public required string Field { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    public int? CaseId { get; set; }
    public string? Note { get; set; }
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
        e.Property(x => x.DepartmentId).HasComment("归口管理部门（为空表示直接由科技局管理）");
        e.Property(x => x.Status).HasComment("状态：1正常（建设期/运行） 2整改中 3已撤销");
        e.Property(x => x.DirectorName).HasMaxLength(50).HasComment("中心主任（总经理）");
        e.Property(x => x.DirectorTitle).HasMaxLength(50).HasComment("中心主任职称");
        e.Property(x => x.RevokedOn).HasComment("撤销日期");
        e.Property(x => x.RegisteredAddress).HasMaxLength(500).HasComment("注册地（经批准变更的）");
        e.Property(x => x.Revision).IsConcurrencyToken().HasComment("并发版本号（每次保存加一）");
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
        e.HasOne(x => x.LeadUnit).WithMany().HasForeignKey(x => x.LeadUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.CoBuilders).WithOne().HasForeignKey(x => x.CenterId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.JurisdictionId, x.Status });
        e.HasIndex(x => x.DepartmentId);
        e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.ApplicationId).IsUnique();
        e.HasIndex(x => new { x.JurisdictionId, x.ApprovalNumber }).IsUnique();
    }
}

public sealed class CenterCoBuilderMap : IEntityTypeConfiguration<CenterCoBuilder>
{
    public void Configure(EntityTypeBuilder<CenterCoBuilder> e)
    {
        e.ToTable("CenterCoBuilders", t => t.HasComment("技术创新中心的共建单位"));
        e.Property(x => x.CenterId).HasComment("技术创新中心");
        e.Property(x => x.UnitId).HasComment("共建单位");
        e.Property(x => x.Core).HasComment("核心共建单位");
        e.Property(x => x.Position).HasComment("排序");
        e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.CenterId, x.UnitId }).IsUnique();
        e.HasIndex(x => x.UnitId);
    }
}

public sealed class CenterHistoryMap : IEntityTypeConfiguration<CenterHistory>
{
    public void Configure(EntityTypeBuilder<CenterHistory> e)
    {
        e.ToTable("CenterHistory", t => t.HasComment("技术创新中心记录变更历史"));
        e.Property(x => x.CenterId).HasComment("技术创新中心");
        e.Property(x => x.ChangedAt).HasComment("变更时间");
        e.Property(x => x.ChangedBy).HasMaxLength(256).HasComment("变更人");
        e.Property(x => x.Field).HasMaxLength(50).HasComment("变更项目");
        e.Property(x => x.From).HasMaxLength(2000).HasComment("变更前");
        e.Property(x => x.To).HasMaxLength(2000).HasComment("变更后");
        e.Property(x => x.CaseId).HasComment("依据的事项");
        e.Property(x => x.Note).HasMaxLength(2000).HasComment("说明");
        e.HasOne<Center>().WithMany().HasForeignKey(x => x.CenterId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.CenterId, x.Id });
    }
}

/// <summary>The one scope for centers: the bureau its jurisdiction, a department its subtree, a unit's staff the centers it leads or co-builds.</summary>
public static class CenterScope
{
    public static IQueryable<Center> VisibleTo(this IQueryable<Center> centers, Data.AppDbContext db, Accounts.UserScope s) => s.Role switch
    {
        Accounts.Roles.BureauOfficer when s.JurisdictionId is not null => centers.Where(c => c.JurisdictionId == s.JurisdictionId),
        Accounts.Roles.DepartmentOfficer when s.DepartmentId is { } d =>
            centers.Where(c => c.DepartmentId != null && db.Departments.Any(x => x.Id == c.DepartmentId && x.Path.Contains(Department.SubtreeMarker(d)))),
        Accounts.Roles.Applicant when s.UnitId is { } u => centers.Where(c => c.LeadUnitId == u || c.CoBuilders.Any(b => b.UnitId == u)),
        // Experts and evaluators reach a center through the cases assigned to them.
        Accounts.Roles.Expert or Accounts.Roles.Evaluator => centers.Where(c => db.Cases.VisibleTo(db, s).Any(x => x.CenterId == c.Id)),
        _ => centers.Where(c => false),
    };
}
