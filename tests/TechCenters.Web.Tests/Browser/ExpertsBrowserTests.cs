using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Data.Seed;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Experts;
using Xunit;
using Xunit.Abstractions;

namespace TechCenters.Web.Tests.Browser;

/// <summary>
/// Per jurisdiction, in the browser: the bureau filters its pool, draws a panel for the demo application waiting for
/// experts, repeats the draw (复核一致) and forms the panel; a drawn expert finds the task in the notification centre
/// (unread count in the header), opens it, and withdraws from the case in their own account; the bureau is told.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ExpertsBrowserTests(LiveApp live, ITestOutputHelper output) : IClassFixture<LiveApp>
{
    private static IReadOnlyDictionary<string, string> Short => BrowserContexts.Short;

    private Task<IPage> LoginAsync(string userName, string password = DemoSeeder.DefaultDemoPassword) => live.Browser!.LoginAsync(live.BaseUrl, userName, output, password);

    private Task Shot(IPage page, string name) => page.ShotAsync(name, output);

    private Task<T> Db<T>(Func<AppDbContext, Task<T>> q) => live.Services.Db(q);

    private async Task WalkAsync(string slug)
    {
        var s = Short[slug];
        // 1. The bureau's pool, filtered in the URL.
        var bureau = await LoginAsync($"{s}-bureau");
        await bureau.ClickAsync("a.nav-link[href='/Experts']");
        // The kinds are tabs above the list (the one expert list since the two merged).
        await bureau.ClickAsync("a.nav-link[href*='kind=Finance']");
        await bureau.ArriveAsync("**/Experts?*kind=Finance*");
        (await bureau.Locator("[data-testid=experts-table] tbody tr").CountAsync()).ShouldBeGreaterThan(0);
        (await bureau.Locator("[data-testid=experts-table]").InnerTextAsync()).ShouldNotContain("技术专家");
        await Shot(bureau, $"experts-pool-{slug}");

        // 2. Draw for the application waiting for experts, repeat it, form the panel.
        await bureau.ClickAsync("[data-testid=to-draw]");
        await bureau.Locator("[data-testid=draw-app]").First.CheckAsync();
        await bureau.ClickAsync("[data-testid=draw]");
        await bureau.ArriveAsync("**/Experts/DrawRecord?id=*");
        var drawId = int.Parse(bureau.Url.Split("id=")[1]);
        (await bureau.Locator("[data-testid=selected] li").CountAsync()).ShouldBeGreaterThan(0);
        (await bureau.Locator("[data-testid=exclusions] tbody tr").CountAsync()).ShouldBeGreaterThan(0); // every pool has conflicts by employer
        await bureau.ClickAsync("[data-testid=verify]");
        (await bureau.Locator("[data-testid=verify-result]").InnerTextAsync()).ShouldContain("复核一致");
        await Shot(bureau, $"experts-draw-{slug}");
        var draw = await Db(db => db.Set<PanelDraw>().AsNoTracking().SingleAsync(d => d.Id == drawId));
        // An account for the first drawn expert, made before the panel is formed: forming it tells the account.
        var userName = $"{s}-drawn-{drawId}";
        const string password = "Drawn@2026tc-x";
        await using (var scope = live.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            // Created now on the app's clock: a password's age counts from here (password expiry, 等保 身份鉴别).
            var u = new AppUser { UserName = userName, DisplayName = "抽中专家", ExpertId = draw.Selected[0], JurisdictionId = slug, LockoutEnabled = true,
                CreatedAt = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow() };
            (await users.CreateAsync(u, password)).Succeeded.ShouldBeTrue();
            await users.AddToRoleAsync(u, Roles.Expert);
        }
        if (draw.Shortfall is not null) await bureau.FillAsync("input[name=ExceptionReason]", "本辖区专家库该领域专家不足，经研究按现有专家组建");
        await bureau.ClickAsync("[data-testid=form-from-draw] button");
        await bureau.ArriveAsync("**/ExpertReviews");
        (await bureau.Locator("[data-testid=flash]").InnerTextAsync()).ShouldContain("已按抽取结果组建专家组");

        // 3. The drawn expert: the header counts the task, the centre opens it, and the expert withdraws in their own account.
        var expert = await LoginAsync(userName, password);
        (await expert.Locator("[data-testid=unread-count]").InnerTextAsync()).ShouldBe("1");
        await expert.ClickAsync("[data-testid=bell]");
        await expert.ArriveAsync("**/Notifications");
        (await expert.Locator("[data-testid=notification]").First.InnerTextAsync()).ShouldContain("待您评审");
        await Shot(expert, $"notifications-expert-{slug}");
        await expert.Locator("[data-testid=open]").First.ClickAsync();
        await expert.ArriveAsync("**/ExpertReviews/Review?id=*");
        (await expert.Locator("[data-testid=unread-count]").CountAsync()).ShouldBe(0);
        await expert.ClickAsync("a.nav-link[href='/Experts/Mine']");
        var task = expert.Locator($"[data-testid=tasks] tr:has(a[href='/ExpertReviews/Review?id={draw.Cases[0]}'])");
        await task.Locator("input[name=Reason]").FillAsync("本人曾参与牵头单位的合作研究项目");
        await task.Locator("[data-testid=withdraw] button").ClickAsync();
        (await expert.Locator("[data-testid=flash]").InnerTextAsync()).ShouldContain("已申请回避");
        await Shot(expert, $"experts-mine-{slug}");

        // 4. The bureau's bell counts it; the centre lists it and opens the case.
        await bureau.GotoAsync(live.BaseUrl + "/Inbox");
        (await bureau.Locator("[data-testid=unread-count]").InnerTextAsync()).ShouldNotBeEmpty();
        await bureau.ClickAsync("[data-testid=bell]");
        await bureau.ArriveAsync("**/Notifications");
        var item = bureau.Locator("[data-testid=notification]", new() { HasText = "专家申请回避" }).First;
        (await item.InnerTextAsync()).ShouldContain("本人曾参与牵头单位的合作研究项目");
        await Shot(bureau, $"notifications-{slug}");
        await item.Locator("[data-testid=open]").ClickAsync();
        await bureau.ArriveAsync("**/ExpertReviews/Application?id=*");
        await bureau.GotoAsync(live.BaseUrl + "/Notifications/Settings");
        (await bureau.Locator("[data-testid=no-smtp]").InnerTextAsync()).ShouldContain("仅在站内");
        await Shot(bureau, $"notification-settings-{slug}");
    }

    [Fact] public Task Experts_and_notifications_xpcc_12th_division() => WalkAsync("xpcc-12th-division");
    [Fact] public Task Experts_and_notifications_xinjiang() => WalkAsync("xinjiang");
    [Fact] public Task Experts_and_notifications_hohhot() => WalkAsync("hohhot");
    [Fact] public Task Experts_and_notifications_chongqing_wanzhou() => WalkAsync("chongqing-wanzhou");
    [Fact] public Task Experts_and_notifications_cangzhou() => WalkAsync("cangzhou");
}
