namespace TechCenters.Web.Features.Approvals;

/// <summary>不予批准（认定）/ 未列入名单: the bureau ends the case in the pack's rejection stage, with the reason the applicant sees.</summary>
public sealed class RejectApplication(CaseKernel kernel, ApproveApplication approvals)
{
    public Task<WorkflowResult> RunAsync(int applicationId, WorkflowActor actor, string? reason, int revision, CancellationToken ct = default) =>
        kernel.RunAsync(applicationId, actor, revision, "不予批准", (ctx, _) => Task.FromResult(Decide(ctx, reason, approvals)), ct);

    /// <summary>Pure: the move to the pack's rejection from the stages the approval page handles, or why not.</summary>
    public static CaseOutcome Decide(CaseContext ctx, string? reason, IStepHandler approvals)
    {
        var target = ctx.Target(rejection: true);
        if (target is null || !approvals.Handles(ctx.Process, ctx.Stage))
            return Refusal.Conflict($"该申报书当前处于“{ctx.Name(ctx.Stage)}”阶段，不能在此办理不予批准。", ctx.Stage.Article);
        var note = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        var (move, refused) = ctx.Move(target.Id, note);
        if (refused is not null) return refused;
        return new Decision("已办理不予批准。") { Steps = [new CaseStep(ctx, $"不予批准：{target.Name}", note, move!.Article, target)] };
    }
}
