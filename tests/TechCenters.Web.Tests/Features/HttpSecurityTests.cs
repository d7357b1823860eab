using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Features;

public abstract class HttpSecurityTests(AppFixture app)
{
    [Fact]
    public async Task A_post_without_antiforgery_token_is_400_and_changes_nothing()
    {
        // Lock an account, then try to unlock it without the token: it must stay locked.
        var victim = await app.CreateUserAsync(TechCenters.Web.Features.Accounts.Roles.Applicant);
        for (var i = 0; i < 5; i++) await AppFixture.PostLoginAsync(app.Client(), victim, "Wrong#Pass1");
        var lockedUntil = (await app.User(victim)).LockoutEnd;
        lockedUntil.ShouldNotBeNull();

        var client = await app.LoginAsync("secadmin");
        var response = await client.PostAsync("/Admin/Security?handler=Unlock", new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = victim }));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.TextAsync()).ShouldContain("防伪校验未通过");
        (await app.User(victim)).LockoutEnd.ShouldBe(lockedUntil);

        // With the token the same request works.
        var token = await AppFixture.AntiforgeryTokenAsync(client, "/Admin/Security");
        var ok = await client.PostAsync("/Admin/Security?handler=Unlock", new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = victim, ["__RequestVerificationToken"] = token }));
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.User(victim)).LockoutEnd.ShouldBeNull();
    }

    [Fact]
    public async Task A_login_post_without_antiforgery_token_is_400_and_signs_nobody_in()
    {
        var client = app.Client();
        var response = await client.PostAsync("/Accounts/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "xpcc-bureau", ["Input.Password"] = AppFixture.Password,
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        cookies.ShouldNotContain(c => c.StartsWith("TechCenters.Auth"));
        (await client.GetAsync("/Inbox")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Every_page_carries_the_security_headers()
    {
        var client = await app.LoginAsync("xpcc-dept");
        foreach (var url in new[] { "/Accounts/Login", "/Inbox", "/Units" })
        {
            var r = await (url == "/Accounts/Login" ? app.Client() : client).GetAsync(url);
            r.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            var csp = string.Join(";", r.Headers.GetValues("Content-Security-Policy"));
            csp.ShouldContain("default-src 'self'");
            csp.ShouldContain("frame-ancestors 'none'");
            csp.ShouldNotContain("http");
            csp.ShouldNotContain("unsafe-inline");
            r.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");
            r.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=");
            r.Headers.GetValues("Referrer-Policy").ShouldContain("no-referrer");
            var html = await r.Content.ReadAsStringAsync();
            html.ShouldContain("<html lang=\"zh-CN\">");
            html.ShouldNotContain("<script>");
            html.ShouldNotContain("style=\"");
        }
    }

    [Fact]
    public async Task A_server_error_shows_a_Chinese_page_without_a_stack_trace()
    {
        await using var boom = app.CreateFactory(b => b.ConfigureTestServices(s =>
            s.AddSingleton<IStartupFilter>(new ThrowingEndpoint())));
        var response = await app.Client(boom).GetAsync("/boom");
        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var text = await response.TextAsync();
        text.ShouldContain("系统繁忙");
        text.ShouldNotContain("InvalidOperationException");
        text.ShouldNotContain("at TechCenters");
    }

    [Fact]
    public async Task An_unknown_page_is_a_Chinese_404()
    {
        var client = await app.LoginAsync("xpcc-bureau");
        var response = await client.GetAsync("/no-such-page");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.TextAsync()).ShouldContain("页面不存在");
        (await client.GetAsync("/Areas/no-such-area")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_input_gets_a_Chinese_message_and_a_4xx()
    {
        var client = app.Client();
        var token = await AppFixture.AntiforgeryTokenAsync(client, "/Accounts/Login");
        var response = await client.PostAsync("/Accounts/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "", ["Input.Password"] = "", ["__RequestVerificationToken"] = token,
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var text = await response.TextAsync();
        text.ShouldContain("请输入用户名");
        text.ShouldContain("请输入口令");

        var auditor = await app.LoginAsync("auditadmin");
        var badRange = await auditor.GetAsync("/Audit?from=2026-03-10&to=2026-03-01");
        badRange.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badRange.TextAsync()).ShouldContain("起始日期不能晚于截止日期");
    }

    [Fact]
    public async Task Every_navigation_link_of_every_role_leads_to_a_page()
    {
        foreach (var user in new[] { "xpcc-bureau", "xpcc-dept", "xpcc-applicant", "xpcc-expert", "xpcc-evaluator", "sysadmin", "secadmin", "auditadmin" })
        {
            var client = await app.LoginAsync(user);
            var html = await client.GetStringAsync("/Inbox");
            var links = System.Text.RegularExpressions.Regex.Matches(html, "href=\"(/[^\"]*)\"").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))
                .Where(l => !l.StartsWith("/lib") && !l.StartsWith("/css")).Distinct().ToList();
            links.Count.ShouldBeGreaterThan(1);
            foreach (var link in links)
                (await client.GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.OK, $"{user}: {link}");
        }
    }

    [Fact]
    public async Task The_bare_benchmark_endpoint_is_off_unless_configured()
    {
        (await app.Client().GetAsync("/bench/bare/100")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await using var bench = app.CreateFactory(b => b.UseSetting("Bench:BareEndpoint", "true"));
        var r = await app.Client(bench).GetAsync("/bench/bare/12345");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await r.Content.ReadAsByteArrayAsync()).Length.ShouldBe(12345);
        // Its signed-in twin answers only behind the sign-in, and is off with the flag too.
        (await app.Client().GetAsync("/bench/bare-signed-in/100")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.Client(bench).GetAsync("/bench/bare-signed-in/100")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var signedIn = await (await app.LoginAsync("xpcc-bureau", factory: bench)).GetAsync("/bench/bare-signed-in/2345");
        signedIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await signedIn.Content.ReadAsByteArrayAsync()).Length.ShouldBe(2345);
    }

    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            next(builder);
            builder.Run(ctx => ctx.Request.Path == "/boom" ? throw new InvalidOperationException("测试用异常") : Task.CompletedTask);
        };
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HttpSecurityTests_Sqlite(SqliteAppFixture app) : HttpSecurityTests(app);

[Collection(PostgresCollection.Name)]
public sealed class HttpSecurityTests_Postgres(PostgresAppFixture app) : HttpSecurityTests(app);
