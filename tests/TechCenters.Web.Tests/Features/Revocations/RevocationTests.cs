using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Features.Revocations;
using TechCenters.Web.Tests.Features.Applying;
using TechCenters.Web.Tests.Features.Changes;
using TechCenters.Web.Tests.Infrastructure;
using TechCenters.Web.Tests.Selecting;
using Xunit;
using RevocationActions = TechCenters.Web.Features.Revocations.Revocations;

namespace TechCenters.Web.Tests.Features.Revocations;

/// <summary>Revocation on a pack's grounds: literal vs judged, the hearing period, the decision and its document, the directory, the bans.</summary>
public abstract class RevocationTests(AppFixture app)
{
    private readonly DynamicFlow flow = new(app);

    private async Task<(DynamicFlow.NewCenter Center, HttpClient Bureau, int Id)> InHearingAsync(string jurisdiction, string ground, int days = 10)
    {
        var center = await flow.CenterAsync(jurisdiction);
        var bureau = await app.LoginAsync($"{SelectingFlow.Short[jurisdiction]}-bureau");
        var id = DynamicFlow.IdFrom(await flow.OpenRevocationAsync(bureau, center.Id, "经核查，该中心存在所列情形。", ground), "/Revocations/");
        var r = await flow.MoveRevocationAsync(bureau, id, "hearing", ("hearingDueOn", app.Today.AddDays(days).ToString("yyyy-MM-dd")));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await SelectingFlow.ErrorAsync(r));
        return (center, bureau, id);
    }

    [Fact]
    public async Task A_literal_ground_is_heard_then_revoked_by_the_bureau_and_the_directory_shows_it()
    {
        const string J = "xpcc-12th-division";
        var pack = await flow.PackInForceAsync(J);
        var ground = RevocationActions.GroundsOf(pack).First(g => !g.Judgement);
        var (center, bureau, id) = await InHearingAsync(J, ground.Id);
        var c = await flow.CaseAsync(id);
        (c.StageId, c.Holder, c.DueOn).ShouldBe(("hearing", "center", app.Today.AddDays(10)));
        // The center reads the ground with its article and exact wording, and is told to state its case.
        var page = await (await center.Client.GetAsync($"/Revocations/{id}")).TextAsync();
        page.ShouldContain(ground.Article!);
        page.ShouldContain(ground.Text);
        page.ShouldContain("按字面认定");
        (await app.Db(db => db.Notifications.AnyAsync(n => n.CaseId == id && n.Title.Contains("待您办理")))).ShouldBeTrue();
        (await flow.MoveRevocationAsync(center.Client, id, "decision")).StatusCode.ShouldBe(HttpStatusCode.BadRequest); // neither statement nor waiver
        (await flow.MoveRevocationAsync(center.Client, id, "decision", ("statement", "该事项已整改完毕，请求从轻处理。"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // Never automatic, and never without a document number.
        (await app.Db(db => db.Centers.AsNoTracking().SingleAsync(x => x.Id == center.Id))).Status.ShouldBe(CenterStatus.Active);
        (await flow.MoveRevocationAsync(bureau, id, "revoked")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await flow.MoveRevocationAsync(center.Client, id, "revoked", ("decisionNumber", "师科发〔2026〕1号"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var done = await flow.MoveRevocationAsync(bureau, id, "revoked", ("decisionNumber", "师科发〔2026〕1号"));
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect, await SelectingFlow.ErrorAsync(done));

        var record = await app.Db(db => db.Centers.AsNoTracking().SingleAsync(x => x.Id == center.Id));
        (record.Status, record.RevokedOn).ShouldBe((CenterStatus.Revoked, app.Today));
        var rev = await app.Db(db => db.Revocations.AsNoTracking().SingleAsync(r => r.CaseId == id));
        (rev.UnitId, rev.Ground, rev.Document).ShouldBe((center.UnitId, ground.Id, "师科发〔2026〕1号"));
        (await app.Db(db => db.CenterHistory.AnyAsync(h => h.CenterId == center.Id && h.To == "已撤销" && h.CaseId == id))).ShouldBeTrue();
        var directory = await app.Client().GetStringAsync($"/Centers?j={J}");
        System.Text.RegularExpressions.Regex.Match(directory, $"data-testid=\"status-{center.Id}\">(.*?)</td>").Groups[1].Value.ShouldContain("已撤销");
        var docx = await bureau.GetAsync($"/Revocations/{id}?handler=Docx");
        docx.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await docx.Content.ReadAsByteArrayAsync()).Length.ShouldBeGreaterThan(1000);
        var doc = RevocationActions.DecisionDocument(await app.Db(db => db.Set<RevocationCase>().AsNoTracking().SingleAsync(x => x.Id == id)), record, pack, "第十二师科技局");
        string.Join("", doc.Body).ShouldContain(ground.Text);
        string.Join("", doc.Body).ShouldContain("陈述、申辩");
        doc.Number.ShouldBe("师科发〔2026〕1号");
        (await center.Client.GetAsync($"/Revocations/{id}?handler=Docx")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // A revoked center files no change request.
        (await flow.FileAsync(center.Client, center.Id, "注册地", "新址")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_ground_with_a_judgement_word_is_the_officers_to_judge_with_a_reason()
    {
        const string J = "hohhot";
        var (center, bureau, id) = await InHearingAsync(J, "ground-law-violation");
        (await flow.MoveRevocationAsync(center.Client, id, "decision", ("waive", "true"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await (await bureau.GetAsync($"/Revocations/{id}")).TextAsync();
        page.ShouldContain("“严重”需经办人判断");
        var unjudged = await flow.MoveRevocationAsync(bureau, id, "revoked", ("decisionNumber", "呼科发〔2026〕9号"));
        unjudged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await SelectingFlow.ErrorAsync(unjudged)).ShouldContain("第二十七条第一项");
        (await flow.MoveRevocationAsync(bureau, id, "revoked", ("decisionNumber", "呼科发〔2026〕9号"), ("judgement[ground-law-violation]", "fail")))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest); // no reason
        var notMet = await flow.MoveRevocationAsync(bureau, id, "revoked", ("decisionNumber", "呼科发〔2026〕9号"),
            ("judgement[ground-law-violation]", "pass"), ("judgementReason[ground-law-violation]", "违法情节轻微，已改正"));
        notMet.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await SelectingFlow.ErrorAsync(notMet)).ShouldContain("不予撤销");
        var revoked = await flow.MoveRevocationAsync(bureau, id, "revoked", ("decisionNumber", "呼科发〔2026〕9号"),
            ("judgement[ground-law-violation]", "fail"), ("judgementReason[ground-law-violation]", "受到行政处罚三次，情节严重"));
        revoked.StatusCode.ShouldBe(HttpStatusCode.Redirect, await SelectingFlow.ErrorAsync(revoked));
        var kept = await app.Db(db => db.CaseVerdicts.AsNoTracking().SingleAsync(v => v.CaseId == id && v.Purpose == "撤销决定"));
        kept.VerdictJson.ShouldContain("受到行政处罚三次，情节严重");
    }

    [Fact]
    public async Task The_bureau_decides_without_a_statement_only_after_the_period_it_set()
    {
        const string J = "chongqing-wanzhou";
        var (center, bureau, id) = await InHearingAsync(J, "ground-still-poor", days: 5);
        var early = await flow.MoveRevocationAsync(bureau, id, "decision");
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await SelectingFlow.ErrorAsync(early)).ShouldContain(app.Today.AddDays(5).ToString("yyyy-MM-dd"));
        app.Time.Advance(TimeSpan.FromDays(6));
        // Sessions end while the clock moves on: sign in again.
        center = center with { Client = await app.LoginAsync(center.User) };
        bureau = await app.LoginAsync("wz-bureau");
        (await flow.MoveRevocationAsync(center.Client, id, "decision", ("statement", "迟到的意见"))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await flow.MoveRevocationAsync(bureau, id, "decision")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await flow.MoveRevocationAsync(bureau, id, "not_revoked")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await flow.MoveRevocationAsync(bureau, id, "not_revoked", ("note", "经复核整改已达标"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.Db(db => db.Centers.AsNoTracking().SingleAsync(x => x.Id == center.Id))).Status.ShouldBe(CenterStatus.Active);
        (await app.Db(db => db.Revocations.AnyAsync(r => r.CaseId == id))).ShouldBeFalse();
    }

    [Fact]
    public async Task Only_the_bureau_opens_a_revocation_on_its_packs_grounds_with_the_facts()
    {
        const string J = "cangzhou";
        var center = await flow.CenterAsync(J);
        var dept = await app.LoginAsync(await app.DepartmentOfficerForAsync(center.UnitId));
        (await flow.OpenRevocationAsync(center.Client, center.Id, "事实", "ground-host-request")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await flow.OpenRevocationAsync(dept, center.Id, "事实", "ground-host-request")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var bureau = await app.LoginAsync("cz-bureau");
        (await flow.OpenRevocationAsync(bureau, center.Id, "事实", "no-such-ground")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await flow.OpenRevocationAsync(bureau, center.Id, "事实")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await flow.OpenRevocationAsync(bureau, center.Id, "", "ground-host-request")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await flow.OpenRevocationAsync(await app.LoginAsync("xpcc-bureau"), center.Id, "事实", "ground-host-request")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.Db(db => db.Cases.CountAsync(c => c.CenterId == center.Id && c.Kind == ProcessKinds.Revocation))).ShouldBe(0);
        var id = DynamicFlow.IdFrom(await flow.OpenRevocationAsync(bureau, center.Id, "依托单位来函自愿申请撤销。", "ground-host-request"), "/Revocations/");
        (await flow.OpenRevocationAsync(bureau, center.Id, "再次", "ground-host-request")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        // Fact finding is the bureau's and the department's to read: the center sees only that it is being looked into.
        var entries = await app.Db(db => db.Activities.AsNoTracking().Where(a => a.CaseId == id).ToListAsync());
        entries.ShouldHaveSingleItem().Audience.HasFlag(TechCenters.Web.Features.Activity.Audience.Applicant).ShouldBeFalse();
        (await (await center.Client.GetAsync($"/Revocations/{id}")).TextAsync()).ShouldContain("立案核查");
    }

    [Fact]
    public async Task A_revocation_with_a_ban_blocks_a_new_application_naming_the_article_and_last_day_one_without_blocks_nothing()
    {
        // 呼和浩特 第二十六条: revoked for failing after rectification → three years.
        var (center, bureau, id) = await InHearingAsync("hohhot", "ground-failed-after-rectification");
        (await flow.MoveRevocationAsync(center.Client, id, "decision", ("waive", "true"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await flow.MoveRevocationAsync(bureau, id, "revoked", ("decisionNumber", "呼科发〔2026〕12号"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var call = await app.OpenCallAsync("hohhot");
        var token = await AppFixture.AntiforgeryTokenAsync(center.Client, $"/Calls/{call.Id}");
        var r = await center.Client.PostAsync($"/Calls/{call.Id}?handler=Apply", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["CenterName"] = "呼和浩特市测试技术创新中心", ["__RequestVerificationToken"] = token }));
        r.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var text = await r.TextAsync();
        text.ShouldContain("第二十六条");
        text.ShouldContain(app.Today.AddYears(3).ToString("yyyy-MM-dd"));

        // 万州: “评估较差，整改后仍较差” is not among 第二十四条's grounds: the revocation carries no ban.
        var (wz, wzBureau, wzId) = await InHearingAsync("chongqing-wanzhou", "ground-still-poor");
        (await flow.MoveRevocationAsync(wz.Client, wzId, "decision", ("waive", "true"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await flow.MoveRevocationAsync(wzBureau, wzId, "revoked", ("decisionNumber", "万科发〔2026〕3号"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await (await wzBureau.GetAsync($"/Revocations/{wzId}")).TextAsync()).ShouldContain("不适用禁止再行申报");
        var wzCall = await app.OpenCallAsync("chongqing-wanzhou");
        await wz.Client.CreateApplicationAsync(wzCall.Id, "万州区测试技术创新中心");
    }

    [Fact]
    public async Task Bug_0501_every_post_form_of_the_dynamic_pages_carries_its_antiforgery_token()
    {
        // Forms with an explicit action got no token from the form tag helper: the browser's upload and revocation moves were 400s.
        var (center, bureau, id) = await InHearingAsync("cangzhou", "ground-host-request");
        var change = DynamicFlow.IdFrom(await flow.FileAsync(center.Client, center.Id, "注册地变化", "运河区新址"), "/Changes/");
        foreach (var (client, url) in new[] { (center.Client, $"/Revocations/{id}"), (center.Client, $"/Changes/{change}"), (bureau, "/Revocations/Create") })
        {
            var html = await client.GetStringAsync(url);
            var forms = System.Text.RegularExpressions.Regex.Matches(html, "<form method=\"post\".*?</form>", System.Text.RegularExpressions.RegexOptions.Singleline);
            forms.Count.ShouldBeGreaterThan(0, url);
            foreach (System.Text.RegularExpressions.Match f in forms) f.Value.ShouldContain("__RequestVerificationToken", customMessage: url);
        }
    }

    [Theory]
    [InlineData("hohhot", "ground-failed-after-rectification", "2024-02-29", "2027-02-28", true)]  // leap-day start: the last day is 28 Feb
    [InlineData("hohhot", "ground-failed-after-rectification", "2024-02-29", "2027-03-01", false)]
    [InlineData("hohhot", "ground-host-request", "2024-02-29", "2025-01-01", false)]              // a ground without a ban
    [InlineData("chongqing-wanzhou", "ground-fraud", "2025-03-10", "2028-03-10", true)]
    [InlineData("chongqing-wanzhou", "ground-fraud", "2025-03-10", "2028-03-11", false)]
    [InlineData("chongqing-wanzhou", "ground-still-poor", "2025-03-10", "2025-03-11", false)]
    public async Task A_ban_runs_to_its_last_day_and_not_a_day_after(string jurisdiction, string ground, string revoked, string applied, bool barred)
    {
        var pack = await flow.PackInForceAsync(jurisdiction);
        var facts = Facts.From(new Dictionary<string, object?>
        {
            ["revocation.revoked_on"] = DateOnly.Parse(revoked), ["revocation.grounds"] = new List<string> { ground },
            ["application.submitted_on"] = DateOnly.Parse(applied),
        });
        var bans = ApplicationRules.Bans(pack, facts);
        (bans.Count > 0).ShouldBe(barred);
        if (barred) bans[0].Message.ShouldContain(pack.Rules.OfType<BanRule>().First().LastBarredDay(DateOnly.Parse(revoked)).ToString("yyyy-MM-dd"));
        // The revocation page says the same.
        RevocationActions.BansOf(pack, [ground], DateOnly.Parse(revoked)).Any(b => b.LastDay >= DateOnly.Parse(applied)).ShouldBe(barred);
    }
}

[Collection(DynamicSqliteCollection.Name)]
public sealed class RevocationTests_Sqlite(SqliteAppFixture app) : RevocationTests(app);

[Collection(DynamicPostgresCollection.Name)]
public sealed class RevocationTests_Postgres(PostgresAppFixture app) : RevocationTests(app);
