using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechCenters.Web.Features.PublicNotices;
using TechCenters.Web.Features.Calls;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Features.Cases;

namespace TechCenters.Web.Features.Applications;

/// <summary>
/// 申报书 (with its 建设方案) of one lead unit under one call: the detail of an application case (same id as its
/// <see cref="Cases.Case"/>, which holds the stage, the holder, the pinned pack and the revision).
/// </summary>
public sealed class Application
{
    /// <summary>The id of its case.</summary>
    public int Id { get; set; }
    public Case Case { get; set; } = null!;
    public int CallId { get; set; }
    public Call? Call { get; set; }
    /// <summary>拟定中心名称.</summary>
    public required string CenterName { get; set; }

    /// <summary>The 申报书 facts as JSON (dotted paths of vocabulary.yaml), the current draft.</summary>
    public string FactsJson { get; set; } = "{}";
    /// <summary>The construction plan (建设方案) by the pack's outline: JSON object section title → text.</summary>
    public string PlanJson { get; set; } = "{}";
    /// <summary>Form-only fields that are not policy facts (contacts, proposed director…): JSON object.</summary>
    public string FormJson { get; set; } = "{}";

    public string? ReceiptNumber { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    /// <summary>How many versions have been submitted (ApplicationVersion rows).</summary>
    public int VersionCount { get; set; }

    public List<ApplicationCoBuilder> CoBuilders { get; set; } = [];
}

/// <summary>共建单位 of an application, taken from the unit registry.</summary>
public sealed class ApplicationCoBuilder
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    /// <summary>Share of the work (承担任务比例), 0–1.</summary>
    public decimal? WorkShare { get; set; }
    /// <summary>核心共建单位.</summary>
    public bool Core { get; set; }
    /// <summary>所在地 (vocabulary co_builders.region: local, province, domestic, foreign).</summary>
    public required string Region { get; set; }
    public int Position { get; set; }
}

/// <summary>One submitted version: the full facts, form and plan as submitted, with its receipt. The last one counts.</summary>
public sealed class ApplicationVersion
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public int Number { get; set; }
    public required string ReceiptNumber { get; set; }
    /// <summary>Idempotency key of the submitting form (a retried POST finds this row and gets the same receipt).</summary>
    public required string IdempotencyKey { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public string? SubmittedBy { get; set; }
    public required string StageId { get; set; }
    public required string PackVersion { get; set; }
    public required string FactsJson { get; set; }
    public required string FormJson { get; set; }
    public required string PlanJson { get; set; }
    public required string CoBuildersJson { get; set; }
}

/// <summary>An uploaded file (PDF/PNG/JPEG checked by content), stored under a generated name outside the web root.</summary>
public sealed class Attachment
{
    public int Id { get; set; }
    public int? ApplicationId { get; set; }
    public int? CallId { get; set; }
    /// <summary>The case it belongs to when it is not an application's (a change request's evidence…).</summary>
    public int? CaseId { get; set; }
    /// <summary>What it is (申报书附件, 共建协议, 营业执照, 通知附件…).</summary>
    public required string Kind { get; set; }
    public required string FileName { get; set; }
    public required string StoredName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    /// <summary>SM3 digest (hex) of the content, checked on every download.</summary>
    public required string Sm3 { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public string? UploadedBy { get; set; }
}

/// <summary>EF mapping of <see cref="Application"/>.</summary>
public sealed class ApplicationMap : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> e)
    {
        e.ToTable("Applications", t => t.HasComment("申报书（含建设方案）：申报事项的明细，与事项同一编号"));
        e.Property(x => x.Id).ValueGeneratedNever().HasComment("事项编号");
        e.Property(x => x.CallId).HasComment("申报通知");
        e.Property(x => x.CenterName).HasMaxLength(200).HasComment("拟定中心名称");
        e.Property(x => x.FactsJson).HasComment("申报书事实（JSON）");
        e.Property(x => x.PlanJson).HasComment("建设方案各部分（JSON）");
        e.Property(x => x.FormJson).HasComment("申报书其他栏目（JSON）");
        e.Property(x => x.ReceiptNumber).HasMaxLength(40).HasComment("最近一次提交的回执编号");
        e.Property(x => x.SubmittedAt).HasComment("最近一次提交时间");
        e.Property(x => x.VersionCount).HasComment("已提交版本数");
        e.HasOne(x => x.Case).WithOne().HasForeignKey<Application>(x => x.Id).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Call).WithMany().HasForeignKey(x => x.CallId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.CoBuilders).WithOne().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.CallId);
    }
}

/// <summary>EF mapping of <see cref="ApplicationCoBuilder"/>.</summary>
public sealed class ApplicationCoBuilderMap : IEntityTypeConfiguration<ApplicationCoBuilder>
{
    public void Configure(EntityTypeBuilder<ApplicationCoBuilder> e)
    {
        e.ToTable("ApplicationCoBuilders", t => t.HasComment("申报书的共建单位"));
        e.Property(x => x.UnitId).HasComment("共建单位");
        e.Property(x => x.WorkShare).HasPrecision(5, 4).HasComment("承担任务比例（0–1）");
        e.Property(x => x.Core).HasComment("核心共建单位");
        e.Property(x => x.Region).HasMaxLength(20).HasComment("所在地（local/province/domestic/foreign）");
        e.Property(x => x.Position).HasComment("排序");
        e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.ApplicationId, x.UnitId }).IsUnique();
    }
}

/// <summary>EF mapping of <see cref="ApplicationVersion"/>.</summary>
public sealed class ApplicationVersionMap : IEntityTypeConfiguration<ApplicationVersion>
{
    public void Configure(EntityTypeBuilder<ApplicationVersion> e)
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
    }
}

/// <summary>EF mapping of <see cref="Attachment"/>.</summary>
public sealed class AttachmentMap : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> e)
    {
        e.ToTable("Attachments", t => t.HasComment("附件（按内容校验类型，SM3 摘要）"));
        e.Property(x => x.ApplicationId).HasComment("所属申报书");
        e.Property(x => x.CallId).HasComment("所属申报通知");
        e.Property(x => x.CaseId).HasComment("所属事项（变更申请佐证材料等）");
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
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
    }
}
