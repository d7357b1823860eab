using System.Net;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Shouldly;
using TechCenters.Policy.Rules;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Features.Evaluations;
using TechCenters.Web.Tests.Infrastructure;
using TechCenters.Web.Tests.Selecting;
using Xunit;
using static TechCenters.Web.Tests.Selecting.SelectingFlow;

namespace TechCenters.Web.Tests.Features.Evaluations;

/// <summary>Evaluation rounds through the real pipeline: participation, bands, quota, consequences, evaluator scope, the XLSX sheet.</summary>
public abstract class EvaluationTests(AppFixture app)
{
    private readonly EvaluationFlow flow = new(app);

    [Fact]
    public async Task Cangzhou_participation_at_one_and_two_recognized_years_with_the_article()
    {
        const string j = "cangzhou";
        var bureau = await flow.BureauAsync(j);
        var one = (await flow.CentersAsync(j, new DateOnly(2020, 1, 1), 1))[0];
        var two = (await flow.CentersAsync(j, new DateOnly(2019, 12, 31), 1))[0];
        var r = await PostAsync(bureau, "/Evaluations", Form(("Year", 2021)));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(r));
        var id = int.Parse(r.Headers.Location!.ToString().Split("id=")[1]);
        var ps = await app.Db(db => db.EvaluationParticipants.AsNoTracking().Where(p => p.CampaignId == id).ToDictionaryAsync(p => p.CenterId));
        ps[one.Id].Included.ShouldBeFalse();
        ps[two.Id].Included.ShouldBeTrue();
        ps[two.Id].Article.ShouldBe("第二十六条");
        var page = Html.Text(await (await bureau.GetAsync($"/Evaluations/Campaign?id={id}")).Content.ReadAsStringAsync());
        page.ShouldContain("第二十六条");
        // Adding a center takes a reason; without one it is a 400 in Chinese and nothing changes.
        var refused = await flow.SetAsync(bureau, id, one.Id, true, " ");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorAsync(refused)).ShouldContain("须填写理由");
        (await flow.SetAsync(bureau, id, one.Id, true, "中心申请参加本轮评估")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var added = await app.Db(db => db.EvaluationParticipants.AsNoTracking().SingleAsync(p => p.CampaignId == id && p.CenterId == one.Id));
        (added.Included, added.Source).ShouldBe((true, EvaluationParticipant.ByBureau));
        added.Reason.ShouldContain("中心申请参加本轮评估");
        (await app.Db(db => db.AuditEntries.AnyAsync(a => a.Action == "增列参评中心" && a.ObjectId == id.ToString()))).ShouldBeTrue();
        // Another jurisdiction's bureau cannot see it.
        (await (await flow.BureauAsync("xinjiang")).GetAsync($"/Evaluations/Campaign?id={id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Cangzhou_bands_at_59_99_60_89_99_and_90_are_computed_by_the_library_and_kept_with_the_pack_version()
    {
        const string j = "cangzhou";
        var bureau = await flow.BureauAsync(j);
        var centers = await flow.CentersAsync(j, new DateOnly(2016, 5, 1), 4);
        var campaign = await flow.OpenAsync(bureau, 2019, centers);
        var cases = await flow.OpenCasesAsync(bureau, campaign);
        foreach (var c in cases) await flow.ToScoringAsync(bureau, c);
        var evaluator = await flow.EntrustAsync(bureau, j, campaign);
        var pack = app.Factory.Services.GetService(typeof(TechCenters.Policy.PolicyCatalog)) is TechCenters.Policy.PolicyCatalog cat ? cat.Versions(j)[^1] : null!;
        var expected = new (decimal Total, string Grade)[] { (59.99m, "不合格"), (60m, "合格"), (89.99m, "合格"), (90m, "优秀") };
        // Out of range: 400 naming the indicator, nothing recorded.
        var bad = EvaluationRulesTests.ScoresFor(pack, 80);
        bad[bad.Keys.First()] = "999";
        var refused = await flow.ScoreAsync(evaluator, cases[0], bad);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorAsync(refused)).ShouldContain("超出范围");
        for (var i = 0; i < 4; i++)
        {
            var r = await flow.ScoreAsync(evaluator, cases[i], EvaluationRulesTests.ScoresFor(pack, expected[i].Total));
            r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(r));
            var e = await flow.EvaluationAsync(cases[i]);
            (e.Score, e.Grade).ShouldBe((expected[i].Total, expected[i].Grade));
            var v = await app.Db(db => db.CaseVerdicts.AsNoTracking().Where(x => x.CaseId == cases[i] && x.Purpose == "评分").SingleAsync());
            v.PackVersion.ShouldBe(pack.Version);
            v.VerdictJson.ShouldContain("第二十八条");
        }
        // The center sees no score before confirmation.
        var applicant = await flow.ApplicantForAsync(centers[0].LeadUnitId);
        Html.Text(await (await applicant.GetAsync($"/Evaluations/Case?id={cases[0]}")).Content.ReadAsStringAsync()).ShouldNotContain("59.99");
        (await flow.ConfirmAsync(bureau, campaign)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // 不合格 revokes (第三十条第（一）项): proposed to the bureau, not decided here.
        var entries = await app.Db(db => db.Activities.AsNoTracking().Where(a => a.CaseId == cases[0]).ToListAsync());
        entries.ShouldContain(a => a.Action == "提出撤销建议" && a.Audience == Audience.Bureau && a.Article == "第三十条第（一）项");
        var bureauId = (await app.User("cz-bureau")).Id;
        (await app.Db(db => db.Notifications.AnyAsync(n => n.UserId == bureauId && n.CaseId == cases[0] && n.Title.StartsWith("建议撤销")))).ShouldBeTrue();
        (await flow.EvaluationAsync(cases[3])).Recommendation.ShouldNotBeNull().ShouldContain("优先推荐");
        // Published where the pack publishes (第二十五条), with no personal data.
        (await PostAsync(bureau, $"/Evaluations/Campaign?id={campaign}&handler=Publish", Form())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var pub = await app.Client().GetAsync($"/Evaluations/Results?id={campaign}");
        pub.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = Html.Text(await pub.Content.ReadAsStringAsync());
        text.ShouldContain(centers[3].Name);
        text.ShouldContain("优秀");
        // No director's name, neither of the campaign's centers nor of the jurisdiction's demo centers.
        var directors = await app.Db(db => db.Centers.Where(c => c.JurisdictionId == j && c.DirectorName != null).Select(c => c.DirectorName!).Distinct().ToListAsync());
        directors.ShouldContain(centers[3].DirectorName!);
        foreach (var d in directors) text.ShouldNotContain(d);
        text.ShouldNotContain("59.99");
    }

    [Theory]
    [InlineData(4, 2010)]
    [InlineData(5, 2011)]
    [InlineData(9, 2012)]
    [InlineData(10, 2013)]
    public async Task Wanzhou_quota_is_enforced_at_confirmation_only_by_the_bureaus_recorded_choice(int n, int year)
    {
        const string j = "chongqing-wanzhou";
        var bureau = await flow.BureauAsync(j);
        var centers = await flow.CentersAsync(j, new DateOnly(year - 3, 3, 1), n);
        var campaign = await flow.OpenAsync(bureau, year, centers);
        var cases = await flow.OpenCasesAsync(bureau, campaign);
        foreach (var c in cases) await flow.ToScoringAsync(bureau, c);
        var evaluator = await flow.EntrustAsync(bureau, j, campaign);
        foreach (var c in cases) (await flow.ScoreAsync(evaluator, c, grade: "优秀")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var allowed = n / 5;
        var refused = await flow.ConfirmAsync(bureau, campaign);
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var message = await ErrorAsync(refused);
        message.ShouldContain($"{n}家参评最多{allowed}家");
        message.ShouldContain("不自动降档");
        (await app.Db(db => db.Evaluations.CountAsync(e => e.CampaignId == campaign && e.FinalGrade != null))).ShouldBe(0);
        // A choice without a reason is refused too.
        var lowered = cases.Skip(allowed).ToList();
        (await flow.ConfirmAsync(bureau, campaign, lowered)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // One too few lowered still exceeds.
        if (lowered.Count > 1) (await flow.ConfirmAsync(bureau, campaign, lowered.Skip(1), "并列时按研发投入确定")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var ok = await flow.ConfirmAsync(bureau, campaign, lowered, "并列时按研发投入确定");
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(ok));
        var results = await app.Db(db => db.Evaluations.AsNoTracking().Where(e => e.CampaignId == campaign).ToListAsync());
        results.Count(e => e.FinalGrade == "优秀").ShouldBe(allowed);
        results.Where(e => e.FinalGrade == "良好").ShouldAllBe(e => e.Grade == "优秀" && e.QuotaReason == "并列时按研发投入确定");
    }

    [Fact]
    public async Task Xinjiang_consequences_funds_and_a_rectification_re_checked_back_to_running_or_proposed_for_revocation()
    {
        const string j = "xinjiang";
        var bureau = await flow.BureauAsync(j);
        var centers = await flow.CentersAsync(j, new DateOnly(2013, 6, 1), 4);
        var campaign = await flow.OpenAsync(bureau, 2016, centers);
        var cases = await flow.OpenCasesAsync(bureau, campaign);
        foreach (var c in cases) await flow.ToScoringAsync(bureau, c);
        string[] grades = ["优秀", "良好", "较差", "较差"];
        // 新疆 sets no third-party scoring: the bureau scores, and entrusting an organisation is refused.
        var user = await app.CreateUserAsync(TechCenters.Web.Features.Accounts.Roles.Evaluator, configure: u => u.JurisdictionId = j);
        for (var i = 0; i < 4; i++) (await flow.ScoreAsync(bureau, cases[i], grade: grades[i])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await flow.ConfirmAsync(bureau, campaign)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await flow.EvaluationAsync(cases[0])).FundsYuan.ShouldBe(2_000_000m);
        (await flow.EvaluationAsync(cases[1])).FundsYuan.ShouldBe(1_000_000m);
        var rects = await app.Db(db => db.Rectifications.AsNoTracking().Include(r => r.Case).Where(r => cases.Contains(r.EvaluationCaseId)).OrderBy(r => r.EvaluationCaseId).ToListAsync());
        rects.Count.ShouldBe(2);
        rects.ShouldAllBe(r => r.Deadline == app.Today.AddMonths(12) && r.Case!.DueOn == r.Deadline && r.Article == "五4");
        (await app.Db(db => db.Centers.AsNoTracking().SingleAsync(c => c.Id == centers[2].Id))).Status.ShouldBe(CenterStatus.Rectifying);
        var applicant2 = await flow.ApplicantForAsync(centers[2].LeadUnitId);
        var applicant3 = await flow.ApplicantForAsync(centers[3].LeadUnitId);
        (await applicant2.GetAsync($"/Rectifications/Case?id={rects[0].Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Another center's staff: 404.
        (await applicant3.GetAsync($"/Rectifications/Case?id={rects[0].Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreach (var (r, who) in new[] { (rects[0], applicant2), (rects[1], applicant3) })
            (await PostAsync(who, $"/Rectifications/Case?id={r.Id}&handler=Submit", Form(("Revision", await flow.RevisionAsync(r.Id)), ("Report", "已完成整改"))))
                .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var noOpinion = await PostAsync(bureau, $"/Rectifications/Case?id={rects[0].Id}&handler=Pass", Form(("Revision", await flow.RevisionAsync(rects[0].Id))));
        noOpinion.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PostAsync(bureau, $"/Rectifications/Case?id={rects[0].Id}&handler=Pass", Form(("Revision", await flow.RevisionAsync(rects[0].Id)), ("Opinion", "整改到位"))))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.Db(db => db.Centers.AsNoTracking().SingleAsync(c => c.Id == centers[2].Id))).Status.ShouldBe(CenterStatus.Active);
        (await PostAsync(bureau, $"/Rectifications/Case?id={rects[1].Id}&handler=Fail", Form(("Revision", await flow.RevisionAsync(rects[1].Id)), ("Opinion", "研发投入仍未达标"))))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var failed = await app.Db(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == rects[1].Id));
        (failed.StageId, failed.Holder).ShouldBe(("failed", (string?)null));
        (await app.Db(db => db.Activities.AnyAsync(a => a.CaseId == rects[1].Id && a.Action == "提出撤销建议" && a.Audience == Audience.Bureau))).ShouldBeTrue();
        var bureauId = (await app.User("xj-bureau")).Id;
        (await app.Db(db => db.Notifications.AnyAsync(n => n.UserId == bureauId && n.CaseId == rects[1].Id && n.Title.StartsWith("建议撤销")))).ShouldBeTrue();
        // 新疆 publishes no results: refused with the reason.
        var publish = await PostAsync(bureau, $"/Evaluations/Campaign?id={campaign}&handler=Publish", Form());
        publish.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ErrorAsync(publish)).ShouldContain("未规定评估结果向社会公布");
        _ = user;
    }

    [Fact]
    public async Task Evaluators_see_only_the_centers_assigned_to_their_organisation_and_score_them_by_an_all_or_nothing_sheet()
    {
        const string j = "xpcc-12th-division";
        var bureau = await flow.BureauAsync(j);
        var centers = await flow.CentersAsync(j, new DateOnly(2014, 4, 1), 3);
        var campaign = await flow.OpenAsync(bureau, 2017, centers);
        var cases = await flow.OpenCasesAsync(bureau, campaign);
        foreach (var c in cases) await flow.ToScoringAsync(bureau, c);
        var mine = await flow.EntrustAsync(bureau, j, campaign, [cases[0], cases[1]]);
        var other = await flow.EntrustAsync(bureau, j, campaign, [cases[2]]);
        (await mine.GetAsync($"/Evaluations/Case?id={cases[0]}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await mine.GetAsync($"/Evaluations/Case?id={cases[2]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"/Evaluations/Case?id={cases[0]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var template = await mine.GetAsync($"/Evaluations/Sheet?id={campaign}&handler=Template");
        template.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = (await new MemoryStream(await template.Content.ReadAsByteArrayAsync()).QueryAsync(useHeaderRow: true)).Cast<IDictionary<string, object?>>().ToList();
        rows.Select(r => Convert.ToInt32(r[ScoreSheet.IdColumn])).ShouldBe([cases[0], cases[1]]);
        rows[0].Keys.ShouldContain(ScoreSheet.GradeColumn);
        // One wrong row (a grade the text does not define): 400 naming the row, nothing imported.
        async Task<HttpResponseMessage> Upload(params (int Id, string Grade)[] lines)
        {
            var ms = new MemoryStream();
            await ms.SaveAsAsync(lines.Select(l => new Dictionary<string, object?>
                { [ScoreSheet.IdColumn] = l.Id, [ScoreSheet.NameColumn] = "", [ScoreSheet.GradeColumn] = l.Grade, [ScoreSheet.ConclusionColumn] = "评估结论" }));
            var token = await AppFixture.AntiforgeryTokenAsync(mine, $"/Evaluations/Sheet?id={campaign}");
            var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(ms.ToArray()), "Upload", "评分表.xlsx" } };
            return await mine.PostAsync($"/Evaluations/Sheet?id={campaign}", content);
        }
        var bad = await Upload((cases[0], "优秀"), (cases[1], "合格"));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var text = Html.Text(await bad.Content.ReadAsStringAsync());
        text.ShouldContain("第3行");
        text.ShouldContain("未导入任何数据");
        (await app.Db(db => db.Evaluations.CountAsync(e => e.CampaignId == campaign && e.Grade != null))).ShouldBe(0);
        // Someone else's case in the sheet is an error too.
        (await Upload((cases[2], "优秀"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Upload((cases[0], "优秀"), (cases[1], "基本合格"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await flow.EvaluationAsync(cases[0])).Grade.ShouldBe("优秀");
        (await flow.EvaluationAsync(cases[1])).Grade.ShouldBe("基本合格");
        (await app.Db(db => db.Cases.CountAsync(c => (c.Id == cases[0] || c.Id == cases[1]) && c.Step == StageSteps.Review))).ShouldBe(2);
        // The generic move cannot skip scoring.
        var skip = await PostAsync(bureau, $"/Evaluations/Case?id={cases[2]}&handler=Pass", Form(("Revision", await flow.RevisionAsync(cases[2]))));
        skip.StatusCode.ShouldBeOneOf(HttpStatusCode.Conflict, HttpStatusCode.Forbidden);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteEvaluationTests(SqliteAppFixture app) : EvaluationTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresEvaluationTests(PostgresAppFixture app) : EvaluationTests(app);
