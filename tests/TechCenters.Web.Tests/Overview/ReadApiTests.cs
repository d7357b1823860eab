using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using TechCenters.Web.Features.Api;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Tests.Infrastructure;
using TechCenters.Web.Tests.Selecting;
using Xunit;

namespace TechCenters.Web.Tests.Overview;

/// <summary>
/// The read API through the real pipeline: the OpenAPI description and its page are served; the public directory and
/// notices need no token; a client's token reads only its jurisdiction (or department subtree) and its granted resources,
/// in the exports' Chinese field names; a revoked token reads nothing; every read is audited.
/// </summary>
public abstract class ReadApiTests(AppFixture app)
{
    private async Task<int> CaseInExpertReviewAsync(string jurisdiction, int ordinal)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TechCenters.Web.Data.Seed.DemoCases>().CreateInExpertReviewAsync(jurisdiction, ordinal: ordinal);
    }

    /// <summary>Registers a client the way the bureau does, on the page, and returns the token the page shows once.</summary>
    private async Task<string> RegisterAsync(string bureau, string name, string[] grants, int? department = null)
    {
        var client = await app.LoginAsync(bureau);
        var form = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", await AppFixture.AntiforgeryTokenAsync(client, "/Api/Clients")),
            new("Input.Name", name), new("Input.DepartmentId", department?.ToString() ?? ""),
        };
        form.AddRange(grants.Select(g => new KeyValuePair<string, string>("Input.Grants", g)));
        var response = await client.PostAsync("/Api/Clients?handler=Create", new FormUrlEncodedContent(form));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        var m = System.Text.RegularExpressions.Regex.Match(html, "tcapi_[0-9a-f]{48}");
        m.Success.ShouldBeTrue("登记后页面应显示一次令牌");
        return m.Value;
    }

    private HttpClient Anonymous() => app.Factory.CreateClient(new() { AllowAutoRedirect = false });

    private HttpClient WithToken(string token)
    {
        var c = Anonymous();
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return c;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage r)
    {
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task The_OpenAPI_description_and_its_readable_page_are_served()
    {
        var doc = await JsonAsync(await Anonymous().GetAsync("/openapi/v1.json"));
        doc.GetProperty("openapi").GetString()!.ShouldStartWith("3.");
        var paths = doc.GetProperty("paths");
        foreach (var p in new[] { "/api/v1/public/centers", "/api/v1/public/notices", "/api/v1/public/evaluations", "/api/v1/centers", "/api/v1/cases" })
            paths.TryGetProperty(p, out _).ShouldBeTrue(p);
        var docs = await Anonymous().GetAsync("/api/docs/");
        docs.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await docs.Content.ReadAsStringAsync();
        html.ShouldContain("数据接口说明");
        // The page runs under script-src 'self': its scripts are files (Scalar's bundle and our starter), none inline.
        var csp = docs.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("script-src 'self';");
        System.Text.RegularExpressions.Regex.Matches(html, "<script(?![^>]*\\bsrc=)").Count.ShouldBe(0);
        (await Anonymous().GetAsync("/api/docs/scalar.js")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Anonymous().GetAsync("/js/api-docs.js")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_public_directory_needs_no_token_and_speaks_the_exports_Chinese_names()
    {
        var page = await JsonAsync(await Anonymous().GetAsync("/api/v1/public/centers?jurisdiction=hohhot&size=5"));
        page.GetProperty("总数").GetInt32().ShouldBe(await app.Db(db => db.Centers.CountAsync(c => c.JurisdictionId == "hohhot")));
        page.GetProperty("每页条数").GetInt32().ShouldBe(5);
        foreach (var c in page.GetProperty("数据").EnumerateArray())
        {
            c.TryGetProperty("中心名称", out _).ShouldBeTrue();
            c.TryGetProperty("牵头（依托）单位", out _).ShouldBeTrue();
        }
        await JsonAsync(await Anonymous().GetAsync("/api/v1/public/notices"));
        var bad = await Anonymous().GetAsync("/api/v1/public/centers?size=100000");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("每页条数");
    }

    [Fact]
    public async Task Published_evaluation_results_are_public_paged_without_persons_and_unpublished_ones_are_invisible()
    {
        // A 沧州 round (its pack publishes results, 第二十五条) scored and confirmed, then published.
        const string j = "cangzhou";
        var flow = new TechCenters.Web.Tests.Features.Evaluations.EvaluationFlow(app);
        var bureau = await flow.BureauAsync(j);
        var centers = await flow.CentersAsync(j, new DateOnly(2004, 5, 1), 3);
        var campaign = await flow.OpenAsync(bureau, 2007, centers);
        var cases = await flow.OpenCasesAsync(bureau, campaign);
        foreach (var c in cases) await flow.ToScoringAsync(bureau, c);
        var evaluator = await flow.EntrustAsync(bureau, j, campaign);
        var pack = app.Factory.Services.GetRequiredService<TechCenters.Policy.PolicyCatalog>().Versions(j)[^1];
        foreach (var (c, total) in cases.Zip(new[] { 95m, 75m, 65m }))
            (await flow.ScoreAsync(evaluator, c, TechCenters.Web.Tests.Features.Evaluations.EvaluationRulesTests.ScoresFor(pack, total))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await flow.ConfirmAsync(bureau, campaign)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        async Task<List<JsonElement>> Mine(string query = "")
        {
            var page = await JsonAsync(await Anonymous().GetAsync($"/api/v1/public/evaluations?jurisdiction={j}&year=2007&size=200{query}"));
            return page.GetProperty("数据").EnumerateArray().Where(r => r.GetProperty("评估编号").GetInt32() == campaign).ToList();
        }

        // Confirmed but not published: nothing of it shows.
        (await Mine()).ShouldBeEmpty();
        var publish = await SelectingFlow.PostAsync(bureau, $"/Evaluations/Campaign?id={campaign}&handler=Publish", SelectingFlow.Form());
        publish.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var rows = await Mine();
        rows.Count.ShouldBe(3);
        var names = centers.Select(c => c.Name).ToList();
        rows.Select(r => r.GetProperty("中心名称").GetString()).ShouldBe(names, ignoreOrder: true);
        var grades = await app.Db(db => db.Evaluations.Where(e => e.CampaignId == campaign).Select(e => e.FinalGrade).ToListAsync());
        rows.Select(r => r.GetProperty("确认等级").GetString()).ShouldBe(grades, ignoreOrder: true);
        var top = rows.Single(r => r.GetProperty("中心名称").GetString() == centers[0].Name);
        top.GetProperty("确认等级").GetString().ShouldBe("优秀");
        top.GetProperty("牵头（依托）单位").GetString().ShouldBe(centers[0].LeadUnitName);
        top.GetProperty("批准日期").GetString().ShouldBe("2004-05-01");
        top.GetProperty("辖区").GetString().ShouldNotBeNullOrEmpty();
        top.GetProperty("评估年度").GetInt32().ShouldBe(2007);
        top.GetProperty("公布日期").GetString().ShouldBe(app.Today.ToString("yyyy-MM-dd"));
        // The public page's facts only: no scores, no evaluators, no reasons.
        top.EnumerateObject().Select(p => p.Name).ShouldBe(["辖区", "评估编号", "评估名称", "评估年度", "公布日期", "中心名称", "牵头（依托）单位", "批准日期", "确认等级"]);

        // Paged: two pages of two in a stable order hold all three, once each.
        var first = await JsonAsync(await Anonymous().GetAsync($"/api/v1/public/evaluations?jurisdiction={j}&year=2007&size=2&p=1"));
        var second = await JsonAsync(await Anonymous().GetAsync($"/api/v1/public/evaluations?jurisdiction={j}&year=2007&size=2&p=2"));
        first.GetProperty("总数").GetInt32().ShouldBe(3);
        (first.GetProperty("页码").GetInt32(), first.GetProperty("每页条数").GetInt32()).ShouldBe((1, 2));
        first.GetProperty("数据").GetArrayLength().ShouldBe(2);
        second.GetProperty("数据").GetArrayLength().ShouldBe(1);
        first.GetProperty("数据").EnumerateArray().Concat(second.GetProperty("数据").EnumerateArray())
            .Select(r => r.GetProperty("中心名称").GetString()).ShouldBe(names, ignoreOrder: true);
        var bad = await Anonymous().GetAsync("/api/v1/public/evaluations?p=0");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("页码");
        (await app.Db(db => db.AuditEntries.AnyAsync(a => a.Action == "接口读取评估结果" && a.UserName == "匿名（公开接口）"))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_token_sees_nothing_outside_its_jurisdiction_department_or_grants_and_a_revoked_one_nothing_at_all()
    {
        await CaseInExpertReviewAsync("cangzhou", 51);
        await CaseInExpertReviewAsync("hohhot", 52);
        var token = await RegisterAsync("cz-bureau", "沧州市科技信息平台", [ApiGrants.Cases, ApiGrants.Centers]);
        var cases = await JsonAsync(await WithToken(token).GetAsync("/api/v1/cases?size=200"));
        var czCases = await app.Db(db => db.Cases.Where(c => c.JurisdictionId == "cangzhou").Select(c => c.Id).ToListAsync());
        cases.GetProperty("总数").GetInt32().ShouldBe(czCases.Count);
        var ids = cases.GetProperty("数据").EnumerateArray().Select(c => c.GetProperty("编号").GetInt32()).ToList();
        ids.ShouldNotBeEmpty();
        ids.ShouldAllBe(id => czCases.Contains(id));
        cases.GetProperty("数据")[0].TryGetProperty("当前阶段", out _).ShouldBeTrue();
        var centers = await JsonAsync(await WithToken(token).GetAsync("/api/v1/centers"));
        centers.GetProperty("总数").GetInt32().ShouldBe(await app.Db(db => db.Centers.CountAsync(c => c.JurisdictionId == "cangzhou")));

        // A client narrowed to one department reads that subtree only.
        var dept = await app.Db(db => db.Departments.Where(d => d.JurisdictionId == "cangzhou").OrderBy(d => d.Id).Select(d => new { d.Id }).FirstAsync());
        var narrow = await RegisterAsync("cz-bureau", "某县科技信息平台", [ApiGrants.Cases], dept.Id);
        var marker = Department.SubtreeMarker(dept.Id);
        (await JsonAsync(await WithToken(narrow).GetAsync("/api/v1/cases"))).GetProperty("总数").GetInt32()
            .ShouldBe(await app.Db(db => db.Cases.CountAsync(c => c.DepartmentId != null && c.Department!.Path.Contains(marker))));
        // Not granted centers: 403; no token or a made-up one: 401.
        (await WithToken(narrow).GetAsync("/api/v1/centers")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Anonymous().GetAsync("/api/v1/cases")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await WithToken("tcapi_" + new string('0', 48)).GetAsync("/api/v1/cases")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // Revoked on the page: the same token reads nothing from the next request on.
        var id = await app.Db(db => db.ApiClients.Where(c => c.TokenHash == ApiClient.Hash(token)).Select(c => c.Id).FirstAsync());
        var bureau = await app.LoginAsync("cz-bureau");
        var revoke = await bureau.PostAsync($"/Api/Clients?handler=Revoke&id={id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await AppFixture.AntiforgeryTokenAsync(bureau, "/Api/Clients"),
        }));
        revoke.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await WithToken(token).GetAsync("/api/v1/cases");
        after.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await after.Content.ReadAsStringAsync()).ShouldContain("已吊销");

        // Another bureau cannot revoke it, and every read and refusal is audited.
        (await app.Db(db => db.AuditEntries.AnyAsync(a => a.Action == "接口读取事项" && a.UserName == "接入系统：沧州市科技信息平台"))).ShouldBeTrue();
        (await app.Db(db => db.AuditEntries.AnyAsync(a => a.Action == "接口访问被拒绝" && a.Detail!.Contains("已吊销")))).ShouldBeTrue();
        (await app.Db(db => db.AuditEntries.AnyAsync(a => a.Action == "吊销接入系统令牌" && a.UserName == "cz-bureau"))).ShouldBeTrue();
    }

    [Fact]
    public async Task Only_the_bureau_manages_clients_and_a_bad_registration_is_a_400_in_Chinese()
    {
        var dept = await app.LoginAsync("wz-dept");
        var denied = await dept.GetAsync("/Api/Clients");
        denied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        denied.Headers.Location!.ToString().ShouldContain("/Accounts/AccessDenied");

        var bureau = await app.LoginAsync("wz-bureau");
        var foreign = await app.Db(db => db.Departments.Where(d => d.JurisdictionId == "hohhot").Select(d => d.Id).FirstAsync());
        var bad = await bureau.PostAsync("/Api/Clients?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await AppFixture.AntiforgeryTokenAsync(bureau, "/Api/Clients"),
            ["Input.Name"] = "", ["Input.DepartmentId"] = foreign.ToString(), ["Input.Grants"] = "everything",
        }));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var text = await bad.TextAsync();
        text.ShouldContain("请填写接入系统名称");
        text.ShouldContain("归口管理部门不在本辖区");
        text.ShouldContain("授权范围只能是");
        var other = await app.Db(db => db.ApiClients.Where(c => c.JurisdictionId != "chongqing-wanzhou").Select(c => (int?)c.Id).FirstOrDefaultAsync());
        if (other is { } id)
        {
            var r = await bureau.PostAsync($"/Api/Clients?handler=Revoke&id={id}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await AppFixture.AntiforgeryTokenAsync(bureau, "/Api/Clients"),
            }));
            r.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReadApiTests_Sqlite(SqliteAppFixture app) : ReadApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ReadApiTests_Postgres(PostgresAppFixture app) : ReadApiTests(app);
