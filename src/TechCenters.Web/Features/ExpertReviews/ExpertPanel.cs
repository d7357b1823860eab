using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechCenters.Web.Features.Calls;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.PublicNotices;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.ExpertReviews;

/// <summary>专家组: formed by the bureau for one or several applications waiting for expert review.</summary>
public sealed class ExpertPanel
{
    public int Id { get; set; }
    public required string JurisdictionId { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset FormedAt { get; set; }
    public string? FormedBy { get; set; }
    public List<PanelMember> Members { get; set; } = [];
    public List<PanelAssignment> Assignments { get; set; } = [];
}

/// <summary>专家组成员.</summary>
public sealed class PanelMember
{
    public int Id { get; set; }
    public int PanelId { get; set; }
    public int ExpertId { get; set; }
    public Expert? Expert { get; set; }
}

/// <summary>An application reviewed by a panel (one panel per application).</summary>
public sealed class PanelAssignment
{
    public int Id { get; set; }
    public int PanelId { get; set; }
    public ExpertPanel? Panel { get; set; }
    public int ApplicationId { get; set; }
}

/// <summary>一位专家对一份申报的评审意见：评分、书面意见，以及实地考察记录（政策包要求时）。</summary>
public sealed class ExpertReview
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public int ExpertId { get; set; }
    public Expert? Expert { get; set; }
    /// <summary>评分 0–100.</summary>
    public decimal Score { get; set; }
    /// <summary>是否同意通过论证（评审）.</summary>
    public bool Recommend { get; set; }
    public required string Opinion { get; set; }
    public string? SiteVisit { get; set; }
    public DateOnly? SiteVisitOn { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
}

/// <summary>EF mapping of <see cref="ExpertPanel"/>.</summary>
public sealed class ExpertPanelMap : IEntityTypeConfiguration<ExpertPanel>
{
    public void Configure(EntityTypeBuilder<ExpertPanel> e)
    {
        e.ToTable("ExpertPanels", t => t.HasComment("专家组"));
        e.Property(x => x.JurisdictionId).HasMaxLength(64).HasComment("管理辖区");
        e.Property(x => x.Name).HasMaxLength(200).HasComment("专家组名称");
        e.Property(x => x.FormedAt).HasComment("组建时间");
        e.Property(x => x.FormedBy).HasMaxLength(256).HasComment("组建人");
        e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Members).WithOne().HasForeignKey(x => x.PanelId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Assignments).WithOne(x => x.Panel).HasForeignKey(x => x.PanelId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>EF mapping of <see cref="PanelMember"/>.</summary>
public sealed class PanelMemberMap : IEntityTypeConfiguration<PanelMember>
{
    public void Configure(EntityTypeBuilder<PanelMember> e)
    {
        e.ToTable("PanelMembers", t => t.HasComment("专家组成员"));
        e.Property(x => x.PanelId).HasComment("专家组");
        e.Property(x => x.ExpertId).HasComment("专家");
        e.HasOne(x => x.Expert).WithMany().HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.PanelId, x.ExpertId }).IsUnique();
        e.HasIndex(x => x.ExpertId);
    }
}

/// <summary>EF mapping of <see cref="PanelAssignment"/>.</summary>
public sealed class PanelAssignmentMap : IEntityTypeConfiguration<PanelAssignment>
{
    public void Configure(EntityTypeBuilder<PanelAssignment> e)
    {
        e.ToTable("PanelAssignments", t => t.HasComment("专家组评审的申报"));
        e.Property(x => x.PanelId).HasComment("专家组");
        e.Property(x => x.ApplicationId).HasComment("申报书");
        e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.ApplicationId).IsUnique();
        e.HasIndex(x => x.PanelId);
    }
}

/// <summary>EF mapping of <see cref="ExpertReview"/>.</summary>
public sealed class ExpertReviewMap : IEntityTypeConfiguration<ExpertReview>
{
    public void Configure(EntityTypeBuilder<ExpertReview> e)
    {
        e.ToTable("ExpertReviews", t => t.HasComment("专家评审意见"));
        e.Property(x => x.ApplicationId).HasComment("申报书");
        e.Property(x => x.ExpertId).HasComment("专家");
        e.Property(x => x.Score).HasPrecision(5, 2).HasComment("评分（0–100）");
        e.Property(x => x.Recommend).HasComment("是否同意通过");
        e.Property(x => x.Opinion).HasMaxLength(4000).HasComment("书面意见");
        e.Property(x => x.SiteVisit).HasMaxLength(4000).HasComment("实地考察记录");
        e.Property(x => x.SiteVisitOn).HasComment("实地考察日期");
        e.Property(x => x.SubmittedAt).HasComment("提交时间");
        e.HasOne(x => x.Expert).WithMany().HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.ApplicationId, x.ExpertId }).IsUnique();
    }
}
