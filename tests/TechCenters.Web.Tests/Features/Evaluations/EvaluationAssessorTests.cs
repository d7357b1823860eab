using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Shouldly;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.Evaluations;
using TechCenters.Web.Features.Experts;
using TechCenters.Web.Features.Notifications;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Tests.Features.Applying;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;
using static TechCenters.Web.Tests.Selecting.SelectingFlow;

namespace TechCenters.Web.Tests.Features.Evaluations;

/// <summary>
/// Experts as an evaluation's assessors (沧州 第二十五条 委托专家) with the expert pool's drawing and recusal, their own score
/// sheets and the bureau's conclusion, withdrawal; the department assisting where the pack says so; packs without experts refuse.
/// </summary>
public abstract class EvaluationAssessorTests(AppFixture app)
{
    private readonly EvaluationFlow flow = new(app);
    private const string Cz = "cangzhou";

    private Task<HttpResponseMessage> AssignAsync(HttpClient bureau, int campaign, IEnumerable<int> cases, int? size = null, params int[] experts) =>
        AssignInFieldAsync(bureau, campaign, cases, size, null, experts);

    private Task<HttpResponseMessage> AssignInFieldAsync(HttpClient bureau, int campaign, IEnumerable<int> cases, int? size, string? field, params int[] experts) =>
        PostAsync(bureau, $"/Evaluations/Campaign?id={campaign}&handler=AssignExperts",
            Form(("Size", size), ("Field", field)).Concat(cases.Select(c => new KeyValuePair<string, string>("CaseIds", c.ToString())))
                .Concat(experts.Select(e => new KeyValuePair<string, string>("ExpertIds", e.ToString()))));

    private Task<PanelDraw> LatestDrawAsync(int campaign) => app.Db(db => db.Set<PanelDraw>().AsNoTracking().Where(d => d.CampaignId == campaign).OrderByDescending(d => d.Id).FirstAsync());

    private Task<List<int>> AssignedAsync(int caseId) => app.Db(db => db.CaseAssignments.AsNoTracking()
        .Where(a => a.CaseId == caseId && a.Role == CaseAssignment.ExpertRole && a.EndedAt == null).Select(a => a.ExpertId!.Value).OrderBy(x => x).ToListAsync());

    private async Task<HttpClient> ExpertAccountAsync(int expertId) =>
        await app.LoginAsync(await app.CreateUserAsync(Roles.Expert, configure: u => { u.ExpertId = expertId; u.JurisdictionId = Cz; }));

    /// <summary>A pool expert of 沧州 employed by <paramref name="unitId"/> (null: outside the platform's units).</summary>
    private Task<Expert> NewExpertAsync(string name, int? unitId, string field = "新材料") => app.Db(async db =>
    {
        var employer = unitId is { } u ? await db.Units.Where(x => x.Id == u).Select(x => x.Name).SingleAsync() : "外省某大学";
        var e = new Expert { JurisdictionId = Cz, Name = name, Field = field, Kind = ExpertiseKind.Technical, Employer = employer, UnitId = unitId };
        db.Experts.Add(e);
        await db.SaveChangesAsync();
        return e;
    });

    private PolicyPack Pack => app.Factory.Services.GetRequiredService<PolicyCatalog>().Versions(Cz)[^1];

    [Fact]
    public async Task Cangzhou_experts_are_drawn_with_recusal_score_their_own_sheets_and_the_bureau_records_the_conclusion_the_center_never_reads_their_names()
    {
        var bureau = await flow.BureauAsync(Cz);
        var centers = await flow.CentersAsync(Cz, new DateOnly(2000, 3, 1), 2);
        var campaign = await flow.OpenAsync(bureau, 2003, centers);
        var cases = await flow.OpenCasesAsync(bureau, campaign);
        foreach (var c in cases) await flow.ToScoringAsync(bureau, c);
        // A field of its own: the shared fixture's 沧州 pool grows with the other tests (past the most one draw may ask for),
        // so the shortfall is drawn where the technical candidates are known — none but this expert, who must recuse.
        const string field = "评估抽取回避测试领域";
        var conflicted = await NewExpertAsync("评估回避测试专家", centers[0].LeadUnitId, field);

        // Not enough candidates for the number the bureau chose: the draw is recorded with the shortfall, nobody is assigned.
        var r = await AssignInFieldAsync(bureau, campaign, cases, DrawPanel.MaxSize, field);
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(r));
        var short_ = await LatestDrawAsync(campaign);
        short_.Shortfall.ShouldNotBeNull().ShouldContain($"少于拟抽取的{DrawPanel.MaxSize}人");
        short_.Shortfall.ShouldContain("未规定评估专家人数，人数由科技局确定");
        DrawPanel.ExclusionsOf(short_).Single(x => x.Id == conflicted.Id).Reason.ShouldContain("的工作单位是牵头单位");
        (await AssignedAsync(cases[0])).ShouldBeEmpty();
        var page = Html.Text(await (await bureau.GetAsync($"/Evaluations/Campaign?id={campaign}")).Content.ReadAsStringAsync());
        page.ShouldContain(short_.Seed);
        page.ShouldContain("未能满足");
        page.ShouldContain("评估回避测试专家");

        // Without a number: the pack gives none, the bureau must choose (400, Chinese).
        var noSize = await AssignAsync(bureau, campaign, cases);
        noSize.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorAsync(noSize)).ShouldContain("未规定评估专家人数");

        // Enough candidates: two experts assigned to both centers, the conflicted one excluded with the reason.
        r = await AssignAsync(bureau, campaign, cases, 2);
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(r));
        var draw = await LatestDrawAsync(campaign);
        draw.Shortfall.ShouldBeNull();
        draw.Selected.Count.ShouldBe(2);
        draw.Selected.ShouldNotContain(conflicted.Id);
        DrawPanel.ExclusionsOf(draw).ShouldContain(x => x.Id == conflicted.Id);
        (await AssignedAsync(cases[0])).ShouldBe(draw.Selected.Order().ToList());
        (await AssignedAsync(cases[1])).ShouldBe(draw.Selected.Order().ToList());
        (await bureau.GetAsync($"/Experts/DrawRecord?id={draw.Id}&verify=true")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var verified = Html.Text(await (await bureau.GetAsync($"/Experts/DrawRecord?id={draw.Id}&verify=true")).Content.ReadAsStringAsync());
        verified.ShouldContain("复核一致");

        var first = await ExpertAccountAsync(draw.Selected[0]);
        var second = await ExpertAccountAsync(draw.Selected[1]);
        var outsider = await ExpertAccountAsync(conflicted.Id);
        // The assigned expert reads the materials; an expert not assigned gets a 404.
        var seen = await first.GetAsync($"/Evaluations/Case?id={cases[0]}");
        seen.StatusCode.ShouldBe(HttpStatusCode.OK);
        Html.Text(await seen.Content.ReadAsStringAsync()).ShouldContain("本年度完成各项建设任务");
        (await outsider.GetAsync($"/Evaluations/Case?id={cases[0]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await flow.ScoreAsync(outsider, cases[0], EvaluationRulesTests.ScoresFor(Pack, 80))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        Html.Text(await (await first.GetAsync("/Experts/Mine")).Content.ReadAsStringAsync()).ShouldContain(centers[0].Name);

        // The bureau cannot record the conclusion before every expert's sheet is in.
        (await flow.ScoreAsync(bureau, cases[0], EvaluationRulesTests.ScoresFor(Pack, 85))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        // Each expert scores on their own sheet (out of range: 400 naming the indicator); the case stays in scoring.
        var bad = EvaluationRulesTests.ScoresFor(Pack, 80);
        bad[bad.Keys.First()] = "999";
        var refused = await flow.ScoreAsync(first, cases[0], bad);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorAsync(refused)).ShouldContain("超出范围");
        (await flow.ScoreAsync(first, cases[0], EvaluationRulesTests.ScoresFor(Pack, 80))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await flow.ScoreAsync(first, cases[0], EvaluationRulesTests.ScoresFor(Pack, 80))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await app.Db(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == cases[0]))).Step.ShouldBe(StageSteps.Scoring);
        // The second scores by the same XLSX sheet the evaluators use.
        var template = await second.GetAsync($"/Evaluations/Sheet?id={campaign}&handler=Template");
        template.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = (await new MemoryStream(await template.Content.ReadAsByteArrayAsync()).QueryAsync(useHeaderRow: true)).Cast<IDictionary<string, object?>>().ToList();
        rows.Select(x => Convert.ToInt32(x[ScoreSheet.IdColumn])).ShouldBe(cases);
        var columns = ScoreSheet.Columns(Pack);
        var scores = EvaluationRulesTests.ScoresFor(Pack, 90);
        var ms = new MemoryStream();
        await ms.SaveAsAsync(new[] { cases[0] }.Select(id => columns.ToDictionary(c => c.Header, c => (object?)(c.Key == ScoreSheet.ConclusionColumn ? "成效突出" : scores[c.Key])))
            .Select(d => { d[ScoreSheet.IdColumn] = cases[0]; d[ScoreSheet.NameColumn] = ""; return d; }));
        var token = await AppFixture.AntiforgeryTokenAsync(second, $"/Evaluations/Sheet?id={campaign}");
        var upload = await second.PostAsync($"/Evaluations/Sheet?id={campaign}",
            new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(ms.ToArray()), "Upload", "评分表.xlsx" } });
        upload.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(upload));
        var sheets = await app.Db(db => db.Set<ExpertSheet>().AsNoTracking().Where(s => s.CaseId == cases[0]).OrderBy(s => s.Score).ToListAsync());
        sheets.Select(s => (s.Score, s.Grade)).ShouldBe([(80m, "合格"), (90m, "优秀")]);
        var bureauId = (await app.User("cz-bureau")).Id;
        (await app.Db(db => db.Notifications.AnyAsync(n => n.UserId == bureauId && n.CaseId == cases[0] && n.Title.StartsWith("专家评分已齐")))).ShouldBeTrue();

        // The bureau sees every sheet and records the conclusion, saying how it combined them (the pack is silent).
        var bureauPage = Html.Text(await (await bureau.GetAsync($"/Evaluations/Case?id={cases[0]}")).Content.ReadAsStringAsync());
        bureauPage.ShouldContain("未规定多名专家的评分如何合成");
        var noReason = await flow.ScoreAsync(bureau, cases[0], EvaluationRulesTests.ScoresFor(Pack, 85), conclusion: " ");
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorAsync(noReason)).ShouldContain("未规定多名专家的评分如何合成");
        r = await flow.ScoreAsync(bureau, cases[0], EvaluationRulesTests.ScoresFor(Pack, 85), conclusion: "取两位专家各指标得分的平均值");
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(r));
        var e = await flow.EvaluationAsync(cases[0]);
        (e.Score, e.Grade).ShouldBe((85m, "合格"));
        (await app.Db(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == cases[0]))).Step.ShouldBe(StageSteps.Review);

        // The center's staff read the case but never an expert's name; every entry naming them is the bureau's.
        var names = await app.Db(db => db.Experts.Where(x => draw.Selected.Contains(x.Id)).Select(x => x.Name).ToListAsync());
        var applicant = await flow.ApplicantForAsync(centers[0].LeadUnitId);
        var staffPage = Html.Text(await (await applicant.GetAsync($"/Evaluations/Case?id={cases[0]}")).Content.ReadAsStringAsync());
        foreach (var n in names) staffPage.ShouldNotContain(n);
        var entries = await app.Db(db => db.Activities.AsNoTracking().Where(a => a.CaseId == cases[0]).ToListAsync());
        entries.Where(a => names.Any(n => (a.Note ?? "").Contains(n))).ShouldAllBe(a => a.Audience == Audience.Bureau);
        entries.ShouldContain(a => a.Action == EvaluationAssessors.AssignAttempt && a.Article == "第二十五条");
        (await app.Db(db => db.AuditEntries.AnyAsync(a => a.Action == EvaluationAssessors.ScoreAttempt))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_designated_expert_with_a_conflict_is_refused_with_the_reason_an_assigned_one_withdraws_and_the_department_assists()
    {
        var bureau = await flow.BureauAsync(Cz);
        var centers = await flow.CentersAsync(Cz, new DateOnly(2001, 3, 1), 1);
        var campaign = await flow.OpenAsync(bureau, 2004, centers);
        var cases = await flow.OpenCasesAsync(bureau, campaign);
        var conflicted = await NewExpertAsync("评估指定回避专家", centers[0].LeadUnitId);
        var free = await NewExpertAsync("评估指定专家", null);

        var refused = await AssignAsync(bureau, campaign, cases, null, conflicted.Id, free.Id);
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ErrorAsync(refused)).ShouldContain("评估指定回避专家的工作单位是牵头单位");
        (await AssignedAsync(cases[0])).ShouldBeEmpty();
        (await AssignAsync(bureau, campaign, cases, null, 999_999)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var none = await PostAsync(bureau, $"/Evaluations/Campaign?id={campaign}&handler=AssignExperts", Form(("Mode", "designate"), ("Size", 2)));
        none.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorAsync(none)).ShouldContain("请选择要指派的评估专家");
        (await AssignAsync(bureau, campaign, [999_999], 1)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // Designated while the materials are still with the center: the expert reads them as they come.
        var r = await AssignAsync(bureau, campaign, cases, null, free.Id);
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(r));
        (await AssignedAsync(cases[0])).ShouldBe([free.Id]);

        var expert = await ExpertAccountAsync(free.Id);
        var noReason = await PostAsync(expert, $"/Evaluations/Case?id={cases[0]}&handler=Withdraw", Form(("Reason", " ")));
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorAsync(noReason)).ShouldContain("申请回避须填写理由");
        r = await PostAsync(expert, "/Experts/Mine?handler=Withdraw&caseId=" + cases[0], Form(("Reason", "曾与牵头单位合作研究")));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(r));
        (await AssignedAsync(cases[0])).ShouldBeEmpty();
        (await expert.GetAsync($"/Evaluations/Case?id={cases[0]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var bureauId = (await app.User("cz-bureau")).Id;
        (await app.Db(db => db.Notifications.AnyAsync(n => n.UserId == bureauId && n.CaseId == cases[0] && n.Kind == NotificationKinds.Withdrawn))).ShouldBeTrue();
        // Drawn again, the expert who withdrew is out with the reason.
        r = await AssignAsync(bureau, campaign, cases, 1);
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(r));
        DrawPanel.ExclusionsOf(await LatestDrawAsync(campaign)).Single(x => x.Id == free.Id).Reason.ShouldContain("已申请回避");

        // 第五条第（三）项: the department is asked to assist; its note reaches the center; a center's staff cannot write one.
        r = await PostAsync(bureau, $"/Evaluations/Campaign?id={campaign}&handler=Assist", Form(("CaseIds", cases[0])));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(r));
        (await PostAsync(bureau, $"/Evaluations/Campaign?id={campaign}&handler=Assist", Form(("CaseIds", cases[0])))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var dept = await app.LoginAsync(await app.DepartmentOfficerForAsync(centers[0].LeadUnitId));
        var empty = await PostAsync(dept, $"/Evaluations/Case?id={cases[0]}&handler=AssistNote", Form(("Note", "")));
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorAsync(empty)).ShouldContain("请填写协助评估意见");
        r = await PostAsync(dept, $"/Evaluations/Case?id={cases[0]}&handler=AssistNote", Form(("Note", "经核实运行数据属实")));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(r));
        var applicant = await flow.ApplicantForAsync(centers[0].LeadUnitId);
        Html.Text(await (await applicant.GetAsync($"/Evaluations/Case?id={cases[0]}")).Content.ReadAsStringAsync()).ShouldContain("经核实运行数据属实");
        (await PostAsync(applicant, $"/Evaluations/Case?id={cases[0]}&handler=AssistNote", Form(("Note", "x")))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.Db(db => db.Activities.AsNoTracking().SingleAsync(a => a.CaseId == cases[0] && a.Action == EvaluationAssessors.NoteAttempt)))
            .Article.ShouldBe("第五条第（三）项");
    }

    [Fact]
    public async Task Where_the_pack_names_no_experts_assigning_them_is_refused_citing_the_pack_and_the_department_may_still_assist()
    {
        const string j = "xpcc-12th-division";
        var bureau = await flow.BureauAsync(j);
        var centers = await flow.CentersAsync(j, new DateOnly(2000, 4, 1), 1);
        var campaign = await flow.OpenAsync(bureau, 2005, centers);
        var cases = await flow.OpenCasesAsync(bureau, campaign);
        var r = await AssignAsync(bureau, campaign, cases, 1);
        r.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ErrorAsync(r)).ShouldContain("未规定委托专家评估（第二十条");
        Html.Text(await (await bureau.GetAsync($"/Evaluations/Campaign?id={campaign}")).Content.ReadAsStringAsync()).ShouldContain("未规定委托专家评估");
        r = await PostAsync(bureau, $"/Evaluations/Campaign?id={campaign}&handler=Assist", Form());
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(r));
        (await app.Db(db => db.Activities.AsNoTracking().SingleAsync(a => a.CaseId == cases[0] && a.Action == EvaluationAssessors.AssistAttempt))).Article.ShouldBe("第七条第4项");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteEvaluationAssessorTests(SqliteAppFixture app) : EvaluationAssessorTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresEvaluationAssessorTests(PostgresAppFixture app) : EvaluationAssessorTests(app);
