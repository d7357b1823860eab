using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Features;

/// <summary>
/// Issue 18 item 5: the audit log reads as business (object names, not ids; request-level rows apart from business
/// actions) and the system admin's account list filters and pages.
/// </summary>
public abstract class OfficerListsTests(AppFixture app)
{
    [Fact]
    public async Task Bug_0810_the_audit_log_names_its_objects_and_keeps_request_rows_apart_from_business_actions()
    {
        var bureau = await app.LoginAsync("xpcc-bureau");
        var call = await app.Db(db => db.Calls.AsNoTracking().FirstAsync(c => c.JurisdictionId == "xpcc-12th-division"));
        await bureau.PostAsync("/Calls/Publish?handler=Preview", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Title"] = "只有标题", ["__RequestVerificationToken"] = await AppFixture.AntiforgeryTokenAsync(bureau, "/Calls/Publish"),
        }));                                                                               // a request-level row (POST … 400)
        var withdraw = await bureau.PostAsync($"/Calls/{call.Id}?handler=Withdraw", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Reason"] = "", ["__RequestVerificationToken"] = await AppFixture.AntiforgeryTokenAsync(bureau, $"/Calls/{call.Id}"),
        }));
        withdraw.StatusCode.ShouldNotBe(HttpStatusCode.OK);                              // refused: a business row 撤回申报通知 (失败)

        var auditor = await app.LoginAsync(await app.CreateUserAsync(Roles.AuditAdmin));
        var businessPage = await auditor.GetAsync("/Audit?kind=business&action=" + Uri.EscapeDataString("撤回申报通知"));
        var business = await businessPage.Content.ReadAsStringAsync();
        Html.Text(business).ShouldContain($"申报通知“{call.Title}”（#{call.Id}）");      // the object by its name
        business.ShouldNotContain("badge bg-secondary-lt me-1\">请求");

        var requests = await (await auditor.GetAsync("/Audit?kind=request&action=" + Uri.EscapeDataString("POST /Calls/Publish"))).Content.ReadAsStringAsync();
        requests.ShouldContain("badge bg-secondary-lt me-1\">请求");
        requests.ShouldNotContain("撤回申报通知");

        var bad = await auditor.GetAsync("/Audit?kind=everything");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.TextAsync()).ShouldContain("类别只能是");
    }

    [Fact]
    public async Task Bug_0811_the_account_list_filters_by_name_role_and_jurisdiction_and_pages()
    {
        var sysadmin = await app.LoginAsync("sysadmin");
        var total = await app.Db(db => db.Users.CountAsync());
        total.ShouldBeGreaterThan(20);
        var first = await (await sysadmin.GetAsync("/Admin/Users")).Content.ReadAsStringAsync();
        Regex.Matches(first, "data-testid=\"actions-|命令行管理</span>").Count.ShouldBe(20);          // one page of 20
        first.ShouldContain("p=2");
        var second = await (await sysadmin.GetAsync("/Admin/Users?p=2")).Content.ReadAsStringAsync();
        second.ShouldNotBe(first);

        var experts = await (await sysadmin.GetAsync($"/Admin/Users?role={Roles.Expert}&jur=hohhot")).TextAsync();
        experts.ShouldContain("hhht-expert");
        experts.ShouldNotContain("xpcc-expert");
        experts.ShouldNotContain("hhht-bureau");

        var byName = await (await sysadmin.GetAsync("/Admin/Users?q=cz-bureau")).TextAsync();
        byName.ShouldContain("cz-bureau");
        byName.ShouldNotContain("xj-bureau");

        var bad = await sysadmin.GetAsync("/Admin/Users?role=superuser");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.TextAsync()).ShouldContain("只能从列表中选择");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OfficerListsTests_Sqlite(SqliteAppFixture app) : OfficerListsTests(app);

[Collection(PostgresCollection.Name)]
public sealed class OfficerListsTests_Postgres(PostgresAppFixture app) : OfficerListsTests(app);
