using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Organisation;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Tests.Features.Applying;
using TechCenters.Web.Tests.Infrastructure;
using TechCenters.Web.Tests.Selecting;
using TechCenters.Web.Features.Audit;
using Xunit;

namespace TechCenters.Web.Tests.Organisation;

/// <summary>
/// 组织机构 through the real pipeline: the department tree (create, move with the subtree's paths recomputed, a cycle
/// refused), the scope of a department officer in the tree before and after a move, a unit moved while its old department
/// holds its case (the step stays, the next step goes to the new department), and a unit administrator's own staff.
/// </summary>
public abstract class OrganisationTests(AppFixture app)
{
    private const string Xpcc = "xpcc-12th-division";
    private const string Departments = "/Organisation/Departments";

    private static Task<HttpResponseMessage> Post(HttpClient client, string url, params (string Key, object? Value)[] fields) =>
        SelectingFlow.PostAsync(client, url, SelectingFlow.Form(fields));

    private async Task<int> CreateDepartmentAsync(HttpClient bureau, string name, int? parent)
    {
        var r = await Post(bureau, $"{Departments}?handler=Create", ("name", name), ("kind", "园区"), ("parentId", parent));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        return await app.Db(db => db.Departments.Where(d => d.Name == name).Select(d => d.Id).SingleAsync());
    }

    private Task<Dictionary<int, (int? Parent, string Path)>> TreeAsync(params int[] ids) =>
        app.Db(db => db.Departments.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => (d.ParentId, d.Path)));

    /// <summary>Refused by role: the cookie scheme answers with the access-denied page.</summary>
    private static void Denied(HttpResponseMessage r)
    {
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        r.Headers.Location!.ToString().ShouldContain("/Accounts/AccessDenied");
    }

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..6];

    private async Task<HttpClient> OfficerOfAsync(int department) =>
        await app.LoginAsync(await app.CreateUserAsync(Roles.DepartmentOfficer, configure: u => { u.DepartmentId = department; u.JurisdictionId = Xpcc; }));

    [Fact]
    public async Task The_bureau_builds_the_tree_moves_a_subtree_with_its_paths_and_is_refused_a_cycle()
    {
        var bureau = await app.LoginAsync("xpcc-bureau");
        var a = await CreateDepartmentAsync(bureau, Unique("甲园区"), null);
        var b = await CreateDepartmentAsync(bureau, Unique("乙分园"), a);
        var c = await CreateDepartmentAsync(bureau, Unique("丙片区"), b);
        var tree = await TreeAsync(a, b, c);
        tree[a].Path.ShouldBe($"/{a}/");
        tree[b].Path.ShouldBe($"/{a}/{b}/");
        tree[c].Path.ShouldBe($"/{a}/{b}/{c}/");

        // b (with c) to the top: both paths recomputed.
        (await Post(bureau, $"{Departments}?handler=Move", ("id", b))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        tree = await TreeAsync(a, b, c);
        (tree[b].Parent, tree[b].Path).ShouldBe(((int?)null, $"/{b}/"));
        tree[c].Path.ShouldBe($"/{b}/{c}/");
        // And under a again, then a under c would be a cycle: refused, nothing changed.
        (await Post(bureau, $"{Departments}?handler=Move", ("id", b), ("parentId", a))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cycle = await Post(bureau, $"{Departments}?handler=Move", ("id", a), ("parentId", c));
        cycle.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await cycle.TextAsync()).ShouldContain("会形成循环");
        (await Post(bureau, $"{Departments}?handler=Move", ("id", a), ("parentId", a))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TreeAsync(a, b, c)).ShouldBe(new Dictionary<int, (int?, string)> { [a] = (null, $"/{a}/"), [b] = (a, $"/{a}/{b}/"), [c] = (b, $"/{a}/{b}/{c}/") });
        // A parent of another jurisdiction is refused; so is a department officer's change.
        var other = await app.Db(db => db.Departments.Where(d => d.JurisdictionId == "cangzhou").Select(d => d.Id).FirstAsync());
        var foreign = await Post(bureau, $"{Departments}?handler=Move", ("id", b), ("parentId", other));
        foreign.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await foreign.TextAsync()).ShouldContain("上级部门不在本辖区");
        var officer = await OfficerOfAsync(a);
        Denied(await Post(officer, $"{Departments}?handler=Create", ("name", Unique("越权部门")), ("kind", "园区")));
        // The officer of b reads b and c, not a.
        var page = await (await (await OfficerOfAsync(b)).GetAsync(Departments)).TextAsync();
        var names = await app.Db(db => db.Departments.Where(d => d.Id == a || d.Id == b || d.Id == c).ToDictionaryAsync(d => d.Id, d => d.Name));
        page.ShouldContain(names[b]);
        page.ShouldContain(names[c]);
        page.ShouldNotContain(names[a]);
        // Deactivating: refused while a sub-department is active, then allowed bottom-up; the moves are audited.
        (await Post(bureau, $"{Departments}?handler=Deactivate", ("id", b), ("active", false))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Post(bureau, $"{Departments}?handler=Deactivate", ("id", c), ("active", false))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.Db(db => db.AuditEntries.CountAsync(x => x.Action == "调整部门隶属关系" && x.ObjectId == b.ToString() && x.Outcome == AuditOutcome.Success))).ShouldBe(2);
    }

    [Fact]
    public async Task Bug_0814_a_refused_change_to_the_tree_is_audited_not_rolled_back_with_the_change()
    {
        var bureau = await app.LoginAsync("xpcc-bureau");
        var a = await CreateDepartmentAsync(bureau, Unique("审计园区"), null);
        var b = await CreateDepartmentAsync(bureau, Unique("审计分园"), a);
        (await Post(bureau, $"{Departments}?handler=Move", ("id", a), ("parentId", b))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Post(bureau, $"{Departments}?handler=Create", ("name", Unique("审计下级")), ("kind", "园区"), ("parentId", 999_999))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var refusals = await app.Db(db => db.AuditEntries.AsNoTracking()
            .Where(x => x.Outcome == AuditOutcome.Failure && (x.Action == "调整部门隶属关系" && x.ObjectId == a.ToString() || x.Action == "新增归口管理部门" && x.Detail == "上级部门不在本辖区。"))
            .Select(x => x.Detail).ToListAsync());
        refusals.ShouldContain(d => d!.Contains("会形成循环"));
        refusals.ShouldContain("上级部门不在本辖区。");
    }

    [Fact]
    public async Task Two_moves_sent_at_once_that_would_close_a_cycle_between_them_leave_a_tree_without_one()
    {
        var bureau = await app.LoginAsync("xpcc-bureau");
        for (var round = 0; round < 4; round++)
        {
            var a = await CreateDepartmentAsync(bureau, Unique("并发甲"), null);
            var b = await CreateDepartmentAsync(bureau, Unique("并发乙"), null);
            var answers = await Task.WhenAll(
                Post(bureau, $"{Departments}?handler=Move", ("id", a), ("parentId", b)),
                Post(bureau, $"{Departments}?handler=Move", ("id", b), ("parentId", a)));
            // One is made; the other reads the tree after it and is refused as a cycle.
            answers.Count(r => r.StatusCode == HttpStatusCode.Redirect).ShouldBe(1);
            var refused = answers.Single(r => r.StatusCode != HttpStatusCode.Redirect);
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await refused.TextAsync()).ShouldContain("会形成循环");
            var tree = await TreeAsync(a, b);
            (tree[a].Parent is null || tree[b].Parent is null).ShouldBeTrue();
            tree.Values.ShouldAllBe(n => n.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Distinct().Count() == n.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Length);
        }
    }

    [Fact]
    public async Task A_department_officer_sees_exactly_its_subtree_before_and_after_a_sub_department_moves()
    {
        var bureau = await app.LoginAsync("xpcc-bureau");
        var t1 = await CreateDepartmentAsync(bureau, Unique("一号园区"), null);
        var t2 = await CreateDepartmentAsync(bureau, Unique("二号园区"), null);
        var s = await CreateDepartmentAsync(bureau, Unique("子园区"), t1);
        // A recognized center with its lead unit and its cases, placed in s.
        var lead = await app.Db(db => db.Units.Where(u => u.JurisdictionId == Xpcc && u.DepartmentId != null && u.Type == UnitType.Enterprise
            && !db.Cases.Any(c => c.LeadUnitId == u.Id)).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync());
        int recognized;
        await using (var scope = app.Scope())
        {
            var demo = scope.ServiceProvider.GetRequiredService<TechCenters.Web.Data.Seed.DemoCases>();
            recognized = await demo.CreateInExpertReviewAsync(Xpcc, lead, ordinal: 8);
            await demo.RecognizeAsync(recognized, 3);
        }
        var (unit, center, cases) = await app.Db(async db =>
        {
            var c = await db.Centers.SingleAsync(x => x.ApplicationId == recognized);
            var u = await db.Units.SingleAsync(x => x.Id == c.LeadUnitId);
            u.DepartmentId = s;
            c.DepartmentId = s;
            var own = await db.Cases.Where(x => x.LeadUnitId == u.Id).ToListAsync();
            foreach (var k in own) k.DepartmentId = s;
            await db.SaveChangesAsync();
            return (u.Id, c.Id, own.Where(k => k.Kind == "application").Select(k => k.Id).ToList());
        });
        cases.ShouldNotBeEmpty();
        async Task Sees(int department, bool expected)
        {
            var officer = await OfficerOfAsync(department);
            var want = expected ? HttpStatusCode.OK : HttpStatusCode.NotFound;
            (await officer.GetAsync($"/Units/{unit}")).StatusCode.ShouldBe(want, $"部门 {department} 单位");
            (await officer.GetAsync($"/Centers/Workspace?id={center}")).StatusCode.ShouldBe(want, $"部门 {department} 中心");
            foreach (var id in cases) (await officer.GetAsync($"/Applications/{id}")).StatusCode.ShouldBe(want, $"部门 {department} 事项 {id}");
        }
        await Sees(s, true);
        await Sees(t1, true);
        await Sees(t2, false);
        (await Post(bureau, $"{Departments}?handler=Move", ("id", s), ("parentId", t2))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await Sees(s, true);
        await Sees(t1, false);
        await Sees(t2, true);
    }

    [Fact]
    public async Task A_moved_units_case_stays_with_the_old_department_for_its_step_and_the_next_step_goes_to_the_new_one()
    {
        var bureau = await app.LoginAsync("xpcc-bureau");
        var call = await app.OpenCallAsync(Xpcc);
        var unitId = await app.Db(db => db.Units.Where(u => u.JurisdictionId == Xpcc && u.DepartmentId != null && u.Type == UnitType.Enterprise
            && !db.Cases.Any(c => c.LeadUnitId == u.Id)).OrderByDescending(u => u.Id).Select(u => u.Id).FirstAsync());
        var oldDept = (await app.Db(db => db.Units.SingleAsync(u => u.Id == unitId))).DepartmentId!.Value;
        var newDept = await CreateDepartmentAsync(bureau, Unique("新归口园区"), null);
        var applicant = await app.LoginAsync(await app.CreateUserAsync(Roles.Applicant, configure: u => { u.UnitId = unitId; u.JurisdictionId = Xpcc; }));
        var held = await applicant.CreateApplicationAsync(call.Id, "第十二师归口调整测试技术创新中心");
        await app.AttachRequiredAsync(applicant, held);
        (await applicant.PostEditAsync(held, "Submit", ApplyingHelpers.Complete(await app.PackOfAsync(held), "第十二师归口调整测试技术创新中心")))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // A second case of the unit, at a bureau step.
        int atBureau;
        await using (var scope = app.Scope())
            atBureau = await scope.ServiceProvider.GetRequiredService<TechCenters.Web.Data.Seed.DemoCases>().CreateInExpertReviewAsync(Xpcc, unitId, ordinal: 7);
        var before = await app.Db(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == held));
        (before.Holder, before.DepartmentId).ShouldBe(("department", (int?)oldDept));

        // The reason is required; then the move.
        (await Post(bureau, $"/Units/{unitId}/Edit?handler=Move", ("departmentId", newDept), ("reason", ""))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Post(bureau, $"/Units/{unitId}/Edit?handler=Move", ("departmentId", newDept), ("reason", "园区管理体制调整，划入新园区"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var c1 = await app.Db(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == held));
        (c1.DepartmentId, c1.PendingDepartmentId, c1.StageId).ShouldBe(((int?)oldDept, (int?)newDept, before.StageId));
        (await app.Db(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == atBureau))).DepartmentId.ShouldBe(newDept);
        var moveRow = await app.Db(db => db.Set<UnitMove>().AsNoTracking().SingleAsync(m => m.UnitId == unitId));
        (moveRow.FromDepartmentId, moveRow.ToDepartmentId, moveRow.Reason, moveRow.MovedBy).ShouldBe(((int?)oldDept, (int?)newDept, "园区管理体制调整，划入新园区", "xpcc-bureau"));
        foreach (var id in new[] { held, atBureau })
            (await app.Db(db => db.Activities.AsNoTracking().SingleAsync(a => a.CaseId == id && a.Action == UnitMoves.Action))).Audience.ShouldBe(Audience.Officials);
        (await (await bureau.GetAsync($"/Units/{unitId}")).TextAsync()).ShouldContain("园区管理体制调整，划入新园区");

        // The old department still holds and acts; the new one does not see it yet.
        var oldOfficer = await OfficerOfAsync(oldDept);
        var newOfficer = await OfficerOfAsync(newDept);
        (await newOfficer.GetAsync($"/Applications/{held}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await newOfficer.GetAsync($"/Applications/{atBureau}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await oldOfficer.GetAsync($"/Applications/{atBureau}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await oldOfficer.PostDetailAsync(held, "Return", new() { ["note"] = "请按新归口部门要求补充材料" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The step ended: the case is the new department's from here on.
        var c2 = await app.Db(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == held));
        (c2.DepartmentId, c2.PendingDepartmentId, c2.PendingMoveId).ShouldBe(((int?)newDept, (int?)null, (int?)null));
        (await app.Db(db => db.Activities.AsNoTracking().SingleAsync(a => a.CaseId == held && a.Action == UnitMoves.Applied))).Audience.ShouldBe(Audience.Officials);
        (await oldOfficer.GetAsync($"/Applications/{held}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await newOfficer.GetAsync($"/Applications/{held}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Resubmitted, it waits for the new department.
        (await applicant.PostEditAsync(held, "Submit", ApplyingHelpers.Complete(await app.PackOfAsync(held), "第十二师归口调整测试技术创新中心")))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var c3 = await app.Db(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == held));
        (c3.Holder, c3.DepartmentId).ShouldBe(("department", (int?)newDept));
        // A department that still has units cannot be deactivated.
        (await Post(bureau, $"{Departments}?handler=Deactivate", ("id", newDept), ("active", false))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_unit_administrator_manages_its_own_units_staff_and_nothing_else()
    {
        var admin = await app.LoginAsync("xpcc-applicant");
        var unitId = (await app.User("xpcc-applicant")).UnitId!.Value;
        (await admin.GetAsync("/Organisation/Staff")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var userName = Unique("staff-");
        var created = await Post(admin, "/Organisation/Staff?handler=Create", ("userName", userName), ("displayName", "本单位新同事"));
        created.StatusCode.ShouldBe(HttpStatusCode.OK);
        var password = System.Text.RegularExpressions.Regex.Match(await created.Content.ReadAsStringAsync(), "data-testid=\"initial-password\">([^<]+)<").Groups[1].Value;
        password.ShouldNotBeEmpty();
        var account = await app.User(userName);
        (account.UnitId, account.IsUnitAdmin).ShouldBe(((int?)unitId, false));
        (await app.LoginAsync(userName, System.Net.WebUtility.HtmlDecode(password))).ShouldNotBeNull();
        // A staff account that is not an administrator does not reach the page.
        Denied(await (await app.LoginAsync(userName, System.Net.WebUtility.HtmlDecode(password))).GetAsync("/Organisation/Staff"));
        (await Post(admin, "/Organisation/Staff?handler=Disable", ("userName", userName), ("disable", true))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.User(userName)).LockoutEnd!.Value.Year.ShouldBe(9999);
        (await Post(admin, "/Organisation/Staff?handler=Disable", ("userName", userName), ("disable", false))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Post(admin, "/Organisation/Staff?handler=Reset", ("userName", userName))).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Another unit's account, another role's account: not found, unchanged.
        var otherUnit = await app.Db(db => db.Units.Where(u => u.JurisdictionId == Xpcc && u.Id != unitId).Select(u => u.Id).FirstAsync());
        var outsider = await app.CreateUserAsync(Roles.Applicant, configure: u => { u.UnitId = otherUnit; u.JurisdictionId = Xpcc; });
        foreach (var target in new[] { outsider, "xpcc-dept", "xpcc-bureau", "sysadmin" })
        {
            (await Post(admin, "/Organisation/Staff?handler=Disable", ("userName", target), ("disable", true))).StatusCode.ShouldBe(HttpStatusCode.NotFound, target);
            (await Post(admin, "/Organisation/Staff?handler=Reset", ("userName", target))).StatusCode.ShouldBe(HttpStatusCode.NotFound, target);
            (await app.User(target)).LockoutEnd.ShouldBeNull(target);
        }
        (await (await admin.GetAsync("/Organisation/Staff")).TextAsync()).ShouldNotContain(outsider);
        // The system admin makes the outsider its unit's administrator; it then reaches its own unit's page only.
        var sys = await app.LoginAsync("sysadmin");
        (await SelectingFlow.PostAsync(sys, "/Admin/Users?handler=UnitAdmin", SelectingFlow.Form(("userName", outsider), ("admin", true)), "/Admin/Users"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var promoted = await app.LoginAsync(outsider);
        var page = await (await promoted.GetAsync("/Organisation/Staff")).TextAsync();
        page.ShouldContain(outsider);
        page.ShouldNotContain(userName);
        (await app.Db(db => db.AuditEntries.CountAsync(x => x.Action == "创建本单位账号" && x.Outcome == TechCenters.Web.Features.Audit.AuditOutcome.Success))).ShouldBeGreaterThan(0);
    }
    [Fact]
    public async Task Bug_0942_forms_offer_only_active_departments_refuse_an_inactive_one_and_filters_mark_one_still_referenced()
    {
        var bureau = await app.LoginAsync("xpcc-bureau");
        var inUse = await CreateDepartmentAsync(bureau, Unique("在用园区"), null);
        var stoppedName = Unique("停用园区");
        var stopped = await CreateDepartmentAsync(bureau, stoppedName, null);
        var unusedName = Unique("停用空园区");
        var unused = await CreateDepartmentAsync(bureau, unusedName, null);
        foreach (var d in new[] { stopped, unused })
            (await Post(bureau, $"{Departments}?handler=Deactivate", ("id", d), ("active", false))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // A unit registered under the department before it was stopped (older data): it still names it.
        var unit = await app.Db(async db =>
        {
            var u = new Unit { CreditCode = Imports.ImportTests.NewCreditCode(), Name = Unique("停用部门下的老单位"), JurisdictionId = Xpcc, DepartmentId = stopped,
                Region = "第十二师", RegisteredAddress = "某地" };
            db.Units.Add(u);
            await db.SaveChangesAsync();
            return u.Id;
        });

        // The create form offers the department in use, not the stopped ones; naming a stopped one is refused in Chinese.
        var form = await (await bureau.GetAsync("/Units/Create")).Content.ReadAsStringAsync();
        form.ShouldContain($"value=\"{inUse}\"");
        form.ShouldNotContain($"value=\"{stopped}\"");
        form.ShouldNotContain($"value=\"{unused}\"");
        var code = Imports.ImportTests.NewCreditCode();
        var refused = await Post(bureau, "/Units/Create", ("Input.Name", Unique("新单位")), ("Input.CreditCode", code), ("Input.Type", "Enterprise"),
            ("Input.DepartmentId", stopped), ("Input.Region", "第十二师"), ("Input.RegisteredAddress", "某路1号"));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.TextAsync()).ShouldContain("所选归口管理部门已停用");
        (await app.Db(db => db.Units.CountAsync(u => u.CreditCode == code))).ShouldBe(0);
        (await Post(bureau, "/Units/Create", ("Input.Name", Unique("新单位")), ("Input.CreditCode", code), ("Input.Type", "Enterprise"),
            ("Input.DepartmentId", inUse), ("Input.Region", "第十二师"), ("Input.RegisteredAddress", "某路1号"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The edit form's move offers only departments in use; moving to a stopped one is refused.
        var edit = await (await bureau.GetAsync($"/Units/{unit}/Edit")).Content.ReadAsStringAsync();
        edit.ShouldContain($"value=\"{inUse}\"");
        edit.ShouldNotContain($"value=\"{unused}\"");
        var move = await Post(bureau, $"/Units/{unit}/Edit?handler=Move", ("departmentId", unused), ("reason", "测试停用部门的调整"));
        ((int)move.StatusCode).ShouldBeInRange(400, 499);
        (await move.TextAsync()).ShouldContain("已停用");

        // The unit list's filter keeps the stopped department its rows still name, marked; the one nothing names is gone.
        var list = await (await bureau.GetAsync("/Units")).TextAsync();
        list.ShouldContain(stoppedName + "（已停用）");
        list.ShouldNotContain(unusedName);
        (await (await bureau.GetAsync($"/Units?dept={stopped}")).TextAsync()).ShouldContain("停用部门下的老单位");
        (await (await bureau.GetAsync("/Lists/Centers")).TextAsync()).ShouldNotContain(unusedName);
        (await (await bureau.GetAsync("/Lists/Cases")).TextAsync()).ShouldNotContain(unusedName);
    }
}

[CollectionDefinition(Name)]
public sealed class OrganisationSqliteCollection : ICollectionFixture<SqliteAppFixture>
{
    public const string Name = "Organisation SQLite";
}

[CollectionDefinition(Name)]
public sealed class OrganisationPostgresCollection : ICollectionFixture<PostgresAppFixture>
{
    public const string Name = "Organisation PostgreSQL";
}

[Collection(OrganisationSqliteCollection.Name)]
public sealed class OrganisationTests_Sqlite(SqliteAppFixture app) : OrganisationTests(app);

[Collection(OrganisationPostgresCollection.Name)]
public sealed class OrganisationTests_Postgres(PostgresAppFixture app) : OrganisationTests(app);
