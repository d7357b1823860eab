using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Applications;

namespace TechCenters.Web.Features.ExpertReviews;

/// <summary>根据专家意见完善方案 (呼和浩特 第九条第四项): the applicant revises the plan and submits it for the decision.</summary>
public sealed class RevisePlan(CaseKernel kernel) : IStepHandler
{
    public bool Handles(StagesRule process, Stage stage) => stage.Step == StageSteps.PlanRevision;
    public string PageName => "方案完善页面";
    public string Waiting => "等待申报单位根据专家意见完善方案";
    public string PageUrl(Case c) => $"/ExpertReviews/Revise?id={c.Id}";

    public Task<WorkflowResult> RunAsync(int applicationId, WorkflowActor actor, IReadOnlyDictionary<string, string> sections, int revision,
        string? note, CancellationToken ct = default) =>
        kernel.RunAsync(applicationId, actor, revision, "提交完善后的方案", (ctx, _) => Task.FromResult(Decide(ctx, sections, note)), ct);

    /// <summary>Pure: the revised plan and the move on to the decision, or why not.</summary>
    public static CaseOutcome Decide(CaseContext ctx, IReadOnlyDictionary<string, string> sections, string? note)
    {
        if (ctx.InStep("提交完善后的方案", StageSteps.PlanRevision) is { } order) return order;
        if (ctx.Editable() is { } locked) return locked;
        var target = ctx.Target(rejection: false);
        if (target is null) return Refusal.Conflict($"{ctx.Pack.Document}在“{ctx.Name(ctx.Stage)}”之后没有相应的流转。", ctx.Stage.Article);
        var text = string.IsNullOrWhiteSpace(note) ? "已根据专家意见完善方案" : note.Trim();
        var (move, refused) = ctx.Move(target.Id, text);
        if (refused is not null) return refused;
        var app = ctx.DetailAs<Application>();
        var plan = ApplicationFacts.Parse(app.PlanJson);
        foreach (var (k, v) in sections) if (!string.IsNullOrWhiteSpace(v)) plan[k] = v.Trim();
        return new Decision("完善后的方案已提交。")
        {
            Apply = [() => app.PlanJson = ApplicationFacts.ToJson(plan)],
            Steps = [new CaseStep(ctx, "提交完善后的方案", text, move!.Article, target)],
        };
    }
}
