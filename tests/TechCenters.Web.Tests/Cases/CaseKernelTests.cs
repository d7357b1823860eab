using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Tests.Features.Applying;
using TechCenters.Web.Tests.Infrastructure;
using TechCenters.Web.Tests.Selecting;
using Xunit;
using static TechCenters.Web.Features.Units.ExpertiseKind;

namespace TechCenters.Web.Tests.Cases;

/// <summary>The case kernel through the real pipeline: who sees what of a case, refusals audited, scope by relation and subtree.</summary>
public abstract class CaseKernelTests(AppFixture app)
{
    private readonly SelectingFlow flow = new(app);
    private const string Xpcc = "xpcc-12th-division";

    [Fact]
    public async Task Bug_0001_experts_names_and_scores_never_reach_the_applicant_or_the_department()
    {
        var id = await flow.NewApplicationAsync(Xpcc, ordinal: 3);
        var bureau = await flow.BureauAsync(Xpcc);
        var experts = await flow.ReviewedByPanelAsync(bureau, id, siteVisit: true, Technical, Management);
        (await flow.ConcludeAsync(bureau, id, toApplicant: "建设目标清晰，请在实施中加强产学研协同。")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var a = await flow.ApplicationAsync(id);
        var applicant = await app.LoginAsync(await app.CreateUserAsync(Roles.Applicant, configure: u => { u.UnitId = a.Case.LeadUnitId; u.JurisdictionId = Xpcc; }));
        var department = await app.LoginAsync(await app.DepartmentOfficerForAsync(a.Case.LeadUnitId!.Value));
        foreach (var (who, client) in new[] { ("申报单位", applicant), ("归口管理部门", department) })
            foreach (var url in new[] { $"/Applications/{id}", $"/ExpertReviews/Application?id={id}", "/Decisions", "/Inbox" })
            {
                var r = await client.GetAsync(url);
                r.StatusCode.ShouldBe(HttpStatusCode.OK, $"{who} {url}");
                var text = Html.Text(await r.Content.ReadAsStringAsync());
                foreach (var e in experts) text.ShouldNotContain(e.Name, customMessage: $"{who}在 {url} 看到了专家姓名");
                text.ShouldNotContain("平均分", customMessage: $"{who}在 {url} 看到了评分");
                text.ShouldNotContain("评分86", customMessage: $"{who}在 {url} 看到了专家评分");
                text.ShouldNotContain("测试专家组", customMessage: $"{who}在 {url} 看到了专家组名单");
            }
        // The applicant reads the outcome and what the bureau chose to tell it.
        var mine = Html.Text(await (await applicant.GetAsync($"/Applications/{id}")).Content.ReadAsStringAsync());
        mine.ShouldContain("评审通过");
        mine.ShouldContain("建设目标清晰，请在实施中加强产学研协同。");
        // The bureau reads every name and the figures.
        var results = Html.Text(await (await bureau.GetAsync($"/ExpertReviews/Application?id={id}")).Content.ReadAsStringAsync());
        foreach (var e in experts) results.ShouldContain(e.Name);
        results.ShouldContain("平均分");
        // And in the data: the entries with names or scores are the bureau's only.
        var entries = await app.Db(db => db.Activities.AsNoTracking().Where(x => x.CaseId == id).ToListAsync());
        entries.Where(x => x.Action is "组建专家组" or "专家提交评审意见" or "专家评审汇总").ShouldAllBe(x => x.Audience == Audience.Bureau);
        entries.Where(x => x.Audience.HasFlag(Audience.Applicant)).ShouldAllBe(x => x.Note == null || !experts.Any(e => x.Note.Contains(e.Name)));
    }

    [Fact]
    public async Task A_refused_move_changes_nothing_and_is_kept_in_the_audit_chain_with_its_reason()
    {
        var id = await flow.NewApplicationAsync(Xpcc, ordinal: 4);
        var before = await flow.ApplicationAsync(id);
        var applicant = await flow.ApplicantAsync(Xpcc);
        var r = await SelectingFlow.PostAsync(applicant, $"/ExpertReviews/Application?id={id}",
            SelectingFlow.Form(("Revision", before.Case.Revision), ("Passed", "true")));
        r.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await flow.ApplicationAsync(id)).Case.Revision.ShouldBe(before.Case.Revision);
        var refused = await app.Db(db => db.AuditEntries.AsNoTracking().Where(x => x.ObjectType == "事项" && x.ObjectId == id.ToString())
            .OrderByDescending(x => x.Id).FirstAsync());
        (refused.Action, refused.Outcome).ShouldBe(("办理评审结论", AuditOutcome.Denied));
        refused.Detail.ShouldNotBeNull().ShouldContain("HTTP 403");
        refused.Detail.ShouldContain("无权办理");
        // Not a second row from the request logger: the kernel's row is the one.
        (await app.Db(db => db.AuditEntries.CountAsync(x => x.Id > refused.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task A_department_sees_its_own_and_its_sub_departments_cases_and_not_its_siblings()
    {
        var lead = await app.Db(db => db.Units.Where(u => u.JurisdictionId == Xpcc && u.DepartmentId != null && u.Type == UnitType.Enterprise)
            .OrderByDescending(u => u.Id).Select(u => u.Id).FirstAsync());
        int id;
        await using (var s = app.Scope())
            id = await s.ServiceProvider.GetRequiredService<TechCenters.Web.Data.Seed.DemoCases>().CreateInExpertReviewAsync(Xpcc, lead, ordinal: 5);
        var (parent, child, sibling) = await app.Db(async db =>
        {
            var unit = await db.Units.SingleAsync(u => u.Id == lead);
            var parent = await db.Departments.SingleAsync(d => d.Id == unit.DepartmentId);
            var child = new Department { JurisdictionId = Xpcc, Name = $"子部门{Guid.NewGuid():N}"[..12], Kind = "园区", ParentId = parent.Id };
            var sibling = new Department { JurisdictionId = Xpcc, Name = $"兄弟部门{Guid.NewGuid():N}"[..12], Kind = "园区", ParentId = parent.ParentId };
            db.Departments.AddRange(child, sibling);
            await db.SaveChangesAsync();
            await DepartmentPaths.FillAsync(db);
            // The unit now belongs to the sub-department; its case keeps the sub-department as its department.
            unit.DepartmentId = child.Id;
            var c = await db.Cases.SingleAsync(x => x.Id == id);
            c.DepartmentId = child.Id;
            await db.SaveChangesAsync();
            return (parent.Id, child.Id, sibling.Id);
        });
        async Task<HttpStatusCode> As(int department) =>
            (await (await app.LoginAsync(await app.CreateUserAsync(Roles.DepartmentOfficer, configure: u => { u.DepartmentId = department; u.JurisdictionId = Xpcc; })))
                .GetAsync($"/Applications/{id}")).StatusCode;
        (await As(child)).ShouldBe(HttpStatusCode.OK);
        (await As(parent)).ShouldBe(HttpStatusCode.OK);
        (await As(sibling)).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_co_builders_staff_see_the_submitted_case_but_cannot_act_as_its_lead_unit()
    {
        var id = await flow.NewApplicationAsync(Xpcc, ordinal: 6);
        var a = await flow.ApplicationAsync(id);
        var coBuilder = a.CoBuilders.Single().UnitId;
        var staff = await app.LoginAsync(await app.CreateUserAsync(Roles.Applicant, configure: u => { u.UnitId = coBuilder; u.JurisdictionId = Xpcc; }));
        var page = await staff.GetAsync($"/Applications/{id}");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await staff.GetAsync($"/Applications/{id}/Edit")).StatusCode.ShouldBe(HttpStatusCode.OK); // read-only
        await using var scope = app.Scope();
        var kernel = scope.ServiceProvider.GetRequiredService<CaseKernel>();
        var ctx = await kernel.LoadAsync(id, new WorkflowActor(new UserScope("x", "共建单位人员", Roles.Applicant, Xpcc, null, coBuilder, null), "127.0.0.1"));
        ctx.ShouldNotBeNull();
        ctx.Relation.ActsAs("co_builders").ShouldBeTrue();
        ctx.Relation.ActsAs("lead_unit").ShouldBeFalse();
        ctx.Editable().ShouldNotBeNull();
        // A unit that is neither lead nor co-builder gets a 404.
        var other = await app.Db(db => db.Units.Where(u => u.JurisdictionId == Xpcc && u.Id != coBuilder && u.Id != a.Case.LeadUnitId).Select(u => u.Id).FirstAsync());
        var outsider = await app.LoginAsync(await app.CreateUserAsync(Roles.Applicant, configure: u => { u.UnitId = other; u.JurisdictionId = Xpcc; }));
        (await outsider.GetAsync($"/Applications/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Case_events_reach_the_accounts_that_hold_the_case_next_and_the_filer_when_it_comes_back()
    {
        var (client, id, unitId) = await NewDraftAsync();
        var officer = await app.DepartmentOfficerForAsync(unitId);
        var officerId = (await app.User(officer)).Id;
        await app.AttachRequiredAsync(client, id);
        var submit = await client.PostEditAsync(id, "Submit", ApplyingHelpers.Complete(await app.PackOfAsync(id), "第十二师通知测试技术创新中心"));
        submit.StatusCode.ShouldBe(HttpStatusCode.Redirect, await submit.Content.ReadAsStringAsync());
        var assigned = await app.Db(db => db.Notifications.AsNoTracking().Where(n => n.CaseId == id && n.UserId == officerId).ToListAsync());
        assigned.ShouldHaveSingleItem().Kind.ShouldBe("assigned");
        assigned[0].Title.ShouldContain("待您办理");
        assigned[0].Link.ShouldBe($"/Applications/{id}");

        var dept = await app.LoginAsync(officer);
        (await dept.PostDetailAsync(id, "Return", new() { ["note"] = "请补充共建协议" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var applicants = await app.Db(db => db.Users.Where(u => u.UnitId == unitId).Select(u => u.Id).ToListAsync());
        var returned = await app.Db(db => db.Notifications.AsNoTracking().Where(n => n.CaseId == id && n.Kind == "returned").ToListAsync());
        returned.ShouldNotBeEmpty();
        returned.ShouldAllBe(n => applicants.Contains(n.UserId) && n.Body == "请补充共建协议");
        // Whoever acted is not told what it did.
        (await app.Db(db => db.Notifications.CountAsync(n => n.CaseId == id && n.UserId == officerId && n.Kind == "returned"))).ShouldBe(0);
    }

    private async Task<(HttpClient Client, int Id, int UnitId)> NewDraftAsync()
    {
        var call = await app.OpenCallAsync(Xpcc);
        var unitId = await app.Db(db => db.Units.Where(u => u.JurisdictionId == Xpcc && u.DepartmentId != null && u.Type == UnitType.Enterprise
            && !db.Cases.Any(c => c.LeadUnitId == u.Id)).OrderByDescending(u => u.Id).Select(u => u.Id).FirstAsync());
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Applicant, configure: u => { u.UnitId = unitId; u.JurisdictionId = Xpcc; }));
        var id = await client.CreateApplicationAsync(call.Id, "第十二师通知测试技术创新中心");
        return (client, id, unitId);
    }
}

[Collection(SelectingSqliteCollection.Name)]
public sealed class CaseKernelTests_Sqlite(SqliteAppFixture app) : CaseKernelTests(app);

[Collection(SelectingPostgresCollection.Name)]
public sealed class CaseKernelTests_Postgres(PostgresAppFixture app) : CaseKernelTests(app);
