using Microsoft.Playwright;
using Shouldly;
using TechCenters.Web.Data.Seed;
using Xunit;
using Xunit.Abstractions;

namespace TechCenters.Web.Tests.Browser;

/// <summary>The security pages as their users see them: the public verification page, sessions, a refused input.</summary>
[Trait("Category", "Browser")]
public sealed class SecurityBrowserTests(LiveApp live, ITestOutputHelper output) : IClassFixture<LiveApp>
{
    private Task<IPage> PageAsync(string? userName)
    {
        var options = new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } };
        return userName is null ? live.Browser!.NewTestPageAsync(output, options) : live.Browser!.LoginAsync(live.BaseUrl, userName, output, options: options);
    }

    private Task Shot(IPage page, string name) => page.ShotAsync(name, output);

    [Theory]
    [InlineData("xpcc-12th-division", "xpcc")]
    [InlineData("xinjiang", "xj")]
    [InlineData("hohhot", "hhht")]
    [InlineData("chongqing-wanzhou", "wz")]
    [InlineData("cangzhou", "cz")]
    public async Task An_approval_notice_is_verified_on_the_public_page_by_anyone(string slug, string account)
    {
        var bureau = await PageAsync(account + "-bureau");
        // A center of the bureau's own jurisdiction: only there may it download the notice.
        await bureau.GotoAsync(live.BaseUrl + "/Centers?j=" + slug);
        await bureau.Locator("a[href^='/Centers/Detail']").First.ClickAsync();
        var docxHref = await bureau.GetAttributeAsync("[data-testid=docx]", "href");
        var docx = await bureau.APIRequest.GetAsync(live.BaseUrl + docxHref);
        docx.Status.ShouldBe(200);
        await bureau.ReloadAsync();
        var href = await bureau.GetAttributeAsync("[data-testid=signature] a", "href");
        href.ShouldNotBeNull();
        await bureau.Context.CloseAsync();

        var visitor = await PageAsync(null);
        await visitor.GotoAsync(live.BaseUrl + href);
        (await visitor.TextContentAsync("[data-testid=verify-result]"))!.ShouldContain("真实有效");
        await Shot(visitor, $"verify-genuine-{slug}");
        await visitor.FillAsync("#code", "ABCD-EFGH-JKMN-PQRS");
        await visitor.ClickAsync("[data-testid=verify-form] button[type=submit]");
        (await visitor.TextContentAsync("[data-testid=verify-result]"))!.ShouldContain("无法确认为本平台签发");
        await Shot(visitor, $"verify-unknown-{slug}");
        await visitor.Context.CloseAsync();
    }

    [Fact]
    public async Task The_security_admin_sees_sessions_and_a_refused_input_reads_as_Chinese()
    {
        var other = await PageAsync("xpcc-dept");
        var secadmin = await PageAsync("secadmin");
        await secadmin.GotoAsync(live.BaseUrl + "/Admin/Sessions");
        (await secadmin.Locator("[data-testid=session-xpcc-dept]").CountAsync()).ShouldBeGreaterThan(0);
        await Shot(secadmin, "security-sessions");
        await secadmin.GotoAsync(live.BaseUrl + "/Admin/Security");
        await Shot(secadmin, "security-admin");
        await secadmin.Context.CloseAsync();

        await other.GotoAsync(live.BaseUrl + "/Units?q=" + Uri.EscapeDataString("<script>alert(1)</script>"));
        (await other.TextContentAsync("[data-testid=status-page]"))!.ShouldContain("包含网页标记或脚本");
        await Shot(other, "security-refused-input");
        await other.Context.CloseAsync();
    }
}
