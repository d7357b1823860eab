using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechCenters.Web.Features.Centers;

namespace TechCenters.Web.Features.AnnualReports;

/// <summary>
/// 年度报告 (自评价工作报告): the detail of an annual_report case (same id). What the center writes — the pack's content
/// outline as sections, and the year's figures — its due day as the pack's schedule set it, and its submissions: the first
/// one decides timeliness (on its Asia/Shanghai date), every one gets a receipt and a frozen version.
/// </summary>
public sealed class AnnualReport
{
    public int Id { get; set; }
    public Case Case { get; set; } = null!;
    public int CenterId { get; set; }
    public Center? Center { get; set; }
    /// <summary>报告所属年度.</summary>
    public int Year { get; set; }
    /// <summary>Outline item → text (the pack's content list, in its order).</summary>
    public string ContentJson { get; set; } = "{}";
    /// <summary>annual_report.* figures (canonical values by dotted path).</summary>
    public string FiguresJson { get; set; } = "{}";
    /// <summary>The pack's due day for this year (kept after the case moves on; null: the pack sets none).</summary>
    public DateOnly? DueOn { get; set; }
    public DateTimeOffset? SavedAt { get; set; }
    public DateTimeOffset? FirstSubmittedAt { get; set; }
    /// <summary>The Asia/Shanghai date of the first submission: what timeliness is judged on.</summary>
    public DateOnly? FirstSubmittedOn { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? ReceiptNumber { get; set; }
    public int VersionCount { get; set; }
    /// <summary>Submitted after the due day (null: not judged yet, or the pack sets no due day).</summary>
    public bool? Late { get; set; }
    /// <summary>When the due day passing without a submission was recorded (逾期未报), once.</summary>
    public DateTimeOffset? MissingRecordedAt { get; set; }
}

/// <summary>A submitted report as it was: receipt, server time, the stage it was submitted from, its content and figures.</summary>
public sealed class AnnualReportVersion
{
    public int Id { get; set; }
    public int ReportId { get; set; }
    public int Number { get; set; }
    public required string ReceiptNumber { get; set; }
    public required string IdempotencyKey { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateOnly SubmittedOn { get; set; }
    public string? SubmittedBy { get; set; }
    public required string ContentJson { get; set; }
    public required string FiguresJson { get; set; }
}

public sealed class AnnualReportMap : IEntityTypeConfiguration<AnnualReport>
{
    public void Configure(EntityTypeBuilder<AnnualReport> e)
    {
        e.ToTable("AnnualReports", t => t.HasComment("年度报告（自评价工作报告），事项明细"));
        e.Property(x => x.Id).ValueGeneratedNever().HasComment("事项编号（与 Cases.Id 相同）");
        e.Property(x => x.CenterId).HasComment("技术创新中心");
        e.Property(x => x.Year).HasComment("报告所属年度");
        e.Property(x => x.ContentJson).HasComment("报告内容（提纲项 → 正文，JSON）");
        e.Property(x => x.FiguresJson).HasMaxLength(8000).HasComment("年度数据（事实路径 → 值，JSON）");
        e.Property(x => x.DueOn).HasComment("报送期限（政策包规定的日期）");
        e.Property(x => x.SavedAt).HasComment("最后保存时间");
        e.Property(x => x.FirstSubmittedAt).HasComment("首次提交时间");
        e.Property(x => x.FirstSubmittedOn).HasComment("首次提交日期（北京时间，判定是否按时）");
        e.Property(x => x.SubmittedAt).HasComment("最近提交时间");
        e.Property(x => x.ReceiptNumber).HasMaxLength(40).HasComment("最近回执编号");
        e.Property(x => x.VersionCount).HasComment("提交次数");
        e.Property(x => x.Late).HasComment("逾期提交");
        e.Property(x => x.MissingRecordedAt).HasComment("逾期未报记录时间");
        e.HasOne(x => x.Case).WithOne().HasForeignKey<AnnualReport>(x => x.Id).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Center).WithMany().HasForeignKey(x => x.CenterId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.CenterId, x.Year }).IsUnique();
        e.HasIndex(x => x.Year);
    }
}

public sealed class AnnualReportVersionMap : IEntityTypeConfiguration<AnnualReportVersion>
{
    public void Configure(EntityTypeBuilder<AnnualReportVersion> e)
    {
        e.ToTable("AnnualReportVersions", t => t.HasComment("年度报告提交版本（回执）"));
        e.Property(x => x.ReportId).HasComment("年度报告");
        e.Property(x => x.Number).HasComment("版本号");
        e.Property(x => x.ReceiptNumber).HasMaxLength(40).HasComment("回执编号");
        e.Property(x => x.IdempotencyKey).HasMaxLength(64).HasComment("防重复提交标识");
        e.Property(x => x.SubmittedAt).HasComment("提交时间（服务器）");
        e.Property(x => x.SubmittedOn).HasComment("提交日期（北京时间）");
        e.Property(x => x.SubmittedBy).HasMaxLength(256).HasComment("提交人");
        e.Property(x => x.ContentJson).HasComment("提交的报告内容");
        e.Property(x => x.FiguresJson).HasMaxLength(8000).HasComment("提交的年度数据");
        e.HasOne<AnnualReport>().WithMany().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.ReportId, x.Number }).IsUnique();
        e.HasIndex(x => x.IdempotencyKey).IsUnique();
        e.HasIndex(x => x.ReceiptNumber).IsUnique();
    }
}
