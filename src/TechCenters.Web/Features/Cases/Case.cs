using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Cases;

/// <summary>
/// 事项: the unit of the lifecycle (ADR 0006). Every kind — an application, an annual report, a change request, an
/// evaluation, a rectification, a revocation — is a case on its kind's process in the pack version it is pinned to,
/// with a detail row of its own (e.g. <see cref="Applications.Application"/>, same id). Its stage changes only through
/// <see cref="CaseKernel"/>.
/// </summary>
public sealed class Case
{
    public int Id { get; set; }
    /// <summary>The kind of case (Policy.Rules.ProcessKinds: application, annual_report …).</summary>
    public required string Kind { get; set; }
    public required string JurisdictionId { get; set; }
    /// <summary>The lead unit's competent department when the case opened (null: straight to the bureau).</summary>
    public int? DepartmentId { get; set; }
    public Department? Department { get; set; }
    /// <summary>
    /// Set when the lead unit moved to another department while this department held the case at its step: the step
    /// stays with <see cref="DepartmentId"/>, and the kernel applies <see cref="PendingDepartmentId"/> when the case leaves it.
    /// </summary>
    public int? PendingMoveId { get; set; }
    public Organisation.UnitMove? PendingMove { get; set; }
    /// <summary>The department from the next step on (null with a pending move: straight to the bureau).</summary>
    public int? PendingDepartmentId { get; set; }
    public int? LeadUnitId { get; set; }
    public Unit? LeadUnit { get; set; }
    /// <summary>For a center's cases: the application that recognized it (an application case is its own).</summary>
    public int? ApplicationId { get; set; }
    public int? CenterId { get; set; }
    public Centers.Center? Center { get; set; }
    /// <summary>What lists show (the proposed center's name, “2026年度报告”…).</summary>
    public required string Title { get; set; }

    /// <summary>Pack version folder date (yyyy-MM-dd) and document number the case is judged by.</summary>
    public required string PackVersion { get; set; }
    public required string PackDocument { get; set; }

    /// <summary>Current stage id of its kind's process in the pinned pack.</summary>
    public required string StageId { get; set; }
    /// <summary>What the current stage is (vocabulary steps).</summary>
    public required string Step { get; set; }
    /// <summary>Whose move it is (a pack actor), null when closed.</summary>
    public string? Holder { get; set; }
    /// <summary>The filer has submitted in the current stage (for stages the filer holds without a move of its own).</summary>
    public bool SubmittedInStage { get; set; }
    /// <summary>When the holder's move is due (a report's deadline, a hearing's end), if a rule sets one.</summary>
    public DateOnly? DueOn { get; set; }
    /// <summary>退回修改: the reason the filer sees, while the case is back with it.</summary>
    public string? ReturnReason { get; set; }

    /// <summary>The last verdict recorded on the case (pass / fail / needs_judgement) and its reasons as JSON.</summary>
    public string? VerdictOutcome { get; set; }
    public string? VerdictJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>Optimistic concurrency token, incremented on every change of the case or its detail.</summary>
    public int Revision { get; set; }

    public List<CaseParty> Parties { get; set; } = [];
    /// <summary>The officers' answers to judgement words (never changed; the latest per rule counts).</summary>
    public List<CaseJudgement> Judgements { get; set; } = [];
}

/// <summary>A unit party to a case (牵头单位, 共建单位): its staff see the case and act as the pack's actor for that role.</summary>
public sealed class CaseParty
{
    public const string Lead = "lead";
    public const string CoBuilder = "co_builder";

    public int Id { get; set; }
    public int CaseId { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public required string Role { get; set; }
}

/// <summary>An expert or evaluator assigned to a case: they see it (and act on it) while the assignment lasts.</summary>
public sealed class CaseAssignment
{
    public const string ExpertRole = "expert";
    public const string EvaluatorRole = "evaluator";
    /// <summary>The case's competent department asked to assist an evaluation (协助开展绩效评估); no id: the case's department.</summary>
    public const string DepartmentRole = "department";

    public int Id { get; set; }
    public int CaseId { get; set; }
    public required string Role { get; set; }
    public int? ExpertId { get; set; }
    /// <summary>An account of its own the case is assigned to (not an expert's), where the assignment is to one account.</summary>
    public string? UserId { get; set; }
    /// <summary>
    /// An organisation the case is entrusted to (an evaluation's 第三方评估机构): whose accounts see and act on it is the
    /// kind's to say (<see cref="ICaseKind.SeenBy"/>), as is the organisation's table (the foreign key is mapped there).
    /// </summary>
    public int? OrganisationId { get; set; }
    public DateTimeOffset AssignedAt { get; set; }
    public string? AssignedBy { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>Why it ended early (an expert's 回避 declared in their own account).</summary>
    public string? EndReason { get; set; }
}

/// <summary>
/// A verdict as it was when it judged something (a submission, a recommendation, a decision): kept with the case revision
/// and version it judged, so history shows what was decided then, not what the rules say today.
/// </summary>
public sealed class CaseVerdict
{
    public long Id { get; set; }
    public int CaseId { get; set; }
    /// <summary>What it judged (提交 / 推荐 / 决定 …).</summary>
    public required string Purpose { get; set; }
    public int CaseRevision { get; set; }
    /// <summary>The submitted version it judged, where the kind keeps versions.</summary>
    public int? Version { get; set; }
    public required string PackVersion { get; set; }
    public required string PackDocument { get; set; }
    public required string Outcome { get; set; }
    public required string VerdictJson { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string? RecordedBy { get; set; }
}

public sealed class CaseMap : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> e)
    {
        e.ToTable("Cases", t => t.HasComment("事项（申报、年度报告、变更、评估、整改、撤销）"));
        e.Property(x => x.Kind).HasMaxLength(32).HasComment("事项类别");
        e.Property(x => x.JurisdictionId).HasMaxLength(64).HasComment("管理辖区");
        e.Property(x => x.DepartmentId).HasComment("归口管理部门（为空表示直接报科技局）");
        e.Property(x => x.LeadUnitId).HasComment("牵头（依托）单位");
        e.Property(x => x.PendingMoveId).HasComment("待生效的单位归口部门调整（本阶段结束后生效）");
        e.Property(x => x.PendingDepartmentId).HasComment("下一阶段起的归口管理部门（有待生效调整时；为空表示直接报科技局）");
        e.HasOne(x => x.PendingMove).WithMany().HasForeignKey(x => x.PendingMoveId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Department>().WithMany().HasForeignKey(x => x.PendingDepartmentId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.ApplicationId).HasComment("所属认定申报（中心事项）");
        e.Property(x => x.CenterId).HasComment("所属技术创新中心");
        e.Property(x => x.Title).HasMaxLength(200).HasComment("事项名称");
        e.Property(x => x.PackVersion).HasMaxLength(10).HasComment("适用政策包版本（施行日期）");
        e.Property(x => x.PackDocument).HasMaxLength(200).HasComment("适用管理办法文号");
        e.Property(x => x.StageId).HasMaxLength(64).HasComment("当前阶段（政策包阶段标识）");
        e.Property(x => x.Step).HasMaxLength(32).HasComment("当前阶段的性质（step）");
        e.Property(x => x.Holder).HasMaxLength(32).HasComment("待办方（政策包参与方）");
        e.Property(x => x.SubmittedInStage).HasComment("本阶段已提交");
        e.Property(x => x.DueOn).HasComment("办理期限");
        e.Property(x => x.ReturnReason).HasMaxLength(4000).HasComment("退回修改理由");
        e.Property(x => x.VerdictOutcome).HasMaxLength(20).HasComment("最近一次判定结论");
        e.Property(x => x.VerdictJson).HasComment("最近一次判定（JSON）");
        e.Property(x => x.CreatedAt).HasComment("创建时间");
        e.Property(x => x.UpdatedAt).HasComment("最后修改时间");
        e.Property(x => x.CreatedBy).HasMaxLength(256).HasComment("创建人");
        e.Property(x => x.ClosedAt).HasComment("办结时间");
        e.Property(x => x.Revision).IsConcurrencyToken().HasComment("并发版本号（每次保存加一）");
        e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Department).WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.LeadUnit).WithMany().HasForeignKey(x => x.LeadUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Parties).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Center).WithMany().HasForeignKey(x => x.CenterId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.JurisdictionId, x.Kind, x.Holder });
        e.HasIndex(x => new { x.JurisdictionId, x.UpdatedAt }); // 事项查询's default order (last handled first) pages by it
        e.HasIndex(x => new { x.DepartmentId, x.Holder });
        e.HasIndex(x => new { x.LeadUnitId, x.Kind });
        e.HasIndex(x => x.CenterId);
        // Lists and the overview: by kind and stage, by due date, by last change, by opening (year).
        e.HasIndex(x => new { x.JurisdictionId, x.Kind, x.StageId });
        e.HasIndex(x => new { x.JurisdictionId, x.DueOn });
        e.HasIndex(x => new { x.JurisdictionId, x.UpdatedAt });
        e.HasIndex(x => new { x.JurisdictionId, x.CreatedAt });
    }
}

public sealed class CasePartyMap : IEntityTypeConfiguration<CaseParty>
{
    public void Configure(EntityTypeBuilder<CaseParty> e)
    {
        e.ToTable("CaseParties", t => t.HasComment("事项的当事单位（牵头、共建）"));
        e.Property(x => x.CaseId).HasComment("事项");
        e.Property(x => x.UnitId).HasComment("单位");
        e.Property(x => x.Role).HasMaxLength(20).HasComment("身份（lead 牵头/依托，co_builder 共建）");
        e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.CaseId, x.UnitId }).IsUnique();
        e.HasIndex(x => x.UnitId);
    }
}

public sealed class CaseAssignmentMap : IEntityTypeConfiguration<CaseAssignment>
{
    public void Configure(EntityTypeBuilder<CaseAssignment> e)
    {
        e.ToTable("CaseAssignments", t => t.HasComment("事项分配（专家、评估机构）"));
        e.Property(x => x.CaseId).HasComment("事项");
        e.Property(x => x.Role).HasMaxLength(20).HasComment("身份（expert 专家，evaluator 评估机构，department 协助评估的归口管理部门）");
        e.Property(x => x.ExpertId).HasComment("专家");
        e.Property(x => x.UserId).HasMaxLength(450).HasComment("评估机构账号");
        e.Property(x => x.OrganisationId).HasComment("评估机构");
        e.HasIndex(x => new { x.OrganisationId, x.CaseId });
        e.Property(x => x.AssignedAt).HasComment("分配时间");
        e.Property(x => x.AssignedBy).HasMaxLength(256).HasComment("分配人");
        e.Property(x => x.EndedAt).HasComment("结束时间");
        e.Property(x => x.EndReason).HasMaxLength(500).HasComment("提前结束的理由（专家申请回避）");
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Expert>().WithMany().HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.ExpertId, x.CaseId });
        e.HasIndex(x => new { x.UserId, x.CaseId });
        e.HasIndex(x => x.CaseId);
    }
}

public sealed class CaseVerdictMap : IEntityTypeConfiguration<CaseVerdict>
{
    public void Configure(EntityTypeBuilder<CaseVerdict> e)
    {
        e.ToTable("CaseVerdicts", t => t.HasComment("事项的判定记录（提交、推荐、决定时的判定，按当时版本保存）"));
        e.Property(x => x.CaseId).HasComment("事项");
        e.Property(x => x.Purpose).HasMaxLength(50).HasComment("判定事由");
        e.Property(x => x.CaseRevision).HasComment("判定时的事项版本号");
        e.Property(x => x.Version).HasComment("判定的提交版本");
        e.Property(x => x.PackVersion).HasMaxLength(10).HasComment("政策包版本");
        e.Property(x => x.PackDocument).HasMaxLength(200).HasComment("管理办法文号");
        e.Property(x => x.Outcome).HasMaxLength(20).HasComment("结论（pass/fail/needs_judgement）");
        e.Property(x => x.VerdictJson).HasComment("判定（JSON，含各条理由）");
        e.Property(x => x.RecordedAt).HasComment("记录时间");
        e.Property(x => x.RecordedBy).HasMaxLength(256).HasComment("记录人");
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.CaseId, x.Id });
    }
}
