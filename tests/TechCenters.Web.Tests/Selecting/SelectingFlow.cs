using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.ExpertReviews;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Tests.Infrastructure;

namespace TechCenters.Web.Tests.Selecting;

/// <summary>Drives the selecting half through the real HTTP pipeline, as each role would post its forms.</summary>
public sealed class SelectingFlow(AppFixture app)
{
    public static readonly Dictionary<string, string> Short = new()
    {
        ["xpcc-12th-division"] = "xpcc", ["xinjiang"] = "xj", ["hohhot"] = "hhht", ["chongqing-wanzhou"] = "wz", ["cangzhou"] = "cz",
    };

    public AppFixture App => app;

    public async Task<int> NewApplicationAsync(string jurisdiction, int ordinal = 0)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<TechCenters.Web.Data.Seed.DemoCases>().CreateInExpertReviewAsync(jurisdiction, ordinal: ordinal);
    }

    public Task<Application> ApplicationAsync(int id) =>
        app.Db(db => db.Applications.AsNoTracking().Include(a => a.Case).Include(a => a.CoBuilders).SingleAsync(a => a.Id == id));

    /// <summary>Experts of the pool who are not in conflict with the application, by kind.</summary>
    public async Task<List<Expert>> FreeExpertsAsync(int applicationId, params ExpertiseKind[] kinds)
    {
        var a = await ApplicationAsync(applicationId);
        var parties = a.CoBuilders.Select(c => c.UnitId).Append(a.Case.LeadUnitId!.Value).ToList();
        var busy = await app.Db(db => db.PanelMembers.Select(m => m.ExpertId).ToListAsync());
        var pool = await app.Db(db => db.Experts.AsNoTracking().Include(e => e.Relations)
            .Where(e => e.JurisdictionId == a.Case.JurisdictionId).OrderBy(e => e.Id).ToListAsync());
        var free = pool.Where(e => !parties.Contains(e.UnitId ?? 0) && !e.Relations.Any(r => parties.Contains(r.UnitId)))
            .OrderBy(e => busy.Contains(e.Id) ? 1 : 0).ThenBy(e => e.Id).ToList();
        var picked = new List<Expert>();
        foreach (var k in kinds)
        {
            var e = free.First(x => x.Kind == k && !picked.Contains(x));
            picked.Add(e);
        }
        return picked;
    }

    public async Task<HttpClient> BureauAsync(string jurisdiction) => await app.LoginAsync($"{Short[jurisdiction]}-bureau");
    public async Task<HttpClient> ApplicantAsync(string jurisdiction) => await app.LoginAsync($"{Short[jurisdiction]}-applicant");

    public async Task<HttpClient> ExpertAsync(Expert e)
    {
        var user = await app.CreateUserAsync(Roles.Expert, configure: u => { u.ExpertId = e.Id; u.JurisdictionId = e.JurisdictionId; u.DisplayName = e.Name; });
        return await app.LoginAsync(user);
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> form, string tokenFrom = "/Accounts/Password")
    {
        var token = await AppFixture.AntiforgeryTokenAsync(client, tokenFrom);
        return await client.PostAsync(url, new FormUrlEncodedContent(form.Append(new("__RequestVerificationToken", token))));
    }

    public static IEnumerable<KeyValuePair<string, string>> Form(params (string Key, object? Value)[] fields) =>
        fields.Where(f => f.Value is not null).Select(f => new KeyValuePair<string, string>(f.Key, Convert.ToString(f.Value, System.Globalization.CultureInfo.InvariantCulture)!));

    public async Task<HttpResponseMessage> FormPanelAsync(HttpClient bureau, int applicationId, IEnumerable<Expert> experts, string name = "测试专家组") =>
        await PostAsync(bureau, "/ExpertReviews",
            Form(("ApplicationIds", applicationId), ("PanelName", name)).Concat(experts.Select(e => new KeyValuePair<string, string>("ExpertIds", e.Id.ToString()))));

    public async Task<HttpResponseMessage> ReviewAsync(HttpClient expert, int applicationId, decimal score, bool siteVisit, bool recommend = true) =>
        await PostAsync(expert, $"/ExpertReviews/Review?id={applicationId}",
            Form(("Score", score), ("Recommend", recommend ? "true" : "false"), ("Opinion", "技术路线清晰，建设目标明确，建议按专家意见补充产业化指标。"),
                ("SiteVisit", siteVisit ? "实地查看了研发场地和仪器设备，与申报材料一致。" : null), ("SiteVisitOn", siteVisit ? "2026-02-20" : null)));

    /// <summary>Forms a panel of the given kinds and has every member submit a review.</summary>
    public async Task<List<Expert>> ReviewedByPanelAsync(HttpClient bureau, int applicationId, bool siteVisit, params ExpertiseKind[] kinds)
    {
        var experts = await FreeExpertsAsync(applicationId, kinds);
        (await FormPanelAsync(bureau, applicationId, experts)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        foreach (var e in experts)
            (await ReviewAsync(await ExpertAsync(e), applicationId, 86, siteVisit)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return experts;
    }

    public async Task<HttpResponseMessage> ConcludeAsync(HttpClient client, int applicationId, bool passed = true, string? toApplicant = null)
    {
        var a = await ApplicationAsync(applicationId);
        return await PostAsync(client, $"/ExpertReviews/Application?id={applicationId}",
            Form(("Revision", a.Case.Revision), ("Passed", passed ? "true" : "false"), ("Note", ""), ("ToApplicant", toApplicant)));
    }

    /// <summary>A plain move on the application page (沧州 第十二条: 确定拟新建名单 → 局党组会研究).</summary>
    public async Task<HttpResponseMessage> MoveAsync(HttpClient client, int applicationId, string to, string? note = null)
    {
        var a = await ApplicationAsync(applicationId);
        return await PostAsync(client, $"/Applications/{applicationId}?handler=Move", Form(("revision", a.Case.Revision), ("to", to), ("note", note)));
    }

    public async Task<HttpResponseMessage> DecideAsync(HttpClient client, int applicationId, bool approved, string? note = null, int? revision = null)
    {
        var a = await ApplicationAsync(applicationId);
        return await PostAsync(client, "/Decisions", Form(("ApplicationId", applicationId), ("Revision", revision ?? a.Case.Revision),
            ("MeetingDate", app.Today.ToString("yyyy-MM-dd")), ("Approved", approved ? "true" : "false"), ("Note", note)));
    }

    public async Task<HttpResponseMessage> PublishAsync(HttpClient bureau, int applicationId, DateOnly? endsOn = null, bool confirmed = false) =>
        await PostAsync(bureau, "/PublicNotices?handler=Publish",
            Form(("ApplicationIds", applicationId), ("EndsOn", endsOn?.ToString("yyyy-MM-dd")), ("Confirmed", confirmed ? "true" : null)));

    public async Task<HttpResponseMessage> ObjectAsync(int applicationId, string reason = "该中心牵头单位申报的研发场地面积与实际情况不符，请核查。")
    {
        var item = await app.Db(db => db.PublicNoticeItems.AsNoTracking().SingleAsync(i => i.ApplicationId == applicationId));
        var client = app.Client();
        return await PostAsync(client, $"/Notices/Detail?id={item.NoticeId}",
            Form(("ItemId", item.Id), ("Contact", "13800001111"), ("Reason", reason)), "/Accounts/Login");
    }

    public async Task<HttpResponseMessage> ApproveAsync(HttpClient client, int applicationId, string number, string? name = null, decimal? subsidy = null)
    {
        var a = await ApplicationAsync(applicationId);
        return await PostAsync(client, "/Approvals?handler=Approve",
            Form(("ApplicationId", applicationId), ("Revision", a.Case.Revision), ("ApprovalNumber", number), ("CenterName", name ?? a.CenterName), ("SubsidyYuan", subsidy)));
    }

    /// <summary>Moves the clock past the end of every notice (the period counts working days; two weeks is always enough here).</summary>
    public void AfterNoticePeriod() => app.Time.Advance(TimeSpan.FromDays(16));

    public static async Task<string> ErrorAsync(HttpResponseMessage r)
    {
        var html = await r.Content.ReadAsStringAsync();
        var m = Regex.Match(html, "data-testid=\"error\"[^>]*>(.*?)</div>", RegexOptions.Singleline);
        return m.Success ? Html.Text(m.Groups[1].Value).Trim() : Html.Text(html);
    }
}
