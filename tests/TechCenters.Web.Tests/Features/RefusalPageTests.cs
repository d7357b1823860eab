using System.Net;
using System.Net.Http.Headers;
using Shouldly;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Features;

/// <summary>
/// A refusal with a reason is a page of the site (layout, the reason, a way back), whatever refused: a handler's
/// NotFound("…") or BadRequest("…"), a list's refused export, the input guard.
/// </summary>
public abstract class RefusalPageTests(AppFixture app)
{
    /// <summary>
    /// Such refusals were a bare line of text/plain on a white page (an expert of another pool, a list filter that is no
    /// option, 导出 with a year out of range), and the guard's reasons ending in 。 read 「…未作任何处理。。请修改后重试。」.
    /// </summary>
    [Theory]
    [InlineData("/Experts/Detail?id=999999", HttpStatusCode.NotFound, "专家不存在或不在本辖区专家库中。")]
    [InlineData("/Centers/Manage?status=xx", HttpStatusCode.BadRequest, "状态筛选无效。请修改后重试。")]
    [InlineData("/AnnualReports?year=1999&handler=Export", HttpStatusCode.BadRequest, "报告年度应在 2000 至 {this year} 之间。请修改后重试。")]
    [InlineData("/Lists/Cases?year=1999&handler=Xlsx", HttpStatusCode.BadRequest, "年度应在 2000 至 2100 之间。请修改后重试。")]
    [InlineData("/Lists/Centers?year=2101&handler=Xlsx", HttpStatusCode.BadRequest, "年度应在 2000 至 2100 之间。请修改后重试。")]
    public async Task Bug_0822_a_refusal_with_a_reason_is_the_status_page_with_that_reason_not_bare_text(string url, HttpStatusCode status, string reason)
    {
        var bureau = await app.LoginAsync("xpcc-bureau");
        var r = await bureau.GetAsync(url);
        r.StatusCode.ShouldBe(status);
        r.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await r.Content.ReadAsStringAsync();
        html.ShouldContain("data-testid=\"status-page\"");
        html.ShouldContain(reason.Replace("{this year}", app.Today.Year.ToString()));
        html.ShouldContain("返回工作台");
        html.ShouldNotContain("。。");
        // A refused export leads back to its list, with the filters it was asked with.
        if (url.Contains("handler=")) html.ShouldContain($"href=\"{System.Net.WebUtility.HtmlEncode(url.Replace("&handler=Export", "").Replace("&handler=Xlsx", ""))}\"");
        else html.ShouldNotContain("status-back");
    }

    [Fact]
    public async Task Bug_0822_the_bounds_are_inclusive_on_both_sides()
    {
        var bureau = await app.LoginAsync("xpcc-bureau");
        foreach (var (url, ok) in new[]
                 {
                     ("/Lists/Cases?year=2000", true), ("/Lists/Cases?year=1999", false), ("/Lists/Cases?year=2100", true), ("/Lists/Cases?year=2101", false),
                     ($"/AnnualReports?year={app.Today.Year}", true), ($"/AnnualReports?year={app.Today.Year + 1}", false), ("/AnnualReports?year=2000", true),
                 })
            (await bureau.GetAsync(url)).StatusCode.ShouldBe(ok ? HttpStatusCode.OK : HttpStatusCode.BadRequest, url);
    }

    /// <summary>
    /// A role sent to 无权访问 (an expert opening 科研诚信记录) saw a page unlike every other refusal: a glyph a few pixels
    /// high where the others show their code, and no icon on its button.
    /// </summary>
    [Fact]
    public async Task Bug_0823_the_access_denied_page_is_the_status_page_of_a_403()
    {
        var expert = await app.LoginAsync("xpcc-expert");
        var r = await expert.GetAsync("/Integrity");
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        r.Headers.Location!.ToString().ShouldContain("/Accounts/AccessDenied");
        var html = await expert.GetStringAsync(r.Headers.Location);
        html.ShouldContain("data-testid=\"status-page\"");
        html.ShouldContain("<div class=\"empty-header\">403</div>");
        html.ShouldContain("无权访问");
        html.ShouldContain("返回工作台");
    }

    /// <summary>A client asking for JSON (a script) is given the reason itself, not a page.</summary>
    [Fact]
    public async Task A_client_asking_for_json_gets_the_reason_as_it_is()
    {
        var bureau = await app.LoginAsync("xpcc-bureau");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Experts/Detail?id=999999");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var r = await bureau.SendAsync(request);
        r.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await r.Content.ReadAsStringAsync()).ShouldNotContain("status-page");
        (await r.Content.ReadAsStringAsync()).ShouldContain("专家不存在");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RefusalPageTests_Sqlite(SqliteAppFixture app) : RefusalPageTests(app);

[Collection(PostgresCollection.Name)]
public sealed class RefusalPageTests_Postgres(PostgresAppFixture app) : RefusalPageTests(app);
