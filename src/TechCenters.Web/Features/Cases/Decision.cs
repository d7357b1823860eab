using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Features.Activity;

namespace TechCenters.Web.Features.Cases;

/// <summary>What a pure decide function returns: a <see cref="Decision"/> to commit, or a <see cref="Refusal"/>.</summary>
public abstract record CaseOutcome;

/// <summary>Why nothing happens: the status (400/403/404/409), the Chinese message, and the article it rests on.</summary>
public sealed record Refusal(WorkflowStatus Status, string Message, string? Article = null) : CaseOutcome
{
    public static Refusal Invalid(string message, string? article = null) => new(WorkflowStatus.Invalid, message, article);
    public static Refusal Forbidden(string message, string? article = null) => new(WorkflowStatus.Forbidden, message, article);
    public static Refusal Conflict(string message, string? article = null) => new(WorkflowStatus.Conflict, message, article);
    public static Refusal NotFound(string message) => new(WorkflowStatus.NotFound, message);
}

/// <summary>
/// What happens to one case: an entry on its timeline (who may read it), and optionally a move to another stage, a
/// submission in the current stage, a return reason, a due date and a verdict to keep.
/// </summary>
public sealed record CaseStep(CaseContext Ctx, string Action, string? Note, string? Article, Stage? To = null)
{
    /// <summary>Who reads the entry; default: who sees the stage it happens in.</summary>
    public Audience? Audience { get; init; }
    /// <summary>Set when the filer submits without a move of its own (its stage is then held by the next actor).</summary>
    public bool? SubmittedInStage { get; init; }
    /// <summary>退回修改 reason to show the filer; <see cref="ClearReturn"/> clears it.</summary>
    public string? ReturnReason { get; init; }
    public bool ClearReturn { get; init; }
    /// <summary>The facts to work out the next holder with, when the decision changes them (a submission).</summary>
    public Facts? FactsAfter { get; init; }
    /// <summary>
    /// The decision's own changes alter the facts the holder is worked out from (an expert's assignment ended): the kernel
    /// writes them, loads the case's facts again and works the holder out anew, for any kind.
    /// </summary>
    public bool Reassess { get; init; }
    /// <summary>A verdict to keep with the case revision it judged (提交、推荐、决定…).</summary>
    public (string Purpose, Verdict Verdict, int? Version)? Verdict { get; init; }
    public DateOnly? DueOn { get; init; }
    /// <summary>False for a change that is audited but is not a lifecycle event (a draft saved).</summary>
    public bool OnTimeline { get; init; } = true;
}

/// <summary>A case to open in the same transaction (a new application, a rectification after a grade…).</summary>
public sealed record NewCase(Case Case, object? Detail, string Action, string? Note, string? Article, Audience Audience = Audience.Parties)
{
    public IReadOnlyList<CaseParty> Parties { get; init; } = [];
}

/// <summary>
/// The effects of an action as values (Wolverine's A-frame): timeline steps, rows to add, changes to loaded rows (run
/// only when committing), cases to open. <see cref="CaseKernel.CommitAsync"/> writes all of it in one transaction.
/// </summary>
public sealed record Decision(string Message) : CaseOutcome
{
    public IReadOnlyList<CaseStep> Steps { get; init; } = [];
    public IReadOnlyList<object> Add { get; init; } = [];
    public IReadOnlyList<Action> Apply { get; init; } = [];
    public IReadOnlyList<NewCase> Open { get; init; } = [];
    /// <summary>Done, but not as asked (a draw that fell short): the message is a warning, not a success.</summary>
    public bool Warning { get; init; }
}
