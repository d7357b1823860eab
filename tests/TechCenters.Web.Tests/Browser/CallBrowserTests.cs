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
/// A call as the bureau publishes and withdraws it (issue 18 item 3), per jurisdiction: the draft is previewed as the
/// applicants will read it, confirmed and published; the applicant sees it among the open calls; the bureau withdraws it
/// with a reason; the applicant no longer finds it open and reads the reason on its page.
/// </summary>
public abstract class CallWalk(ApplyingLiveApp live, ITestOutputHelper output)
{
    private Task<IPage> LoginAsync(string userName) => live.Browser!.LoginAsync(live.BaseUrl, userName, output);

    private Task Shot(IPage page, string name) => page.ShotAsync(name, output);

    protected async Task WalkAsync(string slug, string shortName)
    {
        var clock = live.Services.GetRequiredService<Clock>();
        var now = clock.ToLocal(clock.UtcNow).DateTime;
        var title = $"关于申报{now:yyyy}年度技术创新中心的通知（预览撤回{Guid.NewGuid().ToString("N")[..4]}）";
        const string body = "申报单位应为在本辖区注册的独立法人。\n请于截止时间前通过平台在线提交申报书及附件。";

        // The bureau drafts the call and previews it as applicants will read it.
        var bureau = await LoginAsync($"{shortName}-bureau");
        await bureau.GotoAsync(live.BaseUrl + "/Calls/Publish");
        await bureau.FillAsync("#Title", title);
        await bureau.FillAsync("#PriorityFields", "智能制造\n新材料");
        await bureau.FillAsync("#OpensLocal", now.Date.ToString("yyyy-MM-ddTHH:mm"));
        await bureau.FillAsync("#ClosesLocal", now.Date.AddDays(30).AddHours(17).ToString("yyyy-MM-ddTHH:mm"));
        await bureau.FillAsync("#Body", body);
        await bureau.ClickAsync("[data-testid=preview]");
        var preview = bureau.Locator("[data-testid=call-preview]");
        await preview.WaitForAsync();
        var shown = await preview.InnerTextAsync();
        shown.ShouldContain(title);
        shown.ShouldContain("申报单位将看到的通知");
        shown.ShouldContain("请于截止时间前通过平台在线提交申报书及附件。");
        shown.ShouldContain("智能制造");
        (await bureau.Locator("[data-testid=preview-pack]").InnerTextAsync()).ShouldContain("起施行");
        // Nothing is public before the confirmation.
        (await Db(db => db.Calls.AnyAsync(c => c.Title == title))).ShouldBeFalse();
        await Shot(bureau, $"call-{shortName}-1-preview");

        // Confirmed (the dialog is answered 确定): published, and the call's page says so.
        await bureau.ClickAsync("[data-testid=confirm-publish]");
        await bureau.ArriveAsync(new System.Text.RegularExpressions.Regex(@"/Calls/\d+$"));
        await bureau.Locator("[data-testid=flash]").WaitForAsync();
        var callId = int.Parse(bureau.Url.Split('/')[^1]);
        (await Db(db => db.Calls.Where(c => c.Id == callId).Select(c => c.JurisdictionId).SingleAsync())).ShouldBe(slug);

        // The applicant finds it among the open calls.
        var applicant = await LoginAsync($"{shortName}-applicant");
        await applicant.GotoAsync(live.BaseUrl + "/Calls");
        var card = applicant.Locator("[data-testid=call-card]", new() { HasText = title });
        await card.WaitForAsync();
        await Shot(applicant, $"call-{shortName}-2-applicant-open");

        // The bureau withdraws it with a reason.
        await bureau.FillAsync("#Reason", "申报条件表述有误，将重新发布");
        await bureau.ClickAsync("[data-testid=withdraw-call]");
        var withdrawn = bureau.Locator("[data-testid=withdrawn]");
        await withdrawn.WaitForAsync();
        (await withdrawn.InnerTextAsync()).ShouldContain("申报条件表述有误，将重新发布");
        (await bureau.Locator("[data-testid=call-manage]").CountAsync()).ShouldBe(0);
        await Shot(bureau, $"call-{shortName}-3-withdrawn");

        // The applicant no longer sees it open; its page says why and offers no application.
        await applicant.GotoAsync(live.BaseUrl + "/Calls");
        (await applicant.Locator("[data-testid=call-card]", new() { HasText = title }).CountAsync()).ShouldBe(0);
        await applicant.GotoAsync(live.BaseUrl + $"/Calls/{callId}");
        (await applicant.Locator("[data-testid=withdrawn]").InnerTextAsync()).ShouldContain("申报条件表述有误，将重新发布");
        (await applicant.Locator("[data-testid=start-application]").CountAsync()).ShouldBe(0);
        await Shot(applicant, $"call-{shortName}-4-applicant-withdrawn");
    }

    private async Task<T> Db<T>(Func<AppDbContext, Task<T>> q)
    {
        await using var scope = live.Services.CreateAsyncScope();
        return await q(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}

[Trait("Category", "Browser")]
public sealed class CallBrowserTests(ApplyingLiveAppToday live, ITestOutputHelper output) : CallWalk(live, output), IClassFixture<ApplyingLiveAppToday>
{
    [Theory]
    [InlineData("xpcc-12th-division", "xpcc")]
    [InlineData("hohhot", "hhht")]
    [InlineData("chongqing-wanzhou", "wz")]
    [InlineData("cangzhou", "cz")]
    public Task Call_preview_publish_and_withdraw(string slug, string shortName) => WalkAsync(slug, shortName);
}

/// <summary>新疆's guideline was in force from 2023-01-27 to 2025-01-26: its walk runs on the 2024 clock.</summary>
[Trait("Category", "Browser")]
public sealed class CallBrowserTests2024(ApplyingLiveApp2024 live, ITestOutputHelper output) : CallWalk(live, output), IClassFixture<ApplyingLiveApp2024>
{
    [Theory]
    [InlineData("xinjiang", "xj")]
    public Task Call_preview_publish_and_withdraw(string slug, string shortName) => WalkAsync(slug, shortName);
}
