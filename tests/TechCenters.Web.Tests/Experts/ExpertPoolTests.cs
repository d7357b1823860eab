using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Experts;
using TechCenters.Web.Features.Notifications;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Tests.Infrastructure;
using TechCenters.Web.Tests.Selecting;
using Xunit;

namespace TechCenters.Web.Tests.Experts;

[CollectionDefinition(Name)]
public sealed class ExpertsSqliteCollection : ICollectionFixture<SqliteAppFixture> { public const string Name = "Experts SQLite"; }

[CollectionDefinition(Name)]
public sealed class ExpertsPostgresCollection : ICollectionFixture<PostgresAppFixture> { public const string Name = "Experts PostgreSQL"; }

/// <summary>The expert pool through the real pipeline: drawing, repeating, forming from a draw, conflicts, an expert's own declarations and withdrawal.</summary>
public abstract class ExpertPoolTests(AppFixture app)
{
    private readonly SelectingFlow flow = new(app);
    private const string Wz = "chongqing-wanzhou";

    private static int DrawId(HttpResponseMessage r)
    {
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, r.Content.ReadAsStringAsync().Result);
        return int.Parse(Regex.Match(r.Headers.Location!.ToString(), @"DrawRecord\?id=(\d+)").Groups[1].Value);
    }

    private static Task<HttpResponseMessage> DrawAsync(HttpClient bureau, int applicationId, int size, string? field = null) =>
        SelectingFlow.PostAsync(bureau, "/Experts/Draw", SelectingFlow.Form(("ApplicationIds", applicationId), ("Size", size), ("Field", field)));

    [Fact]
    public async Task A_draw_with_enough_experts_is_recorded_repeats_the_same_and_forms_the_panel_whose_members_are_told()
    {
        var id = await flow.NewApplicationAsync(Wz, ordinal: 21);
        var bureau = await flow.BureauAsync(Wz);
        var drawId = DrawId(await DrawAsync(bureau, id, 5));
        var draw = await app.Db(db => db.Set<PanelDraw>().AsNoTracking().SingleAsync(d => d.Id == drawId));
        draw.Shortfall.ShouldBeNull();
        draw.Selected.Count.ShouldBe(5);
        draw.Seed.Length.ShouldBe(32);
        // Every expert of the pool is accounted for: a candidate or an exclusion with its reason.
        var pool = await app.Db(db => db.Experts.CountAsync(e => e.JurisdictionId == Wz));
        (DrawPanel.CandidatesOf(draw).Count + DrawPanel.ExclusionsOf(draw).Count).ShouldBe(pool);
        DrawPanel.ExclusionsOf(draw).ShouldAllBe(x => x.Reason.Length > 0);

        var page = await (await bureau.GetAsync($"/Experts/DrawRecord?id={drawId}&verify=true")).TextAsync();
        page.ShouldContain("复核一致");
        page.ShouldContain(draw.Seed);

        // Only the bureau reads who was drawn.
        var entries = await app.Db(db => db.Activities.AsNoTracking().Where(a => a.CaseId == id && a.Action == DrawPanel.Attempt).ToListAsync());
        entries.Single().Audience.ShouldBe(Audience.Bureau);
        entries.Single().Note.ShouldNotBeNull().ShouldContain(draw.Seed);

        // An account for one drawn expert, then the panel formed from the draw: that account is told.
        var first = draw.Selected[0];
        var expertUser = await app.CreateUserAsync(Roles.Expert, configure: u => { u.ExpertId = first; u.JurisdictionId = Wz; });
        var formed = await SelectingFlow.PostAsync(bureau, $"/Experts/DrawRecord?id={drawId}", SelectingFlow.Form(("PanelName", "抽取专家组")));
        formed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.Db(db => db.Set<PanelDraw>().Where(d => d.Id == drawId).Select(d => d.PanelId).SingleAsync())).ShouldNotBeNull();
        var members = await app.Db(db => db.PanelAssignments.Where(a => a.ApplicationId == id).SelectMany(a => a.Panel!.Members.Select(m => m.ExpertId)).ToListAsync());
        members.Order().ShouldBe(draw.Selected.Order());
        var userId = (await app.User(expertUser)).Id;
        (await app.Db(db => db.Notifications.SingleAsync(n => n.UserId == userId && n.CaseId == id))).Kind.ShouldBe(NotificationKinds.Assigned);

        // A second draw for an application that has its panel is refused (409, Chinese, audited).
        var again = await DrawAsync(bureau, id, 5);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.TextAsync()).ShouldContain("已有专家组");
    }

    [Fact]
    public async Task A_draw_without_enough_experts_names_what_could_not_be_met_and_conflicts_are_excluded_with_reasons()
    {
        var id = await flow.NewApplicationAsync(Wz, ordinal: 22);
        var a = await flow.ApplicationAsync(id);
        var lead = await app.Db(db => db.Units.AsNoTracking().SingleAsync(u => u.Id == a.Case.LeadUnitId));
        var bureau = await flow.BureauAsync(Wz);
        // The bureau enters an expert employed by the lead unit (its own pool, its own page).
        var created = await SelectingFlow.PostAsync(bureau, "/Experts/Edit", SelectingFlow.Form(("Input.Name", "回避测试专家"), ("Input.Kind", "Technical"),
            ("Input.Field", "新材料"), ("Input.FieldCode", "430.25"), ("Input.Employer", lead.Name), ("Input.EmployerCreditCode", lead.CreditCode),
            ("Input.Phone", "13900001234"), ("Input.InPool", "true"), ("Input.Available", "true")));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var expert = await app.Db(db => db.Experts.AsNoTracking().SingleAsync(e => e.Name == "回避测试专家"));
        // Its phone is never shown in clear.
        (await (await bureau.GetAsync($"/Experts/Detail?id={expert.Id}")).TextAsync()).ShouldNotContain("13900001234");

        var drawId = DrawId(await DrawAsync(bureau, id, DrawPanel.MaxSize));
        var draw = await app.Db(db => db.Set<PanelDraw>().AsNoTracking().SingleAsync(d => d.Id == drawId));
        draw.Shortfall.ShouldNotBeNull().ShouldContain($"少于拟抽取的{DrawPanel.MaxSize}人");
        DrawPanel.ExclusionsOf(draw).Single(x => x.Id == expert.Id).Reason.ShouldBe($"回避测试专家的工作单位是牵头单位“{lead.Name}”，须回避");
        DrawPanel.CandidatesOf(draw).ShouldNotContain(c => c.Id == expert.Id);
        (await (await bureau.GetAsync($"/Experts/DrawRecord?id={drawId}")).TextAsync()).ShouldContain("未能满足要求");

        // Bad input: a Chinese 4xx, nothing recorded.
        var before = await app.Db(db => db.Set<PanelDraw>().CountAsync());
        var bad = await DrawAsync(bureau, id, 0);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.TextAsync()).ShouldContain("拟抽取人数");
        (await SelectingFlow.PostAsync(bureau, "/Experts/Edit", SelectingFlow.Form(("Input.Name", ""), ("Input.Kind", "Technical"), ("Input.Field", "x"),
            ("Input.Employer", "x"), ("Input.FieldCode", "abc")))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.Db(db => db.Set<PanelDraw>().CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task An_expert_declares_a_relation_and_withdraws_from_a_case_in_their_own_account_and_the_bureau_is_told()
    {
        var id = await flow.NewApplicationAsync(Wz, ordinal: 23);
        var bureau = await flow.BureauAsync(Wz);
        var experts = await flow.FreeExpertsAsync(id, ExpertiseKind.Technical, ExpertiseKind.Technical, ExpertiseKind.Technical, ExpertiseKind.Management, ExpertiseKind.Finance);
        (await flow.FormPanelAsync(bureau, id, experts, "回避测试专家组")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var expert = await flow.ExpertAsync(experts[0]);

        // A relation declared in the expert's own account.
        var unit = await app.Db(db => db.Units.AsNoTracking().Where(u => u.JurisdictionId == Wz).OrderByDescending(u => u.Id).FirstAsync());
        (await SelectingFlow.PostAsync(expert, "/Experts/Mine?handler=Relation", SelectingFlow.Form(("CreditCode", unit.CreditCode),
            ("Kind", RelationKinds.FormerEmployer), ("EndedYear", 2022)), "/Experts/Mine")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.Db(db => db.ExpertRelations.SingleAsync(r => r.ExpertId == experts[0].Id && r.UnitId == unit.Id && r.Kind == RelationKinds.FormerEmployer)))
            .EndedYear.ShouldBe(2022);
        var missingYear = await SelectingFlow.PostAsync(expert, "/Experts/Mine?handler=Relation",
            SelectingFlow.Form(("CreditCode", unit.CreditCode), ("Kind", RelationKinds.FormerEmployer)), "/Experts/Mine");
        missingYear.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missingYear.TextAsync()).ShouldContain("前工作单位须填写离开年份");

        // Withdrawal needs a reason; with one, the case leaves the expert's sight and the bureau reads why.
        (await SelectingFlow.PostAsync(expert, $"/Experts/Mine?handler=Withdraw&caseId={id}", SelectingFlow.Form(("Reason", "")), "/Experts/Mine"))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await SelectingFlow.PostAsync(expert, $"/Experts/Mine?handler=Withdraw&caseId={id}", SelectingFlow.Form(("Reason", "本人三年前曾在牵头单位兼职")), "/Experts/Mine"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await expert.GetAsync($"/ExpertReviews/Review?id={id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var entry = await app.Db(db => db.Activities.AsNoTracking().SingleAsync(x => x.CaseId == id && x.Action == WithdrawFromCase.Attempt));
        entry.Audience.ShouldBe(Audience.Bureau);
        entry.Note.ShouldNotBeNull().ShouldContain("本人三年前曾在牵头单位兼职");
        var officer = (await app.User("wz-bureau")).Id;
        (await app.Db(db => db.Notifications.CountAsync(n => n.UserId == officer && n.CaseId == id && n.Kind == NotificationKinds.Withdrawn))).ShouldBe(1);
        // The panel's count follows: the one who withdrew is no longer awaited.
        foreach (var e in experts.Skip(1))
            (await flow.ReviewAsync(await flow.ExpertAsync(e), id, 80, siteVisit: false)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await flow.ConcludeAsync(bureau, id)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // The history on the bureau's page shows the withdrawal.
        (await (await bureau.GetAsync($"/Experts/Detail?id={experts[0].Id}")).TextAsync()).ShouldContain("申请回避：本人三年前曾在牵头单位兼职");
        // Another expert cannot withdraw someone else's assignment.
        var memberIds = experts.Select(e => e.Id).ToList();
        var stranger = await flow.ExpertAsync(await app.Db(db => db.Experts.AsNoTracking().FirstAsync(e => e.JurisdictionId == Wz && !memberIds.Contains(e.Id))));
        (await SelectingFlow.PostAsync(stranger, $"/Experts/Mine?handler=Withdraw&caseId={id}", SelectingFlow.Form(("Reason", "x")), "/Experts/Mine"))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>How many of a panel's members the draw page shows as withdrawn (0 without the badge).</summary>
    private static async Task<int> WithdrawnOnAsync(HttpClient bureau, int panelId)
    {
        var page = await bureau.GetStringAsync("/Experts/Draw");
        page.ShouldContain($"data-testid=\"replace-{panelId}\"");
        var m = Regex.Match(page, $"data-testid=\"withdrawn-{panelId}\">(\\d+) 人申请回避");
        return m.Success ? int.Parse(m.Groups[1].Value) : 0;
    }

    /// <summary>
    /// A member who withdraws from one panel's case is withdrawn on that panel only: the draw page counted them on every
    /// panel they sat on (the withdrawals of the whole jurisdiction's reviewing cases), so a panel sharing a member with
    /// another test's panel read "2 人申请回避" for its one withdrawal, and a panel nobody left offered a replacement.
    /// </summary>
    [Fact]
    public async Task Bug_0944_a_withdrawal_is_counted_on_the_panel_of_that_case_only()
    {
        var first = await flow.NewApplicationAsync(Wz, ordinal: 25);
        var second = await flow.NewApplicationAsync(Wz, ordinal: 26);
        var bureau = await flow.BureauAsync(Wz);
        ExpertiseKind[] kinds = [ExpertiseKind.Technical, ExpertiseKind.Technical, ExpertiseKind.Technical, ExpertiseKind.Management, ExpertiseKind.Finance];
        // Chosen before either panel is formed: the same free experts where neither application conflicts with them.
        var forFirst = await flow.FreeExpertsAsync(first, kinds);
        var forSecond = await flow.FreeExpertsAsync(second, kinds);
        var shared = forFirst.FirstOrDefault(e => forSecond.Any(x => x.Id == e.Id)).ShouldNotBeNull("两项申报应有共同的可选专家");
        (await flow.FormPanelAsync(bureau, first, forFirst, "回避计数甲组")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await flow.FormPanelAsync(bureau, second, forSecond, "回避计数乙组")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var panelOf = await app.Db(db => db.PanelAssignments.AsNoTracking().Where(p => p.ApplicationId == first || p.ApplicationId == second)
            .ToDictionaryAsync(p => p.ApplicationId, p => p.PanelId));

        var client = await flow.ExpertAsync(shared);
        (await SelectingFlow.PostAsync(client, $"/Experts/Mine?handler=Withdraw&caseId={second}", SelectingFlow.Form(("Reason", "与第二项申报的牵头单位有合作")), "/Experts/Mine"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await WithdrawnOnAsync(bureau, panelOf[second])).ShouldBe(1);
        (await WithdrawnOnAsync(bureau, panelOf[first])).ShouldBe(0);
        // The page and the replacement agree: nobody left the first panel, so there is nothing to replace on it.
        (await ReplaceAsync(bureau, panelOf[first])).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    private static Task<HttpResponseMessage> ReplaceAsync(HttpClient bureau, int panelId) =>
        SelectingFlow.PostAsync(bureau, $"/Experts/Draw?handler=Replace&panelId={panelId}", [], "/Experts/Draw");

    [Fact]
    public async Task A_member_who_withdraws_or_must_recuse_later_is_replaced_by_a_draw_under_the_same_rules_and_a_shortfall_names_the_rule()
    {
        var id = await flow.NewApplicationAsync(Wz, ordinal: 24);
        var a = await flow.ApplicationAsync(id);
        var lead = await app.Db(db => db.Units.AsNoTracking().SingleAsync(u => u.Id == a.Case.LeadUnitId));
        var bureau = await flow.BureauAsync(Wz);
        var drawId = DrawId(await DrawAsync(bureau, id, 5));
        (await SelectingFlow.PostAsync(bureau, $"/Experts/DrawRecord?id={drawId}", SelectingFlow.Form(("PanelName", "补抽测试专家组")))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var first = await app.Db(db => db.Set<PanelDraw>().AsNoTracking().SingleAsync(d => d.Id == drawId));
        var panelId = first.PanelId!.Value;
        var members = await app.Db(db => db.Experts.AsNoTracking().Where(e => first.Selected.Contains(e.Id)).ToListAsync());

        // Nobody has left: nothing to replace (409, Chinese).
        var none = await ReplaceAsync(bureau, panelId);
        none.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await none.TextAsync()).ShouldContain("无须补抽");

        // The one management expert withdraws: the replacement is drawn with the same rules, so it is a management expert.
        var gone = members.FirstOrDefault(m => m.Kind == ExpertiseKind.Management) ?? members[0];
        var goneClient = await flow.ExpertAsync(gone);
        (await SelectingFlow.PostAsync(goneClient, $"/Experts/Mine?handler=Withdraw&caseId={id}", SelectingFlow.Form(("Reason", "曾为牵头单位提供咨询")), "/Experts/Mine"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await WithdrawnOnAsync(bureau, panelId)).ShouldBe(1);
        var repId = DrawId(await ReplaceAsync(bureau, panelId));
        var rep = await app.Db(db => db.Set<PanelDraw>().AsNoTracking().SingleAsync(d => d.Id == repId));
        rep.Shortfall.ShouldBeNull();
        rep.IsReplacement.ShouldBeTrue();
        rep.Field.ShouldBe(first.Field);
        rep.Selected.Count.ShouldBe(1);
        DrawPanel.KeptOf(rep).Select(k => k.Id).Order().ShouldBe(members.Where(m => m.Id != gone.Id).Select(m => m.Id).Order());
        var exclusions = DrawPanel.ExclusionsOf(rep);
        exclusions.Single(x => x.Id == gone.Id).Reason.ShouldBe("已退出本专家组（申请回避：曾为牵头单位提供咨询）");
        exclusions.Where(x => x.Id != gone.Id && first.Selected.Contains(x.Id)).Count().ShouldBe(4);
        exclusions.Where(x => x.Id != gone.Id && first.Selected.Contains(x.Id)).ShouldAllBe(x => x.Reason == "已在本专家组中");
        var newcomer = await app.Db(db => db.Experts.AsNoTracking().SingleAsync(e => e.Id == rep.Selected[0]));
        first.Selected.ShouldNotContain(newcomer.Id);
        if (members.Count(m => m.Kind == gone.Kind) == 1) newcomer.Kind.ShouldBe(gone.Kind);
        // Every expert of the pool is accounted for; the newcomer joins the panel and is assigned the application.
        var pool = await app.Db(db => db.Experts.CountAsync(e => e.JurisdictionId == Wz));
        (DrawPanel.CandidatesOf(rep).Count + exclusions.Count).ShouldBe(pool);
        (await app.Db(db => db.PanelMembers.CountAsync(m => m.PanelId == panelId))).ShouldBe(6);
        (await app.Db(db => db.CaseAssignments.CountAsync(x => x.CaseId == id && x.ExpertId == newcomer.Id && x.EndedAt == null))).ShouldBe(1);
        var page = await (await bureau.GetAsync($"/Experts/DrawRecord?id={repId}&verify=true")).TextAsync();
        page.ShouldContain("复核一致");
        page.ShouldContain("专家补抽记录");
        (await app.Db(db => db.Activities.AsNoTracking().SingleAsync(x => x.CaseId == id && x.Action == ReplaceDraw.Attempt))).Audience.ShouldBe(Audience.Bureau);
        // The seat is filled: a second replacement is refused.
        (await ReplaceAsync(bureau, panelId)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // A member declares, after forming, that they advised the lead unit: they must recuse and are replaced.
        var conflicted = members.First(m => m.Id != gone.Id && m.Kind == ExpertiseKind.Technical);
        var conflictedClient = await flow.ExpertAsync(conflicted);
        (await SelectingFlow.PostAsync(conflictedClient, "/Experts/Mine?handler=Relation", SelectingFlow.Form(("CreditCode", lead.CreditCode),
            ("Kind", RelationKinds.Advisor)), "/Experts/Mine")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // With nobody else left in the pool the draw falls short, says which rule, and nobody joins.
        var others = await app.Db(db => db.Experts.Where(e => e.JurisdictionId == Wz && e.InPool
            && !db.PanelMembers.Any(m => m.PanelId == panelId && m.ExpertId == e.Id)).Select(e => e.Id).ToListAsync());
        await app.Db(db => db.Experts.Where(e => others.Contains(e.Id)).ExecuteUpdateAsync(x => x.SetProperty(e => e.InPool, false)));
        try
        {
            var shortId = DrawId(await ReplaceAsync(bureau, panelId));
            var shortDraw = await app.Db(db => db.Set<PanelDraw>().AsNoTracking().SingleAsync(d => d.Id == shortId));
            shortDraw.Shortfall.ShouldNotBeNull().ShouldContain("少于拟抽取的1人");
            shortDraw.Selected.ShouldBeEmpty();
            DrawPanel.ExclusionsOf(shortDraw).Single(x => x.Id == conflicted.Id).Reason.ShouldStartWith("已退出本专家组（须回避：");
            (await app.Db(db => db.PanelMembers.CountAsync(m => m.PanelId == panelId))).ShouldBe(6);
            (await (await bureau.GetAsync($"/Experts/DrawRecord?id={shortId}")).TextAsync()).ShouldContain("未能满足要求");
        }
        finally
        {
            await app.Db(db => db.Experts.Where(e => others.Contains(e.Id)).ExecuteUpdateAsync(x => x.SetProperty(e => e.InPool, true)));
        }
        // With the pool back, the replacement joins and the recused member's assignment ends with the reason.
        var againId = DrawId(await ReplaceAsync(bureau, panelId));
        var again = await app.Db(db => db.Set<PanelDraw>().AsNoTracking().SingleAsync(d => d.Id == againId));
        again.Shortfall.ShouldBeNull();
        again.Selected.Count.ShouldBe(1);
        var ended = await app.Db(db => db.CaseAssignments.AsNoTracking().SingleAsync(x => x.CaseId == id && x.ExpertId == conflicted.Id));
        ended.EndedAt.ShouldNotBeNull();
        ended.EndReason.ShouldNotBeNull().ShouldStartWith("须回避：");
        (await (await bureau.GetAsync($"/Experts/DrawRecord?id={againId}&verify=true")).TextAsync()).ShouldContain("复核一致");
    }

    [Fact]
    public async Task The_pool_pages_are_the_bureaus_of_its_own_jurisdiction_only()
    {
        var other = await app.Db(db => db.Experts.Where(e => e.JurisdictionId == "xinjiang").Select(e => e.Id).FirstAsync());
        var bureau = await flow.BureauAsync(Wz);
        (await bureau.GetAsync($"/Experts/Detail?id={other}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bureau.GetAsync($"/Experts/Edit?id={other}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await (await bureau.GetAsync("/Experts?kind=Finance&status=available")).TextAsync();
        list.ShouldContain("财务专家");
        list.ShouldNotContain("技术专家</span>");
        var applicant = await flow.ApplicantAsync(Wz);
        foreach (var url in new[] { "/Experts", "/Experts/Draw", "/Experts/Mine" })
        {
            var r = await applicant.GetAsync(url);
            r.StatusCode.ShouldBe(HttpStatusCode.Redirect, url);
            r.Headers.Location!.ToString().ShouldContain("/Accounts/AccessDenied");
        }
    }

    [Fact]
    public async Task Bug_0943_one_expert_list_the_old_address_leads_to_the_pool_and_its_export_is_what_is_filtered_masked_and_audited()
    {
        var bureau = await app.LoginAsync("wz-bureau");
        var old = await bureau.GetAsync("/Units/Experts?kind=Finance&q=%E8%B4%A2");
        old.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        old.Headers.Location!.ToString().ShouldBe("/Experts?kind=Finance&q=%E8%B4%A2");
        (await bureau.GetAsync("/Units/Experts?handler=Xlsx")).Headers.Location!.ToString().ShouldBe("/Experts?handler=Xlsx");

        var finance = await app.Db(db => db.Experts.Where(e => e.JurisdictionId == Wz && e.InPool && e.Kind == ExpertiseKind.Finance).OrderBy(e => e.Name).ThenBy(e => e.Id).ToListAsync());
        finance.ShouldNotBeEmpty();
        var page = await (await bureau.GetAsync("/Experts?kind=Finance&sort=name")).TextAsync();
        page.ShouldContain($"共 {finance.Count:N0} 位专家符合条件");
        var r = await bureau.GetAsync("/Experts?kind=Finance&sort=name&handler=Xlsx");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(await r.Content.ReadAsByteArrayAsync()), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        rows.Select(x => x["姓名"]?.ToString()).ShouldBe(finance.Select(e => e.Name));
        rows.Select(x => x["手机号码"]?.ToString() ?? "").ShouldBe(finance.Select(e => Masking.Phone(e.Phone)));
        rows.ShouldAllBe(x => (string?)x["专家类别"] == "财务专家");
        rows[0].Keys.ShouldContain("参加专家组次数");
        var audit = await app.Db(db => db.AuditEntries.Where(a => a.Action == "导出专家库" && a.UserName == "wz-bureau").OrderByDescending(a => a.Id).FirstAsync());
        audit.Detail!.ShouldContain($"{finance.Count} 条");
        audit.Detail!.ShouldContain("专家类别：财务专家");

        var bad = await bureau.GetAsync("/Experts?status=gone");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.TextAsync()).ShouldContain("筛选条件“状态”的值“gone”无效");
        (await bureau.GetAsync("/Experts?status=gone&handler=Xlsx")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
    [Fact]
    public async Task The_pool_total_taken_from_the_kind_tabs_is_what_each_filter_finds()
    {
        // The page no longer counts the pool a second time: its total is the tabs' count (all kinds, or the chosen one).
        var bureau = await app.LoginAsync("wz-bureau");
        var field = await app.Db(db => db.Experts.Where(e => e.JurisdictionId == Wz && e.InPool).Select(e => e.Field).FirstAsync());
        var cases = new (string Url, System.Linq.Expressions.Expression<Func<Expert, bool>> Filter)[]
        {
            ("/Experts", e => e.InPool),
            ("/Experts?kind=Management", e => e.InPool && e.Kind == ExpertiseKind.Management),
            ("/Experts?status=out", e => !e.InPool),
            ($"/Experts?field={Uri.EscapeDataString(field)}", e => e.InPool && e.Field == field),
            ($"/Experts?kind=Technical&field={Uri.EscapeDataString(field)}", e => e.InPool && e.Kind == ExpertiseKind.Technical && e.Field == field),
        };
        foreach (var (url, filter) in cases)
        {
            var expected = await app.Db(db => db.Experts.Where(e => e.JurisdictionId == Wz).Where(filter).CountAsync());
            var page = await (await bureau.GetAsync(url)).TextAsync();
            page.ShouldContain($"共 {expected:N0} 位专家符合条件", customMessage: url);
        }
    }
}

[Collection(ExpertsSqliteCollection.Name)]
public sealed class ExpertPoolTests_Sqlite(SqliteAppFixture app) : ExpertPoolTests(app);

[Collection(ExpertsPostgresCollection.Name)]
public sealed class ExpertPoolTests_Postgres(PostgresAppFixture app) : ExpertPoolTests(app);
