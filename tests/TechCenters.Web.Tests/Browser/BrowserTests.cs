using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shouldly;
using TechCenters.Web.Data.Seed;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace TechCenters.Web.Tests.Browser;

/// <summary>The real app on a real Kestrel port (demo mode, SQLite), driven by Debian Chromium.</summary>
public sealed class LiveApp : IAsyncLifetime
{
    private readonly string dbFile = Path.Combine(Path.GetTempPath(), $"techcenters-browser-{Guid.NewGuid():N}.db");
    private WebApplication? app;
    public string BaseUrl { get; private set; } = "";
    public IPlaywright? Playwright { get; private set; }
    public IBrowser? Browser { get; private set; }
    public IServiceProvider Services => app?.Services ?? throw new InvalidOperationException("应用尚未启动");

    public static string RepoRoot()
    {
        // The repository root is the parent of the policies folder the policy library finds.
        return Path.GetDirectoryName(TechCenters.Policy.PolicyCatalog.FindPoliciesRoot())!;
    }

    public static string ScreenshotDir()
    {
        var dir = Environment.GetEnvironmentVariable("TECHCENTERS_SCREENSHOTS") ?? Path.Combine(RepoRoot(), "TestResults", "screenshots");
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>The SQLite connection string the live apps use for a file (pooled, so a copy needs its pool released).</summary>
    public static string ConnectionString(string dbFile) => new SqliteConnectionStringBuilder { DataSource = dbFile, Pooling = true }.ToString();

    /// <summary>
    /// The demo app's start-up settings, for every live app and for the seeded template they copy (one list: a setting that
    /// changed what the demo seeds in one but not the other would make the copy differ from what the app would seed).
    /// </summary>
    public static string[] Arguments(string connectionString, params string[] more) =>
    [
        "--urls=http://127.0.0.1:0",
        "--environment=Production",
        "--applicationName=TechCenters.Web", // pages are discovered in the app assembly, not the test host
        $"--contentRoot={Path.Combine(RepoRoot(), "src", "TechCenters.Web")}",
        "--Database:Provider=Sqlite",
        $"--ConnectionStrings:Default={connectionString}",
        "--Demo:Enabled=true", $"--Crypto:KeyFile={TestKeys.File}",
        "--Security:LoginRateLimit:PermitLimit=1000", // every role logs in from the same address within a minute
        "--Logging:LogLevel:Default=Warning",
        .. more,
    ];

    /// <summary>The demo app as the tests start it: the product's start-up, with test passwords (<see cref="TestPasswords"/>).</summary>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? services = null)
    {
        var builder = AppSetup.CreateBuilder(args);
        TestPasswords.Use(builder.Services);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        AppSetup.ConfigurePipeline(app);
        return app;
    }

    public async Task InitializeAsync()
    {
        SeededTemplates.CopySqlite(await SeededTemplates.LiveDemoAsync(), dbFile);
        app = Build(Arguments(ConnectionString(dbFile)));
        await app.StartAsync();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        SeededTemplates.ReleaseSqlite(ConnectionString(dbFile)); // its own pool only: other classes' apps run beside this one
        SeededTemplates.DeleteSqlite(dbFile);
    }
}

[Trait("Category", "Browser")]
public sealed class BrowserTests(LiveApp live, ITestOutputHelper output) : IClassFixture<LiveApp>
{
    public static TheoryData<string, string> Accounts => new()
    {
        { "xpcc-bureau", "第十二师科技局" },
        { "xpcc-dept", "一〇四团" },
        { "xpcc-applicant", "有限公司" },
        { "xpcc-expert", "专家" },
        { "xpcc-evaluator", "绩效评估咨询有限公司" }, // its organisation (Bug 0655), the demo's 乌鲁木齐科创绩效评估咨询有限公司（演示）
        { "xj-bureau", "新疆维吾尔自治区科学技术厅" },
        { "hhht-bureau", "呼和浩特市科学技术局" },
        { "wz-bureau", "重庆市万州区科学技术局" },
        { "cz-bureau", "沧州市科学技术局" },
        { "sysadmin", "系统管理" },
        { "secadmin", "安全管理" },
        { "auditadmin", "安全审计" },
    };

    /// <summary>Signed in, with no console error on the way (a violated content security policy shows as one).</summary>
    private async Task<IPage> LoginAsync(string userName)
    {
        var errors = new List<string>();
        var page = await live.Browser!.LoginAsync(live.BaseUrl, userName, output, errors: errors);
        errors.ShouldBeEmpty("页面不应有控制台错误（例如违反内容安全策略）");
        return page;
    }

    private Task Shot(IPage page, string name) => page.ShotAsync(name, output);

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task Each_role_logs_in_and_sees_its_workbench(string userName, string expectedScope)
    {
        var page = await LoginAsync(userName);
        (await page.TextContentAsync("[data-testid=workbench-title]"))!.ShouldContain("好");
        (await page.TextContentAsync("[data-testid=scope-name]"))!.ShouldContain(expectedScope);
        (await page.TextContentAsync(".demo-banner"))!.ShouldContain("演示环境");
        (await page.Locator("[data-testid=todo-list] .list-group-item").CountAsync()).ShouldBeGreaterThan(0);
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("zh-CN");
        await Shot(page, $"workbench-{userName}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_login_page_renders_with_its_styles()
    {
        var context = await live.Browser!.NewTestContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(live.BaseUrl + "/Accounts/Login");
        response!.Status.ShouldBe(200);
        // Tabler's stylesheet is served by the app itself: the primary button is coloured, not browser-default grey.
        var bg = await page.EvalOnSelectorAsync<string>("button[type=submit]", "e => getComputedStyle(e).backgroundColor");
        bg.ShouldNotBe("rgb(239, 239, 239)");
        // Demo mode lists the demo logins, every expert of a pool included.
        (await page.TextContentAsync("[data-testid=demo-logins]"))!.ShouldContain("-expert-02");
        await Shot(page, "login");
        await context.CloseAsync();
    }

    [Fact]
    public async Task A_bureau_officer_browses_units_and_reveals_a_phone_number_with_a_reason()
    {
        var page = await LoginAsync("cz-bureau");
        await page.ClickAsync("a.nav-link[href='/Units']");
        await page.WaitForSelectorAsync("[data-testid=units-table]");
        await Shot(page, "units-cz-bureau");
        await page.ClickAsync("[data-testid=units-table] tbody tr:first-child a");
        await page.WaitForSelectorAsync("[data-testid=people-table]");
        var masked = await page.TextContentAsync("[data-testid=people-table] tbody tr:first-child [data-testid=phone]");
        masked!.ShouldContain("****");
        await Shot(page, "unit-detail-cz-bureau");
        await page.FillAsync("[data-testid=people-table] tbody tr:first-child input[name='Reveal.Reason']", "核实申报联系人");
        await page.ClickAsync("[data-testid=people-table] tbody tr:first-child button[type=submit]");
        await page.WaitForSelectorAsync("text=已显示明文（已审计）");
        var revealed = await page.TextContentAsync("[data-testid=people-table] tbody tr:first-child [data-testid=phone]");
        revealed!.ShouldNotContain("*");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_audit_admin_searches_the_log_and_checks_the_chain()
    {
        var page = await LoginAsync("auditadmin");
        await page.GotoAsync(live.BaseUrl + "/Audit?action=登录&verify=true");
        (await page.TextContentAsync("[data-testid=verdict]"))!.ShouldContain("审计链完整");
        await Shot(page, "audit-auditadmin");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("sysadmin", "/Admin/Users", "accounts-table", "admin-users")]
    [InlineData("secadmin", "/Admin/Security", "", "admin-security")]
    [InlineData("xpcc-dept", "/Areas/annual-reports", "filters", "area-annual-reports")] // built since: the old address leads to the page
    [InlineData("hhht-applicant", "/Units/People", "people-table", "people-hhht-applicant")]
    [InlineData("xpcc-bureau", "/Units/Create", "credit-code-error", "unit-create")]
    [InlineData("xj-bureau", "/Experts", "experts-table", "experts-xj-bureau")]
    public async Task Management_and_area_pages_render(string userName, string url, string testId, string shot)
    {
        var page = await LoginAsync(userName);
        var response = await page.GotoAsync(live.BaseUrl + url);
        response!.Status.ShouldBe(200);
        if (testId.Length > 0) (await page.Locator($"[data-testid={testId}]").CountAsync()).ShouldBe(1);
        await Shot(page, shot);
        await page.Context.CloseAsync();
    }

    /// <summary>Internal text a page must never show: a bracketed vocabulary key, empty brackets, a dangling arrow.</summary>
    private static readonly System.Text.RegularExpressions.Regex Internal =
        new(@"[（(][a-z][a-z0-9_]*(\.[a-z0-9_*]+)+[)）]|（）|\(\)|—\s*→|→\s*—");

    /// <summary>Second-level pages worth walking too: a case, a submitted version, a review, a center, a call, a unit.</summary>
    private static readonly System.Text.RegularExpressions.Regex Detail =
        new(@"^/(Applications/\d+(/Versions/\d+)?|Applications/\d+/Compare\?from=\d+&to=\d+|ExpertReviews/(Review|Application)\?id=\d+|Centers/Detail\?id=\d+|Calls/\d+|Units/\d+|Notices/Detail\?id=\d+)$");

    [Theory]
    [InlineData("xpcc-bureau")] [InlineData("xpcc-dept")] [InlineData("xpcc-applicant")] [InlineData("xpcc-expert")] [InlineData("xpcc-evaluator")]
    [InlineData("cz-bureau")] [InlineData("cz-dept")] [InlineData("cz-applicant")] [InlineData("cz-expert")] [InlineData("cz-evaluator")]
    [InlineData("sysadmin")] [InlineData("secadmin")] [InlineData("auditadmin")]
    public async Task Every_page_of_a_role_renders_with_a_clean_console_and_no_internal_text(string userName)
    {
        var page = await LoginAsync(userName);
        var problems = new List<string>();
        var where = "";
        page.Console += (_, m) => { if (m.Type == "error") problems.Add($"{where}: 控制台{m.Type}: {m.Text}"); };
        page.PageError += (_, e) => problems.Add($"{where}: 脚本错误: {e}");
        var menu = await page.EvalOnSelectorAllAsync<string[]>(".navbar-vertical a.nav-link[href^='/'], [data-testid=todo-list] a[href^='/']", "els => els.map(e => e.getAttribute('href'))");
        var queue = new List<string>(menu.Where(h => !h.StartsWith("/Accounts/Logout", StringComparison.Ordinal) && !h.Contains("handler=")).Distinct());
        var details = 0;
        for (var i = 0; i < queue.Count; i++)
        {
            where = queue[i];
            var response = await page.GotoAsync(live.BaseUrl + where);
            response!.Status.ShouldBeLessThan(400, $"{userName} 打开 {where}");
            var text = await page.InnerTextAsync("body");
            var m = Internal.Match(text);
            if (m.Success) problems.Add($"{where}: 内部文字“{m.Value}”");
            // The page header's title sits at the left edge of the content, like on every other page.
            var offset = await page.EvaluateAsync<double?>("() => { const t = document.querySelector('.page-header .page-title'); const c = document.querySelector('.page-body .container-xl, .page-body .container-fluid, .page-body'); if (!t || !c) return null; return t.getBoundingClientRect().left - c.getBoundingClientRect().left; }");
            if (offset is > 48) problems.Add($"{where}: 页面标题偏离左侧 {offset:0}px");
            if (details < 8)
                foreach (var href in (await page.EvalOnSelectorAllAsync<string[]>("main a[href^='/'], .page-body a[href^='/']", "els => els.map(e => e.getAttribute('href'))")).Where(h => Detail.IsMatch(h)).Distinct().Take(3))
                    if (!queue.Contains(href) && details++ < 8) queue.Add(href);
        }
        output.WriteLine($"{userName}: 走过 {queue.Count} 个页面：{string.Join(" ", queue)}");
        await Shot(page, $"walk-{userName}-last");
        problems.ShouldBeEmpty($"{userName} 的页面");
        await page.Context.CloseAsync();
    }
}
