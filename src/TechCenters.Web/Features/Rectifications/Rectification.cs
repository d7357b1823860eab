using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.Centers;

namespace TechCenters.Web.Features.Rectifications;

/// <summary>The detail of a `rectification` case (same id): the grade that opened it, the deadline, the center's report, the re-check.</summary>
public sealed class Rectification
{
    public int Id { get; set; }
    public Case? Case { get; set; }
    public int CenterId { get; set; }
    /// <summary>The evaluation case whose confirmed grade opened it.</summary>
    public int EvaluationCaseId { get; set; }
    public required string Grade { get; set; }
    /// <summary>整改期限 (the pack's months from the confirmation day).</summary>
    public DateOnly Deadline { get; set; }
    public required string Article { get; set; }
    /// <summary>整改报告.</summary>
    public string? Report { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    /// <summary>复核意见.</summary>
    public string? RecheckOpinion { get; set; }
    /// <summary>The revocation ground the pack names for a failed re-check (proposed, not decided here).</summary>
    public string? RevocationGround { get; set; }
}

public sealed class RectificationMap : IEntityTypeConfiguration<Rectification>
{
    public void Configure(EntityTypeBuilder<Rectification> e)
    {
        e.ToTable("Rectifications", t => t.HasComment("整改事项明细"));
        e.Property(x => x.Id).ValueGeneratedNever().HasComment("事项");
        e.Property(x => x.CenterId).HasComment("技术创新中心");
        e.Property(x => x.EvaluationCaseId).HasComment("引起整改的评估事项");
        e.Property(x => x.Grade).HasMaxLength(20).HasComment("评估等级");
        e.Property(x => x.Deadline).HasComment("整改期限");
        e.Property(x => x.Article).HasMaxLength(200).HasComment("依据条款");
        e.Property(x => x.Report).HasMaxLength(20000).HasComment("整改报告");
        e.Property(x => x.SubmittedAt).HasComment("提交时间");
        e.Property(x => x.RecheckOpinion).HasMaxLength(4000).HasComment("复核意见");
        e.Property(x => x.RevocationGround).HasMaxLength(100).HasComment("整改未达标时的撤销情形");
        e.HasOne(x => x.Case).WithOne().HasForeignKey<Rectification>(x => x.Id).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Center>().WithMany().HasForeignKey(x => x.CenterId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.EvaluationCaseId).OnDelete(DeleteBehavior.Restrict);
    }
}
