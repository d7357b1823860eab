using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Applications;

namespace TechCenters.Web.Features.ExpertReviews;

public sealed record ReviewInput(decimal? Score, bool Recommend, string? Opinion, string? SiteVisit, DateOnly? SiteVisitOn);

/// <summary>专家提交评审意见: an expert records a score, a written opinion and, where the pack calls for it, the site visit.</summary>
public sealed class RecordReview(AppDbContext db, ApplicationWorkflow workflow, TimeProvider time)
{
    /// <summary>Applications assigned to an expert (the only ones the expert can see; anything else is a 404).</summary>
    public static IQueryable<Application> AssignedTo(AppDbContext db, UserScope scope) =>
        scope.Role == Roles.Expert && scope.ExpertId is { } expertId
            ? db.Applications.Where(a => db.PanelAssignments.Any(p => p.ApplicationId == a.Id && p.Panel!.Members.Any(m => m.ExpertId == expertId)))
            : db.Applications.Where(a => false);

    public static Task<Application?> LoadAssignedAsync(AppDbContext db, int id, UserScope scope, CancellationToken ct) =>
        AssignedTo(db, scope).Include(a => a.LeadUnit).Include(a => a.Call)
            .Include(a => a.CoBuilders.OrderBy(c => c.Position)).ThenInclude(c => c.Unit)
            .AsSplitQuery().FirstOrDefaultAsync(a => a.Id == id, ct);

    public async Task<WorkflowResult> RunAsync(int applicationId, WorkflowActor actor, ReviewInput input, CancellationToken ct = default)
    {
        // load
        if (actor.Scope.Role != Roles.Expert)
            return new(WorkflowStatus.Forbidden, "评审意见应由专家组成员提交，您的角色无权办理。");
        var app = await LoadAssignedAsync(db, applicationId, actor.Scope, ct);
        if (app is null) return new(WorkflowStatus.NotFound, "该申报不存在或未分配给您评审。");
        var pack = workflow.PackOf(app);
        var stage = ApplicationWorkflow.StagesOf(pack).Stage(app.StageId)!;
        var existing = await db.ExpertReviews.FirstOrDefaultAsync(r => r.ApplicationId == app.Id && r.ExpertId == actor.Scope.ExpertId, ct);

        // decide
        if (app.Step != StageSteps.ExpertReview)
            return new(WorkflowStatus.Conflict, $"该申报当前处于“{stage.Name}”阶段，评审已结束，不能再提交评审意见。");
        if (input.Score is not { } score || score < 0 || score > 100) return new(WorkflowStatus.Invalid, "评分应为0至100之间的数字。");
        if (string.IsNullOrWhiteSpace(input.Opinion)) return new(WorkflowStatus.Invalid, "请填写书面评审意见。");
        var siteMode = SelectionSteps.SiteVisit(pack);
        var siteArticle = pack.Rules.FirstOrDefault(r => r.Topic == "site_visit")?.Article;
        if (siteMode == SelectionSteps.SiteVisitMode.Required && (string.IsNullOrWhiteSpace(input.SiteVisit) || input.SiteVisitOn is null))
            return new(WorkflowStatus.Invalid, $"{pack.Document}{siteArticle}要求实地考察（评估），请填写考察日期和考察记录。");

        // save
        var review = existing ?? new ExpertReview { ApplicationId = app.Id, ExpertId = actor.Scope.ExpertId!.Value, Opinion = "" };
        review.Score = score;
        review.Recommend = input.Recommend;
        review.Opinion = input.Opinion.Trim();
        review.SiteVisit = siteMode == SelectionSteps.SiteVisitMode.None || string.IsNullOrWhiteSpace(input.SiteVisit) ? null : input.SiteVisit.Trim();
        review.SiteVisitOn = review.SiteVisit is null ? null : input.SiteVisitOn;
        review.SubmittedAt = time.GetUtcNow();
        var entry = workflow.NewActivity(app, actor, existing is null ? "专家提交评审意见" : "专家修改评审意见", stage, stage, pack, stage.Article,
            $"评分{score:0.##}，{(input.Recommend ? "同意" : "不同意")}通过" + (review.SiteVisit is null ? "" : "；含实地考察记录"));
        return await workflow.CommitAsync(app, actor, entry, ct, _ =>
        {
            if (existing is null) db.ExpertReviews.Add(review);
            return Task.CompletedTask;
        });
    }
}
