using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Changes;

/// <summary>
/// 重大事项变更申请: the detail of a change_request case (same id) — the matter in the pack's own words, what it changes in the
/// center's record (Policy.Rules.ChangeTargets), the record's value before and the value asked for, and the reason.
/// </summary>
public sealed class ChangeRequest
{
    public int Id { get; set; }
    public Case? Case { get; set; }
    public int CenterId { get; set; }
    public Center? Center { get; set; }
    /// <summary>The matter as the pack's change_kinds item names it (名称, 注册地, 依托单位, 核心建设单位, 其他重大事项…).</summary>
    public required string Matter { get; set; }
    /// <summary>What it changes (ChangeTargets: name, registered_address, host_unit, host_unit_name, core_co_builders, other).</summary>
    public required string Target { get; set; }
    /// <summary>The record's value when the request was filed, as shown.</summary>
    public string? FromValue { get; set; }
    /// <summary>The value asked for (a new name, an address, a described matter), as shown.</summary>
    public string? ToValue { get; set; }
    /// <summary>A new host unit (依托单位) from the unit registry.</summary>
    public int? NewUnitId { get; set; }
    public Unit? NewUnit { get; set; }
    /// <summary>The new core co-builders (unit ids, comma-separated) for a change of 核心共建单位.</summary>
    public string? NewCoreUnitIds { get; set; }
    public required string Reason { get; set; }

    public IReadOnlyList<int> CoreUnitIds => (NewCoreUnitIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
}

public sealed class ChangeRequestMap : IEntityTypeConfiguration<ChangeRequest>
{
    public void Configure(EntityTypeBuilder<ChangeRequest> e)
    {
        e.ToTable("ChangeRequests", t => t.HasComment("重大事项变更申请（事项明细）"));
        e.Property(x => x.Id).ValueGeneratedNever().HasComment("事项（与 Cases 同号）");
        e.Property(x => x.CenterId).HasComment("技术创新中心");
        e.Property(x => x.Matter).HasMaxLength(50).HasComment("变更事项（管理办法原文用语）");
        e.Property(x => x.Target).HasMaxLength(32).HasComment("变更的记录项目（name/registered_address/host_unit/host_unit_name/core_co_builders/other）");
        e.Property(x => x.FromValue).HasMaxLength(2000).HasComment("变更前");
        e.Property(x => x.ToValue).HasMaxLength(2000).HasComment("申请变更为");
        e.Property(x => x.NewUnitId).HasComment("新的依托（牵头）单位");
        e.Property(x => x.NewCoreUnitIds).HasMaxLength(500).HasComment("新的核心共建单位（单位标识，逗号分隔）");
        e.Property(x => x.Reason).HasMaxLength(4000).HasComment("变更理由");
        e.HasOne(x => x.Case).WithOne().HasForeignKey<ChangeRequest>(x => x.Id).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Center).WithMany().HasForeignKey(x => x.CenterId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.NewUnit).WithMany().HasForeignKey(x => x.NewUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.CenterId);
    }
}
