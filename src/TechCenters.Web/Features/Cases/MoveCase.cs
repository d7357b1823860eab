using TechCenters.Policy.Rules;
using TechCenters.Web.Features.Activity;

namespace TechCenters.Web.Features.Cases;

/// <summary>
/// An action that owns the moves out of some steps (expert review needs its panel and reviews, a decision its meeting
/// record, a notice its period…): the generic move refuses those steps and points to the action's page instead.
/// </summary>
public interface IStepHandler
{
    /// <summary>Whether this action makes the moves out of this stage of this process.</summary>
    bool Handles(StagesRule process, Stage stage);
    /// <summary>Where a user makes them, in Chinese ("专家评审页面").</summary>
    string PageName { get; }
    /// <summary>What the case waits for meanwhile, as the parties read it ("等待专家评审").</summary>
    string Waiting { get; }
    string PageUrl(Case c);
}

/// <summary>
/// 办理 (推荐/不予推荐、受理/初审不合格、审核通过…) and 退回修改 for any kind of case: the pack's move from the current stage,
/// checked by <see cref="CaseContext.Move"/> / <see cref="CaseContext.Return"/>, committed by the kernel.
/// </summary>
public sealed class MoveCase(CaseKernel kernel, IEnumerable<IStepHandler> handlers)
{
    /// <summary>The action that owns the moves out of this stage, or null when the generic move makes them.</summary>
    public IStepHandler? HandlerOf(StagesRule process, Stage stage) => handlers.FirstOrDefault(h => h.Handles(process, stage));

    public Task<WorkflowResult> MoveAsync(int id, WorkflowActor actor, string? toStage, int revision, string? note, CancellationToken ct = default) =>
        kernel.RunAsync(id, actor, revision, "办理", (ctx, _) => Task.FromResult(Decide(ctx, toStage ?? "", note, HandlerOf(ctx.Process, ctx.Stage))), ct);

    public Task<WorkflowResult> ReturnAsync(int id, WorkflowActor actor, int revision, string? reason, CancellationToken ct = default) =>
        kernel.RunAsync(id, actor, revision, "退回修改", (ctx, _) => Task.FromResult(DecideReturn(ctx, reason)), ct);

    /// <summary>Pure: the pack's move to <paramref name="toStage"/>, or why not.</summary>
    public static CaseOutcome Decide(CaseContext ctx, string toStage, string? note, IStepHandler? owner)
    {
        if (owner is not null)
            return Refusal.Conflict($"该{ctx.What}当前处于“{ctx.Name(ctx.Stage)}”阶段，请在{owner.PageName}办理。", ctx.Stage.Article);
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var (move, refused) = ctx.Move(toStage, note);
        if (refused is not null) return refused;
        var target = ctx.Process.Stage(toStage)!;
        var action = target.IsRejection || target.IsWithdrawal ? target.Name : $"转入{target.Name}";
        return new Decision($"已办理：{ctx.Name(ctx.Stage)} → {ctx.Name(target)}。")
        {
            Steps = [new CaseStep(ctx, action, note, move!.Article, target)],
        };
    }

    /// <summary>Pure: 退回修改 to the stage the pack names, with the reason the filer sees.</summary>
    public static CaseOutcome DecideReturn(CaseContext ctx, string? reason)
    {
        var (back, refused) = ctx.Return(reason);
        if (refused is not null) return refused;
        return new Decision($"已退回{ctx.ActorName(ctx.Filer)}修改。")
        {
            Steps = [new CaseStep(ctx, "退回修改", reason!.Trim(), ctx.Stage.Article, back) { ReturnReason = reason.Trim(), Audience = Audience.Parties }],
        };
    }
}
