using Microsoft.Playwright;
using TechCenters.Web.Data.Seed;
using Xunit.Abstractions;

namespace TechCenters.Web.Tests.Browser;

public static class BrowserContexts
{
    /// <summary>
    /// A browser context with generous limits: a PBKDF2 login on a loaded 2-core CI machine can take far longer than
    /// Playwright's 30 s default. A real failure (a missing element, a wrong page) still fails, only later.
    /// </summary>
    public static async Task<IBrowserContext> NewTestContextAsync(this IBrowser browser, BrowserNewContextOptions? options = null)
    {
        var context = await browser.NewContextAsync(options ?? new BrowserNewContextOptions());
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        // Consequential actions ask first (data-confirm → window.confirm): the walks answer 确定, as the user does.
        // Playwright would otherwise dismiss the dialog, and the action would not happen.
        context.Page += (_, page) => page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        return context;
    }

    /// <summary>A new context (1440×900, zh-CN) signed in as a demo account, its console errors written to the test output.</summary>
    public static async Task<IPage> LoginAsync(this IBrowser browser, string baseUrl, string userName, ITestOutputHelper output)
    {
        var context = await browser.NewTestContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        page.Console += (_, m) => { if (m.Type == "error") output.WriteLine("控制台错误: " + m.Text); };
        await page.GotoAsync(baseUrl + "/Accounts/Login");
        await page.FillAsync("#Input_UserName", userName);
        await page.FillAsync("#Input_Password", DemoSeeder.DefaultDemoPassword);
        await page.ClickAsync("button[type=submit]");
        try { await page.WaitForURLAsync("**/Inbox"); }
        catch (TimeoutException e)
        {
            // Say where the sign-in ended up: a timeout alone does not tell a slow machine from a refused login.
            var body = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "（页面无法读取）");
            throw new TimeoutException($"{userName} 登录后未到达 /Inbox，停在 {page.Url}：{body[..Math.Min(body.Length, 600)]}", e);
        }
        return page;
    }

    /// <summary>A full-page screenshot into the screenshot folder, its path written to the test output.</summary>
    public static async Task ShotAsync(this IPage page, string name, ITestOutputHelper output)
    {
        var path = Path.Combine(LiveApp.ScreenshotDir(), name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"截图: {path}");
    }
}
