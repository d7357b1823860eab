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
            // An evaluation's holder follows its assessors: who is left after this withdrawal, and whether all of them scored.
            (int Left, int Unscored)? assessors = null;
            if (evaluation)
            {
                var left = await db.CaseAssignments.AsNoTracking().Where(a => a.CaseId == caseId && a.Role == Cases.CaseAssignment.ExpertRole
                    && a.EndedAt == null && a.ExpertId != null && a.ExpertId != me).Select(a => a.ExpertId!.Value).ToListAsync(token);
                var scored = await db.Set<Evaluations.ExpertSheet>().AsNoTracking().Where(s => s.CaseId == caseId && left.Contains(s.ExpertId)).Select(s => s.ExpertId).ToListAsync(token);
                assessors = (left.Count, left.Count(id => !scored.Contains(id)));
            }
            return Decide(ctx, assignment, reviewed, reason, bureau, link, assessors);
        }, ct);

    /// <param name="assessors">For an evaluation: the experts still assigned after this withdrawal and how many of them have not scored.</param>
    public static CaseOutcome Decide(CaseContext ctx, Cases.CaseAssignment? assignment, bool reviewed, string? reason, IReadOnlyList<string> bureau, string link,
        (int Left, int Unscored)? assessors = null)
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
            // The kernel works the holder out again from these facts: the experts left, the bureau's conclusion once everyone
            // left has scored, the pack's own holder when no expert is left (Bug 0635).
            Steps = [new CaseStep(ctx, Attempt, $"{name}申请回避：{text}", ctx.Stage.Article)
            {
                Audience = Audience.Bureau,
                FactsAfter = assessors is { } left
                    ? ctx.Facts.With(Evaluations.Assessors.ExpertsFact, left.Left > 0).With(Evaluations.Assessors.SheetsFact, left.Left > 0 && left.Unscored == 0)
                    : null,
            }],
            Add = [.. bureau.Select(u => new Notification
            {
                UserId = u, CaseId = ctx.Case.Id, Kind = NotificationKinds.Withdrawn, CreatedAt = ctx.Now, Link = link,
                Title = $"专家申请回避：{ctx.Case.Title}",
                Body = $"{name}：{text}。" + (evaluation ? "请核对评估专家是否足够，必要时在绩效评估工作页面重新指派。" : "请核对专家组是否仍符合规定，必要时重新抽取。"),
            })],
        };
    }
}
