using TechCenters.Policy;
using TechCenters.Policy.Rules;

namespace TechCenters.Web.Features.Cases;

/// <summary>
/// A case as loaded for one action: its pinned pack and process, its stage, the acting account's relation to it, its
/// facts and detail row. The checks below are pure; an action's decide function uses them and returns values.
/// </summary>
public sealed class CaseContext
{
    public required Case Case { get; init; }
    public required PolicyPack Pack { get; init; }
    public required StagesRule Process { get; init; }
    public required Stage Stage { get; init; }
    public required CaseRelation Relation { get; init; }
    public required WorkflowActor Actor { get; init; }
    public required Facts Facts { get; init; }
    /// <summary>The kind's detail row (an <see cref="Applications.Application"/> …), loaded by its <see cref="ICaseKind"/>.</summary>
    public object? Detail { get; init; }
    public required Infrastructure.Clock Clock { get; init; }
    public DateOnly Today => Clock.Today;
    public DateTimeOffset Now => Clock.UtcNow;

    public T DetailAs<T>() where T : class => Detail as T ?? throw new InvalidOperationException($"事项 {Case.Id} 没有 {typeof(T).Name} 明细");

    /// <summary>The actor who files this kind of case (the lead unit, or the center): the actor of its first filing stage.</summary>
    public string Filer => FilerOf(Process);

    public static string FilerOf(StagesRule process) =>
        process.Stages.FirstOrDefault(s => s.Step is StageSteps.Application or StageSteps.Draft)?.Actor ?? Actors.LeadUnit;

    public string What => Pack.Env.Vocabulary.Processes.TryGetValue(Case.Kind, out var d) && Case.Kind != ProcessKinds.Application ? d.Label : "申报书";

    /// <summary>The stage's name as this account is allowed to see it.</summary>
    public string Name(Stage s) => s.NameFor(Relation.Acts);

    public string ActorName(string actor) => Pack.Env.Actor(actor);

    /// <summary>409 unless the case is in a stage of one of these steps.</summary>
    public Refusal? InStep(string doing, params string[] steps) =>
        steps.Contains(Stage.Step) ? null : Refusal.Conflict($"该{What}当前处于“{Name(Stage)}”阶段，不能{doing}。", Stage.Article);

    /// <summary>403 unless the account acts as this actor on the case.</summary>
    public Refusal? As(string actor, string doing, string? article = null) =>
        Relation.ActsAs(actor) ? null : Refusal.Forbidden($"{doing}应由{ActorName(actor)}办理，您无权办理。", article ?? Stage.Article);

    /// <summary>The moves open from the current stage for these facts that this account may make (objections excepted).</summary>
    public IReadOnlyList<Transition> OpenMoves(Facts? facts = null) =>
        Process.Next(Case.StageId, facts ?? Facts).Where(t => t.Actor != Actors.Public && Relation.ActsAs(t.Actor)).ToList();

    /// <summary>
    /// Where the process goes from here when the holder passes the case on (or, with <paramref name="rejection"/>, ends it
    /// negatively), for these facts; objections and withdrawal are never it. Null when the process has no such move.
    /// Who may make it is <see cref="Move"/>'s check.
    /// </summary>
    public Stage? Target(bool rejection) =>
        Process.Next(Case.StageId, Facts).Where(t => t.Actor != Actors.Public).Select(t => Process.Stage(t.To)!)
            .FirstOrDefault(s => !s.IsWithdrawal && s.IsRejection == rejection);

    /// <summary>The approval stage the process reaches from here in one move, if any.</summary>
    public Stage? ApprovalTarget =>
        Process.Transitions.Where(t => t.From == Case.StageId).Select(t => Process.Stage(t.To)!).FirstOrDefault(s => s.IsApproval);

    /// <summary>
    /// Checks a move to another stage, in order: the process has it from here (409), this account acts as its actor (403),
    /// its conditions hold (409), and a negative end carries a reason (400). Returns the move or the refusal.
    /// </summary>
    public (Transition? Move, Refusal? Refusal) Move(string toStage, string? note)
    {
        var target = Process.Stage(toStage);
        var moves = Process.Transitions.Where(t => t.From == Case.StageId && t.To == toStage).ToList();
        if (target is null || moves.Count == 0)
            return (null, Refusal.Conflict($"该{What}当前处于“{Name(Stage)}”阶段，不能办理“{(target is null ? toStage : Name(target))}”（{Pack.Document}）。", Stage.Article));
        var mine = moves.Where(t => Relation.ActsAs(t.Actor)).ToList();
        if (mine.Count == 0)
            return (null, Refusal.Forbidden($"“{Name(Stage)} → {Name(target)}”应由{ActorName(moves[0].Actor)}办理（{moves[0].Article}），您无权办理。", moves[0].Article));
        var open = Process.Next(Case.StageId, Facts).Where(t => t.To == toStage && mine.Contains(t)).ToList();
        if (open.Count == 0)
            return (null, Refusal.Conflict($"不满足“{Name(Stage)} → {Name(target)}”的流转条件（{moves[0].Article}）。", moves[0].Article));
        if ((target.IsRejection || target.IsWithdrawal) && string.IsNullOrWhiteSpace(note))
            return (null, Refusal.Invalid($"办理“{Name(target)}”须填写理由。", open[0].Article));
        return (open[0], null);
    }

    /// <summary>
    /// 退回修改: the holder of a stage the pack lets return sends the case back to the stage its `return_to` names, with a
    /// reason the filer sees.
    /// </summary>
    public (Stage? To, Refusal? Refusal) Return(string? reason)
    {
        if (Stage.ReturnTo is not { } back || Case.Holder is null || Case.Holder == Filer)
            return (null, Refusal.Conflict($"该{What}当前处于“{Name(Stage)}”阶段，不能退回修改。", Stage.Article));
        if (!Relation.ActsAs(Case.Holder))
            return (null, Refusal.Forbidden($"“{Name(Stage)}”阶段应由{ActorName(Case.Holder)}办理，您无权退回。", Stage.Article));
        if (string.IsNullOrWhiteSpace(reason))
            return (null, Refusal.Invalid($"退回修改须填写理由，{ActorName(Filer)}将看到该理由。", Stage.Article));
        return (Process.Stage(back)!, null);
    }

    /// <summary>Whether this account may change the case's content now: its stage lets this actor edit, and the case is with it.</summary>
    public Refusal? Editable()
    {
        var editor = Stage.Edit.FirstOrDefault(Relation.ActsAs);
        if (editor is null)
            return Relation.Acts.Any(a => Process.Stages.Any(s => s.Edit.Contains(a)))
                ? Refusal.Conflict(Case.Holder is null
                    ? $"{What}已办结（“{Name(Stage)}”），不能修改。"
                    : $"{What}已提交，当前处于“{Name(Stage)}”阶段，由{ActorName(Case.Holder)}办理；退回修改后才能修改。", Stage.Article)
                : Refusal.Forbidden($"{What}由{ActorName(Filer)}填写，您只能查看。", Stage.Article);
        if (Case.Holder != editor)
            return Refusal.Conflict($"{What}已提交，当前由{ActorName(Case.Holder ?? Stage.Actor)}办理；退回修改后才能修改。", Stage.Article);
        return null;
    }
}
