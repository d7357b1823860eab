using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using TechCenters.Policy;
using TechCenters.Web.Cli;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Security;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Tests.Features.Applying;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Security;

/// <summary>Personal data at rest (SM4), look-ups by keyed SM3, signed receipts and documents, and their public verification.</summary>
public abstract class DataProtectionTests(AppFixture app)
{
    private async Task<List<string?[]>> RawAsync(string sql)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string?[]>();
        while (await reader.ReadAsync())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i))).ToArray());
        return rows;
    }

    [Fact]
    public async Task Phone_ID_number_and_email_are_stored_as_SM4_ciphertext_and_read_back_in_clear_by_the_app()
    {
        var people = await app.Db(db => db.People.AsNoTracking().OrderBy(p => p.Id).Take(50).ToListAsync());
        var raw = (await RawAsync("SELECT \"Id\", \"Phone\", \"IdNumber\", \"Email\", \"PhoneHash\" FROM \"People\" ORDER BY \"Id\"")).Take(50).ToList();
        raw.Count.ShouldBe(people.Count);
        for (var i = 0; i < raw.Count; i++)
        {
            var (p, r) = (people[i], raw[i]);
            p.Phone!.ShouldMatch(@"^1\d{10}$");
            p.Email!.ShouldContain("@");
            foreach (var stored in r[1..4]) stored!.ShouldStartWith(PersonalDataProtector.Prefix);
            string.Join("|", r).ShouldNotContain(p.Phone!);
            string.Join("|", r).ShouldNotContain(p.IdNumber!);
            string.Join("|", r).ShouldNotContain(p.Email!);
            r[4].ShouldNotBeNull();
            r[4].ShouldNotBe(Convert.ToHexStringLower(new TechCenters.Web.Infrastructure.BouncyCastleCryptoProvider().Sm3(System.Text.Encoding.UTF8.GetBytes(p.Phone!))));
        }
        var experts = await RawAsync("SELECT \"Phone\", \"Email\" FROM \"Experts\"");
        // Every contact stored is ciphertext (an expert may have given no e-mail or phone).
        experts.ShouldContain(e => e[0] != null && e[1] != null);
        experts.SelectMany(e => e).Where(v => v != null).ShouldAllBe(v => v!.StartsWith(PersonalDataProtector.Prefix));
    }

    [Fact]
    public async Task A_database_copied_without_its_key_shows_no_personal_data()
    {
        var unit = await app.UnitWithPeople(await app.Db(db => db.Units.Where(u => u.JurisdictionId == "xinjiang").OrderBy(u => u.Id).Select(u => u.Id).FirstAsync()));
        // The same database under a host with a key file of its own (the database went, the key stayed behind).
        await using var thief = app.CreateFactory(b => b.UseSetting("Crypto:KeyFile", TestKeys.NewFile()));
        var client = await app.LoginAsync("xj-bureau", factory: thief);
        var html = await (await client.GetAsync($"/Units/{unit.Id}")).Content.ReadAsStringAsync();
        html.ShouldContain(PersonalDataProtector.Unreadable);
        foreach (var p in unit.People)
        {
            html.ShouldNotContain(p.Phone!);
            html.ShouldNotContain(Masking.Phone(p.Phone));
            html.ShouldNotContain(p.IdNumber![..6] + "*");
        }
        // Revealing does not help either.
        var token = await AppFixture.AntiforgeryTokenAsync(client, $"/Units/{unit.Id}");
        var reveal = await client.PostAsync($"/Units/{unit.Id}?handler=Reveal", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Reveal.PersonId"] = unit.People[0].Id.ToString(), ["Reveal.Reason"] = "核对联系方式", ["__RequestVerificationToken"] = token,
        }));
        (await reveal.Content.ReadAsStringAsync()).ShouldNotContain(unit.People[0].Phone!);
    }

    [Fact]
    public async Task A_search_by_phone_or_ID_number_finds_the_person_through_the_keyed_hash()
    {
        var unit = await app.UnitWithPeople(await app.Db(db => db.Units.Where(u => u.JurisdictionId == "chongqing-wanzhou").OrderBy(u => u.Id).Skip(2).Select(u => u.Id).FirstAsync()));
        var person = unit.People[1];
        var client = await app.LoginAsync("wz-bureau");
        foreach (var q in new[] { person.Phone!, person.IdNumber!, person.Phone![..3] + " " + person.Phone[3..7] + " " + person.Phone[7..] })
        {
            var text = await (await client.GetAsync($"/Units/People?q={Uri.EscapeDataString(q)}")).TextAsync();
            text.ShouldContain("共 1 条");
            text.ShouldContain(person.Name);
        }
        // Another jurisdiction's officer finds nobody with the same number.
        (await (await (await app.LoginAsync("cz-bureau")).GetAsync($"/Units/People?q={person.Phone}")).TextAsync()).ShouldContain("共 0 条");
    }

    [Fact]
    public async Task A_submission_receipt_is_SM2_signed_and_anyone_can_verify_it_without_logging_in()
    {
        var (user, _) = await app.NewApplicantAsync("xpcc-12th-division");
        var client = await app.LoginAsync(user);
        var id = await client.CreateApplicationAsync((await app.OpenCallAsync("xpcc-12th-division")).Id);
        PolicyPack pack;
        await using (var scope = app.Scope()) pack = scope.ServiceProvider.GetRequiredService<TechCenters.Web.Features.Cases.CaseKernel>().PackOf((await app.AppAsync(id)).Case);
        await app.AttachRequiredAsync(client, id);
        var submitted = await client.PostEditAsync(id, "Submit", ApplyingHelpers.Complete(pack, "第十二师测试技术创新中心", ("f:lead.rd_expense_last_year", "3000000")));
        submitted.StatusCode.ShouldBe(HttpStatusCode.Redirect, await submitted.TextAsync());
        var receiptPage = await client.GetStringAsync(submitted.Headers.Location!.ToString());
        var code = Regex.Match(receiptPage, "data-testid=\"verification-code\">([^<]+)<").Groups[1].Value;
        var number = (await app.AppAsync(id)).ReceiptNumber!;
        code.ShouldMatch("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$");
        var row = await app.Db(db => db.DocumentSignatures.SingleAsync(s => s.Kind == SignedKinds.Receipt && s.Subject == number));
        row.Code.ShouldBe(code);
        row.Payload.ShouldContain(number);

        var anonymous = app.Client();
        var ok = await anonymous.GetAsync($"/Verify?number={number}&code={code.ToLowerInvariant()}");
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await ok.TextAsync();
        text.ShouldContain("真实有效");
        text.ShouldContain(number);
        (await anonymous.GetAsync($"/Verify?number={number}&code=ABCD-EFGH-JKMN-PQRS")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync($"/Verify?number=SB20990101-000001-01&code={code}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var bad = await anonymous.GetAsync($"/Verify?number={number}&code=not-a-code");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.TextAsync()).ShouldContain("验证码为16位字母和数字");
        (await Cli("receipt", "verify", "--number", number)).ShouldBe(0);
        (await Cli("receipt", "verify", "--code", code, "--number", number)).ShouldBe(0);

        // Someone with database rights changes the submitted content: the signature still verifies, the content does not.
        await using (var scope = app.Scope())
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database
                .ExecuteSqlAsync($"UPDATE \"ApplicationVersions\" SET \"PlanJson\" = '{{}}' WHERE \"ReceiptNumber\" = {number}");
        var altered = await (await anonymous.GetAsync($"/Verify?number={number}&code={code}")).TextAsync();
        altered.ShouldContain("内容已被改动");
        altered.ShouldContain("签发后被改动");
        (await Cli("receipt", "verify", "--number", number)).ShouldBe(1);
        // … and the signature rows themselves cannot be changed.
        await using (var scope = app.Scope())
            await Should.ThrowAsync<Exception>(() => scope.ServiceProvider.GetRequiredService<AppDbContext>().Database
                .ExecuteSqlAsync($"UPDATE \"DocumentSignatures\" SET \"Payload\" = 'x' WHERE \"Subject\" = {number}"));
    }

    [Fact]
    public async Task An_approval_notice_carries_its_verification_code_and_verifies_as_genuine()
    {
        // A center as the approval creates it (the approval itself is the selecting tests' subject).
        var (user, unitId) = await app.NewApplicantAsync("hohhot");
        var id = await (await app.LoginAsync(user)).CreateApplicationAsync((await app.OpenCallAsync("hohhot")).Id, "呼和浩特市测试签名技术创新中心");
        var application = await app.AppAsync(id);
        var center = new TechCenters.Web.Features.Centers.Center
        {
            JurisdictionId = "hohhot", ApplicationId = id, Name = "呼和浩特市测试签名技术创新中心", LeadUnitId = unitId, LeadUnitName = "测试牵头单位",
            ApprovalNumber = $"呼科发〔2026〕{id}号", ApprovedOn = app.Today, ConstructionYears = 3, ConstructionEndsOn = app.Today.AddYears(3).AddDays(-1),
            PackVersion = application.Case.PackVersion, PackDocument = application.Case.PackDocument, CreatedAt = app.Time.GetUtcNow(), CreatedBy = "hhht-bureau",
        };
        await app.Db(async db => { db.Centers.Add(center); return await db.SaveChangesAsync(); });
        var bureau = await app.LoginAsync("hhht-bureau");
        var docx = await bureau.GetAsync($"/Centers/Detail?id={center.Id}&handler=Docx");
        docx.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false);
        var text = doc.MainDocumentPart!.Document!.Body!.InnerText;
        var code = Regex.Match(text, "验证码 ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})").Groups[1].Value;
        code.ShouldNotBeEmpty(text);
        // Downloading again signs nothing new.
        (await bureau.GetAsync($"/Centers/Detail?id={center.Id}&handler=Docx")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Db(db => db.DocumentSignatures.CountAsync(s => s.Kind == SignedKinds.ApprovalNotice && s.Subject == $"center:{center.Id}"))).ShouldBe(1);
        var verdict = await (await app.Client().GetAsync($"/Verify?number={Uri.EscapeDataString(center.ApprovalNumber)}&code={code}")).TextAsync();
        verdict.ShouldContain("真实有效");
        verdict.ShouldContain("批准（认定）通知");
        verdict.ShouldContain(center.Name);

        // The record changes: without a case that changed it, the notice no longer matches and says so …
        await app.Db(async db =>
        {
            await db.Centers.Where(c => c.Id == center.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Name, "呼和浩特市更名后技术创新中心"));
            db.CenterHistory.Add(new TechCenters.Web.Features.Centers.CenterHistory { CenterId = center.Id, ChangedAt = app.Time.GetUtcNow().AddMinutes(1), Field = "名称", From = center.Name, To = "呼和浩特市更名后技术创新中心" });
            return await db.SaveChangesAsync();
        });
        var url = $"/Verify?number={Uri.EscapeDataString(center.ApprovalNumber)}&code={code}";
        (await (await app.Client().GetAsync(url)).TextAsync()).ShouldContain("签发后被改动");
        // … and once a decided case (a change request) is what changed it, the notice is genuine and lawfully superseded.
        await app.Db(async db =>
        {
            db.CenterHistory.Add(new TechCenters.Web.Features.Centers.CenterHistory { CenterId = center.Id, ChangedAt = app.Time.GetUtcNow().AddMinutes(2), Field = "名称", From = center.Name, To = "呼和浩特市更名后技术创新中心", CaseId = id });
            return await db.SaveChangesAsync();
        });
        var superseded = await (await app.Client().GetAsync(url)).TextAsync();
        superseded.ShouldContain("真实有效");
        superseded.ShouldContain("已依法变更");
        superseded.ShouldContain($"（事项 {id}）");
        superseded.ShouldNotContain("签发后被改动");
    }

    private async Task<int> Cli(params string[] args)
    {
        await using var services = new AppServices([$"--Database:Provider={app.Provider}", $"--ConnectionStrings:Default={app.ConnectionString}", $"--Crypto:KeyFile={TestKeys.File}"]);
        return await AdminCli.Build(services).Parse(args).InvokeAsync();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DataProtectionTests_Sqlite(SqliteAppFixture app) : DataProtectionTests(app);

[Collection(PostgresCollection.Name)]
public sealed class DataProtectionTests_Postgres(PostgresAppFixture app) : DataProtectionTests(app);
