using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace TechCenters.Web.Tests.Browser;

/// <summary>
/// The 科研诚信记录 in the browser (issue 13 item 4), 万州: the bureau records a bad-credit finding against the demo
/// applicant's unit; the record shows it in effect; the unit's new application is judged on it — 万州 第八条第1项 (无不良信用
/// 记录) fails, citing the finding — before the applicant has declared anything.
/// </summary>
[Trait("Category", "Browser")]
public sealed class IntegrityBrowserTests(ApplyingLiveAppToday live, ITestOutputHelper output) : IClassFixture<ApplyingLiveAppToday>
{
    private Task<IPage> LoginAsync(string userName) => live.Browser!.LoginAsync(live.BaseUrl, userName, output);

    private Task Shot(IPage page, string name) => page.ShotAsync(name, output);

    [Fact]
    public async Task Integrity_record_chongqing_wanzhou_a_finding_shows_on_the_record_and_fails_the_units_new_application()
    {
        int unitId;
        await using (var scope = live.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            unitId = await db.Users.Where(u => u.UserName == "wz-applicant").Select(u => u.UnitId!.Value).SingleAsync();
        }
        var today = live.Services.GetRequiredService<Clock>().Today;
        var number = $"渝信惩〔{today.Year}〕{Guid.NewGuid().ToString("N")[..4]}号";

        // The bureau records the finding on /Integrity.
        var bureau = await LoginAsync("wz-bureau");
        await bureau.GotoAsync(live.BaseUrl + "/Integrity");
        await bureau.SelectOptionAsync("[data-testid=subject-kind]", "unit");
        await bureau.SelectOptionAsync("[data-testid=unit]", unitId.ToString());
        await bureau.SelectOptionAsync("[data-testid=category]", "bad_credit");
        await bureau.FillAsync("[data-testid=what]", "申报材料弄虚作假，列入严重失信主体名单");
        await bureau.FillAsync("#Input_LegalBasis", "《科学技术进步法》第一百一十二条");
        await bureau.FillAsync("#Input_DocumentNumber", number);
        await bureau.FillAsync("[data-testid=found-on]", today.AddMonths(-6).ToString("yyyy-MM-dd"));
        await bureau.FillAsync("#Input_Years", "3");
        await bureau.ClickAsync("[data-testid=record]");
        await bureau.Locator("[data-testid=done]").WaitForAsync();
        var row = bureau.Locator("[data-testid=finding-list] tr", new() { HasText = number });
        await row.WaitForAsync();
        var rowText = await row.InnerTextAsync();
        rowText.ShouldContain("在效");
        rowText.ShouldContain("不良信用记录");
        // The page returns at the new row's anchor: the full-page shot starts from the top.
        await bureau.EvaluateAsync("window.scrollTo(0, 0)");
        await Shot(bureau, "integrity-wz-1-recorded");

        // The unit's new application: the credit condition fails on the record, the finding cited.
        var applicant = await LoginAsync("wz-applicant");
        await applicant.ClickAsync("[data-testid=todo-list] a[href^='/Calls/']");
        await applicant.FillAsync("#CenterName", "重庆市万州区智能制造技术创新中心");
        await applicant.ClickAsync("[data-testid=start-application]");
        var panel = applicant.Locator("[data-testid=eligibility-panel]");
        await panel.WaitForAsync();
        var failing = panel.Locator("[data-outcome=Fail]", new() { HasText = number });
        await failing.First.WaitForAsync();
        (await failing.First.InnerTextAsync()).ShouldContain("第八条");
        (await panel.GetAttributeAsync("data-outcome")).ShouldBe("Fail");
        await Shot(applicant, "integrity-wz-2-application-fails");
        var panelShot = Path.Combine(LiveApp.ScreenshotDir(), "integrity-wz-3-eligibility-panel.png");
        await panel.ScreenshotAsync(new LocatorScreenshotOptions { Path = panelShot });
        output.WriteLine($"截图: {panelShot}");
    }
}
