using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechCenters.Policy;
using Shouldly;
using TechCenters.Policy.Rules;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.Evaluations;
using TechCenters.Web.Features.Notifications;
using TechCenters.Web.Tests.Features.Applying;
using TechCenters.Web.Tests.Features.Evaluations;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;
using static TechCenters.Web.Tests.Selecting.SelectingFlow;

namespace TechCenters.Web.Tests;

/// <summary>
/// The bureau entrusts an evaluation to a third-party evaluator organisation (第三方评估机构; 沧州第二十五条, 第十二师第二十条,
/// 万州第二十一条): who there is told, and how the entrustment ends when the case is given to experts. A collection of its own:
/// its campaigns' years are its own.
/// </summary>
public abstract class EntrustmentTests(AppFixture app)
{
    private readonly EvaluationFlow flow = new(app);
    private const string Cz = "cangzhou";
    private const string Wz = "chongqing-wanzhou";

    private Task<string> EvaluatorAsync(string j) => app.CreateUserAsync(Roles.Evaluator, configure: u => u.JurisdictionId = j);

    private async Task<string> NotificationsAsync(HttpClient who) => Html.Text(await (await who.GetAsync("/Notifications")).Content.ReadAsStringAsync());

    /// <summary>Registers an organisation of the accounts named (through the campaign page).</summary>
    private async Task<int> RegisterAsync(HttpClient bureau, int campaign, string name, params string[] userNames)
    {
        var ids = new List<string>();
        foreach (var u in userNames) ids.Add((await app.User(u)).Id);
        var r = await PostAsync(bureau, $"/Evaluations/Campaign?id={campaign}&handler=Organisation",
            Form(("OrganisationName", name)).Concat(ids.Select(id => new KeyValuePair<string, string>("MemberIds", id))));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(r));
        return await app.Db(db => db.EvaluatorOrganisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());
    }

    private async Task EntrustAsync(HttpClient bureau, int campaign, int organisation, int caseId)
    {
        var r = await PostAsync(bureau, $"/Evaluations/Campaign?id={campaign}&handler=Assign", Form(("OrganisationId", organisation), ("CaseIds", caseId)));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(r));
    }

    /// <summary>
    /// Bug 0656: the accounts told of a case the third party holds were read from single-account assignments only, so when the
    /// bureau entrusted an organisation nobody there learnt that a case had come to it for scoring. Now each account of the
    /// entrusted organisation still in use is told (待您办理, linking the case); a stopped account, another organisation and
    /// an organisation whose case went to experts are not.
    /// </summary>
    [Fact]
    public async Task Bug_0656_each_account_of_the_entrusted_organisation_is_told_when_the_case_comes_to_it()
    {
        var bureau = await flow.BureauAsync(Wz);
        var centers = await flow.CentersAsync(Wz, new DateOnly(2018, 3, 1), 1);
        var campaign = await flow.OpenAsync(bureau, 2021, centers);
        var id = (await flow.OpenCasesAsync(bureau, campaign)).Single();
        string first = await EvaluatorAsync(Wz), second = await EvaluatorAsync(Wz), stopped = await EvaluatorAsync(Wz), other = await EvaluatorAsync(Wz);
        // Entrusted while the center still prepares its materials; another organisation of the jurisdiction is not.
        await EntrustAsync(bureau, campaign, await RegisterAsync(bureau, campaign, "受托评估机构0656", first, second, stopped), id);
        await RegisterAsync(bureau, campaign, "另一评估机构0656", other);
        await app.Db(db => db.Users.Where(u => u.UserName == stopped).ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, DateTimeOffset.MaxValue)));

        await flow.ToScoringAsync(bureau, id);
        var c = await app.Db(db => db.Cases.AsNoTracking().SingleAsync(x => x.Id == id));
        c.Holder.ShouldBe(Actors.ThirdParty);
        foreach (var member in new[] { first, second })
        {
            var client = await app.LoginAsync(member);
            var text = await NotificationsAsync(client);
            text.ShouldContain("待您办理");
            text.ShouldContain($"“{c.Title}”");
            // The notification opens the case, which the account reads.
            var link = await app.Db(async db => await db.Notifications.Where(n => n.UserId == db.Users.Where(u => u.UserName == member).Select(u => u.Id).First() && n.CaseId == id)
                .Select(n => n.Link).SingleAsync());
            (await client.GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        (await app.Db(db => db.Notifications.CountAsync(n => n.CaseId == id && db.Users.Any(u => u.Id == n.UserId && (u.UserName == stopped || u.UserName == other)))))
            .ShouldBe(0);
    }

    /// <summary>
    /// Bug 0658: only the third party's recipients left stopped accounts (停用) out; a stopped bureau officer (or any other
    /// actor's account) was still told (待您办理) when a case came to it. Now no stopped account is, whichever actor it acts
    /// as; an account in use beside it is told.
    /// </summary>
    [Fact]
    public async Task Bug_0658_a_stopped_account_is_told_nothing_whichever_actor_it_acts_as()
    {
        var bureau = await flow.BureauAsync(Wz);
        var centers = await flow.CentersAsync(Wz, new DateOnly(2018, 3, 1), 1);
        string officer = await app.CreateUserAsync(Roles.BureauOfficer, configure: u => u.JurisdictionId = Wz),
            stoppedOfficer = await app.CreateUserAsync(Roles.BureauOfficer, configure: u => u.JurisdictionId = Wz);
        await app.Db(db => db.Users.Where(u => u.UserName == stoppedOfficer)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, AccountActions.StoppedUntil)));
        var campaign = await flow.OpenAsync(bureau, 2023, centers);
        var id = (await flow.OpenCasesAsync(bureau, campaign)).Single();
        await flow.ToScoringAsync(bureau, id);

        Task<int> Told(string userName) => app.Db(db => db.Notifications.CountAsync(n => n.CaseId == id && db.Users.Any(u => u.Id == n.UserId && u.UserName == userName)));
        (await Told(officer)).ShouldBeGreaterThan(0);
        (await Told(stoppedOfficer)).ShouldBe(0);
    }

    /// <summary>
    /// Bug 0657: giving a case entrusted to an organisation to experts left the organisation's assignment open; the scope read
    /// the later expert assignment instead, so when every expert withdrew the organisation was entrusted again — it read the
    /// case and held its scoring — without anyone deciding so. The hand-over now ends the assignment (when, why), on the
    /// case's timeline for the bureau and the case's assessors and in the audit log; after a withdrawal the organisation
    /// still neither reads nor scores the case, until the bureau entrusts it again.
    /// </summary>
    [Fact]
    public async Task Bug_0657_an_organisation_is_not_entrusted_again_when_the_experts_it_was_replaced_by_withdraw()
    {
        var bureau = await flow.BureauAsync(Cz);
        var centers = await flow.CentersAsync(Cz, new DateOnly(2018, 3, 1), 1);
        var campaign = await flow.OpenAsync(bureau, 2022, centers);
        var id = (await flow.OpenCasesAsync(bureau, campaign)).Single();
        await flow.ToScoringAsync(bureau, id);
        var org = await flow.EntrustAsync(bureau, Cz, campaign, [id]);
        (await org.GetAsync($"/Evaluations/Case?id={id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var expert = await app.Db(async db =>
        {
            var e = new TechCenters.Web.Features.Units.Expert { JurisdictionId = Cz, Name = "交接测试专家0657", Field = "新材料", Kind = TechCenters.Web.Features.Units.ExpertiseKind.Technical, Employer = "外省某大学" };
            db.Experts.Add(e);
            await db.SaveChangesAsync();
            return e;
        });
        var assigned = await PostAsync(bureau, $"/Evaluations/Campaign?id={campaign}&handler=AssignExperts", Form(("CaseIds", id), ("ExpertIds", expert.Id)));
        assigned.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(assigned));

        // The hand-over ended the organisation's assignment, with the time and the reason, on the record.
        var ended = await app.Db(db => db.CaseAssignments.AsNoTracking().SingleAsync(a => a.CaseId == id && a.Role == CaseAssignment.EvaluatorRole));
        ended.EndedAt.ShouldNotBeNull();
        ended.EndReason.ShouldNotBeNull().ShouldContain("指派评估专家");
        var timeline = await app.Db(db => db.Activities.AsNoTracking().SingleAsync(a => a.CaseId == id && a.Action == EvaluationAssessors.EndEntrustment));
        timeline.Note.ShouldBe(ended.EndReason);
        timeline.Audience.ShouldBe(TechCenters.Web.Features.Activity.Audience.Bureau | TechCenters.Web.Features.Activity.Audience.Reviewers);
        (await app.Db(db => db.AuditEntries.AnyAsync(a => a.Action == EvaluationAssessors.EndEntrustment && a.ObjectId == id.ToString()))).ShouldBeTrue();
        Html.Text(await (await bureau.GetAsync($"/Evaluations/Case?id={id}")).Content.ReadAsStringAsync()).ShouldContain(ended.EndReason!);

        // The expert withdraws: the scoring is the third party's stage again, but no organisation is entrusted with it.
        var expertClient = await app.LoginAsync(await app.CreateUserAsync(Roles.Expert, configure: u => { u.ExpertId = expert.Id; u.JurisdictionId = Cz; }));
        var withdrawn = await PostAsync(expertClient, $"/Evaluations/Case?id={id}&handler=Withdraw", Form(("Reason", "曾与牵头单位合作研究")));
        withdrawn.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(withdrawn));
        (await app.Db(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == id))).Holder.ShouldBe(Actors.ThirdParty);
        (await org.GetAsync($"/Evaluations/Case?id={id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await flow.ScoreAsync(org, id, EvaluationRulesTests.ScoresFor(app.Factory.Services.GetRequiredService<PolicyCatalog>().Versions(Cz)[^1], 90)))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await flow.EvaluationAsync(id)).Grade.ShouldBeNull();
        Html.Text(await (await org.GetAsync("/Inbox")).Content.ReadAsStringAsync()).ShouldMatch(@"(^|\D)0\s*受托评估任务");

        // The bureau decides to entrust it again: a new assignment, and the organisation reads the case once more.
        await EntrustAsync(bureau, campaign, ended.OrganisationId!.Value, id);
        (await org.GetAsync($"/Evaluations/Case?id={id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>
    /// Bug 0659: a 待您办理 notification outlived the entrustment it announced: after 撤回委托 the organisation's account still
    /// had a link to the case, which then answered 404. Now, once the account no longer reads the case, the notification says
    /// the matter has ended (已结束，无需办理) without a link, and opening it anyway comes back to the notification centre.
    /// </summary>
    [Fact]
    public async Task Bug_0659_a_notification_of_a_withdrawn_entrustment_says_it_has_ended_instead_of_linking_a_404()
    {
        var bureau = await flow.BureauAsync(Wz);
        var centers = await flow.CentersAsync(Wz, new DateOnly(2018, 3, 1), 1);
        var campaign = await flow.OpenAsync(bureau, 2024, centers);
        var id = (await flow.OpenCasesAsync(bureau, campaign)).Single();
        var member = await EvaluatorAsync(Wz);
        await EntrustAsync(bureau, campaign, await RegisterAsync(bureau, campaign, "受托评估机构0659", member), id);
        await flow.ToScoringAsync(bureau, id);
        var client = await app.LoginAsync(member);
        var userId = (await app.User(member)).Id;
        var notice = await app.Db(db => db.Notifications.AsNoTracking().SingleAsync(n => n.UserId == userId && n.CaseId == id));
        (await NotificationsAsync(client)).ShouldNotContain("无需办理");

        var r = await PostAsync(bureau, $"/Evaluations/Case?id={id}&handler=WithdrawEntrustment", Form(("Reason", "评估机构人员变动")));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(r));
        (await client.GetAsync(notice.Link)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var text = await NotificationsAsync(client);
        text.ShouldContain(notice.Title);
        text.ShouldContain("已结束");
        text.ShouldContain("无需办理");
        var opened = await PostAsync(client, $"/Notifications?handler=Open&id={notice.Id}", Form());
        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        opened.Headers.Location!.ToString().ShouldBe("/Notifications");
        (await app.Db(db => db.Notifications.AsNoTracking().SingleAsync(n => n.Id == notice.Id))).ReadAt.ShouldNotBeNull();
    }

    /// <summary>
    /// Bug 0660: confirming an evaluation round (确认评估结果) left the organisation's entrustment open, so it kept reading the
    /// closed case with everything the center filed. The organisation was entrusted to carry out the evaluation (沧州第二十五条);
    /// with the results confirmed its entrustment ends, on the assignment and the timeline (bureau and assessors), and it no
    /// longer reads the case; what it recorded stays for the bureau.
    /// </summary>
    [Fact]
    public async Task Bug_0660_confirming_the_results_ends_the_entrustment()
    {
        var bureau = await flow.BureauAsync(Cz);
        var centers = await flow.CentersAsync(Cz, new DateOnly(2018, 3, 1), 1);
        var campaign = await flow.OpenAsync(bureau, 2025, centers);
        var id = (await flow.OpenCasesAsync(bureau, campaign)).Single();
        await flow.ToScoringAsync(bureau, id);
        var org = await flow.EntrustAsync(bureau, Cz, campaign, [id]);
        var scored = await flow.ScoreAsync(org, id, EvaluationRulesTests.ScoresFor(app.Factory.Services.GetRequiredService<PolicyCatalog>().Versions(Cz)[^1], 80));
        scored.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(scored));
        (await org.GetAsync($"/Evaluations/Case?id={id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await flow.ConfirmAsync(bureau, campaign)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var a = await app.Db(db => db.CaseAssignments.AsNoTracking().SingleAsync(x => x.CaseId == id && x.Role == CaseAssignment.EvaluatorRole));
        a.EndedAt.ShouldNotBeNull();
        a.EndReason.ShouldNotBeNull().ShouldStartWith("评估结果已确认");
        var entry = await app.Db(db => db.Activities.AsNoTracking().SingleAsync(x => x.CaseId == id && x.Action == EvaluationAssessors.EndEntrustment));
        entry.Note.ShouldBe(a.EndReason);
        entry.Audience.ShouldBe(TechCenters.Web.Features.Activity.Audience.Bureau | TechCenters.Web.Features.Activity.Audience.Reviewers);
        (await org.GetAsync($"/Evaluations/Case?id={id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var page = Html.Text(await (await bureau.GetAsync($"/Evaluations/Case?id={id}")).Content.ReadAsStringAsync());
        page.ShouldContain(a.EndReason!);
        (await flow.EvaluationAsync(id)).Grade.ShouldNotBeNull();
    }

    /// <summary>
    /// Before Bug 0657 a hand-over to experts left the organisation's assignment open and the scope read the later expert
    /// assignment as superseding it. The data migration EndLegacyEntrustments ends such a row at the expert assignment's
    /// time, with its reason, so the scope needs no such reading: the organisation no longer reads that case, and an
    /// entrustment without a later expert assignment stays as it was.
    /// </summary>
    [Fact]
    public async Task The_data_migration_ends_an_entrustment_left_open_beside_a_later_expert_assignment()
    {
        var bureau = await flow.BureauAsync(Cz);
        var centers = await flow.CentersAsync(Cz, new DateOnly(2018, 3, 1), 2);
        var campaign = await flow.OpenAsync(bureau, 2026, centers);
        var ids = await flow.OpenCasesAsync(bureau, campaign);
        var org = await flow.EntrustAsync(bureau, Cz, campaign, ids);
        // The shape the old hand-over wrote: the organisation's row still open, an expert assigned after it.
        var later = app.Time.GetUtcNow().AddDays(3);
        await app.Db(async db =>
        {
            var e = new TechCenters.Web.Features.Units.Expert { JurisdictionId = Cz, Name = "迁移测试专家", Field = "新材料", Kind = TechCenters.Web.Features.Units.ExpertiseKind.Technical, Employer = "外省某大学" };
            db.Experts.Add(e);
            await db.SaveChangesAsync();
            db.CaseAssignments.Add(new CaseAssignment { CaseId = ids[0], Role = CaseAssignment.ExpertRole, ExpertId = e.Id, AssignedAt = later, AssignedBy = "legacy" });
            return await db.SaveChangesAsync();
        });

        await app.Db(db => db.Database.ExecuteSqlRawAsync(TechCenters.Web.Data.Migrations.Sqlite.EndLegacyEntrustments.EndLegacy));
        var rows = await app.Db(db => db.CaseAssignments.AsNoTracking().Where(a => ids.Contains(a.CaseId) && a.Role == CaseAssignment.EvaluatorRole).ToListAsync());
        var legacy = rows.Single(a => a.CaseId == ids[0]);
        legacy.EndedAt.ShouldBe(later);
        legacy.EndReason.ShouldBe(TechCenters.Web.Data.Migrations.Sqlite.EndLegacyEntrustments.EndReason);
        rows.Single(a => a.CaseId == ids[1]).EndedAt.ShouldBeNull();
        (await org.GetAsync($"/Evaluations/Case?id={ids[0]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await org.GetAsync($"/Evaluations/Case?id={ids[1]}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>
    /// 撤回委托: the bureau ends an organisation's entrustment on the case page, only with a reason (a Chinese 400 without
    /// one, nothing ended); the organisation then no longer reads the case; the end is on the assignment, the timeline and
    /// the audit log. Nobody else may withdraw it, and a case no longer entrusted has nothing to withdraw.
    /// </summary>
    [Fact]
    public async Task The_bureau_withdraws_an_entrustment_with_a_reason()
    {
        var bureau = await flow.BureauAsync(Wz);
        var centers = await flow.CentersAsync(Wz, new DateOnly(2018, 3, 1), 1);
        var campaign = await flow.OpenAsync(bureau, 2020, centers);
        var id = (await flow.OpenCasesAsync(bureau, campaign)).Single();
        await flow.ToScoringAsync(bureau, id);
        var org = await flow.EntrustAsync(bureau, Wz, campaign, [id]);
        var page = Html.Text(await (await bureau.GetAsync($"/Evaluations/Case?id={id}")).Content.ReadAsStringAsync());
        page.ShouldContain("撤回委托");
        async Task<HttpResponseMessage> WithdrawAsync(HttpClient who, string? reason) =>
            await PostAsync(who, $"/Evaluations/Case?id={id}&handler=WithdrawEntrustment", Form(("Reason", reason)));

        foreach (var blank in new[] { null, "   " })
        {
            var refused = await WithdrawAsync(bureau, blank);
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await ErrorAsync(refused)).ShouldContain("请填写撤回委托的理由");
        }
        var tooLong = await WithdrawAsync(bureau, new string('长', 1001));
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorAsync(tooLong)).ShouldContain("不能超过 1000 字");
        // The organisation itself cannot end what the bureau decided (it acts as the third party, not the bureau).
        (await WithdrawAsync(org, "不想评了")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await org.GetAsync($"/Evaluations/Case?id={id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var ok = await WithdrawAsync(bureau, "评估机构与中心牵头单位存在业务往来");
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(ok));
        var a = await app.Db(db => db.CaseAssignments.AsNoTracking().SingleAsync(x => x.CaseId == id && x.Role == CaseAssignment.EvaluatorRole));
        a.EndedAt.ShouldNotBeNull();
        a.EndReason.ShouldBe("科技局撤回委托：评估机构与中心牵头单位存在业务往来");
        (await app.Db(db => db.AuditEntries.AnyAsync(x => x.Action == EvaluationActions.WithdrawEntrustment && x.ObjectId == id.ToString()
            && x.Outcome == TechCenters.Web.Features.Audit.AuditOutcome.Success))).ShouldBeTrue();
        var after = Html.Text(await (await bureau.GetAsync($"/Evaluations/Case?id={id}")).Content.ReadAsStringAsync());
        after.ShouldContain("评估机构与中心牵头单位存在业务往来");
        // The scoring still waits for a third party: the bureau is told none is entrusted now, and where to entrust one.
        after.ShouldContain("目前没有受托的评估机构");
        page.ShouldNotContain("目前没有受托的评估机构");
        (await org.GetAsync($"/Evaluations/Case?id={id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var again = await WithdrawAsync(bureau, "再次撤回");
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ErrorAsync(again)).ShouldContain("没有委托评估机构");
    }
}

[CollectionDefinition(Name)]
public sealed class EntrustmentSqliteCollection : ICollectionFixture<SqliteAppFixture>
{
    public const string Name = "Entrustment SQLite";
}

[CollectionDefinition(Name)]
public sealed class EntrustmentPostgresCollection : ICollectionFixture<PostgresAppFixture>
{
    public const string Name = "Entrustment PostgreSQL";
}

[Collection(EntrustmentSqliteCollection.Name)]
public sealed class SqliteEntrustmentTests(SqliteAppFixture app) : EntrustmentTests(app);

[Collection(EntrustmentPostgresCollection.Name)]
public sealed class PostgresEntrustmentTests(PostgresAppFixture app) : EntrustmentTests(app);
