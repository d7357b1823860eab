using TechCenters.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Calendar;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.ExpertReviews;

namespace TechCenters.Web.Features.PublicNotices;

/// <summary>发布公示: the bureau publishes the list of proposed centers waiting in the public-notice stage.</summary>
public sealed class PublishNotice(AppDbContext db, ApplicationWorkflow workflow, WorkingDayCalendar calendar, Clock clock)
{
    public sealed record Outcome(WorkflowResult Result, NoticePeriod.Result? Period = null, int? NoticeId = null);

    /// <summary>Applications of a jurisdiction in the public-notice stage and on no notice yet.</summary>
    public static IQueryable<Application> Waiting(AppDbContext db, UserScope scope) =>
        db.Applications.VisibleTo(scope).Where(a => a.Step == StageSteps.PublicNotice && !db.PublicNoticeItems.Any(i => i.ApplicationId == a.Id));

    public async Task<Outcome> RunAsync(WorkflowActor actor, string? title, IReadOnlyCollection<int> applicationIds, DateOnly? officerEnd,
        bool confirmed, CancellationToken ct = default)
    {
        // load
        if (actor.Scope.Role != Roles.BureauOfficer)
            return new(new(WorkflowStatus.Forbidden, "公示应由科技局发布，您的角色无权办理。"));
        if (applicationIds.Count == 0) return new(new(WorkflowStatus.Invalid, "请选择列入公示的申报。"));
        var apps = new List<Application>();
        foreach (var id in applicationIds.Distinct())
        {
            var app = await workflow.LoadAsync(id, actor.Scope, ct);
            if (app is null) return new(WorkflowResult.NotFound());
            apps.Add(app);
        }
        var listed = await db.PublicNoticeItems.Where(i => applicationIds.Contains(i.ApplicationId)).Select(i => i.ApplicationId).ToListAsync(ct);

        // decide
        foreach (var app in apps)
        {
            var stage = ApplicationWorkflow.StagesOf(workflow.PackOf(app)).Stage(app.StageId)!;
            if (app.Step != StageSteps.PublicNotice)
                return new(new(WorkflowStatus.Conflict, $"“{app.CenterName}”当前处于“{stage.Name}”阶段，不能列入公示。"));
            if (listed.Contains(app.Id)) return new(new(WorkflowStatus.Conflict, $"“{app.CenterName}”已经公示。"));
        }
        var packs = apps.Select(workflow.PackOf).DistinctBy(p => p.Folder).ToList();
        if (packs.Count > 1) return new(new(WorkflowStatus.Invalid, "一次公示只能包含依据同一管理办法版本办理的申报。"));
        var pack = packs[0];
        var today = clock.Today;
        var rule = SelectionSteps.NoticePeriod(pack);
        var period = NoticePeriod.Decide(rule, calendar, today, officerEnd, confirmed);
        if (period.Refusal is not null) return new(new(WorkflowStatus.Invalid, period.Refusal), period);

        // save
        var notice = new PublicNotice
        {
            JurisdictionId = actor.Scope.JurisdictionId!,
            Title = string.IsNullOrWhiteSpace(title) ? $"拟认定技术创新中心名单公示（{ChineseDates.Format(today)}）" : title.Trim(),
            PublishedOn = today, WorkingDays = period.WorkingDays, EndsOn = period.EndsOn!.Value,
            EndConfirmedByOfficer = period.ConfirmedByOfficer, EndBasis = period.Basis,
            PublishedAt = clock.UtcNow, PublishedBy = actor.Scope.UserName,
            Items = apps.Select(a => new PublicNoticeItem
            {
                ApplicationId = a.Id, CenterName = a.CenterName, LeadUnitName = a.LeadUnit!.Name,
                CoBuilderNames = a.CoBuilders.Count == 0 ? null : string.Join("\n", a.CoBuilders.Select(c => c.Unit!.Name)),
            }).ToList(),
        };
        var article = rule?.Article ?? pack.Rules.FirstOrDefault(r => r.Topic == "public_notice")?.Article;
        var changes = apps.Select(a =>
        {
            var stage = ApplicationWorkflow.StagesOf(pack).Stage(a.StageId)!;
            return (a, workflow.NewActivity(a, actor, "发布公示", stage, stage, pack, article ?? stage.Article,
                $"公示期{ChineseDates.Format(today)}至{ChineseDates.Format(notice.EndsOn)}" + (notice.EndConfirmedByOfficer ? "（截止日期经经办人确认）" : "")));
        }).ToList();
        var result = await workflow.CommitAllAsync(changes, actor, _ => { db.PublicNotices.Add(notice); return Task.CompletedTask; }, ct);
        return new(result, period, result.Ok ? notice.Id : null);
    }
}
