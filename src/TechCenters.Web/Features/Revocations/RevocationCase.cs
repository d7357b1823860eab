using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.Centers;

namespace TechCenters.Web.Features.Revocations;

/// <summary>
/// 撤销认定: the detail of a revocation case (same id) — the grounds the bureau names (the pack's ground rule ids), the facts
/// it found, the hearing period it set and the center's statement, the officer's answers to the text's judgement words,
/// and the decision (document number, date).
/// </summary>
public sealed class RevocationCase
{
    public int Id { get; set; }
    public Case? Case { get; set; }
    public int CenterId { get; set; }
    public Center? Center { get; set; }
    /// <summary>Ground rule ids, comma-separated.</summary>
    public required string Grounds { get; set; }
    public required string FactsFound { get; set; }
    public DateOnly? HearingDueOn { get; set; }
    public string? Statement { get; set; }
    public bool StatementWaived { get; set; }
    public DateTimeOffset? StatementAt { get; set; }
    public string? StatementBy { get; set; }
    /// <summary>The officer's answers for grounds with judgement words: rule id → (pass|fail, reason), as JSON.</summary>
    public string? JudgementsJson { get; set; }
    public string? DecisionNumber { get; set; }
    public DateOnly? DecidedOn { get; set; }

    public IReadOnlyList<string> GroundIds => Grounds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public sealed record Answer(string Outcome, string Reason);

    public IReadOnlyDictionary<string, Answer> Judgements =>
        string.IsNullOrEmpty(JudgementsJson) ? new Dictionary<string, Answer>() : JsonSerializer.Deserialize<Dictionary<string, Answer>>(JudgementsJson)!;
}

public sealed class RevocationCaseMap : IEntityTypeConfiguration<RevocationCase>
{
    public void Configure(EntityTypeBuilder<RevocationCase> e)
    {
        e.ToTable("RevocationCases", t => t.HasComment("撤销认定事项（事项明细）"));
        e.Property(x => x.Id).ValueGeneratedNever().HasComment("事项（与 Cases 同号）");
        e.Property(x => x.CenterId).HasComment("技术创新中心");
        e.Property(x => x.Grounds).HasMaxLength(500).HasComment("撤销情形（政策包规则标识，逗号分隔）");
        e.Property(x => x.FactsFound).HasMaxLength(4000).HasComment("认定的事实");
        e.Property(x => x.HearingDueOn).HasComment("陈述申辩期限（科技局确定）");
        e.Property(x => x.Statement).HasMaxLength(8000).HasComment("中心的陈述、申辩意见");
        e.Property(x => x.StatementWaived).HasComment("中心放弃陈述、申辩");
        e.Property(x => x.StatementAt).HasComment("陈述申辩提交时间");
        e.Property(x => x.StatementBy).HasMaxLength(256).HasComment("陈述申辩提交人");
        e.Property(x => x.JudgementsJson).HasComment("经办人对条文判断用语的判断及理由（JSON）");
        e.Property(x => x.DecisionNumber).HasMaxLength(100).HasComment("撤销决定文号");
        e.Property(x => x.DecidedOn).HasComment("决定日期");
        e.HasOne(x => x.Case).WithOne().HasForeignKey<RevocationCase>(x => x.Id).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Center).WithMany().HasForeignKey(x => x.CenterId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.CenterId);
    }
}
