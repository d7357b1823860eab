using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Shouldly;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Experts;
using TechCenters.Web.Features.Integrity;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Tests.Infrastructure;
using TechCenters.Web.Tests.Selecting;
using Xunit;

namespace TechCenters.Web.Tests.Features.Integrity;

[CollectionDefinition(Name)]
public sealed class IntegritySqliteCollection : ICollectionFixture<SqliteAppFixture> { public const string Name = "Integrity SQLite"; }

[CollectionDefinition(Name)]
public sealed class IntegrityPostgresCollection : ICollectionFixture<PostgresAppFixture> { public const string Name = "Integrity PostgreSQL"; }

/// <summary>The 科研诚信记录 through the real pipeline: who records, what is kept, who reads, and the gates that read it.</summary>
public abstract class IntegrityTests(AppFixture app)
{
    private readonly SelectingFlow flow = new(app);
    private const string Wz = "chongqing-wanzhou";

    private Task<HttpResponseMessage> RecordAsync(HttpClient client, params (string Key, object? Value)[] fields)
    {
        (string Key, object? Value)[] defaults = [("Input.Category", "bad_credit"), ("Input.What", "申报材料弄虚作假"), ("Input.LegalBasis", "《科学技术进步法》第一百一十二条"),
            ("Input.FoundOn", app.Today.AddMonths(-6).ToString("yyyy-MM-dd")), ("Input.Years", 3)];
        return SelectingFlow.PostAsync(client, "/Integrity?handler=Record", SelectingFlow.Form([.. defaults.Where(d => fields.All(f => f.Key != d.Key)), .. fields]));
    }

    private static int IdOf(HttpResponseMessage r)
    {
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, r.Content.ReadAsStringAsync().Result);
        return int.Parse(Regex.Match(r.Headers.Location!.ToString(), @"#finding-(\d+)").Groups[1].Value);
    }

    [Fact]
    public async Task Only_the_bureau_records_corrects_and_withdraws_others_get_403_in_Chinese_and_nothing_is_ever_deleted()
    {
        var unit = await app.Db(db => db.Units.AsNoTracking().Where(u => u.JurisdictionId == Wz).OrderBy(u => u.Id).FirstAsync());
        foreach (var who in new[] { "wz-dept", "wz-applicant" })
        {
            var other = await app.LoginAsync(who);
            var refused = await RecordAsync(other, ("Input.SubjectKind", "unit"), ("Input.UnitId", unit.Id), ("Input.DocumentNumber", $"拒绝〔2026〕{who}"));
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await refused.Content.ReadAsStringAsync()).ShouldContain("科技局");
            (await app.Db(db => db.IntegrityFindings.AnyAsync(f => f.DocumentNumber == $"拒绝〔2026〕{who}"))).ShouldBeFalse();
        }
        (await (await app.LoginAsync("wz-applicant")).GetAsync("/Integrity")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var bureau = await flow.BureauAsync(Wz);
        var future = await RecordAsync(bureau, ("Input.SubjectKind", "unit"), ("Input.UnitId", unit.Id), ("Input.DocumentNumber", "未来〔2026〕1号"),
            ("Input.FoundOn", app.Today.AddDays(1).ToString("yyyy-MM-dd")));
        future.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await future.TextAsync());
        (await future.TextAsync()).ShouldContain("晚于今天");
        var id = IdOf(await RecordAsync(bureau, ("Input.SubjectKind", "unit"), ("Input.UnitId", unit.Id), ("Input.DocumentNumber", "万科诚〔2026〕1号")));
        var f = await app.Db(db => db.IntegrityFindings.AsNoTracking().SingleAsync(x => x.Id == id));
        (f.UnitId, f.CreditCode, f.SubjectName, f.EffectiveTo).ShouldBe((unit.Id, unit.CreditCode, unit.Name, app.Today.AddMonths(-6).AddYears(3)));
        (await app.Db(db => db.AuditEntries.AnyAsync(a => a.Action == "记录科研诚信" && a.ObjectId == id.ToString()))).ShouldBeTrue();

        var dept = await app.LoginAsync("wz-dept");
        var deptWithdraw = await SelectingFlow.PostAsync(dept, "/Integrity?handler=Withdraw", SelectingFlow.Form(("FindingId", id), ("Reason", "试图撤回")));
        deptWithdraw.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.Db(db => db.AuditEntries.AnyAsync(a => a.Action == "撤回科研诚信记录" && a.Outcome == "拒绝"))).ShouldBeTrue();

        // A correction keeps the old row (withdrawn, 更正：reason) and points the new one back at it.
        var corrected = await SelectingFlow.PostAsync(bureau, "/Integrity?handler=Correct", SelectingFlow.Form(
            ("FindingId", id), ("Reason", "文号录入有误"), ("Input.SubjectKind", "unit"), ("Input.UnitId", unit.Id), ("Input.Category", "bad_credit"),
            ("Input.What", "申报材料弄虚作假"), ("Input.LegalBasis", "《科学技术进步法》第一百一十二条"), ("Input.DocumentNumber", "万科诚〔2026〕2号"),
            ("Input.FoundOn", app.Today.AddMonths(-6).ToString("yyyy-MM-dd"))));
        var newId = IdOf(corrected);
        var old = await app.Db(db => db.IntegrityFindings.AsNoTracking().SingleAsync(x => x.Id == id));
        old.WithdrawalReason.ShouldBe("更正：文号录入有误");
        (await app.Db(db => db.IntegrityFindings.AsNoTracking().SingleAsync(x => x.Id == newId))).CorrectsId.ShouldBe(id);

        (await SelectingFlow.PostAsync(bureau, "/Integrity?handler=Withdraw", SelectingFlow.Form(("FindingId", newId)))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        IdOf(await SelectingFlow.PostAsync(bureau, "/Integrity?handler=Withdraw", SelectingFlow.Form(("FindingId", newId), ("Reason", "复议撤销原处罚"))));
        var again = await SelectingFlow.PostAsync(bureau, "/Integrity?handler=Withdraw", SelectingFlow.Form(("FindingId", newId), ("Reason", "再次撤回")));
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await app.Db(db => db.IntegrityFindings.CountAsync(x => x.Id == id || x.Id == newId))).ShouldBe(2);
        var page = await (await bureau.GetAsync("/Integrity?state=withdrawn")).TextAsync();
        page.ShouldContain("复议撤销原处罚");
        page.ShouldContain("已更正");
    }

    [Fact]
    public async Task Bug_0813_a_filter_the_url_got_wrong_shows_the_page_with_its_reason_not_a_bare_text()
    {
        var bureau = await flow.BureauAsync(Wz);
        var response = await bureau.GetAsync("/Integrity?state=someday");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("data-testid=\"filter-error\"");
        html.ShouldContain("筛选条件“状态”的值“someday”无效");
        html.ShouldContain("data-testid=\"list-filter\""); // the officer can correct it on the same page
        // The export of a wrong filter stays a plain refusal, as every list's export.
        var xlsx = await bureau.GetAsync("/Integrity?handler=Xlsx&state=someday");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await xlsx.Content.ReadAsStringAsync()).ShouldContain("无效");
    }

    [Fact]
    public async Task A_persons_ID_number_is_SM4_at_rest_and_masked_on_the_page_and_in_the_export()
    {
        var bureau = await flow.BureauAsync(Wz);
        var idNumber = IntegrityRules.IdNumber("50010119800202123");
        var id = IdOf(await RecordAsync(bureau, ("Input.SubjectKind", "person"), ("Input.PersonName", "李四"), ("Input.PersonIdNumber", idNumber),
            ("Input.Category", "research_dishonesty"), ("Input.DocumentNumber", "万科诚〔2026〕9号")));
        var stored = await app.Db(db => db.Database.SqlQueryRaw<string>("SELECT \"PersonIdNumber\" AS \"Value\" FROM \"IntegrityFindings\" WHERE \"Id\" = {0}", id).SingleAsync());
        stored.ShouldStartWith("sm4:");
        stored.ShouldNotContain(idNumber);
        (await app.Db(db => db.IntegrityFindings.AsNoTracking().SingleAsync(x => x.Id == id))).PersonIdNumber.ShouldBe(idNumber);
        var page = await (await bureau.GetAsync($"/Integrity?subject=person&q={idNumber}")).Content.ReadAsStringAsync();
        page.ShouldContain("万科诚〔2026〕9号"); // found by the keyed hash of the number
        var row = Regex.Match(page, $"<tr id=\"finding-{id}\"[\\s\\S]*?</tr>").Value;
        row.ShouldNotContain(idNumber);
        row.ShouldContain(Masking.IdNumber(idNumber));
        (await (await bureau.GetAsync("/Integrity?subject=person")).Content.ReadAsStringAsync()).ShouldNotContain(idNumber);
        var xlsx = await bureau.GetAsync("/Integrity?handler=Xlsx&subject=person");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = (await xlsx.Content.ReadAsStreamAsync()).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var exported = rows.Single(r => (string?)r["来源文书文号"] == "万科诚〔2026〕9号");
        exported["身份证号（脱敏）"].ShouldBe(Masking.IdNumber(idNumber));
        rows.ShouldAllBe(r => !(r["身份证号（脱敏）"] as string ?? "").Contains(idNumber));
        (await bureau.GetAsync("/Integrity?state=someday")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_department_reads_the_findings_against_its_subtrees_units_only()
    {
        var deptId = await app.Db(db => db.Users.Where(u => u.UserName == "wz-dept").Select(u => u.DepartmentId!.Value).SingleAsync());
        var marker = Department.SubtreeMarker(deptId);
        var inside = await app.Db(db => db.Units.AsNoTracking().Where(u => u.JurisdictionId == Wz && u.Department!.Path.Contains(marker)).OrderBy(u => u.Id).FirstAsync());
        var outside = await app.Db(db => db.Units.AsNoTracking().Where(u => u.JurisdictionId == Wz && (u.DepartmentId == null || !u.Department!.Path.Contains(marker))).OrderBy(u => u.Id).FirstAsync());
        var bureau = await flow.BureauAsync(Wz);
        IdOf(await RecordAsync(bureau, ("Input.SubjectKind", "unit"), ("Input.UnitId", inside.Id), ("Input.DocumentNumber", "辖内〔2026〕1号")));
        IdOf(await RecordAsync(bureau, ("Input.SubjectKind", "unit"), ("Input.UnitId", outside.Id), ("Input.DocumentNumber", "辖外〔2026〕1号")));
        var page = await (await (await app.LoginAsync("wz-dept")).GetAsync("/Integrity")).TextAsync();
        page.ShouldContain("辖内〔2026〕1号");
        page.ShouldNotContain("辖外〔2026〕1号");
        page.ShouldNotContain("记录新的认定"); // reads, never records
        var other = await (await (await app.LoginAsync("hhht-bureau")).GetAsync("/Integrity")).TextAsync();
        other.ShouldNotContain("辖内〔2026〕1号");
    }

    [Fact]
    public async Task Eligibility_shows_a_declaration_the_record_contradicts_to_the_officer_with_both_sources()
    {
        var id = await flow.NewApplicationAsync(Wz, ordinal: 61);
        await app.Db(async db =>
        {
            var a = await db.Applications.SingleAsync(x => x.Id == id);
            var facts = ApplicationFacts.Parse(a.FactsJson);
            facts["lead.bad_credit_last_3y"] = "false"; // the applicant declared no bad credit in the last three years
            a.FactsJson = ApplicationFacts.ToJson(facts);
            await db.SaveChangesAsync();
            return 0;
        });
        var a = await flow.ApplicationAsync(id);
        var bureau = await flow.BureauAsync(Wz);
        IdOf(await RecordAsync(bureau, ("Input.SubjectKind", "unit"), ("Input.UnitId", a.Case.LeadUnitId), ("Input.DocumentNumber", "渝信惩〔2026〕7号")));
        var page = await (await bureau.GetAsync($"/Cases/{id}/Judgement")).TextAsync();
        page.ShouldContain(IntegrityCheck.Word);
        page.ShouldContain("申报自述");
        page.ShouldContain("渝信惩〔2026〕7号");
        page.ShouldContain("第八条第1项");
    }

    [Fact]
    public async Task A_draw_excludes_an_expert_with_a_finding_in_effect_with_the_finding_as_the_reason()
    {
        var id = await flow.NewApplicationAsync(Wz, ordinal: 62);
        var expert = (await flow.FreeExpertsAsync(id, ExpertiseKind.Technical)).Single();
        var bureau = await flow.BureauAsync(Wz);
        IdOf(await RecordAsync(bureau, ("Input.SubjectKind", "person"), ("Input.PersonName", expert.Name),
            ("Input.PersonIdNumber", IntegrityRules.IdNumber("50010119750505456")), ("Input.ExpertId", expert.Id),
            ("Input.Category", "research_dishonesty"), ("Input.DocumentNumber", "渝科诚〔2026〕3号")));
        var r = await SelectingFlow.PostAsync(bureau, "/Experts/Draw", SelectingFlow.Form(("ApplicationIds", id), ("Size", 3)));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await SelectingFlow.ErrorAsync(r));
        var drawId = int.Parse(Regex.Match(r.Headers.Location!.ToString(), @"DrawRecord\?id=(\d+)").Groups[1].Value);
        var draw = await app.Db(db => db.Set<PanelDraw>().AsNoTracking().SingleAsync(d => d.Id == drawId));
        DrawPanel.CandidatesOf(draw).ShouldNotContain(c => c.Id == expert.Id);
        DrawPanel.ExclusionsOf(draw).Single(x => x.Id == expert.Id).Reason.ShouldContain("渝科诚〔2026〕3号");
        // Forming a panel by hand with that expert is refused the same way.
        var formed = await flow.FormPanelAsync(bureau, id, [expert]);
        formed.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await formed.TextAsync()).ShouldContain("科研诚信记录");
    }
}

[Collection(IntegritySqliteCollection.Name)]
public sealed class IntegrityTests_Sqlite(SqliteAppFixture app) : IntegrityTests(app);

[Collection(IntegrityPostgresCollection.Name)]
public sealed class IntegrityTests_Postgres(PostgresAppFixture app) : IntegrityTests(app);
