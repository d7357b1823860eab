using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Notifications;

namespace TechCenters.Web.Features.Experts;

/// <summary>
/// 专家申请回避: an assigned expert withdraws from a case in their own account, with the reason, before submitting a
/// review. The assignment ends (the case leaves the expert's sight), the bureau reads the reason on the timeline and in
/// its notifications, and forms the panel anew where it falls short.
/// </summary>
public sealed class WithdrawFromCase(AppDbContext db, CaseKernel kernel)
{
    public const string Attempt = "专家申请回避";

    public Task<WorkflowResult> RunAsync(int caseId, WorkflowActor actor, string? reason, CancellationToken ct = default) =>
        kernel.RunAsync(caseId, actor, null, Attempt, async (ctx, token) =>
        {
            var me = actor.Scope.ExpertId;
            var assignment = await db.CaseAssignments.FirstOrDefaultAsync(a => a.CaseId == caseId && a.ExpertId == me && a.EndedAt == null, token);
            var evaluation = ctx.Case.Kind == ProcessKinds.Evaluation;
            // An evaluation's assessor has given their view once their score sheet is in; a reviewer once their review is.
            var reviewed = evaluation
                ? await db.Set<Evaluations.ExpertSheet>().AnyAsync(s => s.CaseId == caseId && s.ExpertId == me, token)
                : await db.ExpertReviews.AnyAsync(r => r.ApplicationId == caseId && r.ExpertId == me, token);
            var bureau = await CaseRecipients.OfAsync(db, ctx.Case, Actors.Bureau, token);
            var link = evaluation ? $"/Evaluations/Case?id={caseId}" : $"/ExpertReviews/Application?id={caseId}";
            return Decide(ctx, assignment, reviewed, reason, bureau, link);
        }, ct);

    public static CaseOutcome Decide(CaseContext ctx, Cases.CaseAssignment? assignment, bool reviewed, string? reason, IReadOnlyList<string> bureau, string link)
    {
        if (ctx.As(Actors.ExpertPanel, "申请回避") is { } notMine || assignment is null)
            return Refusal.Forbidden("只有分配到该事项的专家本人可以申请回避。");
        var evaluation = ctx.Case.Kind == ProcessKinds.Evaluation;
        var order = evaluation
            ? Evaluations.Assessors.BeforeResults(ctx) ? null : Refusal.Conflict("该中心的评估已完成评分，不能再申请回避。")
            : ctx.InStep("申请回避", StageSteps.ExpertReview);
        if (order is not null) return order;
        if (reviewed) return Refusal.Conflict(evaluation ? "您已提交评分表，不能再申请回避；如有利害关系，请联系科技局处理。" : "您已提交评审意见，不能再申请回避；如有利害关系，请联系科技局处理。");
        if (string.IsNullOrWhiteSpace(reason)) return Refusal.Invalid("申请回避须填写理由（与申报单位的关系）。");
        var text = reason.Trim();
        if (text.Length > 500) return Refusal.Invalid("回避理由不超过500个字。");
        var name = ctx.Actor.DisplayName ?? ctx.Actor.Scope.UserName;
        return new Decision("已申请回避，该事项不再分配给您。")
        {
            Apply = [() => { assignment.EndedAt = ctx.Now; assignment.EndReason = text; }],
            Steps = [new CaseStep(ctx, Attempt, $"{name}申请回避：{text}", ctx.Stage.Article) { Audience = Audience.Bureau }],
            Add = [.. bureau.Select(u => new Notification
            {
                UserId = u, CaseId = ctx.Case.Id, Kind = NotificationKinds.Withdrawn, CreatedAt = ctx.Now, Link = link,
                Title = $"专家申请回避：{ctx.Case.Title}",
                Body = $"{name}：{text}。" + (evaluation ? "请核对评估专家是否足够，必要时在绩效评估工作页面重新指派。" : "请核对专家组是否仍符合规定，必要时重新抽取。"),
            })],
        };
    }
}
