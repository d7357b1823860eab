using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Evaluations;

/// <summary>第三方评估机构: an organisation the bureau entrusts with evaluations; its accounts act for it.</summary>
public sealed class EvaluatorOrganisation
{
    public int Id { get; set; }
    public required string JurisdictionId { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}

/// <summary>An evaluator account belongs to one organisation (user id unique).</summary>
public sealed class EvaluatorMember
{
    public int Id { get; set; }
    public int OrganisationId { get; set; }
    public required string UserId { get; set; }
}

public enum CampaignStatus
{
    /// <summary>Participants settled, materials and scoring under way.</summary>
    Open = 1,
    /// <summary>Results confirmed by the bureau (a decision record); consequences applied.</summary>
    Confirmed = 2,
    /// <summary>Results published on the public page.</summary>
    Published = 3,
}

/// <summary>绩效评估工作: one evaluation round of a jurisdiction for a year, judged by the pack version in force when opened.</summary>
public sealed class EvaluationCampaign
{
    public int Id { get; set; }
    public required string JurisdictionId { get; set; }
    public int Year { get; set; }
    public required string Title { get; set; }
    public required string PackVersion { get; set; }
    public required string PackDocument { get; set; }
    public CampaignStatus Status { get; set; } = CampaignStatus.Open;
    public DateTimeOffset OpenedAt { get; set; }
    public string? OpenedBy { get; set; }
    /// <summary>结果确认的决定记录: the meeting or document and its date, as the bureau records it.</summary>
    public string? DecisionRecord { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public string? ConfirmedBy { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public int Revision { get; set; }
    public List<EvaluationParticipant> Participants { get; set; } = [];
}

/// <summary>A center in a campaign: included or excluded, why (the pack's rule and article, or the bureau's recorded reason).</summary>
public sealed class EvaluationParticipant
{
    public const string ByPack = "pack";
    public const string ByBureau = "bureau";

    public int Id { get; set; }
    public int CampaignId { get; set; }
    public int CenterId { get; set; }
    public Center? Center { get; set; }
    public bool Included { get; set; }
    /// <summary>Why it takes part or not (the rule's message, or the bureau's reason).</summary>
    public required string Reason { get; set; }
    public string? Article { get; set; }
    /// <summary>pack (the rule decided) or bureau (added / excluded with a reason).</summary>
    public required string Source { get; set; }
    /// <summary>The kind of evaluation the pack gives this center this year, where it names kinds (自评价/阶段/综合).</summary>
    public string? EvaluationType { get; set; }
    /// <summary>The evaluation case opened for it (materials → scoring → result).</summary>
    public int? CaseId { get; set; }
    public string? ChangedBy { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }
}

/// <summary>The detail of an `evaluation` case (same id): materials, scores, the library's total/grade, the confirmed result and its consequence.</summary>
public sealed class Evaluation
{
    public int Id { get; set; }
    public Case? Case { get; set; }
    public int CampaignId { get; set; }
    public EvaluationCampaign? Campaign { get; set; }
    public int CenterId { get; set; }
    /// <summary>自评价报告 (the center's self-evaluation).</summary>
    public string? SelfEvaluation { get; set; }
    /// <summary>证明材料 listed by the center.</summary>
    public string? Evidence { get; set; }
    /// <summary>Where the pre-filled figures came from (annual reports, or the center record).</summary>
    public string? PrefillSource { get; set; }
    /// <summary>Indicator scores as JSON {leaf id: score} (packs with an indicator table).</summary>
    public string? ScoresJson { get; set; }
    public decimal? Score { get; set; }
    /// <summary>The grade the library (or, without a scoring rule, the evaluators' conclusion) gives.</summary>
    public string? Grade { get; set; }
    /// <summary>The evaluators' reasons (their conclusion, required where the pack has no scoring rule).</summary>
    public string? Conclusion { get; set; }
    public string? ScoredBy { get; set; }
    public DateTimeOffset? ScoredAt { get; set; }
    /// <summary>The grade confirmed by the bureau (differs from <see cref="Grade"/> only through a recorded quota resolution).</summary>
    public string? FinalGrade { get; set; }
    /// <summary>Why the confirmed grade differs from the computed one (quota and ties), as the bureau recorded it.</summary>
    public string? QuotaReason { get; set; }
    /// <summary>The pack's consequence for the confirmed grade, with its article.</summary>
    public string? Consequence { get; set; }
    public string? ConsequenceArticle { get; set; }
    public decimal? FundsYuan { get; set; }
    public string? Recommendation { get; set; }
}

public sealed class EvaluatorOrganisationMap : IEntityTypeConfiguration<EvaluatorOrganisation>
{
    public void Configure(EntityTypeBuilder<EvaluatorOrganisation> e)
    {
        e.ToTable("EvaluatorOrganisations", t => t.HasComment("第三方评估机构"));
        e.Property(x => x.JurisdictionId).HasMaxLength(64).HasComment("管理辖区");
        e.Property(x => x.Name).HasMaxLength(200).HasComment("机构名称");
        e.Property(x => x.CreatedAt).HasComment("登记时间");
        e.Property(x => x.CreatedBy).HasMaxLength(256).HasComment("登记人");
        e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.JurisdictionId, x.Name }).IsUnique();
        // The cases entrusted to it (CaseAssignments.OrganisationId): mapped from here, so the case kernel names no evaluator table.
        e.HasMany<CaseAssignment>().WithOne().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class EvaluatorMemberMap : IEntityTypeConfiguration<EvaluatorMember>
{
    public void Configure(EntityTypeBuilder<EvaluatorMember> e)
    {
        e.ToTable("EvaluatorMembers", t => t.HasComment("评估机构的账号"));
        e.Property(x => x.OrganisationId).HasComment("评估机构");
        e.Property(x => x.UserId).HasMaxLength(450).HasComment("账号");
        e.HasOne<EvaluatorOrganisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.UserId).IsUnique();
    }
}

public sealed class EvaluationCampaignMap : IEntityTypeConfiguration<EvaluationCampaign>
{
    public void Configure(EntityTypeBuilder<EvaluationCampaign> e)
    {
        e.ToTable("EvaluationCampaigns", t => t.HasComment("绩效评估工作（评估年度）"));
        e.Property(x => x.JurisdictionId).HasMaxLength(64).HasComment("管理辖区");
        e.Property(x => x.Year).HasComment("评估年度");
        e.Property(x => x.Title).HasMaxLength(200).HasComment("名称");
        e.Property(x => x.PackVersion).HasMaxLength(10).HasComment("适用政策包版本");
        e.Property(x => x.PackDocument).HasMaxLength(200).HasComment("适用管理办法文号");
        e.Property(x => x.Status).HasConversion<int>().HasComment("状态（1 进行中，2 结果已确认，3 结果已公布）");
        e.Property(x => x.OpenedAt).HasComment("启动时间");
        e.Property(x => x.OpenedBy).HasMaxLength(256).HasComment("启动人");
        e.Property(x => x.DecisionRecord).HasMaxLength(2000).HasComment("结果确认的决定记录");
        e.Property(x => x.ConfirmedAt).HasComment("结果确认时间");
        e.Property(x => x.ConfirmedBy).HasMaxLength(256).HasComment("结果确认人");
        e.Property(x => x.PublishedAt).HasComment("结果公布时间");
        e.Property(x => x.Revision).IsConcurrencyToken().HasComment("并发版本号");
        e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Participants).WithOne().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.JurisdictionId, x.Year }).IsUnique();
    }
}

public sealed class EvaluationParticipantMap : IEntityTypeConfiguration<EvaluationParticipant>
{
    public void Configure(EntityTypeBuilder<EvaluationParticipant> e)
    {
        e.ToTable("EvaluationParticipants", t => t.HasComment("绩效评估的参评中心"));
        e.Property(x => x.CampaignId).HasComment("评估工作");
        e.Property(x => x.CenterId).HasComment("技术创新中心");
        e.Property(x => x.Included).HasComment("是否参评");
        e.Property(x => x.Reason).HasMaxLength(1000).HasComment("参评或不参评的理由");
        e.Property(x => x.Article).HasMaxLength(200).HasComment("依据条款");
        e.Property(x => x.Source).HasMaxLength(10).HasComment("来源（pack 按政策包，bureau 科技局增减）");
        e.Property(x => x.EvaluationType).HasMaxLength(50).HasComment("评估类型");
        e.Property(x => x.CaseId).HasComment("评估事项");
        e.Property(x => x.ChangedBy).HasMaxLength(256).HasComment("增减人");
        e.Property(x => x.ChangedAt).HasComment("增减时间");
        e.HasOne(x => x.Center).WithMany().HasForeignKey(x => x.CenterId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(x => new { x.CampaignId, x.CenterId }).IsUnique();
        e.HasIndex(x => new { x.CampaignId, x.Included, x.CaseId }); // the campaign page's counts, read from the index alone
    }
}

public sealed class EvaluationMap : IEntityTypeConfiguration<Evaluation>
{
    public void Configure(EntityTypeBuilder<Evaluation> e)
    {
        e.ToTable("Evaluations", t => t.HasComment("绩效评估事项明细"));
        e.Property(x => x.Id).ValueGeneratedNever().HasComment("事项");
        e.Property(x => x.CampaignId).HasComment("评估工作");
        e.Property(x => x.CenterId).HasComment("技术创新中心");
        e.Property(x => x.SelfEvaluation).HasMaxLength(20000).HasComment("自评价报告");
        e.Property(x => x.Evidence).HasMaxLength(4000).HasComment("证明材料");
        e.Property(x => x.PrefillSource).HasMaxLength(500).HasComment("预填数据来源");
        e.Property(x => x.ScoresJson).HasComment("各指标得分（JSON）");
        e.Property(x => x.Score).HasPrecision(9, 4).HasComment("评估得分");
        e.Property(x => x.Grade).HasMaxLength(20).HasComment("评定等级（按政策包计算或评估结论）");
        e.Property(x => x.Conclusion).HasMaxLength(4000).HasComment("评估结论与理由");
        e.Property(x => x.ScoredBy).HasMaxLength(256).HasComment("评分人");
        e.Property(x => x.ScoredAt).HasComment("评分时间");
        e.Property(x => x.FinalGrade).HasMaxLength(20).HasComment("确认的等级");
        e.Property(x => x.QuotaReason).HasMaxLength(2000).HasComment("名额调整理由");
        e.Property(x => x.Consequence).HasMaxLength(2000).HasComment("结果应用");
        e.Property(x => x.ConsequenceArticle).HasMaxLength(200).HasComment("结果应用依据条款");
        e.Property(x => x.FundsYuan).HasPrecision(18, 2).HasComment("经费支持（元）");
        e.Property(x => x.Recommendation).HasMaxLength(500).HasComment("推荐事项");
        e.HasOne(x => x.Case).WithOne().HasForeignKey<Evaluation>(x => x.Id).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Campaign).WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Center>().WithMany().HasForeignKey(x => x.CenterId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.CampaignId);
    }
}
