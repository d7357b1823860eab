using TechCenters.Web.Features.Calls;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Applications;

/// <summary>
/// 申报书 (with its 建设方案) of one lead unit under one call. Its stage is a stage id of the pack version it is pinned to;
/// every change of stage goes through <see cref="ApplicationWorkflow"/>.
/// </summary>
public sealed class Application
{
    public int Id { get; set; }
    public int CallId { get; set; }
    public Call? Call { get; set; }
    public required string JurisdictionId { get; set; }
    public int LeadUnitId { get; set; }
    public Unit? LeadUnit { get; set; }
    /// <summary>The lead unit's 归口管理部门 when the application was made (null: reports straight to the bureau).</summary>
    public int? DepartmentId { get; set; }
    /// <summary>拟定中心名称.</summary>
    public required string CenterName { get; set; }

    /// <summary>Current stage id of the pinned pack (pack-defined: application, intention, cultivation…).</summary>
    public required string StageId { get; set; }
    /// <summary>What the current stage is (vocabulary steps: application, recommendation, intake_review, expert_review…).</summary>
    public required string Step { get; set; }
    /// <summary>Whose move it is (a pack actor: lead_unit, department, bureau, decision_meeting), null when final.</summary>
    public string? Holder { get; set; }
    /// <summary>The lead unit has submitted in the current stage (for stages the lead unit holds without a transition of its own).</summary>
    public bool SubmittedInStage { get; set; }

    /// <summary>Pack version folder date (yyyy-MM-dd) and document number the application is judged by.</summary>
    public required string PackVersion { get; set; }
    public required string PackDocument { get; set; }

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
    /// <summary>Returned for revision (退回修改): the reasons the applicant sees.</summary>
    public string? ReturnReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? CreatedBy { get; set; }
    /// <summary>Optimistic concurrency token, incremented on every save (SQLite has no rowversion).</summary>
    public int Revision { get; set; }

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
