using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Data.Seed;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Units;
using Xunit;
using Xunit.Abstractions;

namespace TechCenters.Web.Tests.Browser;

/// <summary>
/// Each jurisdiction's selecting half in the browser, as each role does it: the bureau forms the panel, every expert
/// reviews, the bureau concludes, the meeting decides (where the pack has one), the notice is published and an objection
/// raised and resolved (where the pack has a notice), the bureau approves and the center appears in the public directory.
/// Starts from the demo application the applying half leaves waiting for expert review.
/// </summary>
public sealed class SelectingWalk(IBrowser browser, string baseUrl, IServiceProvider services, ITestOutputHelper output)
{
    private static IReadOnlyDictionary<string, string> Short => BrowserContexts.Short;

    private Task<IPage> LoginAsync(string userName) => browser.LoginAsync(baseUrl, userName, output);

    private Task<IPage> AnonymousAsync() => browser.NewTestPageAsync(output, new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

    private Task Shot(IPage page, string name) => page.ShotAsync(name, output);

    private Task<T> Db<T>(Func<AppDbContext, Task<T>> q) => services.Db(q);

    /// <summary>From expert review to a recognized center; <paramref name="applicationId"/> null: the demo application waiting for experts.</summary>
    public async Task RunAsync(string slug, int? applicationId = null)
    {
        var s = Short[slug];
        var app = await Db(db => db.Applications.AsNoTracking().Include(a => a.Case).Include(a => a.CoBuilders)
            .Where(a => a.Case.JurisdictionId == slug && a.Case.Step == "expert_review" && !db.PanelAssignments.Any(p => p.ApplicationId == a.Id))
            .Where(a => applicationId == null || a.Id == applicationId).OrderBy(a => a.Id).FirstAsync());
        var parties = app.CoBuilders.Select(c => c.UnitId).Append(app.Case.LeadUnitId!.Value).ToList();
        var pool = await Db(db => db.Experts.AsNoTracking().Include(e => e.Relations).Where(e => e.JurisdictionId == slug).OrderBy(e => e.Id).ToListAsync());
        var free = pool.Where(e => !parties.Contains(e.UnitId ?? 0) && !e.Relations.Any(r => parties.Contains(r.UnitId))).ToList();
        var panel = new List<Expert>();
        foreach (var k in new[] { ExpertiseKind.Technical, ExpertiseKind.Technical, ExpertiseKind.Technical, ExpertiseKind.Management, ExpertiseKind.Finance })
            panel.Add(free.First(e => e.Kind == k && !panel.Contains(e)));

        // 1. the bureau forms the panel (conflicted candidates are marked with the reason)
        var bureau = await LoginAsync($"{s}-bureau");
        await bureau.ClickAsync("a.nav-link[href='/ExpertReviews']");
        await bureau.CheckAsync($"[data-testid=waiting-list] input[value='{app.Id}']");
        foreach (var e in panel) await bureau.CheckAsync($"#e{e.Id}");
        await Shot(bureau, $"select-{slug}-01-panel");
        await bureau.ClickAsync("[data-testid=form-panel-submit]");
        await bureau.WaitForSelectorAsync("[data-testid=flash]");
        await bureau.NoErrorAsync();

        // 2. every expert reviews (accounts for the panel members who have none yet)
        await using (var scope = services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            foreach (var e in panel)
                if (await users.Users.AnyAsync(u => u.ExpertId == e.Id) is false)
                {
                    var u = new AppUser { UserName = $"{s}-expert-{e.Id}", DisplayName = $"{e.Name}（专家）", ExpertId = e.Id, JurisdictionId = slug, LockoutEnabled = true, CreatedAt = DateTimeOffset.UtcNow };
                    (await users.CreateAsync(u, DemoSeeder.DefaultDemoPassword)).Succeeded.ShouldBeTrue();
                    await users.AddToRoleAsync(u, Roles.Expert);
                }
        }
        var names = await Db(db => db.Users.Where(u => u.ExpertId != null && panel.Select(p => (int?)p.Id).Contains(u.ExpertId)).Select(u => u.UserName!).ToListAsync());
        var first = true;
        foreach (var name in names)
        {
            var expert = await LoginAsync(name);
            await expert.GotoAsync(baseUrl + "/ExpertReviews");
            await expert.ClickAsync($"[data-testid=assigned-table] a[href='/ExpertReviews/Review?id={app.Id}']");
            // personal contact data is masked for experts: no phone or ID number in clear anywhere on the page
            System.Text.RegularExpressions.Regex.IsMatch(await expert.ContentAsync(), @"(?<![\d\-])1[3-9]\d{9}(?!\d)").ShouldBeFalse();
            await expert.FillAsync("#Score", "88");
            // nothing is pre-selected: the expert chooses
            (await expert.IsCheckedAsync("input[name=Recommend][value=true]")).ShouldBeFalse();
            (await expert.IsCheckedAsync("input[name=Recommend][value=false]")).ShouldBeFalse();
            await expert.CheckAsync("input[name=Recommend][value=true]");
            await expert.FillAsync("#Opinion", "技术路线可行，组织管理机制健全，建议通过论证。");
            if (await expert.Locator("#SiteVisitOn").CountAsync() > 0)
            {
                await expert.FillAsync("#SiteVisitOn", services.GetRequiredService<TechCenters.Web.Infrastructure.Clock>().Today.AddDays(-1).ToString("yyyy-MM-dd"));
                await expert.FillAsync("#SiteVisit", "实地查看研发场地、仪器设备和中试线，与申报材料一致。");
            }
            if (first) { await Shot(expert, $"select-{slug}-02-expert-review"); first = false; }
            await expert.ClickAsync("[data-testid=review-submit]");
            await expert.WaitForSelectorAsync("[data-testid=flash]");
            await expert.Context.CloseAsync();
        }

        // 3. the bureau sees every opinion and concludes
        await bureau.GotoAsync(baseUrl + $"/ExpertReviews/Application?id={app.Id}");
        (await bureau.TextContentAsync("[data-testid=summary]"))!.ShouldContain($"已提交 {panel.Count} / {panel.Count}");
        await Shot(bureau, $"select-{slug}-03-review-results");
        await bureau.ClickAsync("[data-testid=conclude-pass]");
        await bureau.WaitForSelectorAsync("[data-testid=flash]");
        await bureau.NoErrorAsync();
        var step = await Db(db => db.Applications.Where(a => a.Id == app.Id).Select(a => a.Case.Step).FirstAsync());

        // 4. 呼和浩特: the applicant revises the plan after the argumentation
        if (step == "plan_revision")
        {
            var applicant = await LoginAsync($"{s}-applicant");
            await applicant.GotoAsync(baseUrl + "/Decisions");
            await applicant.ClickAsync($"a[href='/ExpertReviews/Revise?id={app.Id}']");
            await applicant.Locator("[data-testid=revise-form] textarea").First.FillAsync("根据专家意见，补充了三年产业化目标和年度考核指标。");
            await Shot(applicant, $"select-{slug}-04-plan-revision");
            await applicant.ClickAsync("[data-testid=revise-submit]");
            await applicant.WaitForSelectorAsync("[data-testid=flash]");
            await applicant.Context.CloseAsync();
            step = await Db(db => db.Applications.Where(a => a.Id == app.Id).Select(a => a.Case.Step).FirstAsync());
        }

        // 4b. 沧州 第十二条: the bureau fixes the list of centers to build before the meeting, on the application page
        //     (a selection that approves by itself, 新疆's, is done on the approval page below)
        if (step == "selection")
        {
            await bureau.GotoAsync(baseUrl + $"/Applications/{app.Id}");
            if (await bureau.Locator("[data-testid=actions] [data-testid=move-decision]").CountAsync() > 0)
            {
                await Shot(bureau, $"select-{slug}-04-shortlist");
                await bureau.ClickAsync("[data-testid=actions] [data-testid=move-decision]");
                // the page reloads on the new stage: wait for its badge rather than for a page that is already there
                await bureau.WaitForFunctionAsync("() => document.querySelector('[data-testid=stage]')?.textContent.includes('局党组会')");
                await bureau.NoErrorAsync();
                step = await Db(db => db.Cases.Where(c => c.Id == app.Id).Select(c => c.Step).FirstAsync());
            }
        }

        // 5. the meeting the pack names
        if (step == "decision")
        {
            await bureau.GotoAsync(baseUrl + "/Decisions");
            await bureau.FillAsync($"[data-testid=decision-form-{app.Id}] input[name=Note]", "同意列入拟认定名单");
            await Shot(bureau, $"select-{slug}-05-decision");
            await bureau.ClickAsync($"[data-testid=decision-form-{app.Id}] [data-testid=decide-approve]");
            await bureau.WaitForSelectorAsync("[data-testid=flash]");
            await bureau.NoErrorAsync();
            step = await Db(db => db.Applications.Where(a => a.Id == app.Id).Select(a => a.Case.Step).FirstAsync());
        }

        // 6. the public notice, an objection from the public and its resolution
        if (step == "public_notice")
        {
            await bureau.GotoAsync(baseUrl + "/PublicNotices");
            var rules = await bureau.TextContentAsync("[data-testid=period-rules]");
            if (rules!.Contains("须由经办人填写并确认"))
            {
                await bureau.FillAsync("#EndsOn", DateTime.UtcNow.AddHours(8).AddDays(10).ToString("yyyy-MM-dd"));
                await bureau.CheckAsync("input[name=Confirmed]");
            }
            await Shot(bureau, $"select-{slug}-06-publish");
            await bureau.ClickAsync("[data-testid=publish-submit]");
            await bureau.WaitForSelectorAsync("[data-testid=flash]");
            await bureau.NoErrorAsync();
            var noticeId = await Db(db => db.PublicNoticeItems.Where(i => i.ApplicationId == app.Id).Select(i => i.NoticeId).FirstAsync());

            var citizen = await AnonymousAsync();
            await citizen.GotoAsync(baseUrl + $"/Notices/Detail?id={noticeId}");
            (await citizen.TextContentAsync("[data-testid=notice-items]"))!.ShouldContain(app.CenterName);
            await citizen.SelectOptionAsync("#ItemId", new SelectOptionValue { Label = app.CenterName });
            await citizen.FillAsync("#Contact", "13800001111");
            await citizen.FillAsync("#Reason", "牵头单位申报的研发人员数量与社保缴纳人数不一致，请核查。");
            await Shot(citizen, $"select-{slug}-07-public-notice");
            await citizen.ClickAsync("[data-testid=objection-submit]");
            await citizen.WaitForSelectorAsync("[data-testid=flash]");
            await citizen.Context.CloseAsync();

            await bureau.GotoAsync(baseUrl + "/Approvals");
            (await bureau.TextContentAsync($"[data-testid=approval-{app.Id}] [data-testid=blocked]"))!.ShouldContain("公示期");
            await bureau.GotoAsync(baseUrl + "/PublicNotices");
            var objectionId = await Db(db => db.Objections.Where(o => o.ApplicationId == app.Id).Select(o => o.Id).FirstAsync());
            await bureau.FillAsync($"[data-testid=resolve-form-{objectionId}] input[name=Resolution]", "经核查社保缴纳记录，研发人员数量属实，异议不成立。");
            await Shot(bureau, $"select-{slug}-08-objection");
            await bureau.ClickAsync($"[data-testid=resolve-form-{objectionId}] [data-testid=resolve-dismiss]");
            await bureau.WaitForSelectorAsync("[data-testid=flash]");
            await bureau.NoErrorAsync();

            // the period runs its working days: the live clock cannot wait, so the notice is moved into the past
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var notice = await db.PublicNotices.SingleAsync(n => n.Id == noticeId);
            var shift = notice.EndsOn.DayNumber - notice.PublishedOn.DayNumber + 1;
            notice.PublishedOn = notice.PublishedOn.AddDays(-shift);
            notice.EndsOn = notice.EndsOn.AddDays(-shift);
            await db.SaveChangesAsync();
        }

        // 7. approval with the number, the name by the pattern and the subsidy where the pack grants one
        await bureau.GotoAsync(baseUrl + "/Approvals");
        var form = $"[data-testid=approval-{app.Id}] [data-testid=approve-form]";
        await bureau.FillAsync($"{form} input[name=ApprovalNumber]", $"{s.ToUpperInvariant()}科发〔2026〕{app.Id}号");
        if (await bureau.Locator($"{form} input[name=SubsidyYuan]").CountAsync() > 0)
            await bureau.FillAsync($"{form} input[name=SubsidyYuan]", "200000");
        await Shot(bureau, $"select-{slug}-09-approval");
        await bureau.ClickAsync($"{form} [data-testid=approve-submit]");
        await bureau.ArriveAsync("**/Centers/Detail?id=*");
        (await bureau.TextContentAsync("[data-testid=center-name]"))!.ShouldBe(app.CenterName);
        (await bureau.Locator("[data-testid=pdf]").CountAsync()).ShouldBe(1);
        var pdf = await bureau.APIRequest.GetAsync(baseUrl + (await bureau.GetAttributeAsync("[data-testid=pdf]", "href")));
        pdf.Status.ShouldBe(200);
        pdf.Headers["content-type"].ShouldBe("application/pdf");
        await Shot(bureau, $"select-{slug}-10-center");
        await bureau.Context.CloseAsync();

        // 8. the public directory
        var visitor = await AnonymousAsync();
        await visitor.GotoAsync(baseUrl + $"/Centers?j={slug}");
        (await visitor.TextContentAsync("[data-testid=directory]"))!.ShouldContain(app.CenterName);
        await Shot(visitor, $"select-{slug}-11-directory");
        await visitor.Context.CloseAsync();
    }
}

/// <summary>
/// The whole path per jurisdiction, in the browser, as each role does it: the applying walk (published call → application
/// waiting for expert review) and then the selecting walk (→ recognized center in the public directory).
/// </summary>
[Trait("Category", "Browser")]
public sealed class WholePathBrowserTests : ApplyingWalk, IClassFixture<ApplyingLiveAppToday>
{
    private readonly SelectingWalk selecting;

    public WholePathBrowserTests(ApplyingLiveAppToday live, ITestOutputHelper output) : base(live, output) =>
        selecting = new(live.Browser!, live.BaseUrl, live.Services, output);

    [Fact]
    public async Task Whole_path_xpcc_12th_division_from_call_to_recognized_center() =>
        await selecting.RunAsync("xpcc-12th-division", await WalkAsync("xpcc-12th-division", "xpcc", "第十二师现代农业装备技术创新中心", ["application", "recommendation", "expert_review"]));

    [Fact]
    public async Task Whole_path_hohhot_from_call_to_recognized_center() =>
        await selecting.RunAsync("hohhot", await WalkAsync("hohhot", "hhht", "呼和浩特市乳业技术创新中心", ["intention", "recommendation", "feasibility_review"]));

    [Fact]
    public async Task Whole_path_chongqing_wanzhou_from_call_to_recognized_center() =>
        await selecting.RunAsync("chongqing-wanzhou", await WalkAsync("chongqing-wanzhou", "wz", "重庆市万州区智能制造技术创新中心", ["call", "recommendation", "application", "expert_review"]));

    [Fact]
    public async Task Whole_path_cangzhou_from_call_to_recognized_center() =>
        await selecting.RunAsync("cangzhou", await WalkAsync("cangzhou", "cz", "沧州市管道装备技术创新中心", ["application", "recommendation", "intake_review", "expert_review"]));
}

/// <summary>新疆's guideline governs cases from 2023-01-27 to 2025-01-26: its whole path runs on 2024-10-08.</summary>
[Trait("Category", "Browser")]
public sealed class WholePath2024BrowserTests : ApplyingWalk, IClassFixture<ApplyingLiveApp2024>
{
    private readonly SelectingWalk selecting;

    public WholePath2024BrowserTests(ApplyingLiveApp2024 live, ITestOutputHelper output) : base(live, output) =>
        selecting = new(live.Browser!, live.BaseUrl, live.Services, output);

    [Fact]
    public async Task Whole_path_xinjiang_from_call_to_recognized_center() =>
        await selecting.RunAsync("xinjiang", await WalkAsync("xinjiang", "xj", "新疆棉花产业技术创新中心", ["intent_application", "cultivation", "recommended", "demonstration"]));
}
