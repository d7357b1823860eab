using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Features.Calls;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.PublicNotices;
namespace TechCenters.Web.Features.Activity;

/// <summary>One step on an application's timeline: who, when, from → to, under which pack version and article.</summary>
public sealed class ActivityEntry
{
    public long Id { get; set; }
    public int ApplicationId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    public string? Role { get; set; }
    /// <summary>What happened, in Chinese (提交申报书, 推荐, 退回修改…).</summary>
    public required string Action { get; set; }
    public string? FromStage { get; set; }
    public string? ToStage { get; set; }
    public string? FromStageName { get; set; }
    public string? ToStageName { get; set; }
    public required string PackVersion { get; set; }
    public required string PackDocument { get; set; }
    public string? Article { get; set; }
    /// <summary>Reasons, opinion or receipt number.</summary>
    public string? Note { get; set; }
}

/// <summary>EF mapping of <see cref="ActivityEntry"/>.</summary>
public sealed class ActivityEntryMap : IEntityTypeConfiguration<ActivityEntry>
{
    public void Configure(EntityTypeBuilder<ActivityEntry> e)
    {
        e.ToTable("Activities", t => t.HasComment("申报办理记录（时间线）"));
        e.Property(x => x.ApplicationId).HasComment("申报书");
        e.Property(x => x.OccurredAt).HasComment("发生时间（UTC）");
        e.Property(x => x.UserId).HasMaxLength(450).HasComment("用户标识");
        e.Property(x => x.UserName).HasMaxLength(256).HasComment("用户名");
        e.Property(x => x.Role).HasMaxLength(32).HasComment("角色");
        e.Property(x => x.Action).HasMaxLength(100).HasComment("操作");
        e.Property(x => x.FromStage).HasMaxLength(64).HasComment("原阶段");
        e.Property(x => x.ToStage).HasMaxLength(64).HasComment("新阶段");
        e.Property(x => x.FromStageName).HasMaxLength(200).HasComment("原阶段名称");
        e.Property(x => x.ToStageName).HasMaxLength(200).HasComment("新阶段名称");
        e.Property(x => x.PackVersion).HasMaxLength(10).HasComment("政策包版本");
        e.Property(x => x.PackDocument).HasMaxLength(200).HasComment("管理办法文号");
        e.Property(x => x.Article).HasMaxLength(200).HasComment("依据条款");
        e.Property(x => x.Note).HasMaxLength(4000).HasComment("意见、理由或回执");
        e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.ApplicationId, x.Id });
    }
}
