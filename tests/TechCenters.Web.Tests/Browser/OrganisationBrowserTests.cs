using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Data.Seed;
using Xunit;
using Xunit.Abstractions;

namespace TechCenters.Web.Tests.Browser;

/// <summary>
/// 组织机构 in the browser (第十二师): the bureau adds a sub-department under its first department and moves a unit into
/// it with a reason (the unit's page shows the new department and the record); the department officer reads the tree
/// with the new sub-department; the unit administrator opens a staff account for its unit.
/// </summary>
[Trait("Category", "Browser")]
public sealed class OrganisationBrowserTests(LiveApp live, ITestOutputHelper output) : IClassFixture<LiveApp>
{
    private Task<IPage> LoginAsync(string userName) => live.Browser!.LoginAsync(live.BaseUrl, userName, output);

    private Task Shot(IPage page, string name) => page.ShotAsync(name, output);

    private Task<T> Db<T>(Func<AppDbContext, Task<T>> q) => live.Services.Db(q);

    [Fact]
    public async Task Bureau_adds_a_sub_department_and_moves_a_unit_into_it_xpcc_12th_division()
    {
        const string slug = "xpcc-12th-division";
        var first = await Db(db => db.Departments.Where(d => d.JurisdictionId == slug).OrderBy(d => d.Id).FirstAsync());
        var applicantUnit = await Db(db => db.Users.Where(u => u.UserName == "xpcc-applicant").Select(u => u.UnitId).FirstAsync());
        var unit = await Db(db => db.Units.Where(u => u.DepartmentId == first.Id && u.Id != applicantUnit).OrderBy(u => u.Id).FirstAsync());

        // 1. The bureau adds a sub-department under its first department.
        var bureau = await LoginAsync("xpcc-bureau");
        await bureau.ClickAsync("a.nav-link[href='/Organisation/Departments']");
        const string name = "浏览器测试分园区";
        await bureau.FillAsync("#new-name", name);
        await bureau.FillAsync("#new-kind", "园区");
        await bureau.SelectOptionAsync("#new-parent", first.Id.ToString());
        await bureau.ClickAsync("[data-testid=create-department] button[type=submit]");
        (await bureau.Locator("[data-testid=flash]").InnerTextAsync()).ShouldContain($"已新增“{name}”");
        var sub = await Db(db => db.Departments.SingleAsync(d => d.Name == name));
        sub.Path.ShouldBe($"{first.Path}{sub.Id}/");
        (await bureau.Locator($"[data-testid=dept-{sub.Id}] [data-testid=dept-name]").InnerTextAsync()).ShouldContain("└ " + name);
        await Shot(bureau, $"organisation-departments-{slug}");

        // 2. It moves a unit of the first department into the sub-department, with a reason.
        await bureau.GotoAsync($"{live.BaseUrl}/Units/{unit.Id}");
        await bureau.ClickAsync("[data-testid=edit-unit]");
        await bureau.ArriveAsync($"**/Units/{unit.Id}/Edit");
        await bureau.SelectOptionAsync("#departmentId", sub.Id.ToString());
        await bureau.FillAsync("#reason", "按园区管理体制调整，划归新设分园区");
        await Shot(bureau, $"organisation-unit-edit-{slug}");
        await bureau.ClickAsync("[data-testid=move-submit]");
        await bureau.ArriveAsync($"**/Units/{unit.Id}");
        (await bureau.Locator("[data-testid=flash]").InnerTextAsync()).ShouldContain($"调整至“{name}”");
        (await bureau.Locator("[data-testid=unit-department]").InnerTextAsync()).ShouldBe(name);
        (await bureau.Locator("[data-testid=unit-moves]").InnerTextAsync()).ShouldContain("按园区管理体制调整，划归新设分园区");
        await Shot(bureau, $"organisation-unit-moved-{slug}");
        (await Db(db => db.Units.SingleAsync(u => u.Id == unit.Id))).DepartmentId.ShouldBe(sub.Id);

        // 3. The department officer of the first department reads the tree (its own and the new sub-department, one unit in it).
        var dept = await LoginAsync("xpcc-dept");
        await dept.ClickAsync("a.nav-link[href='/Organisation/Departments']");
        (await dept.Locator($"[data-testid=units-{sub.Id}]").InnerTextAsync()).ShouldBe("1");
        (await dept.Locator("[data-testid=create-department]").CountAsync()).ShouldBe(0);
        await Shot(dept, $"organisation-departments-dept-{slug}");

        // 4. The unit administrator opens a staff account for its unit.
        var admin = await LoginAsync("xpcc-applicant");
        await admin.ClickAsync("a.nav-link[href='/Organisation/Staff']");
        await admin.FillAsync("#userName", "xpcc-staff-browser");
        await admin.FillAsync("#displayName", "本单位科研秘书");
        await admin.ClickAsync("[data-testid=create-staff] button[type=submit]");
        (await admin.Locator("[data-testid=created-user]").InnerTextAsync()).ShouldBe("xpcc-staff-browser");
        (await admin.Locator("[data-testid=staff-table]").InnerTextAsync()).ShouldContain("本单位科研秘书");
        await Shot(admin, $"organisation-staff-{slug}");
    }
}
