using System.Net;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;
using static TechCenters.Web.Tests.Features.Centers.CenterFlow;

namespace TechCenters.Web.Tests.Features.Centers;

/// <summary>Governance bodies, filing, judgement words, meetings and yearly duties, each rule on both sides of its bound, through HTTP.</summary>
public abstract class CenterRunningTests(AppFixture app)
{
    private readonly CenterFlow flow = new(app);
    private const string Xpcc = "xpcc-12th-division";
    private const string Wz = "chongqing-wanzhou";

    [Fact]
    public async Task Xpcc_council_of_four_fails_and_of_five_passes_and_filing_goes_to_whom_the_pack_names()
    {
        var c = await flow.NewCenterAsync(Xpcc);
        var lead = await flow.ApplicantAsync(Xpcc);
        Redirected(await SaveBodyAsync(lead, c.Id, "council", Of(4)));
        (await OutcomeAsync(lead, c.Id, "council-size")).ShouldBe("Fail");
        Redirected(await SaveBodyAsync(lead, c.Id, "council", Of(5)));
        (await OutcomeAsync(lead, c.Id, "council-size")).ShouldBe("Pass");
        var history = await app.Db(db => db.CenterHistory.Where(h => h.CenterId == c.Id).OrderBy(h => h.Id).ToListAsync());
        history.Count.ShouldBe(2);
        history[1].Note!.ShouldContain("第 2 版");

        // The expert committee is filed with the bureau and the department (第十三条 / 附2): one per version; the council with nobody.
        Redirected(await SaveBodyAsync(lead, c.Id, "expert_committee", Of(7)));
        (await OutcomeAsync(lead, c.Id, "expert-committee-size")).ShouldBe("Pass");
        Redirected(await PostAsync(lead, $"/Centers/Workspace?id={c.Id}&handler=File", ("body", "expert_committee"), ("recipient", "bureau")));
        var again = await PostAsync(lead, $"/Centers/Workspace?id={c.Id}&handler=File", ("body", "expert_committee"), ("recipient", "bureau"));
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.TextAsync()).ShouldContain("已向");
        var council = await PostAsync(lead, $"/Centers/Workspace?id={c.Id}&handler=File", ("body", "council"), ("recipient", "bureau"));
        council.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var filing = await app.Db(db => db.GovernanceFilings.SingleAsync(f => f.CenterId == c.Id));
        (filing.Version, filing.Recipient, filing.Article).ShouldBe((1, "bureau", filing.Article));
        filing.Composition.ShouldContain("外部0");
        // A new composition needs filing again.
        Redirected(await SaveBodyAsync(lead, c.Id, "expert_committee", Of(8)));
        (await OutcomeAsync(lead, c.Id, "expert-committee-filed-bureau")).ShouldNotBe("Pass");

        // Order and authority: the bureau reads but does not record; another jurisdiction does not see it; bad input is a 400.
        var bureau = await flow.BureauAsync(Xpcc);
        (await SaveBodyAsync(bureau, c.Id, "council", Of(5))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await flow.BureauAsync(Wz)).GetAsync($"/Centers/Workspace?id={c.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var bad = await PostAsync(lead, $"/Centers/Workspace?id={c.Id}&handler=Body", ("body", "council"), ("m0.name", "张三"), ("m0.employer", "某单位"), ("m0.affiliation", "martian"), ("m0.role", "member"));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.TextAsync()).ShouldContain("请选择人员来源");
        (await app.Db(db => db.AuditEntries.CountAsync(a => a.ObjectType == "技术创新中心" && a.ObjectId == c.Id.ToString() && a.Outcome != "成功"))).ShouldBeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public async Task Wanzhou_builders_at_exactly_one_third_pass_above_fail_and_a_chair_from_the_lead_unit_waits_for_the_bureau()
    {
        var c = await flow.NewCenterAsync(Wz);
        var lead = await flow.ApplicantAsync(Wz);
        Redirected(await SaveBodyAsync(lead, c.Id, "expert_committee", Of(4, lead: 2)));
        (await OutcomeAsync(lead, c.Id, "expert-committee-builders")).ShouldBe("Pass"); // 2/6 = 1/3, 不超过 includes it
        Redirected(await SaveBodyAsync(lead, c.Id, "expert_committee", Of(4, lead: 3)));
        (await OutcomeAsync(lead, c.Id, "expert-committee-builders")).ShouldBe("Fail"); // 3/7

        // 第十三条 “一般应由非牵头单位的人员担任”: a chair from the lead unit is the bureau's call, with a reason kept.
        Redirected(await SaveBodyAsync(lead, c.Id, "expert_committee", Of(4, lead: 2, chair: "lead")));
        (await OutcomeAsync(lead, c.Id, "expert-committee-chair")).ShouldBe("NeedsJudgement");
        (await PostAsync(lead, $"/Centers/Workspace?id={c.Id}&handler=Judge", ("rule", "expert-committee-chair"), ("answer", "pass"), ("reason", "自己认定")))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var bureau = await flow.BureauAsync(Wz);
        var noReason = await PostAsync(bureau, $"/Centers/Workspace?id={c.Id}&handler=Judge", ("rule", "expert-committee-chair"), ("answer", "pass"), ("reason", " "));
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.TextAsync()).ShouldContain("认定理由");
        Redirected(await PostAsync(bureau, $"/Centers/Workspace?id={c.Id}&handler=Judge", ("rule", "expert-committee-chair"), ("answer", "pass"), ("reason", "该专家为国内知名学者，经研究同意")));
        (await OutcomeAsync(bureau, c.Id, "expert-committee-chair")).ShouldBe("Pass");
        // The answer holds for the version judged only.
        Redirected(await SaveBodyAsync(lead, c.Id, "expert_committee", Of(5, lead: 2, chair: "lead")));
        (await OutcomeAsync(lead, c.Id, "expert-committee-chair")).ShouldBe("NeedsJudgement");
    }

    [Fact]
    public async Task Xpcc_a_major_matter_short_of_two_thirds_of_all_members_is_refused_and_at_two_thirds_recorded()
    {
        var c = await flow.NewCenterAsync(Xpcc);
        var lead = await flow.ApplicantAsync(Xpcc);
        Redirected(await SaveBodyAsync(lead, c.Id, "council", Of(6)));
        var day = app.Today.AddDays(-3).ToString("yyyy-MM-dd");
        (string, object?)[] Meeting(int votesFor) =>
        [
            ("body", "council"), ("heldOn", day), ("attendees", "外部0、外部1、外部2、外部3、外部4"),
            ("x0.title", "调整研发方向"), ("x0.major", "true"), ("x0.for", votesFor), ("x0.against", 5 - votesFor), ("x0.abstain", 0),
        ];
        var refused = await PostAsync(lead, $"/Centers/Workspace?id={c.Id}&handler=Meeting", Meeting(3)); // 3/6 < 2/3
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.TextAsync()).ShouldContain("附2第一部分第3项");
        (await app.Db(db => db.BodyMeetings.CountAsync(m => m.CenterId == c.Id))).ShouldBe(0);
        Redirected(await PostAsync(lead, $"/Centers/Workspace?id={c.Id}&handler=Meeting", Meeting(4))); // 4/6 = 2/3
        var m = await app.Db(db => db.BodyMeetings.Include(x => x.Matters).SingleAsync(x => x.CenterId == c.Id));
        (m.Attended, m.MembersTotal, m.Matters.Single().Passed).ShouldBe((5, 6, true));
        // More attendees than members, or a date in the future, is a 400.
        (await PostAsync(lead, $"/Centers/Workspace?id={c.Id}&handler=Meeting", ("body", "council"), ("heldOn", app.Today.AddDays(5).ToString("yyyy-MM-dd")), ("attendees", "外部0")))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Xpcc_yearly_minimums_are_declared_and_judged_with_their_articles_and_a_year_without_a_meeting_shows()
    {
        var c = await flow.NewCenterAsync(Xpcc);
        var lead = await flow.ApplicantAsync(Xpcc);
        var year = app.Today.Year - 1;
        Redirected(await PostAsync(lead, $"/Centers/Workspace?id={c.Id}&handler=Year", ("year", year),
            ("op:operation.transfer_net_income", "100万"), ("op:operation.inventor_income", "60万")));
        (await OutcomeAsync(lead, c.Id, "inventor-share", "year-duties")).ShouldBe("NeedsJudgement"); // 60% < 70% “如：”
        Redirected(await PostAsync(lead, $"/Centers/Workspace?id={c.Id}&handler=Year", ("year", year),
            ("op:operation.transfer_net_income", "100万"), ("op:operation.inventor_income", "70万")));
        (await OutcomeAsync(lead, c.Id, "inventor-share", "year-duties")).ShouldBe("Pass");
        // No council meeting recorded that year: 附2第一部分第3项 at least once.
        (await OutcomeAsync(lead, c.Id, "council-meetings", "year-duties")).ShouldBe("Fail");
        var bad = await PostAsync(lead, $"/Centers/Workspace?id={c.Id}&handler=Year", ("year", year), ("op:operation.inventor_income", "很多"));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Xpcc_services_to_small_enterprises_are_counted_from_the_ledger_one_fails_two_pass_and_nobody_types_the_count()
    {
        var c = await flow.NewCenterAsync(Xpcc);
        var lead = await flow.ApplicantAsync(Xpcc);
        var year = app.Today.Year - 1;
        var url = $"/Centers/Workspace?id={c.Id}";
        var html = await lead.GetStringAsync(url);
        html.ShouldContain("data-testid=\"service-ledger\"");
        html.ShouldNotContain("name=\"op:operation.sme_services\"");   // counted, not typed
        html.ShouldNotContain("name=\"op:operation.service_ledger\"");
        (await OutcomeAsync(lead, c.Id, "sme-services", "year-duties")).ShouldBe("Fail");
        (await OutcomeAsync(lead, c.Id, "service-ledger", "year-duties")).ShouldBe("Fail");

        Task<HttpResponseMessage> Serve(HttpClient who, DateOnly? on, string client = "石河子某农机零部件公司") => PostAsync(who, $"{url}&handler=Service",
            ("servedOn", on?.ToString("yyyy-MM-dd")), ("client", client), ("content", "农机零部件检测"), ("outcome", "出具检测报告一份，协助改进热处理工艺"));
        Redirected(await Serve(lead, new DateOnly(year, 3, 1)));
        (await OutcomeAsync(lead, c.Id, "sme-services", "year-duties")).ShouldBe("Fail"); // 1, 附2 asks 不少于2次
        (await OutcomeAsync(lead, c.Id, "service-ledger", "year-duties")).ShouldBe("Pass");
        // A service of the following year does not count for this one.
        Redirected(await Serve(lead, new DateOnly(year + 1, 1, 2)));
        (await OutcomeAsync(lead, c.Id, "sme-services", "year-duties")).ShouldBe("Fail");
        Redirected(await Serve(lead, new DateOnly(year, 12, 31)));
        (await OutcomeAsync(lead, c.Id, "sme-services", "year-duties")).ShouldBe("Pass");

        // Bad rows are a 400 in Chinese and nothing is stored.
        foreach (var (bad, why) in new[]
                 {
                     (await Serve(lead, app.Today.AddDays(1)), "不能晚于今天"),
                     (await Serve(lead, c.ApprovedOn.AddDays(-1)), "不能早于中心批准日期"),
                     (await Serve(lead, null), "请填写服务日期"),
                     (await Serve(lead, new DateOnly(year, 5, 5), " "), "请填写服务对象"),
                     (await Serve(lead, new DateOnly(year, 5, 5), new string('企', 201)), "服务对象不能超过 200 字"),
                 })
        {
            bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await bad.Content.ReadAsStringAsync()).ShouldContain(why);
        }
        (await app.Db(db => db.ServiceLedger.CountAsync(s => s.CenterId == c.Id))).ShouldBe(3);

        // Only the lead unit records; the bureau reads and exports; another jurisdiction sees nothing.
        var bureau = await flow.BureauAsync(Xpcc);
        (await Serve(bureau, new DateOnly(year, 6, 1))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var x = await bureau.GetAsync($"{url}&handler=Ledger");
        x.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(await x.Content.ReadAsByteArrayAsync()), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        rows.Count.ShouldBe(3);
        rows.Select(r => r["服务日期"]?.ToString()).ShouldBe([$"{year}-03-01", $"{year}-12-31", $"{year + 1}-01-02"]);
        (await (await flow.BureauAsync(Wz)).GetAsync($"{url}&handler=Ledger")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.Db(db => db.AuditEntries.CountAsync(a => a.Action == "登记服务台账" && a.ObjectId == c.Id.ToString() && a.Outcome == TechCenters.Web.Features.Audit.AuditOutcome.Success))).ShouldBe(3);
        (await app.Db(db => db.AuditEntries.AnyAsync(a => a.Action == "导出服务台账" && a.ObjectId == c.Id.ToString()))).ShouldBeTrue();
    }

    [Fact]
    public async Task The_center_list_filters_pages_and_exports_within_scope()
    {
        var c = await flow.NewCenterAsync(Xpcc, monthsAgo: 4);
        var bureau = await flow.BureauAsync(Xpcc);
        var page = await (await bureau.GetAsync($"/Centers/Manage?status=construction&q={Uri.EscapeDataString(c.Name)}")).TextAsync();
        page.ShouldContain(c.Name);
        (await bureau.GetStringAsync($"/Centers/Manage?status=running&q={Uri.EscapeDataString(c.Name)}")).ShouldNotContain($"data-center=\"{c.Id}\"");
        (await (await flow.BureauAsync(Wz)).GetStringAsync($"/Centers/Manage?q={Uri.EscapeDataString(c.Name)}")).ShouldNotContain($"data-center=\"{c.Id}\"");
        var x = await bureau.GetAsync("/Centers/Manage?handler=Export");
        x.StatusCode.ShouldBe(HttpStatusCode.OK);
        x.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        (await bureau.GetAsync("/Centers/Manage?status=nonsense")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}

[Collection(CenterSqliteCollection.Name)]
public sealed class CenterRunningTests_Sqlite(SqliteAppFixture app) : CenterRunningTests(app);

[Collection(CenterPostgresCollection.Name)]
public sealed class CenterRunningTests_Postgres(PostgresAppFixture app) : CenterRunningTests(app);
