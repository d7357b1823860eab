using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Calendar;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.ExpertReviews;

namespace TechCenters.Web.Features.PublicNotices;

/// <summary>发布公示: the bureau publishes the list of proposed centers waiting in the public-notice stage.</summary>
public sealed class PublishNotice(AppDbContext db, CaseKernel kernel, WorkingDayCalendar calendar)
{
    public sealed record Outcome(WorkflowResult Result, NoticePeriod.Result? Period = null, int? NoticeId = null);

    private const string Attempt = "发布公示";

    /// <summary>Applications of a jurisdiction in the public-notice stage and on no notice yet.</summary>
    public static IQueryable<Application> Waiting(AppDbContext db, UserScope scope) =>
        db.Applications.VisibleTo(db, scope).Where(a => a.Case.Step == StageSteps.PublicNotice && !db.PublicNoticeItems.Any(i => i.ApplicationId == a.Id));

    public async Task<Outcome> RunAsync(WorkflowActor actor, string? title, IReadOnlyCollection<int> applicationIds, DateOnly? officerEnd,
        bool confirmed, CancellationToken ct = default)
    {
        if (applicationIds.Count == 0) return new(await kernel.RefuseAsync(actor, Attempt, null, Refusal.Invalid("请选择列入公示的申报。"), ct));
        NoticePeriod.Result? period = null;
        PublicNotice? notice = null;
        var result = await kernel.RunManyAsync(applicationIds, actor, Attempt, async (contexts, token) =>
        {
            var listed = await db.PublicNoticeItems.Where(i => applicationIds.Contains(i.ApplicationId)).Select(i => i.ApplicationId).ToListAsync(token);
            var outcome = Decide(contexts, listed, title, officerEnd, confirmed, calendar, out period);
            notice = (outcome as Decision)?.Add.OfType<PublicNotice>().Single();
            return outcome;
        }, ct);
        return new(result, period, result.Ok ? notice?.Id : null);
    }

    /// <summary>Pure: the notice with its period (working days by the calendar, or the officer's confirmed end), or why not.</summary>
    public static CaseOutcome Decide(IReadOnlyList<CaseContext> contexts, IReadOnlyCollection<int> listed, string? title, DateOnly? officerEnd,
        bool confirmed, WorkingDayCalendar calendar, out NoticePeriod.Result? period)
    {
        period = null;
        foreach (var ctx in contexts)
        {
            var app = ctx.DetailAs<Application>();
            // Whoever the pack's notice stage names publishes it (the bureau in every pack so far).
            if (ctx.As(ctx.Process.FirstOf(StageSteps.PublicNotice)?.Actor ?? Actors.Bureau, "公示") is { } notMine) return notMine;
            if (ctx.InStep("列入公示", StageSteps.PublicNotice) is { } order) return order with { Message = $"“{app.CenterName}”当前处于“{ctx.Name(ctx.Stage)}”阶段，不能列入公示。" };
            if (listed.Contains(app.Id)) return Refusal.Conflict($"“{app.CenterName}”已经公示。");
        }
        if (contexts.Select(c => c.Pack.Folder).Distinct().Count() > 1) return Refusal.Invalid("一次公示只能包含依据同一管理办法版本办理的申报。");
        var first = contexts[0];
        var pack = first.Pack;
        var rule = SelectionSteps.NoticePeriod(pack);
        period = NoticePeriod.Decide(rule, calendar, first.Today, officerEnd, confirmed);
        if (period.Refusal is not null) return Refusal.Invalid(period.Refusal, rule?.Article);
        var notice = new PublicNotice
        {
            JurisdictionId = first.Case.JurisdictionId,
            Title = string.IsNullOrWhiteSpace(title) ? $"拟认定技术创新中心名单公示（{ChineseDates.Format(first.Today)}）" : title.Trim(),
            PublishedOn = first.Today, WorkingDays = period.WorkingDays, EndsOn = period.EndsOn!.Value,
            EndConfirmedByOfficer = period.ConfirmedByOfficer, EndBasis = period.Basis,
            PublishedAt = first.Now, PublishedBy = first.Actor.Scope.UserName,
            Items = contexts.Select(c => c.DetailAs<Application>()).Select(a => new PublicNoticeItem
            {
                ApplicationId = a.Id, CenterName = a.CenterName, LeadUnitName = a.Case.LeadUnit!.Name,
                CoBuilderNames = a.CoBuilders.Count == 0 ? null : string.Join("\n", a.CoBuilders.Select(c => c.Unit!.Name)),
            }).ToList(),
        };
        var article = rule?.Article ?? pack.Rules.FirstOrDefault(r => r.Topic == "public_notice")?.Article;
        var note = $"公示期{ChineseDates.Format(first.Today)}至{ChineseDates.Format(notice.EndsOn)}" + (notice.EndConfirmedByOfficer ? "（截止日期经经办人确认）" : "");
        return new Decision("公示已发布。")
        {
            Add = [notice],
            Steps = [.. contexts.Select(c => new CaseStep(c, Attempt, note, article ?? c.Stage.Article) { Audience = Audience.Parties | Audience.Public })],
        };
    }
}
