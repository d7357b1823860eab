using System.Net;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Tests.Features.Centers;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;
using static TechCenters.Web.Tests.Features.Centers.CenterFlow;

namespace TechCenters.Web.Tests.Features.AnnualReports;

/// <summary>Annual reports as cases: schedule, checks, receipt, review chain, returns, timeliness and what lateness is, through HTTP.</summary>
public abstract class AnnualReportTests(AppFixture app)
{
    private readonly CenterFlow flow = new(app);
    private const string Xpcc = "xpcc-12th-division";

    [Fact]
    public async Task Xpcc_report_walks_host_co_builders_department_bureau_with_checks_receipt_a_return_and_lateness_as_a_ground()
    {
        var c = await flow.NewCenterAsync(Xpcc);
        var year = app.Today.Year - 1;
        var bureau = await flow.BureauAsync(Xpcc);
        var (opened, id) = await flow.OpenAsync(bureau, c.Id, year);
        Redirected(opened);
        var r = await flow.ReportAsync(id!.Value);
        r.DueOn.ShouldBe(new DateOnly(year + 1, 1, 31)); // 第十九条 次年1月31日前
        r.Case.DueOn.ShouldBe(r.DueOn);
        r.Case.Holder.ShouldBe("lead_unit");
        (await flow.OpenAsync(bureau, c.Id, year)).Response.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // The inbox shows it to the lead unit with its due date (overdue: the fixture's today is after 31 January).
        var lead = await flow.ApplicantAsync(Xpcc);
        (await lead.GetStringAsync("/Inbox")).ShouldContain(r.Case.Title);

        // Totals that do not add up block the submission with a Chinese message; nothing is submitted.
        var wrong = GoodFigures.Select(f => f.Item1 == "fig:annual_report.funding_total" ? (f.Item1, (object?)"1000万") : f).ToArray();
        var refused = await flow.SubmitAsync(lead, id.Value, await flow.ContentAsync(id.Value, wrong));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.TextAsync()).ShouldContain("与各项来源之和");
        (await flow.ReportAsync(id.Value)).VersionCount.ShouldBe(0);

        Redirected(await flow.SubmitAsync(lead, id.Value, await flow.ContentAsync(id.Value, GoodFigures)));
        r = await flow.ReportAsync(id.Value);
        r.ReceiptNumber.ShouldNotBeNull();
        r.Case.StageId.ShouldBe("review_co_builders");
        r.Late.ShouldBe(true);
        var kept = await app.Db(db => db.CaseVerdicts.Where(v => v.CaseId == id).OrderBy(v => v.Id).ToListAsync());
        kept.Select(v => v.Purpose).ShouldBe(["提交", "逾期"]);
        kept[0].Outcome.ShouldBe("fail"); // 第十九条: late
        kept[1].VerdictJson.ShouldContain("第二十二条第5项"); // 不能按时保质提交 → a ground the bureau decides on

        // Order and authority: the lead unit cannot pass its own report on; the department is not yet holder.
        (await flow.MoveAsync(lead, id.Value)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var dept = await flow.DeptAsync(Xpcc);
        (await flow.MoveAsync(dept, id.Value)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var co = await flow.CoBuilderAsync(c);
        Redirected(await flow.MoveAsync(co, id.Value));
        (await flow.ReportAsync(id.Value)).Case.StageId.ShouldBe("review_department");
        (await flow.ReturnAsync(dept, id.Value, " ")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Redirected(await flow.ReturnAsync(dept, id.Value, "请补充成果转化情况"));
        r = await flow.ReportAsync(id.Value);
        (r.Case.StageId, r.Case.ReturnReason, r.Case.DueOn).ShouldBe(("draft", "请补充成果转化情况", r.DueOn));
        (await lead.GetStringAsync($"/AnnualReports/{id}")).ShouldContain("请补充成果转化情况");

        Redirected(await flow.SubmitAsync(lead, id.Value, await flow.ContentAsync(id.Value, GoodFigures)));
        Redirected(await flow.MoveAsync(co, id.Value));
        Redirected(await flow.MoveAsync(dept, id.Value));
        Redirected(await flow.MoveAsync(bureau, id.Value));
        r = await flow.ReportAsync(id.Value);
        (r.Case.StageId, r.VersionCount, r.Case.Holder).ShouldBe(("accepted", 2, (string?)null));
        var actions = await app.Db(db => db.Activities.Where(a => a.CaseId == id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        actions.ShouldContain("提交年度报告");
        actions.ShouldContain("逾期提交");
        actions.ShouldContain("退回修改");

        // The bureau's list by status, its export, and the report as DOCX.
        (await bureau.GetStringAsync($"/AnnualReports?year={year}&status=accepted")).ShouldContain(c.Name);
        (await bureau.GetStringAsync($"/AnnualReports?year={year}&status=late")).ShouldContain(c.Name);
        var x = await bureau.GetAsync($"/AnnualReports?year={year}&handler=Export");
        x.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var docx = await lead.GetAsync($"/AnnualReports/{id}?handler=Docx");
        docx.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await docx.Content.ReadAsByteArrayAsync()).Length.ShouldBeGreaterThan(1000);
        (await (await flow.BureauAsync("chongqing-wanzhou")).GetAsync($"/AnnualReports/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bureau.GetAsync("/AnnualReports?status=bogus")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Bug_0402_a_center_without_co_builders_is_not_held_at_a_co_builder_review_nobody_can_do()
    {
        // 第十九条 names the co-builders' review; a center with none (or whose co-builders all left) once waited there for nobody.
        var c = await flow.NewCenterAsync(Xpcc);
        await app.Db(db => db.CenterCoBuilders.Where(b => b.CenterId == c.Id).ExecuteDeleteAsync());
        var (opened, id) = await flow.OpenAsync(await flow.BureauAsync(Xpcc), c.Id, app.Today.Year - 1);
        Redirected(opened);
        Redirected(await flow.SubmitAsync(await flow.ApplicantAsync(Xpcc), id!.Value, await flow.ContentAsync(id.Value, GoodFigures)));
        var r = await flow.ReportAsync(id.Value);
        r.Case.StageId.ShouldBeOneOf("review_department", "review_bureau");
        r.Case.Holder.ShouldNotBe("co_builders");
        Redirected(await flow.MoveAsync(r.Case.StageId == "review_department" ? await flow.DeptAsync(Xpcc) : await flow.BureauAsync(Xpcc), id.Value));
    }

    [Fact]
    public async Task Bug_0401_the_approval_page_does_not_claim_a_wanzhou_report_the_bureau_accepts_with_a_plain_move()
    {
        const string wz = "chongqing-wanzhou";
        var c = await flow.NewCenterAsync(wz);
        var bureau = await flow.BureauAsync(wz);
        var id = (await flow.OpenAsync(bureau, c.Id, app.Today.Year - 1)).Id!.Value;
        (await flow.ReportAsync(id)).DueOn.ShouldBe(new DateOnly(app.Today.Year, 1, 30)); // 第十九条 次年1月30日前
        var lead = await flow.ApplicantAsync(wz);
        Redirected(await flow.SubmitAsync(lead, id, await flow.ContentAsync(id, GoodFigures)));
        Redirected(await flow.MoveAsync(bureau, id));
        (await flow.ReportAsync(id)).Case.StageId.ShouldBe("accepted");
    }

    /// <summary>
    /// A report year the list does not hold is refused on the page itself with its message, both sides of each bound, and
    /// 发起 with such a year opens nothing (Bug 0403: the list answered a bare text 400, and its year field took any number,
    /// 100000000 among them, which the deadline rule had once thrown on, Bug 0335).
    /// </summary>
    [Fact]
    public async Task Bug_0403_an_impossible_report_year_is_refused_on_the_page_with_its_message()
    {
        var c = await flow.NewCenterAsync(Xpcc);
        var bureau = await flow.BureauAsync(Xpcc);
        var last = app.Today.Year;
        var message = $"报告年度应在 2000 至 {last} 之间。";
        foreach (var (year, ok) in new[] { (1999, false), (2000, true), (last, true), (last + 1, false), (100000000, false) })
        {
            var r = await bureau.GetAsync($"/AnnualReports?year={year}");
            r.StatusCode.ShouldBe(ok ? HttpStatusCode.OK : HttpStatusCode.BadRequest, $"{year}");
            r.Content.Headers.ContentType!.MediaType.ShouldBe("text/html", $"{year}");
            var html = await r.Content.ReadAsStringAsync();
            html.ShouldContain("<h2 class=\"page-title\">年度报告</h2>");
            if (ok) html.ShouldNotContain(message);
            else Html.Text(html).ShouldContain(message);
        }
        var page = await bureau.GetStringAsync("/AnnualReports");
        page.ShouldContain($"min=\"2000\" max=\"{last}\"");

        var (opened, id) = await flow.OpenAsync(bureau, c.Id, 100000000);
        opened.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await opened.TextAsync()).ShouldContain(message);
        id.ShouldBeNull();
        (await app.Db(db => db.AnnualReports.CountAsync(r => r.CenterId == c.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task Cangzhou_owes_no_report_and_says_so()
    {
        var c = await flow.NewCenterAsync("cangzhou");
        var (r, id) = await flow.OpenAsync(await flow.BureauAsync("cangzhou"), c.Id, app.Today.Year - 1);
        r.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await r.TextAsync()).ShouldContain("无需报送");
        id.ShouldBeNull();
        (await (await flow.BureauAsync("cangzhou")).GetStringAsync($"/AnnualReports?year={app.Today.Year - 1}&status=none")).ShouldContain(c.Name);
    }

    [Fact]
    public async Task Hohhot_self_evaluation_is_owed_by_the_end_of_January_unless_the_department_evaluated_that_year()
    {
        var year = app.Today.Year - 1;
        var owing = await flow.NewCenterAsync("hohhot");
        var evaluated = await flow.NewCenterAsync("hohhot");
        await app.Db(async db =>
        {
            var center = await db.Centers.FirstAsync(x => x.Id == evaluated.Id);
            db.Cases.Add(new TechCenters.Web.Features.Cases.Case
            {
                Kind = "evaluation", JurisdictionId = center.JurisdictionId, CenterId = center.Id, LeadUnitId = center.LeadUnitId, Title = "部门评价", PackVersion = center.PackVersion,
                PackDocument = center.PackDocument, StageId = "—", Step = "review", CreatedAt = new DateTimeOffset(year, 6, 1, 2, 0, 0, TimeSpan.Zero), UpdatedAt = app.Clock.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        var bureau = await flow.BureauAsync("hohhot");
        var (ok, id) = await flow.OpenAsync(bureau, owing.Id, year);
        Redirected(ok);
        (await flow.ReportAsync(id!.Value)).DueOn.ShouldBe(new DateOnly(year + 1, 1, 31)); // 1月底前
        var (waived, none) = await flow.OpenAsync(bureau, evaluated.Id, year);
        waived.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await waived.TextAsync()).ShouldContain("第二十三条");
        none.ShouldBeNull();
    }

    [Fact]
    public async Task Xpcc_report_submitted_at_2359_on_the_due_day_is_on_time_and_at_0000_the_next_day_late()
    {
        // Reports for the current year are due on 31 January next year; the clock moves there (it only moves forward).
        var year = app.Today.Year;
        var a = await flow.NewCenterAsync(Xpcc);
        var b = await flow.NewCenterAsync(Xpcc);
        var bureau = await flow.BureauAsync(Xpcc);
        var ida = (await flow.OpenAsync(bureau, a.Id, year)).Id!.Value;
        var idb = (await flow.OpenAsync(bureau, b.Id, year)).Id!.Value;
        var due = new DateTimeOffset(year + 1, 1, 31, 23, 59, 0, TimeSpan.FromHours(8));
        app.Time.SetUtcNow(due.ToUniversalTime()); // the clock holds UTC (Npgsql writes UTC only)
        var lead = await flow.ApplicantAsync(Xpcc);
        Redirected(await flow.SubmitAsync(lead, ida, await flow.ContentAsync(ida, GoodFigures)));
        (await flow.ReportAsync(ida)).Late.ShouldBe(false);
        app.Time.Advance(TimeSpan.FromMinutes(1)); // 00:00 on 1 February, Asia/Shanghai
        lead = await flow.ApplicantAsync(Xpcc);
        Redirected(await flow.SubmitAsync(lead, idb, await flow.ContentAsync(idb, GoodFigures)));
        var late = await flow.ReportAsync(idb);
        (late.Late, late.FirstSubmittedOn).ShouldBe((true, new DateOnly(year + 1, 2, 1)));
    }
}

[Collection(CenterSqliteCollection.Name)]
public sealed class AnnualReportTests_Sqlite(SqliteAppFixture app) : AnnualReportTests(app);

[Collection(CenterPostgresCollection.Name)]
public sealed class AnnualReportTests_Postgres(PostgresAppFixture app) : AnnualReportTests(app);
