using TechCenters.Policy.Rules;
using TechCenters.Web.Features.ExpertReviews;

namespace TechCenters.Web.Features.Decisions;

/// <summary>记录决策会议结果: the meeting the pack names, its date and the outcome for one application.</summary>
public sealed class RecordDecision(CaseKernel kernel) : IStepHandler
{
    public bool Handles(StagesRule process, Stage stage) => stage.Step == StageSteps.Decision;
    public string PageName => "会议研究页面";
    public string Waiting => "等待会议研究";
    public string PageUrl(Case c) => "/Decisions";

    public Task<WorkflowResult> RunAsync(int applicationId, WorkflowActor actor, DateOnly? meetingDate, bool approved, string? note,
        int revision, CancellationToken ct = default) =>
        kernel.RunAsync(applicationId, actor, revision, "记录决策会议结果", (ctx, _) => Task.FromResult(Decide(ctx, meetingDate, approved, note)), ct);

    /// <summary>Pure: the meeting record and the move it decides, or why not.</summary>
    public static CaseOutcome Decide(CaseContext ctx, DateOnly? meetingDate, bool approved, string? note)
    {
        if (ctx.InStep("记录决策会议结果", StageSteps.Decision) is { } order) return order;
        var meeting = SelectionSteps.MeetingName(ctx.Pack);
        var target = ctx.Target(rejection: !approved);
        if (target is null) return Refusal.Conflict($"{ctx.Pack.Document}在“{ctx.Name(ctx.Stage)}”之后没有相应的流转。", ctx.Stage.Article);
        var (_, notMine) = ctx.Move(target.Id, "会议研究");
        if (notMine?.Status == WorkflowStatus.Forbidden) return notMine;
        if (meetingDate is not { } date) return Refusal.Invalid($"请填写{meeting}的会议日期。");
        if (date > ctx.Today) return Refusal.Invalid("会议日期不能晚于今天。");
        if (!approved && string.IsNullOrWhiteSpace(note)) return Refusal.Invalid("会议未同意的，须填写理由，申报单位将看到该理由。");
        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var summary = $"{meeting}（{date:yyyy-MM-dd}）{(approved ? "同意" : "未同意")}" + (text is null ? "" : $"：{text}");
        var (move, refused) = ctx.Move(target.Id, summary);
        if (refused is not null) return refused;
        return new Decision(approved ? $"已记录：{meeting}同意。" : $"已记录：{meeting}未同意。")
        {
            Add = [new DecisionRecord
            {
                ApplicationId = ctx.Case.Id, JurisdictionId = ctx.Case.JurisdictionId, Meeting = meeting, MeetingDate = date, Approved = approved,
                Note = text, RecordedAt = ctx.Now, RecordedBy = ctx.Actor.Scope.UserName,
            }],
            Steps = [new CaseStep(ctx, $"{meeting}：{(approved ? "同意" : "未同意")}", summary, move!.Article, target)],
        };
    }
}
