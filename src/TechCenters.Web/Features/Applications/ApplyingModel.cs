using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Calls;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Applications;

/// <summary>Tables of the applying half of the lifecycle (migration 0002_applying).</summary>
public static class ApplyingModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Call>(e =>
        {
            e.ToTable("Calls", t => t.HasComment("申报通知"));
            e.Property(x => x.JurisdictionId).HasMaxLength(64).HasComment("管理辖区");
            e.Property(x => x.Title).HasMaxLength(200).HasComment("通知标题");
            e.Property(x => x.PriorityFields).HasMaxLength(2000).HasComment("优先建设布局领域（每行一个）");
            e.Property(x => x.Body).HasMaxLength(20000).HasComment("通知正文");
            e.Property(x => x.OpensAt).HasComment("开始申报时间（UTC）");
            e.Property(x => x.ClosesAt).HasComment("截止申报时间（UTC）");
            e.Property(x => x.PackVersion).HasMaxLength(10).HasComment("适用政策包版本（施行日期）");
            e.Property(x => x.PackDocument).HasMaxLength(200).HasComment("适用管理办法文号");
            e.Property(x => x.PublishedAt).HasComment("发布时间");
            e.Property(x => x.PublishedBy).HasMaxLength(256).HasComment("发布人");
            e.Ignore(x => x.Fields);
            e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.JurisdictionId, x.ClosesAt });
        });

        b.Entity<Application>(e =>
        {
            e.ToTable("Applications", t => t.HasComment("申报书（含建设方案）"));
            e.Property(x => x.CallId).HasComment("申报通知");
            e.Property(x => x.JurisdictionId).HasMaxLength(64).HasComment("管理辖区");
            e.Property(x => x.LeadUnitId).HasComment("牵头（依托）单位");
            e.Property(x => x.DepartmentId).HasComment("归口管理部门（为空表示直接报科技局）");
            e.Property(x => x.CenterName).HasMaxLength(200).HasComment("拟定中心名称");
            e.Property(x => x.StageId).HasMaxLength(64).HasComment("当前阶段（政策包阶段标识）");
            e.Property(x => x.Step).HasMaxLength(32).HasComment("当前阶段的性质（step）");
            e.Property(x => x.Holder).HasMaxLength(32).HasComment("待办方（政策包参与方）");
            e.Property(x => x.SubmittedInStage).HasComment("本阶段已提交");
            e.Property(x => x.PackVersion).HasMaxLength(10).HasComment("适用政策包版本（施行日期）");
            e.Property(x => x.PackDocument).HasMaxLength(200).HasComment("适用管理办法文号");
            e.Property(x => x.FactsJson).HasComment("申报书事实（JSON）");
            e.Property(x => x.PlanJson).HasComment("建设方案各部分（JSON）");
            e.Property(x => x.FormJson).HasComment("申报书其他栏目（JSON）");
            e.Property(x => x.ReceiptNumber).HasMaxLength(40).HasComment("最近一次提交的回执编号");
            e.Property(x => x.SubmittedAt).HasComment("最近一次提交时间");
            e.Property(x => x.VersionCount).HasComment("已提交版本数");
            e.Property(x => x.ReturnReason).HasMaxLength(4000).HasComment("退回修改理由");
            e.Property(x => x.CreatedAt).HasComment("创建时间");
            e.Property(x => x.UpdatedAt).HasComment("最后修改时间");
            e.Property(x => x.CreatedBy).HasMaxLength(256).HasComment("创建人");
            e.Property(x => x.Revision).IsConcurrencyToken().HasComment("并发版本号（每次保存加一）");
            e.HasOne(x => x.Call).WithMany().HasForeignKey(x => x.CallId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.LeadUnit).WithMany().HasForeignKey(x => x.LeadUnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.CoBuilders).WithOne().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.JurisdictionId, x.Holder });
            e.HasIndex(x => new { x.DepartmentId, x.Holder });
            e.HasIndex(x => new { x.LeadUnitId, x.CallId });
        });

        b.Entity<ApplicationCoBuilder>(e =>
        {
            e.ToTable("ApplicationCoBuilders", t => t.HasComment("申报书的共建单位"));
            e.Property(x => x.UnitId).HasComment("共建单位");
            e.Property(x => x.WorkShare).HasPrecision(5, 4).HasComment("承担任务比例（0–1）");
            e.Property(x => x.Core).HasComment("核心共建单位");
            e.Property(x => x.Region).HasMaxLength(20).HasComment("所在地（local/province/domestic/foreign）");
            e.Property(x => x.Position).HasComment("排序");
            e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.ApplicationId, x.UnitId }).IsUnique();
        });

        b.Entity<ApplicationVersion>(e =>
        {
            e.ToTable("ApplicationVersions", t => t.HasComment("申报书提交版本（每次提交一份，最后一份有效）"));
            e.Property(x => x.Number).HasComment("版本序号");
            e.Property(x => x.ReceiptNumber).HasMaxLength(40).HasComment("回执编号");
            e.Property(x => x.IdempotencyKey).HasMaxLength(64).HasComment("提交幂等键");
            e.Property(x => x.SubmittedAt).HasComment("提交时间（服务器）");
            e.Property(x => x.SubmittedBy).HasMaxLength(256).HasComment("提交人");
            e.Property(x => x.StageId).HasMaxLength(64).HasComment("提交时所处阶段");
            e.Property(x => x.PackVersion).HasMaxLength(10).HasComment("适用政策包版本");
            e.Property(x => x.FactsJson).HasComment("申报书事实（JSON）");
            e.Property(x => x.FormJson).HasComment("申报书其他栏目（JSON）");
            e.Property(x => x.PlanJson).HasComment("建设方案（JSON）");
            e.Property(x => x.CoBuildersJson).HasComment("共建单位（JSON）");
            e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.ApplicationId, x.Number }).IsUnique();
            e.HasIndex(x => x.IdempotencyKey).IsUnique();
            e.HasIndex(x => x.ReceiptNumber).IsUnique();
        });

        b.Entity<Attachment>(e =>
        {
            e.ToTable("Attachments", t => t.HasComment("附件（按内容校验类型，SM3 摘要）"));
            e.Property(x => x.ApplicationId).HasComment("所属申报书");
            e.Property(x => x.CallId).HasComment("所属申报通知");
            e.Property(x => x.Kind).HasMaxLength(50).HasComment("附件类别");
            e.Property(x => x.FileName).HasMaxLength(255).HasComment("原文件名");
            e.Property(x => x.StoredName).HasMaxLength(64).HasComment("存储文件名（生成）");
            e.Property(x => x.ContentType).HasMaxLength(50).HasComment("内容类型（按文件内容判定）");
            e.Property(x => x.Size).HasComment("字节数");
            e.Property(x => x.Sm3).HasMaxLength(64).HasComment("SM3 摘要");
            e.Property(x => x.UploadedAt).HasComment("上传时间");
            e.Property(x => x.UploadedBy).HasMaxLength(256).HasComment("上传人");
            e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Call>().WithMany().HasForeignKey(x => x.CallId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.StoredName).IsUnique();
        });

        b.Entity<ActivityEntry>(e =>
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
        });

        b.Entity<Revocation>(e =>
        {
            e.ToTable("Revocations", t => t.HasComment("撤销认定记录（不得再行申报的依据）"));
            e.Property(x => x.UnitId).HasComment("被撤销的牵头（依托）单位");
            e.Property(x => x.JurisdictionId).HasMaxLength(64).HasComment("管理辖区");
            e.Property(x => x.RevokedOn).HasComment("撤销决定日期");
            e.Property(x => x.Ground).HasMaxLength(64).HasComment("撤销情形（政策包规则标识）");
            e.Property(x => x.Document).HasMaxLength(200).HasComment("撤销决定文号");
            e.Property(x => x.Note).HasMaxLength(2000).HasComment("说明");
            e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.UnitId, x.RevokedOn });
        });
    }
}
