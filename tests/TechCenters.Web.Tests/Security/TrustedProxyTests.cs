using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Security;

/// <summary>
/// Behind the bureau's TLS gateway the app is reached over plain HTTP; only a configured gateway's forwarded headers
/// are believed: then cookies are Secure, HSTS is sent and the login limit counts the real client, not the gateway.
/// </summary>
public abstract class TrustedProxyTests(AppFixture app)
{
    private const string Gateway = "10.0.0.5";

    /// <summary>The test server has no peer address: this stands in for the TCP peer (the gateway or a stranger).</summary>
    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => b =>
        {
            b.Use((ctx, go) =>
            {
                if (ctx.Request.Headers.TryGetValue("X-Test-Peer", out var peer)) ctx.Connection.RemoteIpAddress = IPAddress.Parse(peer!);
                return go();
            });
            next(b);
        };
    }

    private WebApplicationFactory<Program> Behind(string proxies, int loginLimit = 100000) => app.CreateFactory(b =>
    {
        b.UseSetting("Security:TrustedProxies", proxies);
        b.UseSetting("Security:LoginRateLimit:PermitLimit", loginLimit.ToString());
        b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter, PeerFromHeader>());
    });

    private static HttpClient Plain(WebApplicationFactory<Program> f, string peer, string? forwardedProto = null, string? forwardedFor = null)
    {
        var client = f.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://techcenters.test/") });
        client.DefaultRequestHeaders.Add("X-Test-Peer", peer);
        if (forwardedProto is not null) client.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);
        if (forwardedFor is not null) client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return client;
    }

    private static string Antiforgery(HttpResponseMessage r) =>
        r.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("TechCenters.Antiforgery=")).ToLowerInvariant();

    [Fact]
    public async Task Through_the_configured_gateway_a_request_is_HTTPS_again_its_cookies_are_Secure_and_HSTS_is_sent()
    {
        await using var f = Behind("10.0.0.0/24");
        var page = await Plain(f, Gateway, forwardedProto: "https", forwardedFor: "203.0.113.9").GetAsync("/Accounts/Login");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        Antiforgery(page).Split(';').Select(a => a.Trim()).ShouldContain("secure");
        page.Headers.Contains("Strict-Transport-Security").ShouldBeTrue();
    }

    [Fact]
    public async Task A_stranger_claiming_HTTPS_is_not_believed_and_nothing_is_believed_when_no_gateway_is_configured()
    {
        await using var gated = Behind(Gateway);
        var stranger = await Plain(gated, "192.0.2.7", forwardedProto: "https").GetAsync("/Accounts/Login");
        Antiforgery(stranger).Split(';').Select(a => a.Trim()).ShouldNotContain("secure");
        stranger.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();

        await using var open = Behind("");
        var any = await Plain(open, Gateway, forwardedProto: "https").GetAsync("/Accounts/Login");
        Antiforgery(any).Split(';').Select(a => a.Trim()).ShouldNotContain("secure");
    }

    [Fact]
    public async Task Behind_the_gateway_the_login_limit_counts_each_client_not_the_gateway()
    {
        await using var f = Behind(Gateway, loginLimit: 2);
        async Task<HttpStatusCode> Attempt(string client) =>
            (await Plain(f, Gateway, "https", client).PostAsync("/Accounts/Login", new FormUrlEncodedContent([]))).StatusCode;

        (await Attempt("203.0.113.1")).ShouldNotBe(HttpStatusCode.TooManyRequests);
        (await Attempt("203.0.113.1")).ShouldNotBe(HttpStatusCode.TooManyRequests);
        (await Attempt("203.0.113.1")).ShouldBe(HttpStatusCode.TooManyRequests);
        // Another person behind the same gateway is not locked out by the first one's attempts.
        (await Attempt("203.0.113.2")).ShouldNotBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_gateway_setting_that_is_not_an_address_stops_the_start_with_a_Chinese_message()
    {
        await using var f = Behind("10.0.0.5, gateway.local");
        var e = Should.Throw<OptionsValidationException>(() => f.CreateClient());
        e.Message.ShouldContain("配置项 Security:TrustedProxies 的值“gateway.local”无效");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TrustedProxyTests_Sqlite(SqliteAppFixture app) : TrustedProxyTests(app);

[Collection(PostgresCollection.Name)]
public sealed class TrustedProxyTests_Postgres(PostgresAppFixture app) : TrustedProxyTests(app);
