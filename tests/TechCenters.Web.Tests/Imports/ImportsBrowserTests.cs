using System.Collections.Generic;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MiniExcelLibs;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Data.Seed;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Tests.Browser;
using Xunit;
using Xunit.Abstractions;

namespace TechCenters.Web.Tests.Imports;

/// <summary>
/// In the browser, for one jurisdiction: the bureau opens the import from the unit list, downloads the template, fills it
/// (2,000 units, one with a wrong check character), sees the row and column named and no confirm button, fixes the file,
/// uploads it again, confirms, watches the progress and finds the units imported.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ImportsBrowserTests(LiveApp live, ITestOutputHelper output) : IClassFixture<LiveApp>
{
    private async Task Shot(IPage page, string name)
    {
        var path = Path.Combine(LiveApp.ScreenshotDir(), name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"截图: {path}");
    }

    private async Task<T> Db<T>(Func<AppDbContext, Task<T>> q)
    {
        await using var scope = live.Services.CreateAsyncScope();
        return await q(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    [Fact]
    public async Task Units_import_with_one_bad_row_fixed_and_imported_cangzhou()
    {
        const string slug = "cangzhou";
        var context = await live.Browser!.NewTestContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 }, Locale = "zh-CN", AcceptDownloads = true });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(live.BaseUrl + "/Accounts/Login");
        await page.FillAsync("#Input_UserName", "cz-bureau");
        await page.FillAsync("#Input_Password", DemoSeeder.DefaultDemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.ArriveAsync("**/Inbox");

        // 1. From the unit list to the import, and the template.
        await page.GotoAsync(live.BaseUrl + "/Units");
        await page.ClickAsync("[data-testid=import-units]");
        await page.ArriveAsync("**/Imports?kind=units");
        await Shot(page, $"imports-template-{slug}");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=import-template]"));
        var template = await download.PathAsync();
        List<string> headings;
        await using (var t = File.OpenRead(template))
            headings = ((IDictionary<string, object?>)MiniExcel.Query(t, useHeaderRow: false).First()).Values.Select(v => v?.ToString() ?? "").ToList();
        headings.ShouldContain("统一社会信用代码");
        var department = await Db(db => db.Departments.Where(d => d.JurisdictionId == slug).OrderBy(d => d.Id).Select(d => d.Name).FirstAsync());

        // 2. The filled template with one wrong check character in row 3.
        var codes = Enumerable.Range(0, 2000).Select(_ => ImportTests.NewCreditCode()).ToList();
        var good = codes[1];
        var bad = good[..17] + CreditCode.Charset[(CreditCode.Charset.IndexOf(good[17]) + 1) % CreditCode.Charset.Length];
        string Fill(string second)
        {
            var rows = codes.Select((c, i) => headings.ToDictionary(h => h, h => (object?)(h switch
            {
                "单位名称" => $"沧州导入测试单位{i + 1:0000}", "统一社会信用代码" => i == 1 ? second : c, "单位类型" => i % 3 == 0 ? "高等院校" : "企业",
                "归口管理部门" => i % 2 == 0 ? department : "", "所在地区" => "沧州市", "注册地址" => $"沧州市运河区科技路{i + 1}号", _ => null,
            }))).ToList();
            var path = Path.Combine(Path.GetTempPath(), $"单位导入-{Guid.NewGuid():N}.xlsx");
            MiniExcel.SaveAs(path, rows);
            return path;
        }
        await page.SetInputFilesAsync("#files", Fill(bad));
        await page.ClickAsync("[data-testid=import-upload] button[type=submit]");
        await page.ArriveAsync("**/Imports/Batch?id=*");
        var message = await page.Locator("[data-testid=import-errors]").InnerTextAsync();
        message.ShouldContain("第 3 行「统一社会信用代码」校验位应为");
        message.ShouldContain("有 1 行有误，整批不能导入");
        (await page.Locator("[data-testid=import-confirm]").CountAsync()).ShouldBe(0);
        await page.ClickAsync("text=只看有误的行");
        await page.ArriveAsync("**wrong=true*");
        (await page.Locator("[data-testid=import-preview] tbody tr").CountAsync()).ShouldBe(1);
        await Shot(page, $"imports-preview-errors-{slug}");

        // 3. Fixed and uploaded again: all valid, confirmed, progress, done.
        await page.ClickAsync("text=重新上传");
        await page.ArriveAsync("**/Imports?kind=units");
        await page.SetInputFilesAsync("#files", Fill(good));
        await page.ClickAsync("[data-testid=import-upload] button[type=submit]");
        await page.ArriveAsync("**/Imports/Batch?id=*");
        (await page.Locator("[data-testid=import-ok]").InnerTextAsync()).ShouldContain("全部 2,000 行检查通过");
        await Shot(page, $"imports-preview-ok-{slug}");
        await page.ClickAsync("[data-testid=import-confirm] button");
        await page.ArriveAsync("**/Imports/Batch?id=*");
        if (await page.Locator("[data-testid=import-progress]").CountAsync() > 0) await Shot(page, $"imports-progress-{slug}");
        await page.Locator("[data-testid=import-done]").WaitForAsync(new LocatorWaitForOptions { Timeout = 180_000 });
        (await page.Locator("[data-testid=import-done]").InnerTextAsync()).ShouldContain("已导入 2,000 条申报单位");
        await Shot(page, $"imports-done-{slug}");
        var imported = 0;
        foreach (var chunk in codes.Chunk(500)) imported += await Db(db => db.Units.CountAsync(u => chunk.Contains(u.CreditCode) && u.JurisdictionId == slug));
        imported.ShouldBe(2000);
        await page.ClickAsync("text=查看申报单位列表");
        await page.FillAsync("#q", "沧州导入测试单位0002");
        await page.ClickAsync("[data-testid=list-filter] button");
        (await page.Locator("[data-testid=units-table]").InnerTextAsync()).ShouldContain("沧州导入测试单位0002");
        errors.ShouldBeEmpty(string.Join("\n", errors));
    }
}
