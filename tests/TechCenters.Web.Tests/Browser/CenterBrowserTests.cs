using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Data.Seed;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.Centers;
using Xunit;
using Xunit.Abstractions;

namespace TechCenters.Web.Tests.Browser;

/// <summary>
/// Each jurisdiction's running center in the browser: the lead unit records a governance body of a recently recognized
/// center (and files it where the pack names a recipient), records a meeting, then the demo's open annual report goes
/// through the pack's review chain to acceptance, every holder clicking its own button (沧州: no report is owed).
/// </summary>
[Trait("Category", "Browser")]
public sealed class CenterBrowserTests(LiveApp live, ITestOutputHelper output) : IClassFixture<LiveApp>
{
    private static IReadOnlyDictionary<string, string> Short => BrowserContexts.Short;

    private Task<IPage> LoginAsync(string userName, string password = DemoSeeder.DefaultDemoPassword) => live.Browser!.LoginAsync(live.BaseUrl, userName, output, password);

    private Task Shot(IPage page, string name) => page.ShotAsync(name, output);

    private Task<T> Db<T>(Func<AppDbContext, Task<T>> q) => live.Services.Db(q);

    /// <summary>A staff account of a co-builder unit (the demo has none), made as an administrator would.</summary>
    private async Task<string> CoBuilderAccountAsync(string jurisdiction, int unitId)
    {
        await using var scope = live.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var name = $"cb{Guid.NewGuid():N}"[..16];
        var user = new AppUser { UserName = name, DisplayName = "共建单位联系人", JurisdictionId = jurisdiction, UnitId = unitId, LockoutEnabled = true, CreatedAt = DateTimeOffset.UtcNow };
        (await users.CreateAsync(user, DemoSeeder.DefaultDemoPassword)).Succeeded.ShouldBeTrue();
        await users.AddToRoleAsync(user, Roles.Applicant);
        return name;
    }

    private async Task RunAsync(string slug)
    {
        var s = Short[slug];
        var centers = await Db(db => db.Centers.AsNoTracking().Include(c => c.CoBuilders).Where(c => c.JurisdictionId == slug).OrderBy(c => c.ApprovedOn).ToListAsync());
        var fresh = centers.Last();

        // 1. The lead unit records the first body the pack names for the most recently recognized center.
        var lead = await LoginAsync($"{s}-applicant");
        await lead.ClickAsync("a.nav-link[href='/Centers/Manage']");
        await lead.ClickAsync($"tr[data-center='{fresh.Id}'] a");
        var body = lead.Locator("[data-testid^=body-]").First;
        var key = (await body.GetAttributeAsync("data-testid"))!["body-".Length..];
        for (var i = 0; i < 7; i++)
        {
            await body.Locator($"input[name='m{i}.name']").FillAsync($"成员{i + 1}");
            await body.Locator($"input[name='m{i}.employer']").FillAsync(i == 1 ? fresh.LeadUnitName : $"外部单位{i + 1}");
            await body.Locator($"select[name='m{i}.affiliation']").SelectOptionAsync(i == 1 ? "lead" : "external");
            if (i == 0 && key != GovernanceBody.Director) await body.Locator("select[name='m0.role']").SelectOptionAsync("chair");
            if (key == GovernanceBody.Director) break;
        }
        await lead.ClickAsync($"[data-testid=save-{key}]");
        await lead.NoErrorAsync();
        (await lead.TextContentAsync("[data-testid=flash]"))!.ShouldContain("第 1 版");
        foreach (var file in await lead.Locator($"[data-testid^=file-{key}-]").AllAsync())
        {
            await lead.Locator($"[data-testid^=file-{key}-]").First.ClickAsync();
            await lead.NoErrorAsync();
        }
        if (key != GovernanceBody.Director)
        {
            await lead.SelectOptionAsync("#mbody", key);
            await lead.FillAsync("#heldOn", DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"));
            await lead.FillAsync("#attendees", "成员1、成员2、成员3、成员4、成员5、成员6、成员7");
            await lead.FillAsync("#x0t", "年度工作计划");
            await lead.CheckAsync("input[name='x0.major']");
            await lead.FillAsync("#x0f", "7");
            await lead.ClickAsync("[data-testid=record-meeting]");
            await lead.NoErrorAsync();
            (await lead.TextContentAsync("[data-testid=meetings]"))!.ShouldContain("年度工作计划");
        }
        await Shot(lead, $"center-{slug}-1-workspace");

        // 2. The annual report the demo opened for last year: 沧州 owes none.
        var report = await Db(db => db.AnnualReports.AsNoTracking().Include(r => r.Case).Where(r => r.Case.JurisdictionId == slug && r.Case.Step == "draft").OrderBy(r => r.Id).FirstOrDefaultAsync());
        if (slug == "cangzhou")
        {
            report.ShouldBeNull();
            await lead.GotoAsync(live.BaseUrl + "/AnnualReports?status=none");
            (await lead.TextContentAsync("[data-testid=reports]"))!.ShouldContain("无需报送");
            await Shot(lead, $"center-{slug}-2-reports");
            return;
        }
        report.ShouldNotBeNull();
        await lead.GotoAsync(live.BaseUrl + $"/AnnualReports/{report.Id}");
        foreach (var area in await lead.Locator("textarea[name^='content:']").AllAsync()) await area.FillAsync("本年度围绕关键核心技术攻关推进各项任务，成果转化取得进展。");
        foreach (var input in await lead.Locator("input[name^='fig:']").AllAsync())
        {
            var name = (await input.GetAttributeAsync("name"))!;
            await input.FillAsync(name.EndsWith("funding_total") ? "400" : "100");
        }
        await lead.FillAsync("input[name='fig:annual_report.rd_staff']", "50");
        await lead.FillAsync("input[name='fig:annual_report.major_projects']", "50");
        await lead.ClickAsync("[data-testid=submit]");
        await lead.NoErrorAsync();
        (await lead.TextContentAsync("[data-testid=flash]"))!.ShouldContain("回执编号");
        await Shot(lead, $"center-{slug}-2-submitted");

        // 3. Each holder of the pack's chain passes it on; the last accepts.
        var center = centers.First(c => c.Id == report.CenterId);
        for (var step = 0; step < 6; step++)
        {
            var c = await Db(db => db.Cases.AsNoTracking().FirstAsync(x => x.Id == report.Id));
            if (c.Holder is null) break;
            var account = c.Holder switch
            {
                "co_builders" => await CoBuilderAccountAsync(slug, center.CoBuilders.OrderBy(b => b.Position).First().UnitId),
                "department" => $"{s}-dept",
                _ => $"{s}-bureau",
            };
            var page = await LoginAsync(account);
            await page.GotoAsync(live.BaseUrl + $"/AnnualReports/{report.Id}");
            await page.Locator("[data-testid^=move-]").First.ClickAsync();
            await page.NoErrorAsync();
            if (c.Holder != "co_builders" && c.Holder != "department") await Shot(page, $"center-{slug}-3-accepted");
            await page.Context.CloseAsync();
        }
        (await Db(db => db.Cases.AsNoTracking().FirstAsync(x => x.Id == report.Id))).StageId.ShouldBe("accepted");
        await lead.Context.CloseAsync();
    }

    [Fact] public Task Center_xpcc_12th_division_bodies_meeting_and_annual_report_to_acceptance() => RunAsync("xpcc-12th-division");
    [Fact] public Task Center_chongqing_wanzhou_bodies_meeting_and_annual_report_to_acceptance() => RunAsync("chongqing-wanzhou");
    [Fact] public Task Center_hohhot_bodies_meeting_and_self_evaluation_to_acceptance() => RunAsync("hohhot");
    [Fact] public Task Center_xinjiang_bodies_meeting_and_annual_report_to_acceptance() => RunAsync("xinjiang");
    [Fact] public Task Center_cangzhou_bodies_meeting_and_no_annual_report_owed() => RunAsync("cangzhou");
}
