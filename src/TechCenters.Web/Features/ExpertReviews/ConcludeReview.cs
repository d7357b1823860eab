using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Applications;

namespace TechCenters.Web.Features.ExpertReviews;

/// <summary>
/// 评审结论: with every panel member's opinion in, the bureau moves the application on (or out) as the pack says. The
/// panel's figures stay with the bureau; the applicant reads the outcome and the summary the bureau chooses to give.
/// </summary>
public sealed class ConcludeReview(AppDbContext db, CaseKernel kernel) : IStepHandler
{
    public bool Handles(StagesRule process, Stage stage) => stage.Step == StageSteps.ExpertReview;
    public string PageName => "专家评审页面";
    public string Waiting => "等待专家评审";
    public string PageUrl(Case c) => $"/ExpertReviews/Application?id={c.Id}";

    public Task<WorkflowResult> RunAsync(int applicationId, WorkflowActor actor, bool passed, int revision, string? note, string? toApplicant = null,
        CancellationToken ct = default) =>
        kernel.RunAsync(applicationId, actor, revision, "办理评审结论", async (ctx, token) =>
        {
            var members = await db.PanelAssignments.Where(a => a.ApplicationId == applicationId)
                // A member who withdrew (回避, Features/Experts) no longer counts.
                .Select(a => a.Panel!.Members.Count(m => !db.CaseAssignments.Any(x => x.CaseId == applicationId && x.ExpertId == m.ExpertId && x.EndReason != null)))
                .FirstOrDefaultAsync(token);
            var reviews = await db.ExpertReviews.AsNoTracking().Where(r => r.ApplicationId == applicationId).ToListAsync(token);
            return Decide(ctx, passed, note, toApplicant, members, reviews);
        }, ct);

    /// <summary>Pure: the move after the review, with the panel's figures for the bureau and the bureau's words for the applicant.</summary>
    public static CaseOutcome Decide(CaseContext ctx, bool passed, string? note, string? toApplicant, int members, IReadOnlyList<ExpertReview> reviews)
    {
        if (ctx.InStep("办理评审结论", StageSteps.ExpertReview) is { } order) return order;
        var target = ctx.Target(rejection: !passed);
        if (target is null) return Refusal.Conflict($"{ctx.Pack.Document}在“{ctx.Name(ctx.Stage)}”之后没有相应的流转。", ctx.Stage.Article);
        // Who may conclude, before anything about the panel is said.
        var (move, refused) = ctx.Move(target.Id, "专家评审结论");
        if (refused is not null) return refused;
        if (members == 0) return Refusal.Conflict("尚未组建专家组，不能办理评审结论。");
        var summary = ReviewSummary.Of(members, reviews);
        if (!summary.Complete)
            return Refusal.Conflict($"专家组{summary.Members}位专家中尚有{summary.Members - summary.Submitted}位未提交评审意见，不能办理评审结论。");
        var figures = $"专家组{summary.Members}人，平均分{summary.MeanScore:0.##}，{summary.Recommending}人同意通过" +
                      (string.IsNullOrWhiteSpace(note) ? "" : $"；{note.Trim()}");
        return new Decision(passed ? "已办理：评审通过。" : "已办理：评审未通过。")
        {
            Steps =
            [
                new CaseStep(ctx, "专家评审汇总", figures, move!.Article) { Audience = Audience.Bureau },
                new CaseStep(ctx, passed ? $"评审通过：{target.Name}" : $"评审未通过：{target.Name}",
                    string.IsNullOrWhiteSpace(toApplicant) ? null : toApplicant.Trim(), move.Article, target) { Audience = Audience.Parties },
            ],
        };
    }
}
