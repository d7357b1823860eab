using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Security;

/// <summary>Sessions the security admin sees and ends, password expiry, and a login page that does not tell which names exist.</summary>
public abstract class SessionTests(AppFixture app)
{
    [Fact]
    public async Task The_login_and_antiforgery_cookies_are_HttpOnly_SameSite_strict_and_Secure_over_HTTPS()
    {
        var client = app.Client();
        var form = await client.GetAsync("/Accounts/Login");
        var antiforgery = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("TechCenters.Antiforgery="));
        var login = await AppFixture.PostLoginAsync(client, "xpcc-bureau", AppFixture.Password);
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var auth = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("TechCenters.Auth="));
        foreach (var cookie in new[] { antiforgery, auth })
        {
            var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
            attributes.ShouldContain("httponly", cookie);
            attributes.ShouldContain("samesite=strict", cookie);
            attributes.ShouldContain("secure", cookie); // the test server is reached over HTTPS, as a deployment is
        }
        // The session cookie is a session cookie: no persistent expiry written to the browser's disk.
        auth.ToLowerInvariant().ShouldNotContain("max-age");
    }

    [Fact]
    public async Task The_security_admin_sees_open_sessions_and_ending_one_logs_that_browser_out()
    {
        var user = await app.CreateUserAsync(Roles.Evaluator);
        var office = await app.LoginAsync(user);
        app.Time.Advance(TimeSpan.FromSeconds(1)); // the office's session started first (ordered by StartedAt below)
        var home = await app.LoginAsync(user);
        var secadmin = await app.LoginAsync("secadmin");
        var page = await secadmin.GetStringAsync("/Admin/Sessions");
        var ids = Regex.Matches(page, $"data-testid=\"session-{user}\"[\\s\\S]*?name=\"Input.SessionId\" value=\"([0-9a-f]{{32}})\"").Select(m => m.Groups[1].Value).ToList();
        ids.Count.ShouldBe(2);
        var sessions = await app.Db(db => db.UserSessions.AsNoTracking().Where(s => s.UserName == user).OrderBy(s => s.StartedAt).ToListAsync());
        sessions.Count.ShouldBe(2);

        var token = await AppFixture.AntiforgeryTokenAsync(secadmin, "/Admin/Sessions");
        var noReason = await secadmin.PostAsync("/Admin/Sessions?handler=End", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.SessionId"] = sessions[0].Id, ["Input.Reason"] = "", ["__RequestVerificationToken"] = token,
        }));
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.TextAsync()).ShouldContain("请填写结束会话的原因");
        (await office.GetAsync("/Inbox")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var ended = await secadmin.PostAsync("/Admin/Sessions?handler=End", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.SessionId"] = sessions[0].Id, ["Input.Reason"] = "疑似账号共用", ["__RequestVerificationToken"] = token,
        }));
        ended.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ended.TextAsync()).ShouldContain($"已结束 {user} 的会话");
        var refused = await office.GetAsync("/Inbox");
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.ToString().ShouldContain("/Accounts/Login");
        (await home.GetAsync("/Inbox")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Db(db => db.AuditEntries.AnyAsync(a => a.Action == "结束会话" && a.UserName == "secadmin" && a.Detail!.Contains(user) && a.Detail.Contains("疑似账号共用")))).ShouldBeTrue();
        // Nobody else reaches the page.
        (await (await app.LoginAsync("sysadmin")).GetAsync("/Admin/Sessions")).Headers.Location!.ToString().ShouldContain("/Accounts/AccessDenied");
    }

    [Fact]
    public async Task Logging_out_ends_the_session_row_and_a_copy_of_the_old_cookie_stays_refused()
    {
        var user = await app.CreateUserAsync(Roles.Evaluator);
        // A client that keeps no cookies itself: the test holds them, as someone who copied them would.
        var raw = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
            { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://techcenters.test/") });
        async Task<HttpResponseMessage> Send(HttpMethod method, string url, string cookies, Dictionary<string, string>? form = null)
        {
            var req = new HttpRequestMessage(method, url) { Content = form is null ? null : new FormUrlEncodedContent(form) };
            if (cookies.Length > 0) req.Headers.Add("Cookie", cookies);
            return await raw.SendAsync(req);
        }
        static string Cookie(HttpResponseMessage r, string name) => r.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(name + "=")).Split(';')[0];
        static string Token(string html) => Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        var loginPage = await Send(HttpMethod.Get, "/Accounts/Login", "");
        var af = Cookie(loginPage, "TechCenters.Antiforgery");
        var login = await Send(HttpMethod.Post, "/Accounts/Login", af, new() { ["Input.UserName"] = user, ["Input.Password"] = AppFixture.Password, ["__RequestVerificationToken"] = Token(await loginPage.Content.ReadAsStringAsync()) });
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var auth = Cookie(login, "TechCenters.Auth");
        var inbox = await Send(HttpMethod.Get, "/Inbox", $"{auth}; {af}");
        inbox.StatusCode.ShouldBe(HttpStatusCode.OK);
        var logout = await Send(HttpMethod.Post, "/Accounts/Logout", $"{auth}; {af}", new() { ["__RequestVerificationToken"] = Token(await inbox.Content.ReadAsStringAsync()) });
        logout.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var session = await app.Db(db => db.UserSessions.AsNoTracking().SingleAsync(s => s.UserName == user));
        session.EndedAt.ShouldNotBeNull();
        session.EndReason.ShouldBe("退出登录");
        var replay = await Send(HttpMethod.Get, "/Inbox", auth);
        replay.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        replay.Headers.Location!.ToString().ShouldContain("/Accounts/Login");
    }

    [Fact]
    public async Task An_expired_password_sends_every_page_to_the_password_form_until_it_is_changed()
    {
        await using var expiring = app.CreateFactory(b => b.UseSetting("Security:PasswordMaxAgeDays", "90"));
        var user = await app.CreateUserAsync(Roles.Evaluator, configure: u => u.CreatedAt = app.Time.GetUtcNow().AddDays(-91));
        var fresh = await app.CreateUserAsync(Roles.Evaluator, configure: u => u.CreatedAt = app.Time.GetUtcNow().AddDays(-89));
        (await (await app.LoginAsync(fresh, factory: expiring)).GetAsync("/Inbox")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var client = await app.LoginAsync(user, factory: expiring);
        var inbox = await client.GetAsync("/Inbox");
        inbox.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        inbox.Headers.Location!.ToString().ShouldBe("/Accounts/Password?expired=1");
        (await (await client.GetAsync("/Accounts/Password?expired=1")).TextAsync()).ShouldContain("口令已超过规定的使用期限");

        var token = await AppFixture.AntiforgeryTokenAsync(client, "/Accounts/Password");
        (await client.PostAsync("/Accounts/Password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Current"] = AppFixture.Password, ["Input.New"] = "Kx9#tree-lamp", ["Input.Confirm"] = "Kx9#tree-lamp", ["__RequestVerificationToken"] = token,
        }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.User(user)).PasswordChangedAt.ShouldBe(app.Time.GetUtcNow());
        var again = await app.LoginAsync(user, "Kx9#tree-lamp", expiring);
        (await again.GetAsync("/Inbox")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_login_page_answers_an_unknown_name_a_wrong_password_and_a_locked_account_alike()
    {
        var known = await app.CreateUserAsync(Roles.Applicant);
        var unknown = "nobody-" + Guid.NewGuid().ToString("N")[..8];
        var answers = new List<(HttpStatusCode, string)>();
        for (var i = 0; i < 6; i++)
        {
            foreach (var name in new[] { known, unknown })
            {
                var r = await AppFixture.PostLoginAsync(app.Client(), name, "Wrong#Pass1");
                var text = Regex.Replace(await r.TextAsync(), "value=\"[^\"]*\"", "");
                answers.Add((r.StatusCode, text.Replace(name, "")));
            }
        }
        // The known account is locked by now; a correct password gets the same answer as anything else.
        var locked = await AppFixture.PostLoginAsync(app.Client(), known, AppFixture.Password);
        answers.Add((locked.StatusCode, (await locked.TextAsync()).Replace(known, "")));
        answers.Select(a => a.Item1).Distinct().ShouldBe([HttpStatusCode.Unauthorized]);
        answers.ShouldAllBe(a => a.Item2.Contains(TechCenters.Web.Features.Accounts.LoginModel.FailureMessage));
        // The audit log keeps the difference for the assessor.
        (await app.Db(db => db.AuditEntries.AnyAsync(a => a.UserName == unknown && a.Detail == "用户名不存在"))).ShouldBeTrue();
        (await app.Db(db => db.AuditEntries.AnyAsync(a => a.UserName == known && a.Detail == "账号已锁定"))).ShouldBeTrue();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SessionTests_Sqlite(SqliteAppFixture app) : SessionTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SessionTests_Postgres(PostgresAppFixture app) : SessionTests(app);
