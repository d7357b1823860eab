using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TechCenters.Web.Features.Centers;

/// <summary>
/// A governance body of a center as its lead unit records it: the decision body (理事会/董事会/管理委员会), the advisory body
/// (专家委员会/技术指导委员会) — keys of vocabulary.yaml → bodies — or the director (<see cref="Director"/>, one member).
/// Every change of its composition is a new <see cref="Version"/>: a filing and an officer's judgement name the version
/// they were made for, so a later change needs filing (and judging) again.
/// </summary>
public sealed class GovernanceBody
{
    /// <summary>The subject key of the director (中心主任/总经理): facts director.*.</summary>
    public const string Director = "director";

    public int Id { get; set; }
    public int CenterId { get; set; }
    /// <summary>vocabulary.yaml → bodies (council, expert_committee …) or <see cref="Director"/>.</summary>
    public required string Body { get; set; }
    /// <summary>组成版本: 1 for the first composition recorded, +1 for every change.</summary>
    public int Version { get; set; }
    public DateOnly? EstablishedOn { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public List<BodyMember> Members { get; set; } = [];
}

/// <summary>One member of a body: who, from which employer (and so which affiliation the pack counts), title, and role.</summary>
public sealed class BodyMember
{
    public const string Chair = "chair";
    public const string Member = "member";

    public int Id { get; set; }
    public int BodyId { get; set; }
    public required string Name { get; set; }
    /// <summary>工作单位 as typed, or the lead unit's / a co-builder's name.</summary>
    public required string Employer { get; set; }
    /// <summary>The lead unit or co-builder the member comes from, when it is one.</summary>
    public int? EmployerUnitId { get; set; }
    /// <summary>vocabulary.yaml → affiliations (center, lead, co_builder, government, external): what the pack's shares count.</summary>
    public required string Affiliation { get; set; }
    /// <summary>职称/职务.</summary>
    public string? Title { get; set; }
    /// <summary>chair (主任/理事长/主任委员) or member.</summary>
    public required string Role { get; set; }
    /// <summary>For the director: works for the center full time (全职).</summary>
    public bool? FullTime { get; set; }
    public int Position { get; set; }
}

/// <summary>备案: a body's (or the director's) composition version filed with one recipient the pack names.</summary>
public sealed class GovernanceFiling
{
    public long Id { get; set; }
    public int CenterId { get; set; }
    public required string Body { get; set; }
    public int Version { get; set; }
    /// <summary>The pack actor filed with (bureau / department).</summary>
    public required string Recipient { get; set; }
    public DateOnly FiledOn { get; set; }
    public DateTimeOffset FiledAt { get; set; }
    public string? FiledBy { get; set; }
    /// <summary>The composition as filed (members, employers, roles), for the record.</summary>
    public required string Composition { get; set; }
    /// <summary>The article(s) that require the filing.</summary>
    public string? Article { get; set; }
}

/// <summary>
/// An officer's answer to a rule's judgement word for one composition version (万州 第十三条 “一般应” …): the rule, the
/// answer (pass/fail) and the reason; it feeds judgements.&lt;rule&gt; and judgement_reasons.&lt;rule&gt; while the version stands.
/// </summary>
public sealed class GovernanceJudgement
{
    public long Id { get; set; }
    public int CenterId { get; set; }
    public required string Body { get; set; }
    public int Version { get; set; }
    public required string RuleId { get; set; }
    public required string Answer { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string? RecordedBy { get; set; }
}

public sealed class GovernanceBodyMap : IEntityTypeConfiguration<GovernanceBody>
{
    public void Configure(EntityTypeBuilder<GovernanceBody> e)
    {
        e.ToTable("GovernanceBodies", t => t.HasComment("技术创新中心治理机构（理事会、专家委员会、技术指导委员会、中心主任）"));
        e.Property(x => x.CenterId).HasComment("技术创新中心");
        e.Property(x => x.Body).HasMaxLength(40).HasComment("机构（词汇表 bodies 或 director）");
        e.Property(x => x.Version).HasComment("组成版本（每次调整加一）");
        e.Property(x => x.EstablishedOn).HasComment("成立（聘任）日期");
        e.Property(x => x.UpdatedAt).HasComment("最后调整时间");
        e.Property(x => x.UpdatedBy).HasMaxLength(256).HasComment("最后调整人");
        e.HasOne<Center>().WithMany().HasForeignKey(x => x.CenterId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Members).WithOne().HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.CenterId, x.Body }).IsUnique();
    }
}

public sealed class BodyMemberMap : IEntityTypeConfiguration<BodyMember>
{
    public void Configure(EntityTypeBuilder<BodyMember> e)
    {
        e.ToTable("BodyMembers", t => t.HasComment("治理机构成员"));
        e.Property(x => x.BodyId).HasComment("治理机构");
        e.Property(x => x.Name).HasMaxLength(50).HasComment("姓名");
        e.Property(x => x.Employer).HasMaxLength(200).HasComment("工作单位");
        e.Property(x => x.EmployerUnitId).HasComment("工作单位（牵头或共建单位）");
        e.Property(x => x.Affiliation).HasMaxLength(20).HasComment("来源（center 中心本部，lead 牵头单位，co_builder 共建单位，government 政府部门，external 外部单位）");
        e.Property(x => x.Title).HasMaxLength(100).HasComment("职称或职务");
        e.Property(x => x.Role).HasMaxLength(10).HasComment("身份（chair 主任/理事长，member 成员）");
        e.Property(x => x.FullTime).HasComment("全职（中心主任）");
        e.Property(x => x.Position).HasComment("排序");
        e.HasOne<Units.Unit>().WithMany().HasForeignKey(x => x.EmployerUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.BodyId);
    }
}

public sealed class GovernanceFilingMap : IEntityTypeConfiguration<GovernanceFiling>
{
    public void Configure(EntityTypeBuilder<GovernanceFiling> e)
    {
        e.ToTable("GovernanceFilings", t => t.HasComment("治理机构与主任备案记录"));
        e.Property(x => x.CenterId).HasComment("技术创新中心");
        e.Property(x => x.Body).HasMaxLength(40).HasComment("备案对象（机构或 director）");
        e.Property(x => x.Version).HasComment("备案的组成版本");
        e.Property(x => x.Recipient).HasMaxLength(20).HasComment("备案机关（bureau 科技局，department 归口管理部门）");
        e.Property(x => x.FiledOn).HasComment("备案日期（北京时间）");
        e.Property(x => x.FiledAt).HasComment("备案时间");
        e.Property(x => x.FiledBy).HasMaxLength(256).HasComment("报备人");
        e.Property(x => x.Composition).HasMaxLength(8000).HasComment("备案时的组成");
        e.Property(x => x.Article).HasMaxLength(200).HasComment("依据条款");
        e.HasOne<Center>().WithMany().HasForeignKey(x => x.CenterId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.CenterId, x.Body, x.Version, x.Recipient }).IsUnique();
    }
}

public sealed class GovernanceJudgementMap : IEntityTypeConfiguration<GovernanceJudgement>
{
    public void Configure(EntityTypeBuilder<GovernanceJudgement> e)
    {
        e.ToTable("GovernanceJudgements", t => t.HasComment("经办人对治理机构判断性规定的认定（如“一般应”的例外）"));
        e.Property(x => x.CenterId).HasComment("技术创新中心");
        e.Property(x => x.Body).HasMaxLength(40).HasComment("机构");
        e.Property(x => x.Version).HasComment("认定所针对的组成版本");
        e.Property(x => x.RuleId).HasMaxLength(100).HasComment("规则");
        e.Property(x => x.Answer).HasMaxLength(10).HasComment("认定（pass 符合，fail 不符合）");
        e.Property(x => x.Reason).HasMaxLength(2000).HasComment("理由");
        e.Property(x => x.RecordedAt).HasComment("认定时间");
        e.Property(x => x.RecordedBy).HasMaxLength(256).HasComment("认定人");
        e.HasOne<Center>().WithMany().HasForeignKey(x => x.CenterId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.CenterId, x.Body, x.Version, x.RuleId }).IsUnique();
    }
}
