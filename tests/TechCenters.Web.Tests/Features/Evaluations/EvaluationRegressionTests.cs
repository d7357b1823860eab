using System.Data.Common;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Shouldly;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.Evaluations;
using TechCenters.Web.Features.Experts;
using TechCenters.Web.Features.Inbox;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Infrastructure;
using Case = TechCenters.Web.Features.Cases.Case;
using TechCenters.Web.Tests.Features.Applying;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;
using static TechCenters.Web.Tests.Selecting.SelectingFlow;

namespace TechCenters.Web.Tests.Features.Evaluations;

/// <summary>Regressions of the evaluation area (Bug_0631…, Bug_0650…): who holds an expert-assessed case, the bureau's 待办 when the sheets are in, a short draw, a center recognized after the campaign's year, what 待办 calls an expert's work, who may score, stage names, read-only materials.</summary>
public abstract class EvaluationRegressionTests(AppFixture app)
{
    private readonly EvaluationFlow flow = new(app);
    private const string Cz = "cangzhou";

    private PolicyPack Pack => app.Factory.Services.GetRequiredService<PolicyCatalog>().Versions(Cz)[^1];

    private Task<HttpResponseMessage> AssignAsync(HttpClient bureau, int campaign, IEnumerable<int> cases, int? size = null, params int[] experts) =>
        PostAsync(bureau, $"/Evaluations/Campaign?id={campaign}&handler=AssignExperts",
            Form(("Size", size)).Concat(cases.Select(c => new KeyValuePair<string, string>("CaseIds", c.ToString())))
                .Concat(experts.Select(e => new KeyValuePair<string, string>("ExpertIds", e.ToString()))));

    private Task<Expert> NewExpertAsync(string name) => app.Db(async db =>
    {
        var e = new Expert { JurisdictionId = Cz, Name = name, Field = "新材料", Kind = ExpertiseKind.Technical, Employer = "外省某大学" };
        db.Experts.Add(e);
        await db.SaveChangesAsync();
        return e;
    });

    private async Task<HttpClient> ExpertAccountAsync(int expertId) =>
        await app.LoginAsync(await app.CreateUserAsync(Roles.Expert, configure: u => { u.ExpertId = expertId; u.JurisdictionId = Cz; }));

    private Task<Case> CaseAsync(int id) => app.Db(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == id));

    private async Task<string> HolderLabelAsync(HttpClient who, int caseId) =>
        Html.Text(await (await who.GetAsync($"/Evaluations/Case?id={caseId}")).Content.ReadAsStringAsync());

    private async Task<bool> InInboxAsync(HttpClient who, int caseId) =>
        (await (await who.GetAsync("/Inbox")).Content.ReadAsStringAsync()).Contains($"/Evaluations/Case?id={caseId}\"");

    /// <summary>The bureau's 待办 by the inbox's own rule (every item, not the first page the workbench shows).</summary>
    private async Task<List<CaseInbox.Item>> BureauInboxAsync()
    {
        var u = await app.User("cz-bureau");
        await using var s = app.Scope();
        var sp = s.ServiceProvider;
        var scope = new UserScope(u.Id, u.UserName!, Roles.BureauOfficer, u.JurisdictionId, u.DepartmentId, u.UnitId, u.ExpertId);
        return await CaseInbox.LoadAsync(sp.GetRequiredService<TechCenters.Web.Data.AppDbContext>(), sp.GetRequiredService<PolicyCatalog>(),
            sp.GetServices<ICaseKind>(), sp.GetRequiredService<Clock>(), scope, 100_000);
    }

    /// <summary>Two designated experts on one 沧州 case in scoring: the case, its campaign, the experts' accounts.</summary>
    private async Task<(int Case, int Campaign, HttpClient Bureau, HttpClient First, HttpClient Second)> ExpertAssessedAsync(int year)
    {
        var bureau = await flow.BureauAsync(Cz);
        var centers = await flow.CentersAsync(Cz, new DateOnly(year - 3, 3, 1), 1);
        var campaign = await flow.OpenAsync(bureau, year, centers);
        var cases = await flow.OpenCasesAsync(bureau, campaign);
        await flow.ToScoringAsync(bureau, cases[0]);
        var a = await NewExpertAsync($"持有人测试专家甲{year}");
        var b = await NewExpertAsync($"持有人测试专家乙{year}");
        var r = await AssignAsync(bureau, campaign, cases, null, a.Id, b.Id);
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(r));
        return (cases[0], campaign, bureau, await ExpertAccountAsync(a.Id), await ExpertAccountAsync(b.Id));
    }

    [Fact]
    public async Task Bug_0631_an_expert_assessed_case_is_held_by_the_experts_not_the_third_party()
    {
        var (id, _, bureau, first, _) = await ExpertAssessedAsync(2011);
        (await CaseAsync(id)).Holder.ShouldBe(Actors.ExpertPanel);
        var page = await HolderLabelAsync(bureau, id);
        page.ShouldContain($"待{Pack.Env.Actor(Actors.ExpertPanel)}办理");
        page.ShouldNotContain($"待{Pack.Env.Actor(Actors.ThirdParty)}办理");
        // The assigned expert has it to do.
        (await InInboxAsync(first, id)).ShouldBeTrue();
        // A case entrusted to a third party (no experts) is still held by it.
        var centers = await flow.CentersAsync(Cz, new DateOnly(2009, 3, 1), 1);
        var other = await flow.OpenAsync(bureau, 2012, centers);
        var cases = await flow.OpenCasesAsync(bureau, other);
        await flow.ToScoringAsync(bureau, cases[0]);
        await flow.EntrustAsync(bureau, Cz, other, cases);
        (await CaseAsync(cases[0])).Holder.ShouldBe(Actors.ThirdParty);
        (await HolderLabelAsync(bureau, cases[0])).ShouldContain($"待{Pack.Env.Actor(Actors.ThirdParty)}办理");
    }

    [Fact]
    public async Task Bug_0632_when_every_sheet_is_in_the_case_is_in_the_bureaus_inbox_for_the_conclusion()
    {
        var (id, _, bureau, first, second) = await ExpertAssessedAsync(2013);
        (await BureauInboxAsync()).ShouldNotContain(i => i.Id == id);
        (await flow.ScoreAsync(first, id, EvaluationRulesTests.ScoresFor(Pack, 80))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // One sheet in: the expert who gave it has nothing left; the other still has; the bureau waits.
        (await InInboxAsync(first, id)).ShouldBeFalse();
        (await InInboxAsync(second, id)).ShouldBeTrue();
        (await CaseAsync(id)).Holder.ShouldBe(Actors.ExpertPanel);
        (await flow.ScoreAsync(second, id, EvaluationRulesTests.ScoresFor(Pack, 90))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // All in (evaluation.expert_sheets_complete): held by the actor of the pack's conclusion move, in the bureau's 待办.
        var c = await CaseAsync(id);
        c.Step.ShouldBe(StageSteps.Scoring);
        c.Holder.ShouldBe(Assessors.ExpertConclusion(Pack.Process(ProcessKinds.Evaluation)!)!.Actor);
        (await BureauInboxAsync()).ShouldContain(i => i.Id == id);
        (await InInboxAsync(second, id)).ShouldBeFalse();
        (await HolderLabelAsync(bureau, id)).ShouldContain($"待{Pack.Env.Actor(Actors.Bureau)}办理");
        // The bureau records the conclusion; the case leaves its 待办 for the results step it holds next.
        var r = await flow.ScoreAsync(bureau, id, EvaluationRulesTests.ScoresFor(Pack, 85), conclusion: "取两位专家评分的平均值");
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(r));
        (await CaseAsync(id)).StageId.ShouldBe("results");
    }

    [Fact]
    public async Task Bug_0635_an_experts_withdrawal_hands_the_case_on_as_if_their_sheet_were_not_due()
    {
        var (id, _, bureau, first, second) = await ExpertAssessedAsync(2002);
        (await flow.ScoreAsync(first, id, EvaluationRulesTests.ScoresFor(Pack, 80))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CaseAsync(id)).Holder.ShouldBe(Actors.ExpertPanel);
        // The one expert who had not scored withdraws: everyone left has scored, so the bureau records the conclusion.
        var r = await PostAsync(second, $"/Evaluations/Case?id={id}&handler=Withdraw", Form(("Reason", "与共建单位有合作关系")));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(r));
        (await CaseAsync(id)).Holder.ShouldBe(Assessors.ExpertConclusion(Pack.Process(ProcessKinds.Evaluation)!)!.Actor);
        (await BureauInboxAsync()).ShouldContain(i => i.Id == id);
        (await InInboxAsync(second, id)).ShouldBeFalse();

        // On another case the only expert withdraws before scoring: no expert is left, the pack's own holder takes it again.
        var (other, _, _, alone, partner) = await ExpertAssessedAsync(2001);
        (await PostAsync(partner, $"/Evaluations/Case?id={other}&handler=Withdraw", Form(("Reason", "曾在该中心牵头单位任职")))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CaseAsync(other)).Holder.ShouldBe(Actors.ExpertPanel);
        (await PostAsync(alone, $"/Evaluations/Case?id={other}&handler=Withdraw", Form(("Reason", "与牵头单位存在利害关系")))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CaseAsync(other)).Holder.ShouldNotBe(Actors.ExpertPanel);
        (await HolderLabelAsync(bureau, other)).ShouldNotContain($"待{Pack.Env.Actor(Actors.ExpertPanel)}办理");
    }

    /// <summary>The workbench's figure of what waits for an expert (its label, linked to the expert's reviews).</summary>
    private static string ExpertFigure(string html) =>
        WebUtility.HtmlDecode(Regex.Match(html, "<div class=\"text-secondary\">\\s*<a href=\"/ExpertReviews\">([^<]*)</a>").Groups[1].Value).Trim();

    [Fact]
    public async Task Bug_0636_an_expert_with_only_evaluations_waiting_reads_待评估_not_待评审()
    {
        var bureau = await flow.BureauAsync(Cz);
        var centers = await flow.CentersAsync(Cz, new DateOnly(1997, 3, 1), 1);
        var campaign = await flow.OpenAsync(bureau, 2000, centers);
        var cases = await flow.OpenCasesAsync(bureau, campaign);
        await flow.ToScoringAsync(bureau, cases[0]);
        var expert = await NewExpertAsync("待办措辞测试专家");
        var r = await AssignAsync(bureau, campaign, cases, null, expert.Id);
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(r));
        var client = await ExpertAccountAsync(expert.Id);
        var title = (await CaseAsync(cases[0])).Title;

        // Only an evaluation waits: the figure names 评估 alone (it said 待评审、评估), the item asks for the sheet.
        var html = await (await client.GetAsync("/Inbox")).Content.ReadAsStringAsync();
        ExpertFigure(html).ShouldBe("待评估");
        var text = Html.Text(html);
        text.ShouldContain($"评估：{title}");
        text.ShouldContain("请按评估指标体系提交专家评分表");
        text.ShouldNotContain($"评审：{title}");

        // The sheet in, nothing waits: the item is gone and the figure names all an expert may be asked to do.
        (await flow.ScoreAsync(client, cases[0], EvaluationRulesTests.ScoresFor(Pack, 80))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        html = await (await client.GetAsync("/Inbox")).Content.ReadAsStringAsync();
        ExpertFigure(html).ShouldBe("待评审、评估");
        Html.Text(html).ShouldNotContain($"评估：{title}");
        (await InInboxAsync(client, cases[0])).ShouldBeFalse();
    }

    [Fact]
    public async Task Bug_0633_a_short_draw_is_a_warning_naming_the_rule_and_assigns_nobody()
    {
        var bureau = await flow.BureauAsync(Cz);
        var centers = await flow.CentersAsync(Cz, new DateOnly(2011, 3, 1), 1);
        var campaign = await flow.OpenAsync(bureau, 2014, centers);
        var cases = await flow.OpenCasesAsync(bureau, campaign);
        await flow.ToScoringAsync(bureau, cases[0]);
        var r = await AssignAsync(bureau, campaign, cases, DrawPanel.MaxSize);
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(r));
        var html = await (await bureau.GetAsync(r.Headers.Location!.ToString())).Content.ReadAsStringAsync();
        html.ShouldNotContain("data-testid=\"flash\"", customMessage: "a shortfall is not a success: " + Regex.Match(html, "data-testid=\"flash\">(.*?)</div>", RegexOptions.Singleline).Groups[1].Value);
        var alert = Regex.Match(html, "<div class=\"alert alert-warning\"[^>]*data-testid=\"warning\">(.*?)</div>", RegexOptions.Singleline);
        alert.Success.ShouldBeTrue("a shortfall is a warning (alert-warning)");
        var warning = Html.Text(alert.Groups[1].Value);
        warning.ShouldContain("未能满足");
        warning.ShouldContain("未指派专家");
        warning.ShouldContain($"少于拟抽取的{DrawPanel.MaxSize}人");
        warning.ShouldContain("未规定评估专家人数");
        (await app.Db(db => db.CaseAssignments.AnyAsync(a => a.CaseId == cases[0] && a.Role == CaseAssignment.ExpertRole))).ShouldBeFalse();
        (await CaseAsync(cases[0])).Holder.ShouldNotBe(Actors.ExpertPanel);
    }

    [Fact]
    public async Task Bug_0634_a_center_recognized_after_the_campaign_year_is_not_in_the_round_and_says_so_in_chinese()
    {
        var bureau = await flow.BureauAsync(Cz);
        const int year = 2018; // a year no other test opens
        var after = (await flow.CentersAsync(Cz, new DateOnly(year + 1, 1, 1), 1))[0];
        var same = (await flow.CentersAsync(Cz, new DateOnly(year, 12, 31), 1))[0];
        var before = (await flow.CentersAsync(Cz, new DateOnly(year - 1, 1, 1), 1))[0];
        var two = (await flow.CentersAsync(Cz, new DateOnly(year - 2, 12, 31), 1))[0];
        var r = await PostAsync(bureau, "/Evaluations", Form(("Year", year)));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(r));
        var id = int.Parse(r.Headers.Location!.ToString().Split("id=")[1]);
        var ps = await app.Db(db => db.EvaluationParticipants.AsNoTracking().Where(p => p.CampaignId == id).ToDictionaryAsync(p => p.CenterId));
        (ps[after.Id].Included, ps[same.Id].Included, ps[before.Id].Included, ps[two.Id].Included).ShouldBe((false, false, false, true));
        foreach (var c in new[] { after, same, before, two }) ps[c.Id].Article.ShouldBe("第二十六条");
        ps[after.Id].Reason.ShouldContain("认定晚于评估年度");
        ps[after.Id].Reason.ShouldNotContain("-1");
        var page = Html.Text(await (await bureau.GetAsync($"/Evaluations/Campaign?id={id}")).Content.ReadAsStringAsync());
        page.ShouldContain("认定晚于评估年度");
        page.ShouldNotContain("已认定年数） -1");
        page.ShouldNotContain("-1年");
    }
    /// <summary>Uploads a score sheet with one filled row per case (scores at <paramref name="percent"/> of each indicator's maximum).</summary>
    private async Task<HttpResponseMessage> UploadSheetAsync(HttpClient who, int campaign, IEnumerable<int> cases, decimal percent)
    {
        var columns = ScoreSheet.Columns(Pack);
        var scores = EvaluationRulesTests.ScoresFor(Pack, percent);
        var ms = new MemoryStream();
        await ms.SaveAsAsync(cases.Select(id =>
        {
            var d = columns.ToDictionary(c => c.Header, c => (object?)(c.Key == ScoreSheet.ConclusionColumn ? "依据材料形成结论" : scores[c.Key]));
            d[ScoreSheet.IdColumn] = id;
            d[ScoreSheet.NameColumn] = "";
            return d;
        }).ToList());
        var token = await AppFixture.AntiforgeryTokenAsync(who, "/Accounts/Password");
        return await who.PostAsync($"/Evaluations/Sheet?id={campaign}",
            new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(ms.ToArray()), "Upload", "评分表.xlsx" } });
    }

    /// <summary>
    /// Bug 0650: who scores is who holds the case's scoring. An organisation entrusted with a 沧州 case that the bureau then
    /// assigned to experts scored it through the case page and the XLSX sheet (the page checked only “acts as the stage's
    /// actor”). Now: refused by either way, nothing recorded, the case absent from its template (since Bug 0210 the page
    /// and the post are a 404: the organisation no longer sees a case given to experts; MayScore's 403 citing 第二十五条
    /// stays for any account that reads it); a case of the same campaign without experts it still scores; an evaluator not
    /// entrusted with the case gets 404.
    /// </summary>
    [Fact]
    public async Task Bug_0650_an_organisation_cannot_score_a_case_the_experts_hold_by_page_or_sheet()
    {
        var (bureau, campaign, cases, org) = await flow.EntrustedAsync(Cz, new DateOnly(2017, 3, 1), 2020); // a year no other test of the collection opens
        var expert = await NewExpertAsync("评分权限测试专家");
        var assigned = await AssignAsync(bureau, campaign, [cases[0]], null, expert.Id);
        assigned.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(assigned));
        (await CaseAsync(cases[0])).Holder.ShouldBe(Actors.ExpertPanel);
        var article = Assessors.ExpertConclusion(Pack.Process(ProcessKinds.Evaluation)!)!.Article;

        // The page: the case given to the experts is no longer the organisation's to read (Bug 0210), so neither the page
        // nor a post reaches it: 404, nothing recorded.
        (await org.GetAsync($"/Evaluations/Case?id={cases[0]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var refused = await flow.ScoreAsync(org, cases[0], EvaluationRulesTests.ScoresFor(Pack, 95));
        refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await flow.EvaluationAsync(cases[0])).Grade.ShouldBeNull();

        // The sheet: its template lists only the case it holds, and a row for the experts' case imports nothing.
        var template = await org.GetAsync($"/Evaluations/Sheet?id={campaign}&handler=Template");
        template.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = (await new MemoryStream(await template.Content.ReadAsByteArrayAsync()).QueryAsync(useHeaderRow: true)).Cast<IDictionary<string, object?>>().ToList();
        rows.Select(r => Convert.ToInt32(r[ScoreSheet.IdColumn])).ShouldBe([cases[1]]);
        var upload = await UploadSheetAsync(org, campaign, cases, 95);
        upload.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Html.Text(await upload.Content.ReadAsStringAsync()).ShouldContain($"“{ScoreSheet.IdColumn}”{cases[0]}不是您当前待评分的评估事项");
        (await flow.EvaluationAsync(cases[0])).Grade.ShouldBeNull();
        (await flow.EvaluationAsync(cases[1])).Grade.ShouldBeNull("nothing is imported when any row is wrong");

        // The case it holds it scores, by the sheet as by the page.
        var ok = await UploadSheetAsync(org, campaign, [cases[1]], 95);
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(ok));
        (await flow.EvaluationAsync(cases[1])).Grade.ShouldBe("优秀");

        // An evaluator whose organisation is not entrusted with the case: 404 for the page, the post and the sheet.
        var stranger = await app.LoginAsync(await app.CreateUserAsync(Roles.Evaluator, configure: u => u.JurisdictionId = Cz));
        (await stranger.GetAsync($"/Evaluations/Case?id={cases[0]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await flow.ScoreAsync(stranger, cases[0], EvaluationRulesTests.ScoresFor(Pack, 95))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.GetAsync($"/Evaluations/Sheet?id={campaign}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Nor is the case the experts hold entrusted to another organisation: 409 naming the article.
        var otherUser = (await app.User(await app.CreateUserAsync(Roles.Evaluator, configure: u => u.JurisdictionId = Cz))).Id;
        (await PostAsync(bureau, $"/Evaluations/Campaign?id={campaign}&handler=Organisation", Form(("OrganisationName", "第二评估机构0650"), ("MemberIds", otherUser))))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var second = await app.Db(db => db.EvaluatorOrganisations.Where(o => o.Name == "第二评估机构0650").Select(o => o.Id).SingleAsync());
        var entrust = await PostAsync(bureau, $"/Evaluations/Campaign?id={campaign}&handler=Assign", Form(("OrganisationId", second), ("CaseIds", cases[0])));
        entrust.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ErrorAsync(entrust)).ShouldContain(article!);
        (await app.Db(db => db.CaseAssignments.AnyAsync(a => a.CaseId == cases[0] && a.OrganisationId == second))).ShouldBeFalse();

        // The expert, who holds it, scores; the organisation's attempt was audited as refused.
        var mine = await flow.ScoreAsync(await ExpertAccountAsync(expert.Id), cases[0], EvaluationRulesTests.ScoresFor(Pack, 70));
        mine.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(mine));
        (await app.Db(db => db.AuditEntries.AnyAsync(a => a.Action == "提交评分" && a.Outcome != TechCenters.Web.Features.Audit.AuditOutcome.Success && a.ObjectId == cases[0].ToString())))
            .ShouldBeTrue();
    }

    /// <summary>Every way an evaluator reaches a case by listing: the evaluations page, 事项查询 (its search and XLSX), the centers list, 评分表 template.</summary>
    private async Task<Dictionary<string, bool>> ListsShowAsync(HttpClient who, int campaign, int caseId)
    {
        var c = await CaseAsync(caseId);
        var center = await app.Db(db => db.Centers.Where(x => x.Id == c.CenterId).Select(x => x.Name).SingleAsync());
        var link = $"/Evaluations/Case?id={caseId}\"";
        async Task<string> Get(string url) => await (await who.GetAsync(url)).Content.ReadAsStringAsync();
        async Task<List<string>> Cells(string url)
        {
            var r = await who.GetAsync(url);
            if (r.StatusCode == HttpStatusCode.NotFound) return []; // the sheet of a campaign the account sees nothing of
            r.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            var rows = await new MemoryStream(await r.Content.ReadAsByteArrayAsync()).QueryAsync();
            return [.. rows.Cast<IDictionary<string, object?>>().SelectMany(x => x.Values).Select(v => v?.ToString() ?? "")];
        }
        var q = Uri.EscapeDataString(center);
        return new()
        {
            ["评估列表"] = (await Get("/Evaluations")).Contains(link),
            ["事项查询"] = (await Get("/Lists/Cases?kind=evaluation")).Contains(link),
            ["事项查询（检索）"] = (await Get($"/Lists/Cases?q={q}")).Contains(link),
            ["事项查询（导出）"] = (await Cells("/Lists/Cases?handler=Xlsx&kind=evaluation")).Contains(c.Title),
            ["中心列表"] = (await Get($"/Lists/Centers?q={q}")).Contains($"/Lists/Cases?center={c.CenterId}\""),
            ["中心列表（导出）"] = (await Cells($"/Lists/Centers?handler=Xlsx&q={q}")).Contains(center),
            ["评分表模板"] = (await Cells($"/Evaluations/Sheet?id={campaign}&handler=Template")).Contains(caseId.ToString()),
        };
    }

    /// <summary>
    /// Bug 0210: an organisation entrusted with an evaluation case still read it after the bureau gave the case to experts
    /// (Bug 0650 stopped it scoring, not reading): the scope asked only that its assignment had not ended. The bureau entrusts
    /// experts or a third party (沧州第二十五条), so the organisation sees a case only while it is entrusted with it — the
    /// evaluation kind's scope hook (ICaseKind.SeenBy) says so, for every way in: page, post, lists, search, exports, the
    /// sheet's template. What it recorded stays on the case for the bureau.
    /// </summary>
    [Fact]
    public async Task Bug_0210_an_organisation_reads_an_evaluation_only_while_it_is_entrusted_with_it()
    {
        var (bureau, campaign, cases, org) = await flow.EntrustedAsync(Cz, new DateOnly(2019, 3, 1), 2023); // a year no other test of the collection opens

        // Entrusted: the organisation reads both cases, by the page and by every list, and scores the second.
        foreach (var id in cases)
        {
            (await org.GetAsync($"/Evaluations/Case?id={id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await ListsShowAsync(org, campaign, id)).Where(x => !x.Value).Select(x => x.Key).ShouldBeEmpty($"事项 {id}");
        }
        var scored = await flow.ScoreAsync(org, cases[1], EvaluationRulesTests.ScoresFor(Pack, 90));
        scored.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(scored));

        // The bureau gives the first case to an expert: the organisation no longer sees it, by any way in.
        var expert = await NewExpertAsync("委托范围测试专家");
        var assigned = await AssignAsync(bureau, campaign, [cases[0]], null, expert.Id);
        assigned.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(assigned));
        (await org.GetAsync($"/Evaluations/Case?id={cases[0]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await flow.ScoreAsync(org, cases[0], EvaluationRulesTests.ScoresFor(Pack, 90))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ListsShowAsync(org, campaign, cases[0])).Where(x => x.Value).Select(x => x.Key).ShouldBeEmpty();
        (await InInboxAsync(org, cases[0])).ShouldBeFalse();
        var title = (await CaseAsync(cases[0])).Title;
        Html.Text(await (await org.GetAsync("/Notifications")).Content.ReadAsStringAsync()).ShouldNotContain(title);
        // The case it is still entrusted with (scored, waiting for the bureau's confirmation) it still reads.
        (await org.GetAsync($"/Evaluations/Case?id={cases[1]}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ListsShowAsync(org, campaign, cases[1])).Where(x => !x.Value && x.Key != "评分表模板").Select(x => x.Key).ShouldBeEmpty();

        // The entrustment of the second case ends (no page withdraws one yet: the row's end is what such an action writes).
        await app.Db(async db =>
        {
            var a = await db.CaseAssignments.SingleAsync(x => x.CaseId == cases[1] && x.Role == CaseAssignment.EvaluatorRole);
            a.EndedAt = app.Time.GetUtcNow();
            a.EndReason = "测试：科技局收回委托";
            await db.SaveChangesAsync();
            return a.Id;
        });
        (await org.GetAsync($"/Evaluations/Case?id={cases[1]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ListsShowAsync(org, campaign, cases[1])).Where(x => x.Value).Select(x => x.Key).ShouldBeEmpty();

        // What the organisation recorded stays on the case, and the bureau reads it.
        (await flow.EvaluationAsync(cases[1])).Grade.ShouldNotBeNull();
        var page = Html.Text(await (await bureau.GetAsync($"/Evaluations/Case?id={cases[1]}")).Content.ReadAsStringAsync());
        page.ShouldContain("提交评分");
    }

    /// <summary>
    /// Bug 0655: a third-party evaluator's workbench read 「受托评估任务 0」 and 「暂无受托评估任务」 whatever it was entrusted
    /// with (two constants). It now counts the open evaluations the one scope gives the organisation and names it.
    /// </summary>
    [Fact]
    public async Task Bug_0655_the_evaluators_workbench_counts_what_its_organisation_is_entrusted_with()
    {
        const string j = "xpcc-12th-division";
        // a year no other test of the collection opens in 第十二师; the cases stay with the centers (entrusted, not yet in scoring)
        var (_, _, cases, org) = await flow.EntrustedAsync(j, new DateOnly(2009, 3, 1), 2012, toScoring: false);
        var name = await app.Db(db => db.CaseAssignments.Where(a => a.CaseId == cases[0] && a.Role == CaseAssignment.EvaluatorRole)
            .Join(db.EvaluatorOrganisations, a => a.OrganisationId, o => o.Id, (a, o) => o.Name).SingleAsync());
        async Task<string> WorkbenchAsync() => Html.Text(await (await org.GetAsync("/Inbox")).Content.ReadAsStringAsync());

        var text = await WorkbenchAsync();
        text.ShouldMatch(@"(^|\D)2\s*受托评估任务");
        text.ShouldContain(name);
        text.ShouldNotContain("暂无受托评估任务");
        // The entrustment of one case ends: one left.
        await app.Db(async db =>
        {
            var a = await db.CaseAssignments.SingleAsync(x => x.CaseId == cases[0] && x.Role == CaseAssignment.EvaluatorRole);
            a.EndedAt = app.Time.GetUtcNow();
            a.EndReason = "测试：科技局收回委托";
            return await db.SaveChangesAsync();
        });
        (await WorkbenchAsync()).ShouldMatch(@"(^|\D)1\s*受托评估任务");
    }

    /// <summary>
    /// Bug 0651: a center's 流程 list read 「评估中」 for both the scoring stage and the confirmation of results (the packs gave
    /// both the same public name). Each stage now has its own name as every account sees it, in all five jurisdictions.
    /// </summary>
    [Fact]
    public async Task Bug_0651_every_stage_of_the_evaluation_process_has_its_own_name_for_every_account()
    {
        var catalog = app.Factory.Services.GetRequiredService<PolicyCatalog>();
        foreach (var j in Short.Keys)
        {
            var pack = catalog.Versions(j)[^1];
            var process = pack.Process(ProcessKinds.Evaluation)!;
            // Pure: every role's view of the pack's process.
            foreach (var role in new[] { Roles.BureauOfficer, Roles.DepartmentOfficer, Roles.Applicant, Roles.Expert, Roles.Evaluator })
            {
                var acts = new HashSet<string>(CaseRelation.ActorsOfRole(role)) { Actors.Public };
                var names = process.Stages.Select(s => s.NameFor(acts)).ToList();
                names.ShouldBeUnique($"{j} {role}: {string.Join("、", names)}");
            }
            // Through the page, as the center reads it.
            var bureau = await flow.BureauAsync(j);
            var centers = await flow.CentersAsync(j, new DateOnly(2006, 3, 1), 1);
            var campaign = await flow.OpenAsync(bureau, 2009, centers);
            var id = (await flow.OpenCasesAsync(bureau, campaign))[0];
            var center = await flow.ApplicantForAsync(centers[0].LeadUnitId);
            var html = await (await center.GetAsync($"/Evaluations/Case?id={id}")).Content.ReadAsStringAsync();
            var list = Regex.Matches(html, "<li class=\"list-group-item[^\"]*\"[^>]*data-testid=\"process-stage\">(.*?)（", RegexOptions.Singleline)
                .Select(m => Html.Text(m.Groups[1].Value).Trim()).ToList();
            list.Count.ShouldBe(process.Stages.Count, j);
            list.ShouldBeUnique(j + "：" + string.Join("、", list));
            list.ShouldNotContain("评估中");
        }
    }

    /// <summary>
    /// Bug 0652: after submission the center's materials were still textareas (readonly, looking editable) for the center,
    /// the reviewers and the bureau. They are now text with their line breaks kept; only the filer editing its draft gets boxes.
    /// </summary>
    [Fact]
    public async Task Bug_0652_submitted_materials_read_as_text_not_input_boxes()
    {
        var bureau = await flow.BureauAsync(Cz);
        var centers = await flow.CentersAsync(Cz, new DateOnly(2003, 3, 1), 1);
        var campaign = await flow.OpenAsync(bureau, 2006, centers);
        var id = (await flow.OpenCasesAsync(bureau, campaign))[0];
        var center = await flow.ApplicantForAsync(centers[0].LeadUnitId);
        // While the center edits its draft: boxes.
        (await (await center.GetAsync($"/Evaluations/Case?id={id}")).Content.ReadAsStringAsync()).ShouldContain("<textarea class=\"form-control mb-1\" id=\"SelfEvaluation\"");
        var r = await PostAsync(center, $"/Evaluations/Case?id={id}&handler=Submit",
            Form(("Revision", await flow.RevisionAsync(id)), ("SelfEvaluation", "一、基本情况\n第二行内容"), ("Evidence", "运行数据统计表\n审计报告")));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(r));
        foreach (var who in new[] { center, bureau })
        {
            var html = await (await who.GetAsync($"/Evaluations/Case?id={id}")).Content.ReadAsStringAsync();
            html.ShouldNotContain("<textarea");
            html.ShouldNotContain("readonly");
            var self = Regex.Match(html, "data-testid=\"self-evaluation\">(.*?)</dd>", RegexOptions.Singleline);
            self.Success.ShouldBeTrue();
            System.Net.WebUtility.HtmlDecode(self.Groups[1].Value).ShouldBe("一、基本情况\n第二行内容");
            Regex.Match(html, "<dd class=\"([^\"]*)\" data-testid=\"self-evaluation\"").Groups[1].Value.ShouldContain("text-prewrap");
            System.Net.WebUtility.HtmlDecode(Regex.Match(html, "data-testid=\"evidence\">(.*?)</dd>", RegexOptions.Singleline).Groups[1].Value).ShouldBe("运行数据统计表\n审计报告");
        }
    }

    /// <summary>
    /// Bug 0654: the campaign page reads its page's center ids first, then those rows in full, and took each row by
    /// <c>byId[id]</c>: a participant in the first read and not in the second (gone between them) was a 500. It is left
    /// out of the page, and the others show.
    /// </summary>
    [Fact]
    public async Task Bug_0654_a_participant_gone_between_the_campaign_pages_two_reads_is_left_out_not_a_500()
    {
        var bureau = await flow.BureauAsync(Cz);
        var centers = await flow.CentersAsync(Cz, new DateOnly(2021, 3, 1), 2);
        var campaign = await flow.OpenAsync(bureau, 2024, centers); // a year no other test of the collection opens
        var (stays, gone) = (centers[0], centers[1]);
        var between = new BeforeRows(() => app.Db(db => db.EvaluationParticipants.Where(p => p.CampaignId == campaign && p.CenterId == gone.Id).ExecuteDeleteAsync()));
        await using var factory = app.CreateFactory(b => b.ConfigureTestServices(s =>
        {
            s.ConfigureDbContext<TechCenters.Web.Data.SqliteDbContext>(o => o.AddInterceptors(between));
            s.ConfigureDbContext<TechCenters.Web.Data.PostgresDbContext>(o => o.AddInterceptors(between));
        }));
        var officer = await app.LoginAsync("cz-bureau", factory: factory);
        var response = await officer.GetAsync($"/Evaluations/Campaign?id={campaign}");
        between.Fired.ShouldBeTrue("the participant was removed between the page's two reads");
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html[..Math.Min(2000, html.Length)]);
        html.ShouldContain($"data-center=\"{stays.Id}\"");
        html.ShouldNotContain($"data-center=\"{gone.Id}\"");
    }

    /// <summary>Runs <c>then</c> once, just before the first statement that reads participants with their centers (the page's rows).</summary>
    private sealed class BeforeRows(Func<Task<int>> then) : DbCommandInterceptor
    {
        private int fired;
        public bool Fired => fired == 1;

        private bool First(DbCommand c) => c.CommandText.Contains("EvaluationParticipants") && c.CommandText.Contains("\"Centers\"")
            && Interlocked.CompareExchange(ref fired, 1, 0) == 0;

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            if (First(command)) then().GetAwaiter().GetResult();
            return result;
        }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (First(command)) await then();
            return result;
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteEvaluationRegressionTests(SqliteAppFixture app) : EvaluationRegressionTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresEvaluationRegressionTests(PostgresAppFixture app) : EvaluationRegressionTests(app);
