using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Applications;

namespace TechCenters.Web.Features.ExpertReviews;

/// <summary>评审结论: with every panel member's opinion in, the bureau moves the application on (or out) as the pack says.</summary>
public sealed class ConcludeReview(AppDbContext db, ApplicationWorkflow workflow)
{
    public async Task<WorkflowResult> RunAsync(int applicationId, WorkflowActor actor, bool passed, int revision, string? note, CancellationToken ct = default)
    {
        // load
        var app = await workflow.LoadAsync(applicationId, actor.Scope, ct);
        if (app is null) return WorkflowResult.NotFound();
        var pack = workflow.PackOf(app);
        var stages = ApplicationWorkflow.StagesOf(pack);
        var stage = stages.Stage(app.StageId)!;
        var panel = await db.PanelAssignments.Where(a => a.ApplicationId == app.Id).Select(a => a.Panel!.Members.Count).FirstOrDefaultAsync(ct);
        var reviews = await db.ExpertReviews.Where(r => r.ApplicationId == app.Id).ToListAsync(ct);

        // decide
        if (app.Revision != revision) return WorkflowResult.StaleRevision();
        if (app.Step != StageSteps.ExpertReview)
            return new(WorkflowStatus.Conflict, $"该申报书当前处于“{stage.Name}”阶段，不能办理评审结论。");
        var target = SelectionSteps.Target(stages, app.StageId, rejection: !passed);
        if (target is null) return new(WorkflowStatus.Conflict, $"{pack.Document}在“{stage.Name}”之后没有相应的流转。");
        if (actor.Scope.Role == Accounts.Roles.BureauOfficer)
        {
            if (panel == 0) return new(WorkflowStatus.Conflict, "尚未组建专家组，不能办理评审结论。");
            var summary = ReviewSummary.Of(panel, reviews);
            if (!summary.Complete)
                return new(WorkflowStatus.Conflict, $"专家组{summary.Members}位专家中尚有{summary.Members - summary.Submitted}位未提交评审意见，不能办理评审结论。");
            note = $"专家组{summary.Members}人，平均分{summary.MeanScore:0.##}，{summary.Recommending}人同意通过" + (string.IsNullOrWhiteSpace(note) ? "" : $"；{note.Trim()}");
        }

        // save (the workflow checks the role, the revision and the pack's move)
        return await workflow.MoveAsync(app, actor, target.Id, revision, note,
            passed ? $"评审通过：{target.Name}" : $"评审未通过：{target.Name}", ct: ct);
    }
}
