using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shouldly;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Data.Seed;
using TechCenters.Web.Features.Evaluations;
using Xunit;
using Xunit.Abstractions;

namespace TechCenters.Web.Tests.Browser;

/// <summary>
/// One walk per jurisdiction on the demo app: the bureau opens a campaign and keeps one center in it (the others excluded
/// with a reason), the center submits its materials, the reviewers pass them, the pack's scorer scores, the bureau confirms
/// the result (and publishes it where the pack publishes), and a grade that requires it opens a rectification.
/// </summary>
[Trait("Category", "Browser")]
public sealed class EvaluationBrowserTests(ApplyingLiveAppToday live, ITestOutputHelper output) : IClassFixture<ApplyingLiveAppToday>
{
    private Task<IPage> LoginAsync(string userName) => live.Browser!.LoginAsync(live.BaseUrl, userName, output);

    private Task Shot(IPage page, string name) => page.ShotAsync(name, output);

    private Task<T> Db<T>(Func<AppDbContext, Task<T>> q) => live.Services.Db(q);

    [Theory]
    [InlineData("xpcc-12th-division", "xpcc")]
    [InlineData("xinjiang", "xj")]
    [InlineData("hohhot", "hhht")]
    [InlineData("chongqing-wanzhou", "wz")]
    [InlineData("cangzhou", "cz")]
    public async Task Evaluation_walk_from_campaign_to_result(string slug, string shortName)
    {
        var year = DateTime.UtcNow.Year - 2;
        var bureau = await LoginAsync($"{shortName}-bureau");
        await bureau.GotoAsync(live.BaseUrl + "/Evaluations");
        await bureau.FillAsync("#Year", year.ToString());
        await bureau.ClickAsync("[data-testid=open]");
        await bureau.WaitForSelectorAsync("[data-testid=participants]");
        var campaignId = int.Parse(System.Text.RegularExpressions.Regex.Match(bureau.Url, @"id=(\d+)").Groups[1].Value);
        var centers = await bureau.Locator("[data-testid=participants] tbody tr").EvaluateAllAsync<int[]>("rs => rs.map(r => +r.dataset.center)");
        centers.Length.ShouldBeGreaterThan(0);
        var keep = centers[0];
        foreach (var center in centers)
        {
            var row = bureau.Locator($"[data-testid=participants] tr[data-center='{center}']");
            var included = (await row.TextContentAsync())!.Contains("不列入");
            if (included == (center == keep)) continue;
            await row.Locator("input[name=Reason]").FillAsync(center == keep ? "中心申请提前评估" : "本轮只评估一家中心（浏览器测试）");
            await row.Locator("button[type=submit]").ClickAsync();
            await bureau.WaitForSelectorAsync("[data-testid=flash]");
        }
        await Shot(bureau, $"evaluate-{slug}-01-participants");
        await bureau.ClickAsync("[data-testid=open-cases]");
        await bureau.WaitForSelectorAsync("[data-testid=flash]");
        var caseId = await Db(db => db.EvaluationParticipants.Where(p => p.CampaignId == campaignId && p.CenterId == keep).Select(p => p.CaseId!.Value).SingleAsync());
        var url = $"{live.BaseUrl}/Evaluations/Case?id={caseId}";

        var applicant = await LoginAsync($"{shortName}-applicant");
        await applicant.GotoAsync(url);
        (await applicant.InputValueAsync("#SelfEvaluation")).ShouldContain("基本情况");
        await applicant.ClickAsync("[data-testid=submit]");
        await applicant.WaitForSelectorAsync("[data-testid=flash]");
        await Shot(applicant, $"evaluate-{slug}-02-materials-submitted");

        while (await Db(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId)) is { Step: StageSteps.Review } c)
        {
            var reviewer = c.Holder == Actors.Department ? await LoginAsync($"{shortName}-dept") : bureau;
            await reviewer.GotoAsync(url);
            await reviewer.FillAsync("#Note", "材料完整、真实");
            await reviewer.ClickAsync("[data-testid=pass]");
            await reviewer.WaitForSelectorAsync("[data-testid=flash]");
        }
        var pack = live.Services.GetRequiredService<PolicyCatalog>().Versions(slug)[^1];
        var scoring = await Db(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId));
        scoring.Step.ShouldBe(StageSteps.Scoring);
        IPage scorer = bureau;
        if (Assessors.NoExperts(pack, pack.Process(ProcessKinds.Evaluation)!) is null)
        {
            // Experts assess (沧州 第二十五条): a draw for more experts than the pool has records the shortfall with every
            // exclusion's reason; the demo expert is then designated, scores on their own sheet, and the bureau records the conclusion.
            await bureau.GotoAsync($"{live.BaseUrl}/Evaluations/Campaign?id={campaignId}");
            await bureau.FillAsync("[data-testid=expert-size]", "30");
            await bureau.ClickAsync("[data-testid=draw-experts]");
            await bureau.WaitForSelectorAsync("[data-testid=draw-shortfall]");
            (await bureau.TextContentAsync("[data-testid=draw-shortfall]"))!.ShouldContain("人数由科技局确定");
            // A short draw is a warning naming the rule, not a success (Bug_0633).
            (await bureau.TextContentAsync("[data-testid=warning].alert-warning"))!.ShouldContain("人数由科技局确定");
            (await bureau.QuerySelectorAsync("[data-testid=flash]")).ShouldBeNull();
            await bureau.ClickAsync("[data-testid=expert-draws] details summary");
            await Shot(bureau, $"evaluate-{slug}-03a-expert-draw");
            var expertId = await Db(db => db.Users.Where(u => u.UserName == $"{shortName}-expert").Select(u => u.ExpertId!.Value).SingleAsync());
            await bureau.ClickAsync("[data-testid=assign-experts] details summary");
            await bureau.SelectOptionAsync("[data-testid=designate]", expertId.ToString());
            await bureau.ClickAsync("[data-testid=designate-submit]");
            (await bureau.TextContentAsync("[data-testid=flash]"))!.ShouldContain("已指派1名专家");
            // The experts hold the case now, by the pack's name for them (Bug_0631).
            await bureau.GotoAsync(url);
            (await bureau.TextContentAsync("body"))!.ShouldContain($"待{pack.Env.Actor(Actors.ExpertPanel)}办理");
            var expert = await LoginAsync($"{shortName}-expert");
            await expert.GotoAsync(url);
            foreach (var leaf in EvaluationRules.Indicators(pack)!.Leaves)
                await expert.FillAsync($"input[name='Scores[{leaf.Id}]']", (EvaluationRules.Indicators(pack)!.MaxScore(leaf) * 0.5m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture));
            await expert.FillAsync("#Conclusion", "材料基本完整，成果转化不足");
            await expert.ClickAsync("[data-testid=score-submit]");
            await expert.WaitForSelectorAsync("[data-testid=flash]");
            await Shot(expert, $"evaluate-{slug}-03b-expert-sheet");
            // Every sheet in: the bureau holds the conclusion step (Bug_0632).
            await bureau.GotoAsync(url);
            (await bureau.TextContentAsync("body"))!.ShouldContain($"待{pack.Env.Actor(Actors.Bureau)}办理");
        }
        else if (scoring.Holder == Actors.ThirdParty)
        {
            await bureau.GotoAsync($"{live.BaseUrl}/Evaluations/Campaign?id={campaignId}");
            await bureau.SelectOptionAsync("#OrganisationId", new SelectOptionValue { Index = 1 });
            await bureau.ClickAsync("[data-testid=entrust]");
            await bureau.WaitForSelectorAsync("[data-testid=flash]");
            scorer = await LoginAsync($"{shortName}-evaluator");
        }
        await scorer.GotoAsync(url);
        var table = EvaluationRules.Indicators(pack);
        if (table is not null)
            foreach (var leaf in table.Leaves)
                await scorer.FillAsync($"input[name='Scores[{leaf.Id}]']", (table.MaxScore(leaf) * 0.5m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture));
        else
        {
            var grades = EvaluationRules.Grades(pack);
            var grade = grades.FirstOrDefault(g => EvaluationRules.ConsequenceOf(pack, g)?.Rectifies == true) ?? grades[^1];
            await scorer.SelectOptionAsync("#Grade", grade);
        }
        await scorer.FillAsync("#Conclusion", "依据自评价报告和现场核查形成评估结论");
        await Shot(scorer, $"evaluate-{slug}-03-scoring");
        await scorer.ClickAsync("[data-testid=score-submit]");
        await scorer.WaitForSelectorAsync("[data-testid=flash]");

        await bureau.GotoAsync($"{live.BaseUrl}/Evaluations/Campaign?id={campaignId}");
        await bureau.FillAsync("#DecisionRecord", "局长办公会研究确定（浏览器测试）");
        await bureau.ClickAsync("[data-testid=confirm-results]");
        await bureau.WaitForSelectorAsync("[data-testid=flash]");
        (await bureau.TextContentAsync("[data-testid=campaign-status]"))!.ShouldBe("结果已确认");
        await bureau.WaitForSelectorAsync("#grade-chart canvas");
        await Shot(bureau, $"evaluate-{slug}-04-confirmed");
        if (EvaluationActions.Publication(pack) is not null)
        {
            await bureau.ClickAsync("[data-testid=publish]");
            await bureau.WaitForSelectorAsync("[data-testid=public-link]");
            var anonymous = await (await live.Browser!.NewTestContextAsync()).NewPageAsync();
            await anonymous.GotoAsync($"{live.BaseUrl}/Evaluations/Results?id={campaignId}");
            (await anonymous.TextContentAsync("[data-testid=public-results]"))!.ShouldContain(await Db(db => db.Centers.Where(c => c.Id == keep).Select(c => c.Name).SingleAsync()));
            await Shot(anonymous, $"evaluate-{slug}-05-published");
        }
        var final = await Db(db => db.Evaluations.AsNoTracking().SingleAsync(e => e.Id == caseId));
        if (EvaluationRules.ConsequenceOf(pack, final.FinalGrade!)?.Rectifies == true)
        {
            var rect = await Db(db => db.Rectifications.AsNoTracking().SingleAsync(r => r.EvaluationCaseId == caseId));
            await applicant.GotoAsync($"{live.BaseUrl}/Rectifications/Case?id={rect.Id}");
            (await applicant.TextContentAsync("[data-testid=deadline]"))!.ShouldBe(rect.Deadline.ToString("yyyy-MM-dd"));
            (await applicant.TextContentAsync("[data-testid=center-status]"))!.ShouldBe("整改中");
            await Shot(applicant, $"evaluate-{slug}-06-rectification");
        }
    }
}
