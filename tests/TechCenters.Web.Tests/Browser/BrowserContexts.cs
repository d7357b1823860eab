using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Data.Seed;
using Xunit.Abstractions;

namespace TechCenters.Web.Tests.Browser;

public static class BrowserContexts
{
    /// <summary>The demo accounts' prefix of each jurisdiction (xpcc-bureau, xj-applicant …).</summary>
    public static readonly IReadOnlyDictionary<string, string> Short = new Dictionary<string, string>
    {
        ["xpcc-12th-division"] = "xpcc", ["xinjiang"] = "xj", ["hohhot"] = "hhht", ["chongqing-wanzhou"] = "wz", ["cangzhou"] = "cz",
    };

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

    /// <summary>
    /// A new page in a context of its own (1440×900, zh-CN unless <paramref name="options"/> say otherwise), its console
    /// errors written to the test output and, when <paramref name="errors"/> is given, collected there with its script errors.
    /// </summary>
    public static async Task<IPage> NewTestPageAsync(this IBrowser browser, ITestOutputHelper output, BrowserNewContextOptions? options = null, List<string>? errors = null)
    {
        options ??= new BrowserNewContextOptions();
        options.ViewportSize ??= new ViewportSize { Width = 1440, Height = 900 };
        options.Locale ??= "zh-CN";
        var context = await browser.NewTestContextAsync(options);
        var page = await context.NewPageAsync();
        page.Console += (_, m) =>
        {
            if (m.Type != "error") return;
            output.WriteLine("控制台错误: " + m.Text);
            if (errors is not null) lock (errors) errors.Add(m.Text);
        };
        if (errors is not null) page.PageError += (_, e) => { lock (errors) errors.Add(e); };
        return page;
    }

    /// <summary>
    /// Waits until the page is at a URL and its document is parsed: the URL at commit, then DOMContentLoaded. Waiting for
    /// the URL with Playwright's default ("load") timed out for 90 s twice on a page already there, rendered and its
    /// network idle (a missed load event: at /Inbox after sign-in, and in CI at /Experts?kind=Finance); the document's own
    /// state does not depend on that event. A third time (rounds 9, 11, 12) the wait for DOMContentLoaded itself hung on a
    /// page at /Inbox with its content rendered: Playwright's load-state wait listens for a lifecycle event too, so the
    /// document's readyState is asked instead, until it is no longer "loading".
    /// </summary>
    public static async Task ArriveAsync(this IPage page, string urlGlob)
    {
        await page.WaitForURLAsync(urlGlob, new() { WaitUntil = WaitUntilState.Commit });
        await page.DocumentParsedAsync();
    }

    /// <inheritdoc cref="ArriveAsync(IPage, string)"/>
    public static async Task ArriveAsync(this IPage page, System.Text.RegularExpressions.Regex url)
    {
        await page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit });
        await page.DocumentParsedAsync();
    }

    private static async Task DocumentParsedAsync(this IPage page)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                if (await page.EvaluateAsync<string>("document.readyState") != "loading") return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
                // The document was replaced while asked (a redirect after commit): ask the next one.
            }
            if (DateTime.UtcNow >= deadline) throw new TimeoutException($"{page.Url} 的文档 90 秒内未解析完毕");
            await Task.Delay(50);
        }
    }

    /// <summary>A new page (as <see cref="NewTestPageAsync"/>) signed in as an account (the demo password unless another is given).</summary>
    public static async Task<IPage> LoginAsync(this IBrowser browser, string baseUrl, string userName, ITestOutputHelper output,
        string password = DemoSeeder.DefaultDemoPassword, BrowserNewContextOptions? options = null, List<string>? errors = null)
    {
        var page = await browser.NewTestPageAsync(output, options, errors);
        await page.GotoAsync(baseUrl + "/Accounts/Login");
        await page.FillAsync("#Input_UserName", userName);
        await page.FillAsync("#Input_Password", password);
        await page.ClickAsync("button[type=submit]");
        try
        {
            await page.ArriveAsync("**/Inbox");
        }
        catch (TimeoutException e)
        {
            // Say where the sign-in ended up: a timeout alone does not tell a slow machine from a refused login.
            var body = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "（页面无法读取）");
            throw new TimeoutException($"{userName} 登录后未到达 /Inbox，停在 {page.Url}：{body[..Math.Min(body.Length, 600)]}", e);
        }
        return page;
    }

    /// <summary>A query on the live app's database, in a scope of its own.</summary>
    public static async Task<T> Db<T>(this IServiceProvider services, Func<AppDbContext, Task<T>> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>The page shows no error message (the app's <c>data-testid=error</c> box).</summary>
    public static async Task NoErrorAsync(this IPage page) =>
        (await page.Locator("[data-testid=error]").CountAsync()).ShouldBe(0, string.Join("\n", await page.Locator("[data-testid=error]").AllTextContentsAsync()));

    /// <summary>A full-page screenshot into the screenshot folder, its path written to the test output.</summary>
    public static async Task ShotAsync(this IPage page, string name, ITestOutputHelper output)
    {
        var path = Path.Combine(LiveApp.ScreenshotDir(), name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"截图: {path}");
    }
}
