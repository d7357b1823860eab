using System.Net;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Features;

/// <summary>Another scope's object is a 404, never a 403 and never a leak.</summary>
public abstract class ScopeTests(AppFixture app)
{
    [Fact]
    public async Task An_applicant_sees_its_own_unit_and_gets_404_for_another_unit()
    {
        var me = await app.User("xpcc-applicant");
        var other = await app.Db(db => db.Units.Where(u => u.Id != me.UnitId && u.JurisdictionId == me.JurisdictionId).Select(u => u.Id).FirstAsync());
        var client = await app.LoginAsync("xpcc-applicant");

        (await client.GetAsync($"/Units/{me.UnitId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var denied = await client.GetAsync($"/Units/{other}");
        denied.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var otherName = await app.Db(db => db.Units.Where(u => u.Id == other).Select(u => u.Name).SingleAsync());
        (await denied.TextAsync()).ShouldNotContain(otherName);
    }

    [Fact]
    public async Task An_applicant_lists_only_its_own_unit_and_people()
    {
        var me = await app.User("cz-applicant");
        var unit = await app.UnitWithPeople(me.UnitId!.Value);
        var client = await app.LoginAsync("cz-applicant");
        var list = await (await client.GetAsync("/Units")).TextAsync();
        list.ShouldContain(unit.Name);
        list.ShouldContain("共 1 条");
        var people = await (await client.GetAsync("/Units/People")).TextAsync();
        people.ShouldContain($"共 {unit.People.Count} 条");
    }

    [Fact]
    public async Task A_department_officer_gets_404_for_a_unit_of_another_department()
    {
        var me = await app.User("hhht-dept");
        var mine = await app.Db(db => db.Units.Where(u => u.DepartmentId == me.DepartmentId).Select(u => u.Id).FirstAsync());
        var other = await app.Db(db => db.Units.Where(u => u.JurisdictionId == me.JurisdictionId && u.DepartmentId != me.DepartmentId).Select(u => u.Id).FirstAsync());
        var client = await app.LoginAsync("hhht-dept");
        (await client.GetAsync($"/Units/{mine}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync($"/Units/{other}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_bureau_officer_gets_404_for_a_unit_of_another_jurisdiction()
    {
        var mine = await app.Db(db => db.Units.Where(u => u.JurisdictionId == "cangzhou").Select(u => u.Id).FirstAsync());
        var other = await app.Db(db => db.Units.Where(u => u.JurisdictionId == "chongqing-wanzhou").Select(u => u.Id).FirstAsync());
        var client = await app.LoginAsync("cz-bureau");
        (await client.GetAsync($"/Units/{mine}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync($"/Units/{other}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/Units/999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_bureau_officer_sees_units_without_a_department_of_its_own_jurisdiction()
    {
        // 第十二师: 驻地高校、师直单位 report straight to the bureau.
        var direct = await app.Db(db => db.Units.Where(u => u.JurisdictionId == "xpcc-12th-division" && u.DepartmentId == null).Select(u => u.Id).FirstAsync());
        var client = await app.LoginAsync("xpcc-bureau");
        var page = await client.GetAsync($"/Units/{direct}");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.TextAsync()).ShouldContain("直接向科技局申报");
    }

    [Fact]
    public async Task Roles_without_unit_access_are_refused_and_the_audit_admin_alone_reads_the_audit_log()
    {
        var expert = await app.LoginAsync("xpcc-expert");
        var refused = await expert.GetAsync("/Units");
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.ToString().ShouldContain("/Accounts/AccessDenied");

        var sysadmin = await app.LoginAsync("sysadmin");
        (await sysadmin.GetAsync("/Audit")).Headers.Location!.ToString().ShouldContain("/Accounts/AccessDenied");
        (await sysadmin.GetAsync("/Admin/Users")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var auditor = await app.LoginAsync("auditadmin");
        (await auditor.GetAsync("/Audit")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await auditor.GetAsync("/Admin/Users")).Headers.Location!.ToString().ShouldContain("/Accounts/AccessDenied");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ScopeTests_Sqlite(SqliteAppFixture app) : ScopeTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ScopeTests_Postgres(PostgresAppFixture app) : ScopeTests(app);
