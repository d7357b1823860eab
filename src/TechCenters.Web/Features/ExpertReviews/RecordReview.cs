using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Applications;

namespace TechCenters.Web.Features.ExpertReviews;

public sealed record ReviewInput(decimal? Score, bool? Recommend, string? Opinion, string? SiteVisit, DateOnly? SiteVisitOn);

/// <summary>专家提交评审意见: an expert records a score, a written opinion and, where the pack calls for it, the site visit.</summary>
public sealed class RecordReview(AppDbContext db, CaseKernel kernel)
{
    private const string Attempt = "提交评审意见";

    /// <summary>Applications assigned to an expert (the only ones the expert can see; anything else is a 404).</summary>
    public static IQueryable<Application> AssignedTo(AppDbContext db, UserScope scope) =>
        scope.Role == Roles.Expert ? db.Applications.VisibleTo(db, scope) : db.Applications.Where(a => false);

    public Task<WorkflowResult> RunAsync(int applicationId, WorkflowActor actor, ReviewInput input, CancellationToken ct = default) =>
        kernel.RunAsync(applicationId, actor, null, Attempt, async (ctx, token) =>
        {
            var existing = actor.Scope.ExpertId is { } me
                ? await db.ExpertReviews.FirstOrDefaultAsync(r => r.ApplicationId == applicationId && r.ExpertId == me, token) : null;
            return Decide(ctx, input, existing);
        }, ct);

    /// <summary>Pure: the review (new or revised), entered on the timeline for the bureau only, or why not.</summary>
    public static CaseOutcome Decide(CaseContext ctx, ReviewInput input, ExpertReview? existing)
    {
        if (ctx.As(Actors.ExpertPanel, "评审意见") is { } notMine) return notMine with { Message = "评审意见应由专家组成员提交，您无权办理。" };
        if (ctx.InStep("提交评审意见", StageSteps.ExpertReview) is { } order) return order with { Message = $"该申报当前处于“{ctx.Name(ctx.Stage)}”阶段，评审已结束，不能再提交评审意见。" };
        if (input.Score is not { } score || score < 0 || score > 100) return Refusal.Invalid("评分应为0至100之间的数字。");
        if (input.Recommend is not { } recommend) return Refusal.Invalid("请选择是否同意通过。");
        if (string.IsNullOrWhiteSpace(input.Opinion)) return Refusal.Invalid("请填写书面评审意见。");
        var siteMode = SelectionSteps.SiteVisit(ctx.Pack);
        var siteArticle = ctx.Pack.Rules.FirstOrDefault(r => r.Topic == "site_visit")?.Article;
        if (siteMode == SelectionSteps.SiteVisitMode.Required && (string.IsNullOrWhiteSpace(input.SiteVisit) || input.SiteVisitOn is null))
            return Refusal.Invalid($"{ctx.Pack.Document}{siteArticle}要求实地考察（评估），请填写考察日期和考察记录。", siteArticle);
        if (input.SiteVisitOn is { } on && on > ctx.Today) return Refusal.Invalid("实地考察日期不能晚于今天。");

        var site = siteMode == SelectionSteps.SiteVisitMode.None || string.IsNullOrWhiteSpace(input.SiteVisit) ? null : input.SiteVisit.Trim();
        var review = existing ?? new ExpertReview { ApplicationId = ctx.Case.Id, ExpertId = ctx.Actor.Scope.ExpertId!.Value, Opinion = "" };
        void Fill()
        {
            review.Score = score;
            review.Recommend = recommend;
            review.Opinion = input.Opinion.Trim();
            review.SiteVisit = site;
            review.SiteVisitOn = site is null ? null : input.SiteVisitOn;
            review.SubmittedAt = ctx.Now;
        }
        return new Decision("评审意见已提交。")
        {
            Add = existing is null ? [review] : [],
            Apply = [Fill],
            // An expert's score and opinion are the bureau's (and the expert's own) to read, never the applicant's or the department's.
            Steps = [new CaseStep(ctx, existing is null ? "专家提交评审意见" : "专家修改评审意见",
                $"评分{score:0.##}，{(recommend ? "同意" : "不同意")}通过" + (site is null ? "" : "；含实地考察记录"), ctx.Stage.Article) { Audience = Audience.Bureau }],
        };
    }
}
