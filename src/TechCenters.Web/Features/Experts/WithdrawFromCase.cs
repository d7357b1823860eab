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
public sealed class WithdrawFromCase(AppDbContext db, CaseKernel kernel, IEnumerable<ICaseKind> kinds)
{
    public const string Attempt = "专家申请回避";

    public Task<WorkflowResult> RunAsync(int caseId, WorkflowActor actor, string? reason, CancellationToken ct = default) =>
        kernel.RunAsync(caseId, actor, null, Attempt, async (ctx, token) =>
        {
            var me = actor.Scope.ExpertId;
            var assignment = await db.CaseAssignments.FirstOrDefaultAsync(a => a.CaseId == caseId && a.ExpertId == me && a.EndedAt == null, token);
            var work = kinds.FirstOrDefault(k => k.Kind == ctx.Case.Kind)?.ExpertWork;
            // An expert has given their view once their part of the kind's work is in (a review, a score sheet).
            var given = work is not null && me is { } expert && await work.GivenBy(db, expert).AnyAsync(id => id == caseId, token);
            var bureau = await CaseRecipients.OfAsync(db, ctx.Case, Actors.Bureau, token);
            return Decide(ctx, work, assignment, given, reason, bureau);
        }, ct);

    public static CaseOutcome Decide(CaseContext ctx, IExpertWork? work, Cases.CaseAssignment? assignment, bool given, string? reason, IReadOnlyList<string> bureau)
    {
        if (ctx.As(Actors.ExpertPanel, "申请回避") is { } notMine || assignment is null || work is null)
            return Refusal.Forbidden("只有分配到该事项的专家本人可以申请回避。");
        if (work.Withdrawable(ctx) is { } order) return order;
        if (given) return Refusal.Conflict(work.Given);
        if (string.IsNullOrWhiteSpace(reason)) return Refusal.Invalid("申请回避须填写理由（与申报单位的关系）。");
        var text = reason.Trim();
        if (text.Length > 500) return Refusal.Invalid("回避理由不超过500个字。");
        var name = ctx.Actor.DisplayName ?? ctx.Actor.Scope.UserName;
        return new Decision("已申请回避，该事项不再分配给您。")
        {
            Apply = [() => { assignment.EndedAt = ctx.Now; assignment.EndReason = text; }],
            // The assignment ended changes who is left to act: the kernel reads the case's facts again and works the holder
            // out anew (an evaluation: the experts left, the bureau's conclusion once everyone left has scored, the pack's
            // own holder when no expert is left — Bug 0635).
            Steps = [new CaseStep(ctx, Attempt, $"{name}申请回避：{text}", ctx.Stage.Article) { Audience = Audience.Bureau, Reassess = true }],
            Add = [.. bureau.Select(u => new Notification
            {
                UserId = u, CaseId = ctx.Case.Id, Kind = NotificationKinds.Withdrawn, CreatedAt = ctx.Now, Link = work.BureauUrl(ctx.Case),
                Title = $"专家申请回避：{ctx.Case.Title}", Body = $"{name}：{text}。{work.Regroup}",
            })],
        };
    }
}
