using TechCenters.Policy.Rules;
using TechCenters.Web.Features.Applications;

namespace TechCenters.Web.Features.ExpertReviews;

/// <summary>根据专家意见完善方案 (呼和浩特 第九条第四项): the applicant revises the plan and submits it for the decision.</summary>
public sealed class RevisePlan(ApplicationWorkflow workflow)
{
    public async Task<WorkflowResult> RunAsync(int applicationId, WorkflowActor actor, IReadOnlyDictionary<string, string> sections, int revision,
        string? note, CancellationToken ct = default)
    {
        var app = await workflow.LoadAsync(applicationId, actor.Scope, ct);
        if (app is null) return WorkflowResult.NotFound();
        if (app.Revision != revision) return WorkflowResult.StaleRevision();
        var stages = ApplicationWorkflow.StagesOf(workflow.PackOf(app));
        var stage = stages.Stage(app.StageId)!;
        if (app.Step != StageSteps.PlanRevision)
            return new(WorkflowStatus.Conflict, $"该申报书当前处于“{stage.Name}”阶段，不能提交完善后的方案。");
        var target = SelectionSteps.Target(stages, app.StageId, rejection: false)!;
        var plan = ApplicationFacts.Parse(app.PlanJson);
        foreach (var (k, v) in sections) if (!string.IsNullOrWhiteSpace(v)) plan[k] = v.Trim();
        return await workflow.MoveAsync(app, actor, target.Id, revision,
            string.IsNullOrWhiteSpace(note) ? "已根据专家意见完善方案" : note.Trim(), "提交完善后的方案",
            a => a.PlanJson = ApplicationFacts.ToJson(plan), ct);
    }
}
