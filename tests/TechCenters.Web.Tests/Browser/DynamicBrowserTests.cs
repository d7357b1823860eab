using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shouldly;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Data.Seed;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Features.Changes;
using Xunit;
using Xunit.Abstractions;
using RevocationActions = TechCenters.Web.Features.Revocations.Revocations;

namespace TechCenters.Web.Tests.Browser;

/// <summary>
/// Dynamic management in the browser, per jurisdiction, as each role does it: the demo applicant files a change request
/// (with the evidence its pack asks for), each reviewer of the pack's chain passes it on, the bureau approves it; then the
/// bureau revokes another of its centers on a literal ground after hearing it, and the public directory shows 已撤销.
/// </summary>
[Trait("Category", "Browser")]
public sealed class DynamicBrowserTests(LiveApp live, ITestOutputHelper output) : IClassFixture<LiveApp>
{
    private static IReadOnlyDictionary<string, string> Short => BrowserContexts.Short;

    private Task<IPage> LoginAsync(string userName) => live.Browser!.LoginAsync(live.BaseUrl, userName, output);

    private Task Shot(IPage page, string name) => page.ShotAsync(name, output);

    private Task<T> Db<T>(Func<AppDbContext, Task<T>> q) => live.Services.Db(q);

    /// <summary>Clicks a submit button and waits for the page the server answers with (never racing the next step).</summary>
    private static async Task SubmitAsync(IPage page, string selector)
    {
        var posted = page.WaitForResponseAsync(r => r.Request.Method == "POST");
        await page.Locator(selector).First.ClickAsync();
        await posted;
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    private PolicyPack PackOf(Center c)
    {
        var catalog = live.Services.GetRequiredService<PolicyCatalog>();
        return catalog.For(c.JurisdictionId, DateOnly.FromDateTime(DateTime.UtcNow)) is { InForce: true, Pack: { } p } ? p : catalog.Versions(c.JurisdictionId).First(p => p.Version == c.PackVersion);
    }

    private async Task WalkAsync(string slug)
    {
        var s = Short[slug];
        var unit = await Db(db => db.Users.Where(u => u.UserName == s + "-applicant").Select(u => u.UnitId).FirstAsync());
        var centers = await Db(db => db.Centers.AsNoTracking().Where(c => c.LeadUnitId == unit && c.Status != CenterStatus.Revoked).OrderByDescending(c => c.ApprovedOn).ToListAsync());
        var changed = centers[0];
        var pack = PackOf(changed);
        var kinds = ChangeRequests.KindsOf(pack)!;
        var item = kinds.Items.FirstOrDefault(i => i.Changes == ChangeTargets.RegisteredAddress) ?? kinds.Items.First(i => i.Changes is ChangeTargets.Name or ChangeTargets.HostUnitName);
        var naming = pack.Rules.OfType<NamingRule>().FirstOrDefault();
        var to = item.Changes switch
        {
            ChangeTargets.RegisteredAddress => "高新区科技大道66号",
            ChangeTargets.HostUnitName => changed.LeadUnitName + "（集团）",
            _ => naming is { Prefix.Length: > 0 } n && changed.Name.StartsWith(n.Prefix, StringComparison.Ordinal) ? n.Prefix + "数字" + changed.Name[n.Prefix.Length..] : "数字" + changed.Name,
        };

        // 1. the center's lead unit files the change with its evidence and submits it
        var applicant = await LoginAsync($"{s}-applicant");
        await applicant.ClickAsync("a.nav-link[href='/Changes']");
        await applicant.ClickAsync($"[data-testid=file-{changed.Id}]");
        await applicant.SelectOptionAsync("#Matter", item.Name);
        await applicant.FillAsync("#ToValue", to);
        await applicant.FillAsync("#Reason", "依托单位整体搬迁，中心随之迁入新址，需变更有关信息。");
        await Shot(applicant, $"dynamic-{slug}-01-change-form");
        await SubmitAsync(applicant, "[data-testid=create]");
        await applicant.NoErrorAsync();
        var id = int.Parse(Regex.Match(applicant.Url, @"/Changes/(\d+)").Groups[1].Value);
        if (kinds.Evidence.Count > 0)
        {
            await applicant.SetInputFilesAsync("[data-testid=evidence-file]", new FilePayload { Name = "理事会决议.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray() });
            await SubmitAsync(applicant, "[data-testid=upload]");
            await applicant.NoErrorAsync();
        }
        await SubmitAsync(applicant, "[data-testid^=move-]:not([data-testid=move-withdrawn])");
        await applicant.NoErrorAsync();
        await Shot(applicant, $"dynamic-{slug}-02-change-submitted");
        await applicant.Context.CloseAsync();

        // 2. each reviewer of the chain passes it on; the bureau approves (the verdict is shown before approval)
        for (var guard = 0; guard < 6; guard++)
        {
            var c = await Db(db => db.Cases.AsNoTracking().SingleAsync(x => x.Id == id));
            if (c.ClosedAt is not null) break;
            var page = await LoginAsync(c.Holder == "department" ? $"{s}-dept" : c.Holder == "bureau" ? $"{s}-bureau" : $"{s}-applicant");
            await page.GotoAsync(live.BaseUrl + $"/Changes/{id}");
            (await page.Locator("[data-testid=change-verdict]").CountAsync()).ShouldBe(1);
            await page.FillAsync("#note", "经审核，材料齐全，变更后的记录符合管理办法。");
            var approving = await page.Locator("[data-testid=move-accepted]").CountAsync() > 0;
            if (approving) await Shot(page, $"dynamic-{slug}-03-change-before-approval");
            await SubmitAsync(page, "[data-testid^=move-]:not([data-testid=move-withdrawn]):not([data-testid=move-rejected])");
            await page.NoErrorAsync();
            if (approving) await Shot(page, $"dynamic-{slug}-04-change-approved");
            await page.Context.CloseAsync();
        }
        var after = await Db(db => db.Centers.AsNoTracking().SingleAsync(x => x.Id == changed.Id));
        (item.Changes switch { ChangeTargets.RegisteredAddress => after.RegisteredAddress, ChangeTargets.HostUnitName => after.LeadUnitName, _ => after.Name }).ShouldBe(to);

        // 3. the bureau opens a revocation of another center on a literal ground and tells the center
        var target = centers.Last();
        var ground = RevocationActions.GroundsOf(PackOf(target)).First(g => !g.Judgement);
        var bureau = await LoginAsync($"{s}-bureau");
        await bureau.GotoAsync(live.BaseUrl + $"/Revocations/Create?CenterId={target.Id}");
        await bureau.CheckAsync($"[data-testid=ground-{ground.Id}]");
        await bureau.FillAsync("#FactsFound", "经核查，该中心存在所列情形，有关部门出具的书面材料在卷。");
        await Shot(bureau, $"dynamic-{slug}-05-revocation-grounds");
        await SubmitAsync(bureau, "[data-testid=create]");
        await bureau.NoErrorAsync();
        var rid = int.Parse(Regex.Match(bureau.Url, @"/Revocations/(\d+)").Groups[1].Value);
        await SubmitAsync(bureau, "[data-testid=move-hearing]");
        await bureau.NoErrorAsync();
        await bureau.Context.CloseAsync();

        // 4. the center states its case within the period
        var center = await LoginAsync($"{s}-applicant");
        await center.GotoAsync(live.BaseUrl + $"/Revocations/{rid}");
        await center.FillAsync("#statement", "对认定的事实无异议，恳请从轻处理。");
        await Shot(center, $"dynamic-{slug}-06-hearing");
        await SubmitAsync(center, "[data-testid=move-decision-center]");
        await center.NoErrorAsync();
        await center.Context.CloseAsync();

        // 5. the bureau decides, and the decision is issued as DOCX and PDF
        bureau = await LoginAsync($"{s}-bureau");
        await bureau.GotoAsync(live.BaseUrl + $"/Revocations/{rid}");
        await bureau.FillAsync("#decisionNumber", $"{s}撤〔2026〕{rid}号");
        await SubmitAsync(bureau, "[data-testid=move-revoked]");
        await bureau.NoErrorAsync();
        (await bureau.Locator("[data-testid=revoked]").CountAsync()).ShouldBe(1);
        await Shot(bureau, $"dynamic-{slug}-07-revoked");
        var pdf = await bureau.APIRequest.GetAsync(live.BaseUrl + $"/Revocations/{rid}?handler=Pdf");
        pdf.Status.ShouldBe(200);
        (await pdf.BodyAsync()).Take(5).ToArray().ShouldBe("%PDF-"u8.ToArray());
        await bureau.Context.CloseAsync();

        // 6. the public directory shows it revoked
        var visitor = await (await live.Browser!.NewTestContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "zh-CN" })).NewPageAsync();
        await visitor.GotoAsync(live.BaseUrl + $"/Centers?j={slug}");
        (await visitor.TextContentAsync($"[data-testid=status-{target.Id}]"))!.ShouldContain("已撤销");
        await Shot(visitor, $"dynamic-{slug}-08-directory");
        await visitor.Context.CloseAsync();
    }

    [Fact] public Task Dynamic_xpcc_12th_division_change_request_and_revocation() => WalkAsync("xpcc-12th-division");
    [Fact] public Task Dynamic_xinjiang_change_request_and_revocation() => WalkAsync("xinjiang");
    [Fact] public Task Dynamic_hohhot_change_request_and_revocation() => WalkAsync("hohhot");
    [Fact] public Task Dynamic_chongqing_wanzhou_change_request_and_revocation() => WalkAsync("chongqing-wanzhou");
    [Fact] public Task Dynamic_cangzhou_change_request_and_revocation() => WalkAsync("cangzhou");
}
