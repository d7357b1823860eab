using Microsoft.Playwright;
using Shouldly;
using TechCenters.Web.Data.Seed;
using Xunit;
using Xunit.Abstractions;

namespace TechCenters.Web.Tests.Browser;

/// <summary>
/// The overview per jurisdiction, in the browser: the bureau opens 总览 (charts drawn, no console error), follows a
/// number to the list behind it (the list shows exactly that many), narrows it with a filter kept in the URL, exports it
/// and opens the XLSX (Chinese headings, the filtered rows). The department's and the applicant's overviews are shot too.
/// </summary>
[Trait("Category", "Browser")]
public sealed class OverviewBrowserTests(LiveApp live, ITestOutputHelper output) : IClassFixture<LiveApp>
{
    private Task<IPage> LoginAsync(string userName, List<string> errors) =>
        live.Browser!.LoginAsync(live.BaseUrl, userName, output, options: new BrowserNewContextOptions { AcceptDownloads = true }, errors: errors);

    private Task Shot(IPage page, string name) => page.ShotAsync(name, output);

    private async Task WalkAsync(string slug, string j)
    {
        var errors = new List<string>();
        var page = await LoginAsync($"{j}-bureau", errors);
        await page.ClickAsync("a.nav-link[href='/Overview']");
        await page.ArriveAsync("**/Overview");
        // ECharts draws into a canvas: the charts came from wwwroot/lib (no CDN) and ran under the CSP.
        await page.Locator("[data-testid=centers-by-status] canvas").WaitForAsync();
        await Shot(page, $"overview-{slug}-bureau");

        // The applications count by stage links to the list filtered by kind and stage: the list shows that many.
        var kind = page.Locator("[data-kind=application]");
        var stage = kind.Locator("[data-stage]").First;
        var count = int.Parse((await stage.Locator("strong").TextContentAsync())!.Trim());
        await stage.ClickAsync();
        await page.ArriveAsync("**/Lists/Cases?kind=application&stage=*");
        (await page.TextContentAsync("[data-testid=list-total] strong"))!.Trim().ShouldBe(count.ToString("N0"));

        // Narrowed with a filter held in the URL; the export has the Chinese headings and exactly the filtered rows.
        await page.SelectOptionAsync("#state", "open");
        await page.ClickAsync("[data-testid=list-filter] button[type=submit]");
        await page.ArriveAsync("**state=open**");
        page.Url.ShouldContain("kind=application");
        var filtered = int.Parse((await page.TextContentAsync("[data-testid=list-total] strong"))!.Replace(",", "").Trim());
        var rows = await page.Locator("[data-testid=cases-table] tbody a").AllTextContentsAsync();
        await Shot(page, $"overview-{slug}-list");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export-xlsx]"));
        download.SuggestedFilename.ShouldEndWith(".xlsx");
        var file = await download.PathAsync();
        var sheet = MiniExcelLibs.MiniExcel.Query(file, useHeaderRow: true, excelType: MiniExcelLibs.ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        sheet.Count.ShouldBe(filtered);
        if (sheet.Count > 0) sheet[0].Keys.ShouldContain("当前阶段");
        foreach (var title in rows) sheet.Select(r => r["事项名称"]?.ToString()).ShouldContain(title.Trim());

        // The back button returns to the unfiltered list the number opened.
        await page.GoBackAsync();
        page.Url.ShouldNotContain("state=open");
        errors.ShouldBeEmpty("页面不应有控制台错误（例如违反内容安全策略）");
        await page.Context.CloseAsync();

        // The bureau's client systems page, and the API's readable page (served by the app, runs under its own CSP).
        var api = await LoginAsync($"{j}-bureau", errors);
        await api.GotoAsync(live.BaseUrl + "/Api/Clients");
        await api.FillAsync("#Input_Name", "上级科技管理信息系统");
        await api.CheckAsync("input[name='Input.Grants'][value=centers]");
        await api.ClickAsync("[data-testid=create-client]");
        (await api.TextContentAsync("[data-testid=new-token]"))!.ShouldContain("tcapi_");
        await Shot(api, $"overview-{slug}-api-clients");
        await api.Context.CloseAsync();
        // The API's page runs Scalar under script-src 'self' (no inline script); Scalar's own warnings are logged.
        var docErrors = new List<string>();
        api = await LoginAsync($"{j}-bureau", docErrors);
        await api.GotoAsync(live.BaseUrl + "/api/docs/");
        await api.GetByText("/api/v1/public/centers").First.WaitForAsync();
        await Shot(api, $"overview-{slug}-api-docs");
        foreach (var e in docErrors) output.WriteLine("接口说明页控制台: " + e);
        docErrors.Where(e => e.Contains("script-src")).ShouldBeEmpty("接口说明页的脚本不应违反内容安全策略");
        await api.Context.CloseAsync();

        foreach (var who in new[] { "dept", "applicant" })
        {
            var other = await LoginAsync($"{j}-{who}", errors);
            await other.GotoAsync(live.BaseUrl + "/Overview");
            (await other.TextContentAsync("[data-testid=overview-scope]"))!.Trim().ShouldNotBeEmpty();
            await Shot(other, $"overview-{slug}-{who}");
            await other.Context.CloseAsync();
        }
        errors.ShouldBeEmpty(string.Join("\n", errors));
    }

    [Fact] public Task Overview_xpcc_12th_division_number_to_list_to_export() => WalkAsync("xpcc-12th-division", "xpcc");
    [Fact] public Task Overview_xinjiang_number_to_list_to_export() => WalkAsync("xinjiang", "xj");
    [Fact] public Task Overview_hohhot_number_to_list_to_export() => WalkAsync("hohhot", "hhht");
    [Fact] public Task Overview_chongqing_wanzhou_number_to_list_to_export() => WalkAsync("chongqing-wanzhou", "wz");
    [Fact] public Task Overview_cangzhou_number_to_list_to_export() => WalkAsync("cangzhou", "cz");
}
