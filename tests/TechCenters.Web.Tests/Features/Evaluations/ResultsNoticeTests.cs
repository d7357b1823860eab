using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Features.Evaluations;

/// <summary>
/// 评估结果通知 (issue 11: every decision document signed): the bureau's once confirmed, anyone's once published,
/// SM2-signed once, verifiable at /Verify, and a grade changed behind the platform's back shows as an altered notice.
/// </summary>
public abstract class ResultsNoticeTests(AppFixture app)
{
    private readonly EvaluationFlow flow = new(app);

    private static string Text(byte[] docx)
    {
        using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return word.MainDocumentPart!.Document!.Body!.InnerText;
    }

    [Fact]
    public async Task The_results_notice_is_signed_once_verifiable_public_only_when_published_and_a_later_grade_change_shows()
    {
        const string j = "cangzhou";
        var bureau = await flow.BureauAsync(j);
        var centers = await flow.CentersAsync(j, new DateOnly(2012, 5, 1), 2);
        var campaign = await flow.OpenAsync(bureau, 2015, centers);
        var cases = await flow.OpenCasesAsync(bureau, campaign);
        foreach (var c in cases) await flow.ToScoringAsync(bureau, c);
        var evaluator = await flow.EntrustAsync(bureau, j, campaign);
        var pack = ((TechCenters.Policy.PolicyCatalog)app.Factory.Services.GetService(typeof(TechCenters.Policy.PolicyCatalog))!).Versions(j)[^1];
        var byCase = new Dictionary<int, decimal> { [cases[0]] = 95m, [cases[1]] = 70m };
        foreach (var (id, total) in byCase)
            (await flow.ScoreAsync(evaluator, id, EvaluationRulesTests.ScoresFor(pack, total))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var url = $"/Evaluations/ResultsNotice?id={campaign}";

        // Before confirmation there is no notice, for anyone.
        (await bureau.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await flow.ConfirmAsync(bureau, campaign)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // Confirmed, not published: the bureau's alone.
        (await app.Client().GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await flow.BureauAsync("xinjiang")).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await flow.ApplicantForAsync(centers[0].LeadUnitId)).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var docx = await bureau.GetAsync(url + "&handler=Docx");
        docx.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = Text(await docx.Content.ReadAsByteArrayAsync());
        var best = await flow.EvaluationAsync(cases[0]);
        var bestCenter = centers.Single(c => c.Id == best.CenterId);
        text.ShouldContain($"优秀（1家）：{bestCenter.Name}");
        text.ShouldContain("合格（1家）");
        text.ShouldContain("2026年第3次局长办公会研究确定");
        // 沧州's text carries no document number: cited by its title once, not 《title》（title）.
        text.ShouldContain($"根据《{pack.Title}》{pack.Process(TechCenters.Policy.Rules.ProcessKinds.Evaluation)!.Article}的规定");
        text.ShouldNotContain($"（{pack.Title}）");
        var code = Regex.Match(text, "验证码 ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})").Groups[1].Value;
        code.ShouldNotBeEmpty();
        var number = $"评估〔2015〕{campaign}号";
        var verdict = Html.Text(await app.Client().GetStringAsync($"/Verify?number={Uri.EscapeDataString(number)}&code={code}"));
        verdict.ShouldContain("真实有效");
        verdict.ShouldContain("评估结果通知");
        (await bureau.GetAsync(url)).Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await app.Db(db => db.DocumentSignatures.CountAsync(s => s.Subject == $"evaluation:{campaign}"))).ShouldBe(1);
        (await app.Db(db => db.AuditEntries.CountAsync(a => a.Action.StartsWith("下载评估结果通知") && a.ObjectId == campaign.ToString()))).ShouldBe(2);

        // Published: anyone may download it.
        (await SelectingFlowPublishAsync(bureau, campaign)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var pub = await app.Client().GetAsync(url);
        pub.StatusCode.ShouldBe(HttpStatusCode.OK);
        pub.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");

        // A grade changed in the database without a case: the signature is genuine, the notice no longer matches.
        await app.Db(db => db.Evaluations.Where(e => e.Id == cases[1]).ExecuteUpdateAsync(s => s.SetProperty(e => e.FinalGrade, "优秀")));
        var altered = Html.Text(await app.Client().GetStringAsync($"/Verify?number={Uri.EscapeDataString(number)}&code={code}"));
        altered.ShouldContain("签发后被改动");
    }

    private static Task<HttpResponseMessage> SelectingFlowPublishAsync(HttpClient bureau, int campaign) =>
        TechCenters.Web.Tests.Selecting.SelectingFlow.PostAsync(bureau, $"/Evaluations/Campaign?id={campaign}&handler=Publish", TechCenters.Web.Tests.Selecting.SelectingFlow.Form());
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteResultsNoticeTests(SqliteAppFixture app) : ResultsNoticeTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresResultsNoticeTests(PostgresAppFixture app) : ResultsNoticeTests(app);
