using TechCenters.Web.Infrastructure;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.ExpertReviews;

namespace TechCenters.Web.Features.Decisions;

/// <summary>记录决策会议结果: the meeting the pack names, its date and the outcome for one application.</summary>
public sealed class RecordDecision(AppDbContext db, ApplicationWorkflow workflow, Clock clock)
{
    public async Task<WorkflowResult> RunAsync(int applicationId, WorkflowActor actor, DateOnly? meetingDate, bool approved, string? note,
        int revision, CancellationToken ct = default)
    {
        // load
        var app = await workflow.LoadAsync(applicationId, actor.Scope, ct);
        if (app is null) return WorkflowResult.NotFound();
        var pack = workflow.PackOf(app);
        var stages = ApplicationWorkflow.StagesOf(pack);
        var stage = stages.Stage(app.StageId)!;

        // decide
        if (app.Revision != revision) return WorkflowResult.StaleRevision();
        if (app.Step != StageSteps.Decision)
            return new(WorkflowStatus.Conflict, $"该申报书当前处于“{stage.Name}”阶段，不能记录决策会议结果。");
        var meeting = SelectionSteps.MeetingName(pack);
        if (meetingDate is not { } date) return new(WorkflowStatus.Invalid, $"请填写{meeting}的会议日期。");
        if (date > clock.Today) return new(WorkflowStatus.Invalid, "会议日期不能晚于今天。");
        if (!approved && string.IsNullOrWhiteSpace(note)) return new(WorkflowStatus.Invalid, "会议未同意的，须填写理由，申报单位将看到该理由。");
        var target = SelectionSteps.Target(stages, app.StageId, rejection: !approved)!;

        // save: the record joins the workflow's transaction; on a refusal it is dropped
        var record = new DecisionRecord
        {
            ApplicationId = app.Id, JurisdictionId = app.JurisdictionId, Meeting = meeting, MeetingDate = date, Approved = approved,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), RecordedAt = clock.UtcNow, RecordedBy = actor.Scope.UserName,
        };
        db.DecisionRecords.Add(record);
        var result = await workflow.MoveAsync(app, actor, target.Id, revision,
            $"{meeting}（{date:yyyy-MM-dd}）{(approved ? "同意" : "未同意")}" + (record.Note is null ? "" : $"：{record.Note}"),
            $"{meeting}：{(approved ? "同意" : "未同意")}", ct: ct);
        if (!result.Ok && db.Entry(record).State != Microsoft.EntityFrameworkCore.EntityState.Detached)
            db.Entry(record).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
        return result;
    }
}
