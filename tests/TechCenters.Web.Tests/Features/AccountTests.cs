using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Features;

public abstract class AccountTests(AppFixture app)
{
    [Fact]
    public async Task A_demo_bureau_officer_logs_in_through_the_form_and_sees_the_workbench()
    {
        var client = await app.LoginAsync("xpcc-bureau");
        var root = await client.GetAsync("/");
        root.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        root.Headers.Location!.ToString().ShouldBe("/Inbox");
        var page = await client.GetAsync("/Inbox");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await page.TextAsync();
        text.ShouldContain("第十二师科技局");
        text.ShouldContain("待办事项");
    }

    [Fact]
    public async Task An_anonymous_request_is_sent_to_the_login_page()
    {
        var response = await app.Client().GetAsync("/Units");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/Accounts/Login");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_Chinese_message_and_recorded()
    {
        var user = await app.CreateUserAsync(Roles.Applicant);
        var client = app.Client();
        var response = await AppFixture.PostLoginAsync(client, user, "Wrong#Pass1");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.TextAsync()).ShouldContain("用户名或口令错误");
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        (await db.AuditEntries.AnyAsync(a => a.UserName == user && a.Action == "登录" && a.Outcome == "失败")).ShouldBeTrue();
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_fifteen_minutes_then_it_unlocks()
    {
        var user = await app.CreateUserAsync(Roles.Applicant);
        var client = app.Client();
        for (var i = 0; i < 4; i++)
            (await AppFixture.PostLoginAsync(client, user, "Wrong#Pass1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // After four failures the right password still works, so the bound is exactly five.
        var probe = app.Client();
        (await AppFixture.PostLoginAsync(probe, user, AppFixture.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        for (var i = 0; i < 5; i++)
            await AppFixture.PostLoginAsync(client, user, "Wrong#Pass1");
        var locked = await AppFixture.PostLoginAsync(app.Client(), user, AppFixture.Password);
        locked.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await locked.TextAsync()).ShouldContain("已被锁定");

        app.Time.Advance(TimeSpan.FromMinutes(14) + TimeSpan.FromSeconds(59));
        (await AppFixture.PostLoginAsync(app.Client(), user, AppFixture.Password)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        app.Time.Advance(TimeSpan.FromSeconds(2));
        (await AppFixture.PostLoginAsync(app.Client(), user, AppFixture.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_session_idle_for_thirty_minutes_ends_but_activity_keeps_it_alive()
    {
        var client = await app.LoginAsync("xj-bureau");
        app.Time.Advance(TimeSpan.FromMinutes(29));
        (await client.GetAsync("/Inbox")).StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Time.Advance(TimeSpan.FromMinutes(29)); // 58 minutes after login, 29 after the last request
        (await client.GetAsync("/Inbox")).StatusCode.ShouldBe(HttpStatusCode.OK);

        app.Time.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(1));
        var expired = await client.GetAsync("/Inbox");
        expired.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        expired.Headers.Location!.ToString().ShouldContain("/Accounts/Login");
    }

    [Fact]
    public async Task A_session_ends_eight_hours_after_login_however_active()
    {
        var client = await app.LoginAsync("hhht-bureau");
        for (var elapsed = 0; elapsed < 7 * 60 + 40; elapsed += 20)
        {
            app.Time.Advance(TimeSpan.FromMinutes(20));
            (await client.GetAsync("/Inbox")).StatusCode.ShouldBe(HttpStatusCode.OK, $"{elapsed + 20} 分钟时会话应仍有效");
        }
        // Now 8h00m after login.
        app.Time.Advance(TimeSpan.FromMinutes(20));
        var expired = await client.GetAsync("/Inbox");
        expired.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        expired.Headers.Location!.ToString().ShouldContain("/Accounts/Login");
    }

    [Fact]
    public async Task Logout_ends_the_session_and_is_audited()
    {
        var client = await app.LoginAsync("wz-dept");
        var token = await AppFixture.AntiforgeryTokenAsync(client, "/Inbox");
        var response = await client.PostAsync("/Accounts/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync("/Inbox")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        (await db.AuditEntries.AnyAsync(a => a.UserName == "wz-dept" && a.Action == "退出登录")).ShouldBeTrue();
    }

    [Fact]
    public async Task Login_attempts_beyond_the_limit_get_429_with_a_Chinese_message()
    {
        await using var limited = app.CreateFactory(b => b.UseSetting("Security:LoginRateLimit:PermitLimit", "3"));
        var client = app.Client(limited);
        for (var i = 0; i < 3; i++)
            (await AppFixture.PostLoginAsync(client, "nobody-here", "Wrong#Pass1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var refused = await AppFixture.PostLoginAsync(client, "nobody-here", "Wrong#Pass1");
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("登录尝试过于频繁");
        // Retry-After is when this limiter's window reopens (60 s by default), not another limiter's.
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 60);
        // The login page itself (GET) is not limited.
        (await client.GetAsync("/Accounts/Login")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_password_policy_is_enforced_when_an_account_is_created()
    {
        await using var scope = app.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var weak = await users.CreateAsync(new AppUser { UserName = "weak-" + Guid.NewGuid().ToString("N")[..8], DisplayName = "x" }, "Password1");
        weak.Succeeded.ShouldBeFalse();
        weak.Errors.ShouldContain(e => e.Description.Contains("常见弱口令"));
        var twoClasses = await users.CreateAsync(new AppUser { UserName = "two-" + Guid.NewGuid().ToString("N")[..8], DisplayName = "x" }, "abcdefgh12");
        twoClasses.Succeeded.ShouldBeFalse();
        var ok = await users.CreateAsync(new AppUser { UserName = "ok-" + Guid.NewGuid().ToString("N")[..8], DisplayName = "x" }, "Kx9#tree-lamp");
        ok.Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task A_user_changes_the_password_only_to_one_that_passes_the_policy()
    {
        var user = await app.CreateUserAsync(Roles.Evaluator);
        var client = await app.LoginAsync(user);
        async Task<HttpResponseMessage> Change(string current, string @new, string confirm)
        {
            var token = await AppFixture.AntiforgeryTokenAsync(client, "/Accounts/Password");
            return await client.PostAsync("/Accounts/Password", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Current"] = current, ["Input.New"] = @new, ["Input.Confirm"] = confirm, ["__RequestVerificationToken"] = token,
            }));
        }

        var weak = await Change(AppFixture.Password, "Admin@123", "Admin@123");
        weak.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await weak.TextAsync()).ShouldContain("常见弱口令");
        var wrongCurrent = await Change("Not#The1Password", "Kx9#tree-lamp", "Kx9#tree-lamp");
        wrongCurrent.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrongCurrent.TextAsync()).ShouldContain("当前口令不正确");
        var mismatch = await Change(AppFixture.Password, "Kx9#tree-lamp", "Kx9#tree-lamq");
        (await mismatch.TextAsync()).ShouldContain("两次输入的新口令不一致");

        var ok = await Change(AppFixture.Password, "Kx9#tree-lamp", "Kx9#tree-lamp");
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ok.TextAsync()).ShouldContain("口令已修改");
        (await client.GetAsync("/Inbox")).StatusCode.ShouldBe(HttpStatusCode.Redirect); // signed out: log in with the new one
        (await AppFixture.PostLoginAsync(app.Client(), user, AppFixture.Password)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await AppFixture.PostLoginAsync(app.Client(), user, "Kx9#tree-lamp")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task The_system_admin_creates_business_accounts_only_with_a_valid_scope_and_a_one_time_password()
    {
        var sysadmin = await app.LoginAsync("sysadmin");
        var unit = await app.Db(db => db.Units.Where(u => u.JurisdictionId == "hohhot").OrderBy(u => u.Id).Skip(3).FirstAsync());
        var otherUnit = await app.Db(db => db.Units.Where(u => u.JurisdictionId == "cangzhou").Select(u => u.Id).FirstAsync());
        var name = "new-" + Guid.NewGuid().ToString("N")[..8];
        async Task<HttpResponseMessage> Create(string role, string? unitId)
        {
            var token = await AppFixture.AntiforgeryTokenAsync(sysadmin, "/Admin/Users");
            return await sysadmin.PostAsync("/Admin/Users?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.UserName"] = name, ["Input.DisplayName"] = "新申报联系人", ["Input.Role"] = role,
                ["Input.JurisdictionId"] = "hohhot", ["Input.UnitId"] = unitId ?? "", ["__RequestVerificationToken"] = token,
            }));
        }
        var users = await app.Db(db => db.Users.CountAsync());

        var admin = await Create(Roles.AuditAdmin, null);
        admin.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.TextAsync()).ShouldContain("须用命令行创建");
        var noUnit = await Create(Roles.Applicant, null);
        (await noUnit.TextAsync()).ShouldContain("须指定本辖区的申报单位");
        var foreignUnit = await Create(Roles.Applicant, otherUnit.ToString());
        foreignUnit.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.Db(db => db.Users.CountAsync())).ShouldBe(users);

        var ok = await Create(Roles.Applicant, unit.Id.ToString());
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await ok.Content.ReadAsStringAsync();
        var password = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"initial-password\">([^<]+)<").Groups[1].Value;
        password = System.Net.WebUtility.HtmlDecode(password);
        PasswordPolicy.Check(password).ShouldBeEmpty();

        var newcomer = await app.LoginAsync(name, password);
        (await newcomer.GetAsync($"/Units/{unit.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await newcomer.GetAsync($"/Units/{otherUnit}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>The product's own registration (the tests' apps use <see cref="TestPasswords"/>); a weaker stored hash is rehashed.</summary>
    [Fact]
    public async Task Passwords_are_hashed_with_PBKDF2_at_210000_iterations()
    {
        await using var product = AppSetup.CreateBuilder(TechCenters.Web.Tests.Browser.LiveApp.Arguments("Data Source=:memory:")).Build();
        var hasher = product.Services.GetRequiredService<IPasswordHasher<AppUser>>();
        var user = new AppUser { UserName = "probe" };
        var hash = hasher.HashPassword(user, AppFixture.Password);
        Iterations(hash).ShouldBe(AccountsSetup.PasswordIterations);
        AccountsSetup.PasswordIterations.ShouldBeGreaterThanOrEqualTo(210_000);
        hasher.VerifyHashedPassword(user, hash, AppFixture.Password).ShouldBe(PasswordVerificationResult.Success);

        // What the tests' apps store is the same format at fewer iterations; the product would rehash it at the next sign-in.
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.Users.Where(u => u.UserName == "xpcc-bureau").Select(u => u.PasswordHash).SingleAsync();
        Iterations(stored!).ShouldBe(TestPasswords.Iterations);
        hasher.VerifyHashedPassword(user, stored!, AppFixture.Password).ShouldBe(PasswordVerificationResult.SuccessRehashNeeded);
    }

    /// <summary>ASP.NET Core Identity's V3 format: marker 0x01, PRF, then the iteration count big-endian.</summary>
    private static int Iterations(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        bytes[0].ShouldBe((byte)0x01);
        return (bytes[5] << 24) | (bytes[6] << 16) | (bytes[7] << 8) | bytes[8];
    }

    [Fact]
    public async Task The_system_admin_renames_stops_starts_and_resets_a_business_account_and_opens_an_experts_account_by_name()
    {
        var sysadmin = await app.LoginAsync("sysadmin");
        async Task<HttpResponseMessage> Post(string handler, Dictionary<string, string> form)
        {
            form["__RequestVerificationToken"] = await AppFixture.AntiforgeryTokenAsync(sysadmin, "/Admin/Users");
            return await sysadmin.PostAsync($"/Admin/Users?handler={handler}", new FormUrlEncodedContent(form));
        }
        static string Password(string html) =>
            System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"initial-password\">([^<]+)<").Groups[1].Value);
        var unitId = await app.Db(db => db.Units.Where(u => u.JurisdictionId == "cangzhou").OrderBy(u => u.Id).Select(u => u.Id).FirstAsync());
        var name = await app.CreateUserAsync(Roles.Applicant, configure: u => { u.UnitId = unitId; u.JurisdictionId = "cangzhou"; });

        (await Post("Edit", new() { ["userName"] = name, ["displayName"] = "沧州申报联系人" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.User(name)).DisplayName.ShouldBe("沧州申报联系人");
        (await Post("Edit", new() { ["userName"] = name, ["displayName"] = " " })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // Every action on one account names it the same way: none named is a 400, an unknown one a 404, both in Chinese and audited.
        foreach (var (handler, action) in new[] { ("Edit", "修改账号"), ("Disable", "停用账号"), ("Reset", "重置口令") })
        {
            var none = await Post(handler, new() { ["userName"] = " ", ["displayName"] = "某某", ["disable"] = "true" });
            none.StatusCode.ShouldBe(HttpStatusCode.BadRequest, handler);
            (await none.TextAsync()).ShouldContain("请指定要操作的账号");
            var unknown = await Post(handler, new() { ["userName"] = "no-such-" + handler, ["displayName"] = "某某", ["disable"] = "true" });
            unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound, handler);
            (await unknown.TextAsync()).ShouldContain("没有这个业务账号");
            (await app.Db(db => db.AuditEntries.AnyAsync(e => e.Action == action && e.ObjectId == "no-such-" + handler && e.Outcome == "失败"))).ShouldBeTrue(handler);
        }
        var admin = await Post("Disable", new() { ["userName"] = "auditadmin", ["disable"] = "true" });
        admin.StatusCode.ShouldBe(HttpStatusCode.NotFound);           // the three admins are not managed here
        (await admin.TextAsync()).ShouldContain("三员账号须用命令行管理");

        // 停用: it cannot sign in; 启用: it can again.
        var stop = await Post("Disable", new() { ["userName"] = name, ["disable"] = "true" });
        stop.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await (await sysadmin.GetAsync("/Admin/Users")).TextAsync()).ShouldContain($"已停用账号 {name}");
        (await AppFixture.PostLoginAsync(app.Client(), name, AppFixture.Password)).StatusCode.ShouldNotBe(HttpStatusCode.Redirect);
        (await Post("Disable", new() { ["userName"] = name, ["disable"] = "false" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await app.LoginAsync(name);

        // 重置口令: a new one-time password, the old one stops working.
        var reset = await Post("Reset", new() { ["userName"] = name });
        reset.StatusCode.ShouldBe(HttpStatusCode.OK);
        var password = Password(await reset.Content.ReadAsStringAsync());
        PasswordPolicy.Check(password).ShouldBeEmpty();
        (await AppFixture.PostLoginAsync(app.Client(), name, AppFixture.Password)).StatusCode.ShouldNotBe(HttpStatusCode.Redirect);
        await app.LoginAsync(name, password);

        // An expert of the pool without an account, found by a part of the name, gets one.
        // (every demo expert already has a demo login: a new record of the pool, as the expert pool pages will add them)
        var expert = await app.Db(async db =>
        {
            var e = new TechCenters.Web.Features.Units.Expert { JurisdictionId = "cangzhou", Name = "欧阳" + Guid.NewGuid().ToString("N")[..4], Field = "管道装备", Employer = "沧州测试研究院" };
            db.Experts.Add(e);
            await db.SaveChangesAsync();
            return e;
        });
        var found = await (await sysadmin.GetAsync($"/Admin/Users?expert={Uri.EscapeDataString(expert.Name[..2])}")).Content.ReadAsStringAsync();
        found.ShouldContain($"data-testid=\"open-expert-{expert.Id}\"");
        var opened = await Post("ExpertAccount", new() { ["expertId"] = expert.Id.ToString() });
        opened.StatusCode.ShouldBe(HttpStatusCode.OK);
        var account = await app.Db(db => db.Users.AsNoTracking().SingleAsync(u => u.ExpertId == expert.Id));
        (account.UserName, account.DisplayName, account.JurisdictionId).ShouldBe(($"expert-{expert.Id:D4}", expert.Name, expert.JurisdictionId));
        var client = await app.LoginAsync(account.UserName!, Password(await opened.Content.ReadAsStringAsync()));
        (await client.GetAsync("/ExpertReviews")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Post("ExpertAccount", new() { ["expertId"] = expert.Id.ToString() })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Post("ExpertAccount", new() { ["expertId"] = "999999" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.Db(db => db.AuditEntries.CountAsync(e => e.ObjectType == "账号" && (e.Action == "停用账号" || e.Action == "启用账号" || e.Action == "重置口令" || e.Action == "创建专家账号") && e.Outcome == "成功")))
            .ShouldBeGreaterThanOrEqualTo(4);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AccountTests_Sqlite(SqliteAppFixture app) : AccountTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AccountTests_Postgres(PostgresAppFixture app) : AccountTests(app);
