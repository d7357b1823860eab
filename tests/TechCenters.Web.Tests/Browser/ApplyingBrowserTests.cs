using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Data.Seed;
using TechCenters.Web.Tests.Features.Applying;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace TechCenters.Web.Tests.Browser;

/// <summary>The demo app on Kestrel with Chromium; the clock is real, or fixed at a date when the regulation was in force.</summary>
public abstract class ApplyingLiveApp(DateTimeOffset? clock) : IAsyncLifetime
{
    private readonly string dbFile = Path.Combine(Path.GetTempPath(), $"techcenters-apply-{Guid.NewGuid():N}.db");
    private WebApplication? app;
    public string BaseUrl { get; private set; } = "";
    public IServiceProvider Services => app!.Services;
    public IPlaywright? Playwright { get; private set; }
    public IBrowser? Browser { get; private set; }

    public async Task InitializeAsync()
    {
        if (clock is null) SeededTemplates.CopySqlite(await SeededTemplates.LiveDemoAsync(), dbFile);
        app = LiveApp.Build(LiveApp.Arguments(LiveApp.ConnectionString(dbFile), $"--Attachments:Path={Path.Combine(Path.GetTempPath(), "techcenters-apply-files")}"),
            services => { if (clock is { } c) services.AddSingleton<TimeProvider>(new FakeTimeProvider(c)); });
        await app.StartAsync();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        if (app is not null) { await app.StopAsync(); await app.DisposeAsync(); }
        SeededTemplates.ReleaseSqlite(LiveApp.ConnectionString(dbFile)); // its own pool only: other classes' apps run beside this one
        SeededTemplates.DeleteSqlite(dbFile);
    }
}

public sealed class ApplyingLiveAppToday() : ApplyingLiveApp(null);

/// <summary>新疆's guideline was in force from 2023-01-27 to 2025-01-26: its walk runs on 2024-10-08.</summary>
public sealed class ApplyingLiveApp2024() : ApplyingLiveApp(new DateTimeOffset(2024, 10, 8, 2, 0, 0, TimeSpan.Zero));

/// <summary>Walks one jurisdiction from its published call to an application waiting for expert review, by that pack's own stages.</summary>
public abstract class ApplyingWalk(ApplyingLiveApp live, ITestOutputHelper output)
{
    private Task<IPage> LoginAsync(string userName) => live.Browser!.LoginAsync(live.BaseUrl, userName, output);

    private Task Shot(IPage page, string name) => page.ShotAsync(name, output);

    private async Task<(string StageId, string Step, string? Holder)> StateAsync(int id)
    {
        await using var scope = live.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var a = await db.Applications.AsNoTracking().Include(a => a.Case).SingleAsync(x => x.Id == id);
        return (a.Case.StageId, a.Case.Step, a.Case.Holder);
    }

    private static async Task FillAndSubmitAsync(IPage page)
    {
        // The attachments the pack requires are uploaded first (each upload reloads the form).
        while (await page.Locator("[data-testid=attachment-missing]").CountAsync() > 0)
        {
            var kind = await page.Locator("[data-testid=attachment-missing]").First.GetAttributeAsync("data-kind");
            await page.FillAsync("[data-testid=upload-kind]", kind!);
            await page.SetInputFilesAsync("[data-testid=upload-file]", new FilePayload { Name = ApplyingHelpers.FileNameFor(kind!), MimeType = "application/pdf", Buffer = ApplyingHelpers.TinyPdf });
            await page.ClickAsync("[data-testid=upload]");
            await page.WaitForSelectorAsync($"[data-testid=attachment-present][data-kind='{kind}']");
        }
        var sections = page.Locator("textarea.plan-section");
        var n = await sections.CountAsync();
        for (var i = 0; i < n; i++)
        {
            var t = sections.Nth(i);
            if ((await t.InputValueAsync()).Length == 0)
                await t.FillAsync(string.Concat(Enumerable.Repeat("围绕区域主导产业关键共性技术开展协同攻关，建设开放共享的研发与中试平台，推动成果转化。", 8)));
        }
        // Conditions that fail or need judgement are listed before submitting and confirmed explicitly.
        if (await page.Locator("[data-testid=confirm-doubts]").CountAsync() > 0) await page.CheckAsync("[data-testid=confirm-doubts]");
        await page.ClickAsync("[data-testid=submit]"); // asks first (the test context answers 确定)
        await page.WaitForSelectorAsync("[data-testid=timeline]");
    }

    /// <returns>The application's id (the selecting walk goes on from there).</returns>
    protected async Task<int> WalkAsync(string slug, string shortName, string centerName, string[] expectedStages)
    {
        // The public list shows the jurisdiction's open call.
        var anonymous = await (await live.Browser!.NewTestContextAsync()).NewPageAsync();
        await anonymous.GotoAsync(live.BaseUrl + "/Calls");
        var card = anonymous.Locator("[data-testid=call-card]").Filter(new() { HasText = (await JurisdictionNameAsync(slug)) });
        (await card.CountAsync()).ShouldBeGreaterThan(0);
        await Shot(anonymous, $"apply-{slug}-01-public-calls");

        var applicant = await LoginAsync($"{shortName}-applicant");
        await applicant.ClickAsync($"[data-testid=todo-list] a[href^='/Calls/']");
        await Shot(applicant, $"apply-{slug}-02-call");
        await applicant.FillAsync("#CenterName", centerName);
        await applicant.ClickAsync("[data-testid=start-application]");
        await applicant.WaitForSelectorAsync("[data-testid=eligibility-panel]");
        var id = int.Parse(System.Text.RegularExpressions.Regex.Match(applicant.Url, @"/Applications/(\d+)/Edit").Groups[1].Value);
        // The panel follows the form as it is filled.
        var before = await applicant.TextContentAsync("[data-testid=eligibility-panel]");
        // A yes/no fact of the form is always one a rule of the pack reads: answering “否” changes the panel.
        // Under load the choice could come before the form's script listened, and the panel never heard of it.
        await applicant.WaitForSelectorAsync("#application-form[data-live=true]", new() { State = WaitForSelectorState.Attached });
        var firstFlag = applicant.Locator("select[name^='f:']:has(option[value=false])").First;
        await firstFlag.SelectOptionAsync("false");
        await applicant.WaitForFunctionAsync("b => document.querySelector('[data-testid=eligibility-panel]').textContent !== b", before);
        await Shot(applicant, $"apply-{slug}-03-form");
        await FillAndSubmitAsync(applicant);
        (await applicant.TextContentAsync("[data-testid=receipt]"))!.ShouldContain("回执编号");
        await Shot(applicant, $"apply-{slug}-04-receipt");

        // Each holder signs in once and keeps its page for the steps it holds again (the applicant's is the one it applied on).
        var signedIn = new Dictionary<string, IPage> { [$"{shortName}-applicant"] = applicant };
        for (var step = 5; step < 12; step++)
        {
            var (_, kind, holder) = await StateAsync(id);
            if (kind == "expert_review") break;
            var user = holder switch { "lead_unit" => $"{shortName}-applicant", "department" => $"{shortName}-dept", _ => $"{shortName}-bureau" };
            if (!signedIn.TryGetValue(user, out var page)) signedIn[user] = page = await LoginAsync(user);
            await page.GotoAsync($"{live.BaseUrl}/Applications/{id}");
            if (holder == "lead_unit")
            {
                await page.ClickAsync("[data-testid=edit]");
                await FillAndSubmitAsync(page);
            }
            else
            {
                await page.FillAsync("#note", "经审核，材料齐全，同意。");
                await Shot(page, $"apply-{slug}-{step:D2}-{user}");
                await page.ClickAsync("[data-testid^=move-].btn-primary");
                await page.WaitForSelectorAsync("[data-testid=timeline]");
            }
        }
        await applicant.GotoAsync($"{live.BaseUrl}/Applications/{id}");
        (await applicant.TextContentAsync("[data-testid=waiting-experts]"))!.ShouldContain("等待专家评审");
        await Shot(applicant, $"apply-{slug}-99-waiting-experts");
        foreach (var page in signedIn.Values) await page.Context.CloseAsync();
        await anonymous.Context.CloseAsync();
        await using var scope = live.Services.CreateAsyncScope();
        var path = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Activities.AsNoTracking()
            .Where(a => a.CaseId == id).OrderBy(a => a.Id).Select(a => a.ToStage!).ToListAsync();
        path.Distinct().ShouldBe(expectedStages, $"办理路径：{string.Join(" → ", path)}");
        return id;
    }

    private async Task<string> JurisdictionNameAsync(string slug)
    {
        await using var scope = live.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Jurisdictions.Where(j => j.Id == slug).Select(j => j.Name).SingleAsync();
    }
}

// The walks themselves run as the first half of each jurisdiction's whole path (WholePathBrowserTests and
// WholePath2024BrowserTests in SelectingBrowserTests.cs): walking the same half again on its own took two more apps and
// about three minutes of every test run, and proved nothing the whole path does not.
