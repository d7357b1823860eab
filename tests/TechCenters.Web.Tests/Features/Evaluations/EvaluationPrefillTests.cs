using System.Net;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using TechCenters.Policy.Rules;
using TechCenters.Web.Tests.Features.Centers;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;
using static TechCenters.Web.Tests.Selecting.SelectingFlow;

namespace TechCenters.Web.Tests.Features.Evaluations;

/// <summary>
/// Issue 14 item 3: a center's self-evaluation starts from its latest accepted annual report up to the campaign's year —
/// sections and figures, the source named (“取自 2007 年度报告”) — and the center edits it before submitting.
/// </summary>
public abstract class EvaluationPrefillTests(AppFixture app)
{
    private const string Xpcc = "xpcc-12th-division";
    private readonly EvaluationFlow flow = new(app);
    private readonly CenterFlow centers = new(app);

    /// <summary>The center's report for <paramref name="year"/> with “其中：研发人员” = <paramref name="rdStaff"/>, submitted, and accepted through the whole review chain when <paramref name="accept"/>.</summary>
    private async Task ReportAsync(HttpClient bureau, HttpClient lead, HttpClient dept, HttpClient co, int center, int year, int rdStaff, bool accept)
    {
        var (opened, id) = await centers.OpenAsync(bureau, center, year);
        CenterFlow.Redirected(opened, $"{year}年度报告");
        var figures = CenterFlow.GoodFigures.Select(f => f.Item1 == "fig:annual_report.rd_staff" ? (f.Item1, (object?)rdStaff.ToString()) : f).ToArray();
        CenterFlow.Redirected(await centers.SubmitAsync(lead, id!.Value, await centers.ContentAsync(id.Value, figures)));
        for (var i = 0; accept && i < 6; i++)
        {
            var r = await centers.ReportAsync(id.Value);
            if (r.Case.Step == StageSteps.Approval) return;
            var who = r.Case.Holder switch { "co_builders" => co, "department" => dept, _ => bureau };
            CenterFlow.Redirected(await centers.MoveAsync(who, id.Value), $"{year}年度报告：{r.Case.StageId}");
        }
        if (accept) (await centers.ReportAsync(id.Value)).Case.Step.ShouldBe(StageSteps.Approval);
    }

    [Fact]
    public async Task Xpcc_self_evaluation_starts_from_the_latest_accepted_annual_report_up_to_the_year_with_its_source_and_stays_editable()
    {
        var since2005 = (app.Today.Year - 2005) * 12;
        var reported = await centers.NewCenterAsync(Xpcc, monthsAgo: since2005);
        var bare = await centers.NewCenterAsync(Xpcc, monthsAgo: since2005);
        var bureau = await centers.BureauAsync(Xpcc);
        var lead = await centers.ApplicantAsync(Xpcc);
        var dept = await centers.DeptAsync(Xpcc);
        var co = await centers.CoBuilderAsync(reported);
        await ReportAsync(bureau, lead, dept, co, reported.Id, 2006, 30, accept: true);
        await ReportAsync(bureau, lead, dept, co, reported.Id, 2007, 36, accept: true);  // the latest accepted up to 2008
        await ReportAsync(bureau, lead, dept, co, reported.Id, 2008, 40, accept: false); // submitted, not accepted
        await ReportAsync(bureau, lead, dept, co, reported.Id, 2009, 44, accept: true);  // after the campaign's year

        var campaign = await flow.OpenAsync(bureau, 2008, [reported, bare]);
        var cases = await flow.OpenCasesAsync(bureau, campaign);
        cases.Count.ShouldBe(2);
        var byCenter = await app.Db(db => db.Evaluations.AsNoTracking().Where(e => cases.Contains(e.Id)).ToDictionaryAsync(e => e.CenterId));

        var e = byCenter[reported.Id];
        e.PrefillSource.ShouldBe("中心档案及年度报告：取自 2007 年度报告（已审核通过）");
        e.SelfEvaluation.ShouldNotBeNull();
        e.SelfEvaluation.ShouldContain($"{reported.Name}，2005年");
        e.SelfEvaluation.ShouldContain("（以下取自 2007 年度报告，请按本年度情况修改补充。）");
        e.SelfEvaluation.ShouldContain("本年度围绕关键技术攻关推进各项工作。"); // the report's sections
        e.SelfEvaluation.ShouldContain("三、建设运行客观数据（取自 2007 年度报告）");
        e.SelfEvaluation.ShouldContain("其中：研发人员：36 人");
        e.SelfEvaluation.ShouldContain("当年建设运行经费总额：11,000,000 元");
        foreach (var other in new[] { 30, 40, 44 }) e.SelfEvaluation.ShouldNotContain($"其中：研发人员：{other} 人");

        var none = byCenter[bare.Id];
        none.PrefillSource.ShouldBe("中心档案（批准信息、牵头与共建单位、主任）；尚无审核通过的年度报告");
        none.SelfEvaluation!.ShouldNotContain("年度报告");

        // The center sees it pre-filled with its source, in a field it can edit; what it saves is what is kept.
        var applicant = await flow.ApplicantForAsync(reported.LeadUnitId);
        var page = await applicant.GetStringAsync($"/Evaluations/Case?id={e.Id}");
        Html.Text(page).ShouldContain("预填来源：中心档案及年度报告：取自 2007 年度报告（已审核通过）；请按本年度情况修改后提交");
        page.ShouldContain("其中：研发人员：36 人");
        var field = page[page.IndexOf("id=\"SelfEvaluation\"", StringComparison.Ordinal)..];
        field[..field.IndexOf('>')].ShouldNotContain("readonly");
        var edited = e.SelfEvaluation.Replace("其中：研发人员：36 人", "其中：研发人员：38 人（2008年末）");
        var saved = await PostAsync(applicant, $"/Evaluations/Case?id={e.Id}&handler=Save",
            Form(("Revision", await flow.RevisionAsync(e.Id)), ("SelfEvaluation", edited), ("Evidence", "2007年度报告及回执")));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(saved));
        (await flow.EvaluationAsync(e.Id)).SelfEvaluation!.ShouldContain("其中：研发人员：38 人（2008年末）");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteEvaluationPrefillTests(SqliteAppFixture app) : EvaluationPrefillTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresEvaluationPrefillTests(PostgresAppFixture app) : EvaluationPrefillTests(app);
