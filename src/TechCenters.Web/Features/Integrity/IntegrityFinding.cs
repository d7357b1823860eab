using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Integrity;

/// <summary>Whom a finding is against: a unit (统一社会信用代码) or a person (姓名 + 身份证号).</summary>
public enum FindingSubject
{
    Unit = 1,
    Person = 2,
}

/// <summary>
/// 科研诚信记录: one finding the bureau recorded against a unit or a person — what, its category (which credit/conduct
/// facts of the vocabulary it bears on, <see cref="FindingCategories"/>), legal basis, source document, the date found
/// and the period of effect (inclusive; no end = open-ended). Never deleted: a withdrawal keeps the row with its reason,
/// a correction withdraws the row (reason 更正) and records the corrected one pointing back to it.
/// The person's ID number is personal data: SM4 at rest (<c>IntegrityFindings.PersonIdNumber</c>), shown masked.
/// </summary>
public sealed class IntegrityFinding
{
    public int Id { get; set; }
    public required string JurisdictionId { get; set; }
    public FindingSubject Subject { get; set; }
    /// <summary>The unit found against (a unit of the platform) — for a person, the unit they belong to when known.</summary>
    public int? UnitId { get; set; }
    public Unit? Unit { get; set; }
    /// <summary>统一社会信用代码 of the unit (kept as recorded, also for a unit not on the platform).</summary>
    public string? CreditCode { get; set; }
    /// <summary>The unit's or the person's name as recorded.</summary>
    public required string SubjectName { get; set; }
    /// <summary>身份证号 of the person (SM4 at rest); null for a unit.</summary>
    public string? PersonIdNumber { get; set; }
    /// <summary>Keyed SM3 of the ID number, for look-ups without decrypting.</summary>
    public string? PersonIdNumberHash { get; set; }
    /// <summary>The pool expert the person is, when the finding is against an expert (keeps them off panels while in effect).</summary>
    public int? ExpertId { get; set; }
    /// <summary>One of <see cref="FindingCategories"/>.</summary>
    public required string Category { get; set; }
    /// <summary>认定的失信（违法违规）行为.</summary>
    public required string What { get; set; }
    /// <summary>处理依据 (law, regulation and article).</summary>
    public required string LegalBasis { get; set; }
    /// <summary>来源文书文号.</summary>
    public required string DocumentNumber { get; set; }
    public int? AttachmentId { get; set; }
    public Attachment? Attachment { get; set; }
    /// <summary>认定日期 (the date the conduct was found; the "近三年" windows count from it).</summary>
    public DateOnly FoundOn { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    /// <summary>Last day in effect (inclusive); null: open-ended.</summary>
    public DateOnly? EffectiveTo { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawnBy { get; set; }
    public string? WithdrawalReason { get; set; }
    /// <summary>The finding this one corrects (that one is withdrawn with the correction's reason).</summary>
    public int? CorrectsId { get; set; }

    public bool Withdrawn => WithdrawnAt is not null;
}

/// <summary>EF mapping of <see cref="IntegrityFinding"/>.</summary>
public sealed class IntegrityFindingMap : IEntityTypeConfiguration<IntegrityFinding>
{
    public void Configure(EntityTypeBuilder<IntegrityFinding> e)
    {
        e.ToTable("IntegrityFindings", t => t.HasComment("科研诚信记录（对单位或个人的失信、违法违规认定）"));
        e.Property(x => x.JurisdictionId).HasMaxLength(64).HasComment("记录的管理辖区");
        e.Property(x => x.Subject).HasComment("对象类型（1 单位，2 个人）");
        e.Property(x => x.UnitId).HasComment("对象单位（个人所在单位）");
        e.Property(x => x.CreditCode).HasMaxLength(18).HasComment("统一社会信用代码");
        e.Property(x => x.SubjectName).HasMaxLength(200).HasComment("单位名称或个人姓名");
        e.Property(x => x.PersonIdNumber).HasMaxLength(Security.PersonalDataColumns.StoredLength).HasComment("身份证号（SM4加密）");
        e.Property(x => x.PersonIdNumberHash).HasMaxLength(64).HasComment("身份证号查找散列（HMAC-SM3）");
        e.Property(x => x.ExpertId).HasComment("对应的库内专家");
        e.Property(x => x.Category).HasMaxLength(40).HasComment("记录类别（bad_credit 不良信用，research_dishonesty 科研失信，major_violation 重大违法违规，major_accident 重大事故）");
        e.Property(x => x.What).HasMaxLength(1000).HasComment("认定的行为");
        e.Property(x => x.LegalBasis).HasMaxLength(500).HasComment("处理依据");
        e.Property(x => x.DocumentNumber).HasMaxLength(100).HasComment("来源文书文号");
        e.Property(x => x.AttachmentId).HasComment("来源文书附件");
        e.Property(x => x.FoundOn).HasComment("认定日期");
        e.Property(x => x.EffectiveFrom).HasComment("有效期起（含当日）");
        e.Property(x => x.EffectiveTo).HasComment("有效期止（含当日，空为长期）");
        e.Property(x => x.RecordedAt).HasComment("记录时间");
        e.Property(x => x.RecordedBy).HasMaxLength(256).HasComment("记录人");
        e.Property(x => x.WithdrawnAt).HasComment("撤回（更正）时间");
        e.Property(x => x.WithdrawnBy).HasMaxLength(256).HasComment("撤回（更正）人");
        e.Property(x => x.WithdrawalReason).HasMaxLength(1000).HasComment("撤回（更正）理由");
        e.Property(x => x.CorrectsId).HasComment("所更正的记录");
        e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Attachment).WithMany().HasForeignKey(x => x.AttachmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Expert>().WithMany().HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<IntegrityFinding>().WithMany().HasForeignKey(x => x.CorrectsId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.JurisdictionId, x.UnitId });
        e.HasIndex(x => x.ExpertId);
        e.HasIndex(x => x.PersonIdNumberHash);
    }
}
