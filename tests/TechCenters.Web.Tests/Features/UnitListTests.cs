using System.Net;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Features;

public abstract class UnitListTests(AppFixture app)
{
    [Fact]
    public async Task The_unit_list_pages_in_SQL_and_the_second_page_differs_from_the_first()
    {
        // Regression: a query parameter named "page" collides with Razor Pages' own route value and never bound.
        var client = await app.LoginAsync("xj-bureau");
        var first = await (await client.GetAsync("/Units")).TextAsync();
        var second = await (await client.GetAsync("/Units?p=2")).TextAsync();
        var total = await app.Db(db => db.Units.CountAsync(u => u.JurisdictionId == "xinjiang"));
        var pages = (total + 19) / 20;
        first.ShouldContain($"第 1 / {pages} 页");
        second.ShouldContain($"第 2 / {pages} 页");
        var firstName = await app.Db(db => db.Units.Where(u => u.JurisdictionId == "xinjiang").OrderBy(u => u.Name).ThenBy(u => u.Id).Select(u => u.Name).FirstAsync());
        first.ShouldContain(firstName);
        second.ShouldNotContain(firstName);
    }

    [Fact]
    public async Task Searching_by_name_or_credit_code_and_filtering_by_type_narrow_the_list()
    {
        var unit = await app.Db(db => db.Units.Where(u => u.JurisdictionId == "hohhot" && u.Type == UnitType.University).OrderBy(u => u.Id).FirstAsync());
        var client = await app.LoginAsync("hhht-bureau");
        var byCode = await (await client.GetAsync($"/Units?q={unit.CreditCode}")).TextAsync();
        byCode.ShouldContain(unit.Name);
        byCode.ShouldContain("共 1 条");
        var byName = await (await client.GetAsync($"/Units?q={Uri.EscapeDataString(unit.Name)}&type=University")).TextAsync();
        byName.ShouldContain(unit.Name);
        var wrongType = await (await client.GetAsync($"/Units?q={Uri.EscapeDataString(unit.Name)}&type=Enterprise")).TextAsync();
        wrongType.ShouldContain("没有符合条件的单位");
        // Another jurisdiction's code finds nothing.
        var foreign = await app.Db(db => db.Units.Where(u => u.JurisdictionId == "cangzhou").Select(u => u.CreditCode).FirstAsync());
        (await (await client.GetAsync($"/Units?q={foreign}")).TextAsync()).ShouldContain("共 0 条");
    }

    private async Task<HttpResponseMessage> Create(HttpClient client, Dictionary<string, string> form)
    {
        form["__RequestVerificationToken"] = await AppFixture.AntiforgeryTokenAsync(client, "/Units/Create");
        return await client.PostAsync("/Units/Create", new FormUrlEncodedContent(form));
    }

    private static Dictionary<string, string> Form(string code, string? dept = null) => new()
    {
        ["Input.Name"] = "测试登记科技有限公司" + code[^4..], ["Input.CreditCode"] = code, ["Input.Type"] = "Enterprise",
        ["Input.DepartmentId"] = dept ?? "", ["Input.Region"] = "沧州市运河区", ["Input.RegisteredAddress"] = "沧州市运河区科技大道1号",
    };

    [Fact]
    public async Task A_bureau_officer_registers_a_unit_only_with_a_valid_unused_credit_code()
    {
        var client = await app.LoginAsync("cz-bureau");
        var before = await app.Db(db => db.Units.CountAsync());

        var badCheck = await Create(client, Form("91130900MA0CC0001X"));
        badCheck.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badCheck.TextAsync()).ShouldContain("校验位应为");
        var badChars = await Create(client, Form("91130900MA0CC0O01X"));
        (await badChars.TextAsync()).ShouldContain("不是允许的字符");
        var existing = await app.Db(db => db.Units.Select(u => u.CreditCode).FirstAsync());
        var duplicate = await Create(client, Form(existing));
        duplicate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await duplicate.TextAsync()).ShouldContain("已登记");
        var foreignDept = await app.Db(db => db.Departments.Where(d => d.JurisdictionId == "hohhot").Select(d => d.Id).FirstAsync());
        var wrongDept = await Create(client, Form(CreditCode.Complete("91130900MA0CC0001"), foreignDept.ToString()));
        wrongDept.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrongDept.TextAsync()).ShouldContain("归口管理部门不在本辖区");
        (await app.Db(db => db.Units.CountAsync())).ShouldBe(before); // nothing changed

        var code = CreditCode.Complete("91130900MA0CC" + Random.Shared.Next(1000, 9999));
        var ok = await Create(client, Form(code));
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var unit = await app.Db(db => db.Units.SingleAsync(u => u.CreditCode == code));
        unit.JurisdictionId.ShouldBe("cangzhou");
        ok.Headers.Location!.ToString().ShouldBe($"/Units/{unit.Id}");
        (await app.Db(db => db.AuditEntries.AnyAsync(a => a.Action == "登记申报单位" && a.ObjectId == unit.Id.ToString() && a.Outcome == "成功"))).ShouldBeTrue();
    }

    [Fact]
    public async Task Only_bureau_officers_register_units()
    {
        var client = await app.LoginAsync("cz-dept");
        var r = await client.GetAsync("/Units/Create");
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        r.Headers.Location!.ToString().ShouldContain("/Accounts/AccessDenied");
    }

    [Fact]
    public async Task A_bad_type_filter_is_a_Chinese_message_not_a_server_error()
    {
        var client = await app.LoginAsync("cz-bureau");
        var response = await client.GetAsync("/Units?type=Spaceship&p=abc");
        ((int)response.StatusCode).ShouldBeLessThan(500);
        (await response.TextAsync()).ShouldNotContain("Exception");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UnitListTests_Sqlite(SqliteAppFixture app) : UnitListTests(app);

[Collection(PostgresCollection.Name)]
public sealed class UnitListTests_Postgres(PostgresAppFixture app) : UnitListTests(app);
