using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.ExpertReviews;

namespace TechCenters.Web.Features.Approvals;

/// <summary>不予批准（认定）/ 未列入名单: the bureau ends the case in the pack's rejection stage, with the reason the applicant sees.</summary>
public sealed class RejectApplication(ApplicationWorkflow workflow)
{
    public async Task<WorkflowResult> RunAsync(int applicationId, WorkflowActor actor, string? reason, int revision, CancellationToken ct = default)
    {
        var app = await workflow.LoadAsync(applicationId, actor.Scope, ct);
        if (app is null) return WorkflowResult.NotFound();
        if (app.Revision != revision) return WorkflowResult.StaleRevision();
        var stages = ApplicationWorkflow.StagesOf(workflow.PackOf(app));
        var target = SelectionSteps.Target(stages, app.StageId, rejection: true);
        if (target is null || app.Step is not ("public_notice" or "objection_review" or "selection"))
            return new(WorkflowStatus.Conflict, $"该申报书当前处于“{stages.Stage(app.StageId)!.Name}”阶段，不能在此办理不予批准。");
        return await workflow.MoveAsync(app, actor, target.Id, revision, reason?.Trim(), $"不予批准：{target.Name}", ct: ct);
    }
}
