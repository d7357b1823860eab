using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Features.Applying;

/// <summary>
/// Publishing a call (issue 18 item 3): checked (period, text, pack version), previewed as applicants will read it, and
/// published only when confirmed; corrected or withdrawn — each audited — until the first application is made under it.
/// </summary>
public abstract class CallPublishingTests(AppFixture app)
{
    private const string Xpcc = "xpcc-12th-division";
    private const string Text = "各有关单位：现组织开展技术创新中心申报工作，请按管理办法要求报送申报材料。";

    private Dictionary<string, string> Form(string title, string? body = Text, int closesInDays = 20, bool? confirmed = null)
    {
        var local = app.Clock.ToLocal(app.Time.GetUtcNow());
        var d = new Dictionary<string, string>
        {
            ["Title"] = title, ["PriorityFields"] = "现代煤化工\n新材料",
            ["OpensLocal"] = local.AddHours(-1).ToString("yyyy-MM-ddTHH:mm"),
            ["ClosesLocal"] = local.AddDays(closesInDays).ToString("yyyy-MM-ddTHH:mm"),
        };
        if (body is not null) d["Body"] = body;
        if (confirmed is { } c) d["confirmed"] = c ? "true" : "false";
        return d;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string> fields, string tokenPage = "/Calls/Publish")
    {
        var token = await AppFixture.AntiforgeryTokenAsync(client, tokenPage);
        var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (k, v) in fields) content.Add(new StringContent(v), k);
        return await client.PostAsync(url, content);
    }

    private async Task<int> PublishAsync(HttpClient bureau, string title)
    {
        var r = await PostAsync(bureau, "/Calls/Publish", Form(title, confirmed: true));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        return int.Parse(Regex.Match(r.Headers.Location!.ToString(), @"/Calls/(\d+)").Groups[1].Value);
    }

    private Task<int> AuditCountAsync(string action, int callId, string outcome = "成功") =>
        app.Db(db => db.AuditEntries.CountAsync(e => e.Action == action && e.ObjectId == callId.ToString() && e.Outcome == outcome));

    [Fact]
    public async Task Bug_0808_a_call_with_only_a_title_is_refused_and_a_complete_one_is_previewed_then_published_only_when_confirmed()
    {
        var bureau = await app.LoginAsync("xpcc-bureau");
        var before = await app.Db(db => db.Calls.CountAsync());

        var bare = await PostAsync(bureau, "/Calls/Publish?handler=Preview", new() { ["Title"] = "只有标题的通知" });
        bare.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var bareText = await bare.TextAsync();
        bareText.ShouldContain("请填写通知正文");
        bareText.ShouldContain("请填写开始与截止申报时间");

        var lateForm = Form("截止已过的通知", closesInDays: -1);
        lateForm["OpensLocal"] = app.Clock.ToLocal(app.Time.GetUtcNow()).AddDays(-10).ToString("yyyy-MM-ddTHH:mm");
        var late = await PostAsync(bureau, "/Calls/Publish?handler=Preview", lateForm);
        late.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await late.TextAsync()).ShouldContain("截止申报时间已过");

        var preview = await PostAsync(bureau, "/Calls/Publish?handler=Preview", Form("2026年度技术创新中心申报通知（预览）"));
        preview.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await preview.Content.ReadAsStringAsync();
        html.ShouldContain("data-testid=\"call-preview\"");
        html.ShouldContain("data-confirm=\"确认发布该申报通知");            // the confirm button asks once more
        html.ShouldContain("第十二师");                                     // the pack the call falls under, by its document
        html.ShouldContain("name=\"confirmed\" value=\"true\"");
        (await app.Db(db => db.Calls.CountAsync())).ShouldBe(before);       // a preview publishes nothing

        var unconfirmed = await PostAsync(bureau, "/Calls/Publish", Form("未确认的通知"));
        unconfirmed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unconfirmed.TextAsync()).ShouldContain("请先预览通知内容");
        (await app.Db(db => db.Calls.CountAsync())).ShouldBe(before);

        var id = await PublishAsync(bureau, "2026年度技术创新中心申报通知（确认）");
        (await app.Db(db => db.Calls.CountAsync())).ShouldBe(before + 1);
        (await AuditCountAsync("发布申报通知", id)).ShouldBe(1);
        var page = await (await bureau.GetAsync($"/Calls/{id}")).TextAsync();
        page.ShouldContain("已发布，受理时间");                               // it says what happened
        (await (await bureau.GetAsync($"/Calls/{id}")).Content.ReadAsStringAsync()).ShouldContain("data-testid=\"call-manage\"");
    }

    [Fact]
    public async Task Bug_0809_a_call_is_corrected_or_withdrawn_until_its_first_application_and_then_refused_with_the_reason()
    {
        var bureau = await app.LoginAsync("xpcc-bureau");
        var first = await PublishAsync(bureau, "待更正的申报通知");

        var corrected = await PostAsync(bureau, $"/Calls/Publish?id={first}", Form("已更正的申报通知", confirmed: true));
        corrected.StatusCode.ShouldBe(HttpStatusCode.Redirect, await corrected.Content.ReadAsStringAsync());
        (await app.Db(db => db.Calls.SingleAsync(c => c.Id == first))).Title.ShouldBe("已更正的申报通知");
        (await AuditCountAsync("更正申报通知", first)).ShouldBe(1);

        var noReason = await PostAsync(bureau, $"/Calls/{first}?handler=Withdraw", new() { ["Reason"] = " " }, $"/Calls/{first}");
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.TextAsync()).ShouldContain("请填写撤回理由");

        var dept = await app.LoginAsync("xpcc-dept");
        var notBureau = await PostAsync(dept, $"/Calls/{first}?handler=Withdraw", new() { ["Reason"] = "部门不能撤回" }, $"/Calls/{first}");
        notBureau.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var withdrawn = await PostAsync(bureau, $"/Calls/{first}?handler=Withdraw", new() { ["Reason"] = "布局方向调整，另行发布" }, $"/Calls/{first}");
        withdrawn.StatusCode.ShouldBe(HttpStatusCode.Redirect, await withdrawn.Content.ReadAsStringAsync());
        var call = await app.Db(db => db.Calls.AsNoTracking().SingleAsync(c => c.Id == first));
        (call.WithdrawnAt is not null, call.WithdrawnBy, call.WithdrawReason).ShouldBe((true, "xpcc-bureau", "布局方向调整，另行发布"));
        (await AuditCountAsync("撤回申报通知", first)).ShouldBe(1);
        (await (await app.Client().GetAsync($"/Calls/{first}")).TextAsync()).ShouldContain("撤回理由：布局方向调整，另行发布");
        (await (await app.Client().GetAsync("/Calls")).TextAsync()).ShouldNotContain("已更正的申报通知");

        var (user, _) = await app.NewApplicantAsync(Xpcc);
        var applicant = await app.LoginAsync(user);
        var tooLate = await applicant.PostAsync($"/Calls/{first}?handler=Apply", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["CenterName"] = "第十二师撤回测试技术创新中心", ["__RequestVerificationToken"] = await AppFixture.AntiforgeryTokenAsync(applicant, $"/Calls/{first}"),
        }));
        tooLate.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await tooLate.TextAsync()).ShouldContain("已由科技主管部门撤回");
        var again = await PostAsync(bureau, $"/Calls/{first}?handler=Withdraw", new() { ["Reason"] = "再次撤回" }, $"/Calls/{first}");
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // Once a unit has made its application under a call, the call stands: neither corrected nor withdrawn.
        var second = await PublishAsync(bureau, "已有申报的申报通知");
        await applicant.CreateApplicationAsync(second, "第十二师申报测试技术创新中心");
        var refused = await PostAsync(bureau, $"/Calls/{second}?handler=Withdraw", new() { ["Reason"] = "试图撤回" }, $"/Calls/{second}");
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.TextAsync()).ShouldContain("已有 1 家单位在该通知下创建申报书");
        var noCorrection = await PostAsync(bureau, $"/Calls/Publish?id={second}", Form("试图更正", confirmed: true));
        noCorrection.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await app.Db(db => db.Calls.AsNoTracking().SingleAsync(c => c.Id == second))).Title.ShouldBe("已有申报的申报通知");
        (await AuditCountAsync("撤回申报通知", second, "失败")).ShouldBe(1);
        (await AuditCountAsync("更正申报通知", second, "失败")).ShouldBe(1);
        var standing = await (await bureau.GetAsync($"/Calls/{second}")).Content.ReadAsStringAsync();
        standing.ShouldNotContain("data-testid=\"call-manage\"");
        standing.ShouldContain("data-testid=\"call-fixed\"");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CallPublishingTests_Sqlite(SqliteAppFixture app) : CallPublishingTests(app);

[Collection(PostgresCollection.Name)]
public sealed class CallPublishingTests_Postgres(PostgresAppFixture app) : CallPublishingTests(app);
