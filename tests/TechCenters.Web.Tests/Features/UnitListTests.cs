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
