using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using TechCenters.Policy;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Experts;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;
using static TechCenters.Web.Tests.Selecting.SelectingFlow;

namespace TechCenters.Web.Tests.Features.Evaluations;

/// <summary>Regressions of the kinds' expert hooks (Bug_0636…): what 待办 calls an expert's work, as each kind names it.</summary>
public abstract class ExpertWorkRegressionTests(AppFixture app)
{
    private readonly EvaluationFlow flow = new(app);
    private const string Cz = "cangzhou";

    private PolicyPack Pack => app.Factory.Services.GetRequiredService<PolicyCatalog>().Versions(Cz)[^1];

    /// <summary>The workbench's figure of what waits for the expert (its label, linked to the expert's reviews).</summary>
    private static string Figure(string html) =>
        WebUtility.HtmlDecode(Regex.Match(html, "<div class=\"text-secondary\">\\s*<a href=\"/ExpertReviews\">([^<]*)</a>").Groups[1].Value).Trim();

    [Fact]
    public async Task Bug_0636_an_expert_with_only_evaluations_waiting_reads_待评估_not_待评审()
    {
        var bureau = await flow.BureauAsync(Cz);
        var centers = await flow.CentersAsync(Cz, new DateOnly(1997, 3, 1), 1);
        var campaign = await flow.OpenAsync(bureau, 2000, centers);
        var cases = await flow.OpenCasesAsync(bureau, campaign);
        await flow.ToScoringAsync(bureau, cases[0]);
        var expert = await app.Db(async db =>
        {
            var e = new Expert { JurisdictionId = Cz, Name = "待办措辞测试专家", Field = "新材料", Kind = ExpertiseKind.Technical, Employer = "外省某大学" };
            db.Experts.Add(e);
            await db.SaveChangesAsync();
            return e;
        });
        var r = await PostAsync(bureau, $"/Evaluations/Campaign?id={campaign}&handler=AssignExperts",
            Form(("Size", null)).Concat([new("CaseIds", cases[0].ToString()), new("ExpertIds", expert.Id.ToString())]));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(r));
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Expert, configure: u => { u.ExpertId = expert.Id; u.JurisdictionId = Cz; }));
        var title = await app.Db(db => db.Cases.Where(c => c.Id == cases[0]).Select(c => c.Title).SingleAsync());

        // Only an evaluation waits: the figure names 评估 alone (it said 待评审、评估), the item asks for the sheet.
        var html = await (await client.GetAsync("/Inbox")).Content.ReadAsStringAsync();
        Figure(html).ShouldBe("待评估");
        var text = Html.Text(html);
        text.ShouldContain($"评估：{title}");
        text.ShouldContain("请按评估指标体系提交专家评分表");
        text.ShouldNotContain($"评审：{title}");

        // The sheet in, nothing waits: the item is gone and the figure names all an expert may be asked to do.
        (await flow.ScoreAsync(client, cases[0], EvaluationRulesTests.ScoresFor(Pack, 80))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        html = await (await client.GetAsync("/Inbox")).Content.ReadAsStringAsync();
        Figure(html).ShouldBe("待评审、评估");
        Html.Text(html).ShouldNotContain($"评估：{title}");
        html.ShouldNotContain($"/Evaluations/Case?id={cases[0]}\"");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteExpertWorkRegressionTests(SqliteAppFixture app) : ExpertWorkRegressionTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresExpertWorkRegressionTests(PostgresAppFixture app) : ExpertWorkRegressionTests(app);
