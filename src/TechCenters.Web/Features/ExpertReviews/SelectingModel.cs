using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Features.Decisions;
using TechCenters.Web.Features.PublicNotices;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.ExpertReviews;

/// <summary>Tables of the selecting half of the lifecycle (migration 0003_selecting).</summary>
public static class SelectingModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<ExpertPanel>(e =>
        {
            e.ToTable("ExpertPanels", t => t.HasComment("专家组"));
            e.Property(x => x.JurisdictionId).HasMaxLength(64).HasComment("管理辖区");
            e.Property(x => x.Name).HasMaxLength(200).HasComment("专家组名称");
            e.Property(x => x.FormedAt).HasComment("组建时间");
            e.Property(x => x.FormedBy).HasMaxLength(256).HasComment("组建人");
            e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Members).WithOne().HasForeignKey(x => x.PanelId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Assignments).WithOne(x => x.Panel).HasForeignKey(x => x.PanelId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<PanelMember>(e =>
        {
            e.ToTable("PanelMembers", t => t.HasComment("专家组成员"));
            e.Property(x => x.PanelId).HasComment("专家组");
            e.Property(x => x.ExpertId).HasComment("专家");
            e.HasOne(x => x.Expert).WithMany().HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.PanelId, x.ExpertId }).IsUnique();
            e.HasIndex(x => x.ExpertId);
        });
        b.Entity<PanelAssignment>(e =>
        {
            e.ToTable("PanelAssignments", t => t.HasComment("专家组评审的申报"));
            e.Property(x => x.PanelId).HasComment("专家组");
            e.Property(x => x.ApplicationId).HasComment("申报书");
            e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.ApplicationId).IsUnique();
            e.HasIndex(x => x.PanelId);
        });
        b.Entity<ExpertReview>(e =>
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
        });
        b.Entity<DecisionRecord>(e =>
        {
            e.ToTable("DecisionRecords", t => t.HasComment("决策会议结果"));
            e.Property(x => x.ApplicationId).HasComment("申报书");
            e.Property(x => x.JurisdictionId).HasMaxLength(64).HasComment("管理辖区");
            e.Property(x => x.Meeting).HasMaxLength(100).HasComment("决策会议（按政策包）");
            e.Property(x => x.MeetingDate).HasComment("会议日期");
            e.Property(x => x.Approved).HasComment("是否同意");
            e.Property(x => x.Note).HasMaxLength(2000).HasComment("会议意见");
            e.Property(x => x.RecordedAt).HasComment("记录时间");
            e.Property(x => x.RecordedBy).HasMaxLength(256).HasComment("记录人");
            e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.ApplicationId);
        });
        b.Entity<PublicNotice>(e =>
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
        });
        b.Entity<PublicNoticeItem>(e =>
        {
            e.ToTable("PublicNoticeItems", t => t.HasComment("公示名单"));
            e.Property(x => x.NoticeId).HasComment("公示");
            e.Property(x => x.ApplicationId).HasComment("申报书");
            e.Property(x => x.CenterName).HasMaxLength(200).HasComment("拟认定中心名称");
            e.Property(x => x.LeadUnitName).HasMaxLength(200).HasComment("牵头（依托）单位");
            e.Property(x => x.CoBuilderNames).HasMaxLength(2000).HasComment("共建单位（每行一个）");
            e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.ApplicationId).IsUnique();
        });
        b.Entity<Objection>(e =>
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
        });
        b.Entity<Center>(e =>
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
        });
    }
}
