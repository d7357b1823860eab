using System.Net;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Features;

public abstract class PersonalDataTests(AppFixture app)
{
    private async Task<Unit> BureauUnit(string jurisdiction) =>
        await app.UnitWithPeople(await app.Db(db => db.Units.Where(u => u.JurisdictionId == jurisdiction).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync()));

    [Fact]
    public async Task Phone_and_ID_numbers_are_masked_on_the_unit_page_and_the_people_page()
    {
        var unit = await BureauUnit("xinjiang");
        var client = await app.LoginAsync("xj-bureau");
        var detail = await (await client.GetAsync($"/Units/{unit.Id}")).Content.ReadAsStringAsync();
        var people = await (await client.GetAsync($"/Units/People?q={Uri.EscapeDataString(unit.Name)}")).Content.ReadAsStringAsync();
        foreach (var p in unit.People)
        {
            detail.ShouldNotContain(p.Phone!);
            detail.ShouldNotContain(p.IdNumber!);
            detail.ShouldContain(Masking.Phone(p.Phone));
            detail.ShouldContain(Masking.IdNumber(p.IdNumber));
            people.ShouldNotContain(p.Phone!);
            people.ShouldNotContain(p.IdNumber!);
            people.ShouldContain(Masking.Phone(p.Phone));
        }
    }

    [Fact]
    public async Task The_expert_pool_shows_only_the_own_jurisdiction_with_masked_phones()
    {
        var mine = await app.Db(db => db.Experts.Where(e => e.JurisdictionId == "xpcc-12th-division").ToListAsync());
        var theirs = await app.Db(db => db.Experts.Where(e => e.JurisdictionId == "cangzhou").Select(e => e.Phone).ToListAsync());
        var client = await app.LoginAsync("xpcc-bureau");
        var html = await (await client.GetAsync("/Experts")).Content.ReadAsStringAsync();
        foreach (var e in mine)
        {
            html.ShouldContain(e.Name);
            html.ShouldContain(Masking.Phone(e.Phone));
            html.ShouldNotContain(e.Phone!);
        }
        // Experts other tests add may have no phone: their mask is empty and says nothing.
        foreach (var phone in theirs.Where(p => !string.IsNullOrEmpty(p))) html.ShouldNotContain(Masking.Phone(phone));
        var finance = await (await client.GetAsync("/Experts?kind=Finance")).TextAsync();
        finance.ShouldContain("财务专家");
        finance.ShouldNotContain("技术专家 作物遗传育种");
    }

    [Fact]
    public async Task The_people_export_is_masked_too_and_is_audited()
    {
        var unit = await BureauUnit("chongqing-wanzhou");
        var client = await app.LoginAsync("wz-bureau");
        var response = await client.GetAsync($"/Units/People?handler=Csv&q={Uri.EscapeDataString(unit.Name)}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }); // UTF-8 BOM so spreadsheet software reads the Chinese
        var csv = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        csv.ShouldStartWith("姓名,职称,职务,所在单位,手机号码,身份证号码");
        foreach (var p in unit.People)
        {
            csv.ShouldContain(p.Name);
            csv.ShouldNotContain(p.Phone!);
            csv.ShouldNotContain(p.IdNumber!);
            csv.ShouldContain(Masking.Phone(p.Phone));
            csv.ShouldContain(Masking.IdNumber(p.IdNumber));
        }
        (await app.Db(db => db.AuditEntries.AnyAsync(a => a.UserName == "wz-bureau" && a.Action == "导出人员名录" && a.Detail!.Contains(unit.Name)))).ShouldBeTrue();
    }

    [Fact]
    public async Task Revealing_needs_a_reason_and_writes_an_audit_entry()
    {
        var unit = await BureauUnit("hohhot");
        var person = unit.People[0];
        var client = await app.LoginAsync("hhht-bureau");
        var token = await AppFixture.AntiforgeryTokenAsync(client, $"/Units/{unit.Id}");

        var noReason = await client.PostAsync($"/Units/{unit.Id}?handler=Reveal", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Reveal.PersonId"] = person.Id.ToString(), ["Reveal.Reason"] = "", ["__RequestVerificationToken"] = token,
        }));
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var noReasonHtml = await noReason.Content.ReadAsStringAsync();
        noReasonHtml.ShouldContain("查看明文须填写事由");
        noReasonHtml.ShouldNotContain(person.Phone!);

        var reason = $"核实联系方式 {Guid.NewGuid():N}";
        var ok = await client.PostAsync($"/Units/{unit.Id}?handler=Reveal", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Reveal.PersonId"] = person.Id.ToString(), ["Reveal.Reason"] = reason, ["__RequestVerificationToken"] = token,
        }));
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await ok.Content.ReadAsStringAsync();
        html.ShouldContain(person.Phone!);
        html.ShouldContain(person.IdNumber!);
        // Only that person is revealed.
        foreach (var other in unit.People.Skip(1)) html.ShouldNotContain(other.Phone!);

        var entry = await app.Db(db => db.AuditEntries.SingleAsync(a => a.Detail!.Contains(reason)));
        entry.Action.ShouldBe("查看个人信息明文");
        entry.Outcome.ShouldBe("成功");
        entry.UserName.ShouldBe("hhht-bureau");
        entry.ObjectId.ShouldBe(person.Id.ToString());
    }

    [Fact]
    public async Task A_department_officer_has_no_reveal_permission()
    {
        var me = await app.User("cz-dept");
        var unit = await app.UnitWithPeople(await app.Db(db => db.Units.Where(u => u.DepartmentId == me.DepartmentId).Select(u => u.Id).FirstAsync()));
        var client = await app.LoginAsync("cz-dept");
        var token = await AppFixture.AntiforgeryTokenAsync(client, $"/Units/{unit.Id}");
        var response = await client.PostAsync($"/Units/{unit.Id}?handler=Reveal", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Reveal.PersonId"] = unit.People[0].Id.ToString(), ["Reveal.Reason"] = "想看看号码", ["__RequestVerificationToken"] = token,
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/Accounts/AccessDenied");
        (await app.Db(db => db.AuditEntries.AnyAsync(a => a.UserName == "cz-dept" && a.Action == "查看个人信息明文" && a.Outcome == "拒绝"))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_bureau_officer_cannot_reveal_a_person_of_another_jurisdiction()
    {
        var foreign = await BureauUnit("cangzhou");
        var client = await app.LoginAsync("wz-bureau");
        var token = await AppFixture.AntiforgeryTokenAsync(client, "/Inbox");
        var response = await client.PostAsync($"/Units/{foreign.Id}?handler=Reveal", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Reveal.PersonId"] = foreign.People[0].Id.ToString(), ["Reveal.Reason"] = "越权尝试测试", ["__RequestVerificationToken"] = token,
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain(foreign.People[0].Phone!);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PersonalDataTests_Sqlite(SqliteAppFixture app) : PersonalDataTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PersonalDataTests_Postgres(PostgresAppFixture app) : PersonalDataTests(app);
