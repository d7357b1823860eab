using TechCenters.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Calendar;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.ExpertReviews;

namespace TechCenters.Web.Features.PublicNotices;

/// <summary>公示与异议 (bureau): publish the list, see the computed end, confirm it where the calendar cannot, resolve objections.</summary>
public sealed class IndexModel(AppDbContext db, CaseKernel kernel, PublishNotice publish, ResolveObjection resolve,
    WorkingDayCalendar calendar, Clock clock) : ActionPage
{
    public List<Application> Waiting { get; private set; } = [];
    public List<PublicNotice> Notices { get; private set; } = [];
    public List<Objection> Objections { get; private set; } = [];
    public List<string> Rules { get; } = [];
    public NoticePeriod.Result? Preview { get; private set; }
    public bool NeedsConfirmation { get; private set; }

    [BindProperty] public List<int> ApplicationIds { get; set; } = [];
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public DateOnly? EndsOn { get; set; }
    [BindProperty] public bool Confirmed { get; set; }
    [BindProperty] public int ObjectionId { get; set; }
    [BindProperty] public bool? Upheld { get; set; }
    [BindProperty] public string? Resolution { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        var outcome = await publish.RunAsync(Actor, Title, ApplicationIds, EndsOn, Confirmed, ct);
        NeedsConfirmation = outcome.Period?.NeedsConfirmation == true;
        return await DoneAsync(outcome.Result, "/PublicNotices", outcome.Result.Ok ? $"公示已发布：{outcome.Period?.Basis}" : null, ct);
    }

    public async Task<IActionResult> OnPostResolveAsync(CancellationToken ct) =>
        await DoneAsync(await resolve.RunAsync(ObjectionId, Actor, Upheld, Resolution, ct), "/PublicNotices", "异议处理结果已记录。", ct);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        var scope = Scope;
        if (scope.Role != Roles.BureauOfficer) return;
        Waiting = await PublishNotice.Waiting(db, scope).AsNoTracking().Include(a => a.Case).ThenInclude(c => c.LeadUnit).OrderBy(a => a.Id).ToListAsync(ct);
        var today = clock.Today;
        foreach (var pack in Waiting.Select(a => kernel.PackOf(a.Case)).DistinctBy(p => p.Folder))
        {
            var rule = SelectionSteps.NoticePeriod(pack);
            var r = NoticePeriod.Decide(rule, calendar, today, null, false);
            Preview ??= r;
            Rules.Add($"{pack.Document}：{(rule is null ? "未规定公示期长度，须由经办人填写并确认截止日期" : $"{rule.Describe(pack.Env)}（{rule.Article}）")}" +
                      (r.EndsOn is { } e ? $"；今日发布则截止于{ChineseDates.Format(e)}" : r.Refusal is null ? "" : $"；{r.Refusal}"));
            if (r.NeedsConfirmation) NeedsConfirmation = true;
        }
        Notices = await db.PublicNotices.AsNoTracking().Include(n => n.Items).Where(n => n.JurisdictionId == scope.JurisdictionId)
            .OrderByDescending(n => n.Id).Take(20).ToListAsync(ct);
        var noticeIds = Notices.Select(n => n.Id).ToList();
        Objections = await db.Objections.AsNoTracking().Where(o => noticeIds.Contains(o.NoticeId)).OrderBy(o => o.Id).ToListAsync(ct);
    }
}
