using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Shouldly;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Imports;
using TechCenters.Web.Features.Integrity;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Imports;

/// <summary>
/// Imports through the real pipeline: the template round trip per kind, one bad row of each kind of error (the row and
/// column named, nothing imported), bad files (400 in Chinese), the confirmation bound to the kept file, the refusal at
/// commit of a duplicate registered since the preview, a 5,000-row import with its progress, and who may import what.
/// </summary>
public abstract class ImportTests(AppFixture app)
{
    private const string Jurisdiction = "xpcc-12th-division";
    // Distinct in a test run, from a random start: a sheet of 5,000 random codes had a 1 % chance of two alike (the
    // birthday bound on 10^9), and one Random shared by test classes running at once is not safe to call concurrently.
    private static long codes = Random.Shared.NextInt64(0, 500_000_000);
    private static long ids = Random.Shared.NextInt64(0, 5_000_000);

    public static string NewCreditCode() => CreditCode.Complete("91659004" + (Interlocked.Increment(ref codes) % 1_000_000_000).ToString("D9"));
    public static string NewIdNumber() => IntegrityRules.IdNumber("6590041980" + (Interlocked.Increment(ref ids) % 10_000_000).ToString("D7"));

    /// <summary>An XLSX of the rows (heading → value), the headings in the order given.</summary>
    public static byte[] Sheet(IEnumerable<Dictionary<string, object?>> rows)
    {
        using var ms = new MemoryStream();
        ms.SaveAs(rows.ToList(), sheetName: "数据");
        return ms.ToArray();
    }

    private async Task<List<string>> DepartmentsAsync(string jurisdiction) =>
        await app.Db(db => db.Departments.Where(d => d.JurisdictionId == jurisdiction).OrderBy(d => d.Id).Select(d => d.Name).ToListAsync());

    private static Dictionary<string, object?> UnitRow(string code, string? department, string name = "") => new()
    {
        ["单位名称"] = string.IsNullOrEmpty(name) ? "导入测试科技有限公司" + code[^6..] : name, ["统一社会信用代码"] = code, ["单位类型"] = "企业",
        ["归口管理部门"] = department, ["所在地区"] = "第十二师", ["注册地址"] = "乌鲁木齐市头屯河区" + code[^4..] + "号",
    };

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string kind, byte[] bytes, string fileName = "导入.xlsx")
    {
        var token = await AppFixture.AntiforgeryTokenAsync(client, $"/Imports?kind={kind}");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        content.Add(new StringContent(kind), "kind");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "files", fileName);
        return await client.PostAsync($"/Imports?kind={kind}", content);
    }

    /// <summary>Uploads and opens the preview: the batch id and the preview's text.</summary>
    private static async Task<(Guid Id, string Preview, string Html)> PreviewAsync(HttpClient client, string kind, byte[] bytes)
    {
        var upload = await UploadAsync(client, kind, bytes);
        upload.StatusCode.ShouldBe(HttpStatusCode.Redirect, await upload.TextAsync());
        var location = upload.Headers.Location!.ToString();
        var id = Guid.Parse(Regex.Match(location, "id=([0-9a-f-]{36})").Groups[1].Value);
        var page = await client.GetAsync(location);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        return (id, Html.Text(html), html);
    }

    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, Guid id, string? hash)
    {
        var token = await AppFixture.AntiforgeryTokenAsync(client, "/Accounts/Password");
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token };
        if (hash is not null) form["hash"] = hash;
        return await client.PostAsync($"/Imports/Batch?id={id}&handler=Confirm", new FormUrlEncodedContent(form));
    }

    private static string HashIn(string html) => Regex.Match(html, "name=\"hash\" value=\"([0-9a-f]{64})\"").Groups[1].Value;

    /// <summary>Polls the progress until the import is over; returns the last answer and every (processed, total) seen.</summary>
    public static async Task<(string Status, List<(int Processed, int Total)> Seen)> WaitAsync(HttpClient client, Guid id)
    {
        var seen = new List<(int, int)>();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            var r = await client.GetAsync($"/Imports/Batch?id={id}&handler=Progress");
            r.StatusCode.ShouldBe(HttpStatusCode.OK);
            using var json = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
            var status = json.RootElement.GetProperty("status").GetString()!;
            seen.Add((json.RootElement.GetProperty("processed").GetInt32(), json.RootElement.GetProperty("total").GetInt32()));
            if (status != "Running") return (status, seen);
            await Task.Delay(100);
        }
        throw new TimeoutException("导入未在3分钟内结束");
    }

    private async Task<HttpClient> BureauAsync() => await app.LoginAsync("xpcc-bureau");

    [Fact]
    public async Task The_unit_template_round_trips_preview_confirm_import_and_one_audit_row()
    {
        var client = await BureauAsync();
        var template = await client.GetAsync("/Imports?kind=units&handler=Template");
        template.StatusCode.ShouldBe(HttpStatusCode.OK);
        var bytes = await template.Content.ReadAsByteArrayAsync();
        using (var ms = new MemoryStream(bytes))
        {
            var sheets = MiniExcel.GetSheetNames(ms);
            sheets.ShouldBe(["申报单位", ImportFile.NotesSheet, ImportFile.ValuesSheet]);
        }
        List<string> headings;
        using (var ms = new MemoryStream(bytes))
            headings = ((IDictionary<string, object?>)MiniExcel.Query(ms, useHeaderRow: false).First()).Values.Select(v => v?.ToString() ?? "").ToList();
        // The headings are the unit list export's (bar the computed columns).
        headings.ShouldBe(["单位名称", "统一社会信用代码", "单位类型", "归口管理部门", "所在地区", "注册地址"]);
        headings.Except(TechCenters.Web.Features.Lists.ListExport.Headings<UnitRow>()).ShouldBeEmpty();
        var departments = await DepartmentsAsync(Jurisdiction);
        using (var ms = new MemoryStream(bytes))
        {
            var allowed = MiniExcel.Query(ms, useHeaderRow: true, sheetName: ImportFile.ValuesSheet).Cast<IDictionary<string, object?>>()
                .Select(r => r["归口管理部门"]?.ToString()).ToList();
            allowed.ShouldContain(departments[0]);
            allowed.ShouldContain(UnitImport.Direct);
        }

        var codes = Enumerable.Range(0, 3).Select(_ => NewCreditCode()).ToList();
        var rows = new[] { UnitRow(codes[0], departments[0]), UnitRow(codes[1], null), UnitRow(codes[2], UnitImport.Direct) };
        var (id, preview, html) = await PreviewAsync(client, "units", Sheet(rows));
        preview.ShouldContain("全部 3 行检查通过");
        preview.ShouldContain(codes[1]);
        (await app.Db(db => db.Units.CountAsync(u => codes.Contains(u.CreditCode)))).ShouldBe(0, "预览不导入");

        var confirm = await ConfirmAsync(client, id, HashIn(html));
        confirm.StatusCode.ShouldBe(HttpStatusCode.Redirect, await confirm.TextAsync());
        (await WaitAsync(client, id)).Status.ShouldBe("Done");
        var done = await (await client.GetAsync($"/Imports/Batch?id={id}")).TextAsync();
        done.ShouldContain("导入完成：已导入 3 条申报单位");
        var units = await app.Db(db => db.Units.Where(u => codes.Contains(u.CreditCode)).Include(u => u.Department).ToListAsync());
        units.Count.ShouldBe(3);
        units.ShouldAllBe(u => u.JurisdictionId == Jurisdiction && u.Type == UnitType.Enterprise);
        units.Single(u => u.CreditCode == codes[0]).Department!.Name.ShouldBe(departments[0]);
        units.Single(u => u.CreditCode == codes[1]).DepartmentId.ShouldBeNull();
        var audits = await app.Db(db => db.AuditEntries.Where(a => a.Action == "导入申报单位" && a.ObjectId == id.ToString()).ToListAsync());
        audits.Count.ShouldBe(1);
        audits[0].Outcome.ShouldBe(TechCenters.Web.Features.Audit.AuditOutcome.Success);
        audits[0].Detail!.ShouldContain("导入 3 条");
        audits[0].UserName.ShouldBe("xpcc-bureau");
        // Confirmed once: a second confirmation is refused.
        (await ConfirmAsync(client, id, HashIn(html))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task People_and_experts_import_from_their_templates_with_personal_data_encrypted_and_looked_up_by_hash()
    {
        var client = await BureauAsync();
        var unit = await app.Db(db => db.Units.Where(u => u.JurisdictionId == Jurisdiction).OrderBy(u => u.Id).FirstAsync());
        var id1 = NewIdNumber();
        var people = new[]
        {
            new Dictionary<string, object?> { ["姓名"] = "导入张三", ["职称"] = "高级工程师", ["职务"] = "总工程师", ["所在单位"] = unit.Name, [PersonImport.UnitCode] = unit.CreditCode,
                ["手机号码"] = "13912345678", ["身份证号码"] = id1, ["电子邮箱"] = "zhangsan@example.cn" },
            new Dictionary<string, object?> { ["姓名"] = "导入李四", ["职称"] = null, ["职务"] = null, ["所在单位"] = null, [PersonImport.UnitCode] = unit.CreditCode,
                ["手机号码"] = null, ["身份证号码"] = null, ["电子邮箱"] = null },
        };
        var (pid, ppreview, phtml) = await PreviewAsync(client, "people", Sheet(people));
        ppreview.ShouldContain("全部 2 行检查通过");
        ppreview.ShouldNotContain(id1, customMessage: "预览中的身份证号码应脱敏");
        (await ConfirmAsync(client, pid, HashIn(phtml))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await WaitAsync(client, pid)).Status.ShouldBe("Done");
        var found = await (await client.GetAsync($"/Units/People?q={id1}")).TextAsync();
        found.ShouldContain("导入张三");

        var code = unit.CreditCode;
        var experts = new[]
        {
            new Dictionary<string, object?> { ["姓名"] = "导入王五", ["专家类别"] = "技术专家", ["专业领域"] = "新材料", ["学科代码"] = "430.25", ["职称"] = "教授",
                ["工作单位"] = unit.Name, [ExpertImport.EmployerCode] = code, ["手机号码"] = "13812345670", ["电子邮箱"] = null },
            new Dictionary<string, object?> { ["姓名"] = "导入赵六", ["专家类别"] = "财务专家", ["专业领域"] = "财务管理", ["学科代码"] = null, ["职称"] = "高级会计师",
                ["工作单位"] = "平台外会计师事务所", [ExpertImport.EmployerCode] = null, ["手机号码"] = null, ["电子邮箱"] = "zhao@example.cn" },
        };
        var (eid, epreview, ehtml) = await PreviewAsync(client, "experts", Sheet(experts));
        epreview.ShouldContain("全部 2 行检查通过");
        (await ConfirmAsync(client, eid, HashIn(ehtml))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await WaitAsync(client, eid)).Status.ShouldBe("Done");
        var wang = await app.Db(db => db.Experts.SingleAsync(e => e.Name == "导入王五"));
        wang.UnitId.ShouldBe(unit.Id);
        wang.Kind.ShouldBe(ExpertiseKind.Technical);
        wang.PhoneHash.ShouldNotBeNull();
        (await app.Db(db => db.AuditEntries.CountAsync(a => a.Action == "导入专家" && a.ObjectId == eid.ToString()))).ShouldBe(1);
        // The same file again: every row is now a duplicate of the pool.
        var (_, again, _) = await PreviewAsync(client, "experts", Sheet(experts));
        again.ShouldContain("第 2 行「姓名」专家库中已有该单位的同名专家");
        again.ShouldContain("第 3 行「姓名」专家库中已有该单位的同名专家");
    }

    public static IEnumerable<object[]> BadUnitRows()
    {
        // Each: what to spoil in row 3 (rows 2 and 4 are valid), and the message expected.
        yield return ["校验位", (Action<Dictionary<string, object?>, string, string>)((r, _, _) => r["统一社会信用代码"] = Spoil((string)r["统一社会信用代码"]!)), "第 3 行「统一社会信用代码」校验位应为"];
        yield return ["必填", (Action<Dictionary<string, object?>, string, string>)((r, _, _) => r["所在地区"] = ""), "第 3 行「所在地区」不能为空"];
        yield return ["过长", (Action<Dictionary<string, object?>, string, string>)((r, _, _) => r["单位名称"] = new string('长', 201)), "第 3 行「单位名称」超过 200 个字"];
        yield return ["类型", (Action<Dictionary<string, object?>, string, string>)((r, _, _) => r["单位类型"] = "个体户"), "第 3 行「单位类型」“个体户”不是可选的单位类型"];
        yield return ["他辖区部门", (Action<Dictionary<string, object?>, string, string>)((r, other, _) => r["归口管理部门"] = other), "第 3 行「归口管理部门」“{other}”不是本辖区的归口管理部门"];
        yield return ["文件内重复", (Action<Dictionary<string, object?>, string, string>)((r, _, first) => r["统一社会信用代码"] = first), "第 3 行「统一社会信用代码」与第 2 行重复"];
        yield return ["已登记", (Action<Dictionary<string, object?>, string, string>)((r, _, _) => r["统一社会信用代码"] = "{existing}"), "第 3 行「统一社会信用代码」已在平台登记"];
    }

    private static string Spoil(string code) => code[..17] + CreditCode.Charset[(CreditCode.Charset.IndexOf(code[17]) + 1) % CreditCode.Charset.Length];

    [Theory]
    [MemberData(nameof(BadUnitRows))]
    public async Task One_bad_unit_row_names_its_row_and_column_and_nothing_is_imported(string what, Action<Dictionary<string, object?>, string, string> spoil, string expected)
    {
        var client = await BureauAsync();
        var departments = await DepartmentsAsync(Jurisdiction);
        var other = (await DepartmentsAsync("cangzhou")).First(n => !departments.Contains(n));
        var existing = await app.Db(db => db.Units.Where(u => u.JurisdictionId == "cangzhou").Select(u => u.CreditCode).FirstAsync());
        var rows = Enumerable.Range(0, 3).Select(_ => UnitRow(NewCreditCode(), departments[0])).ToList();
        spoil(rows[1], other, (string)rows[0]["统一社会信用代码"]!);
        if ((string?)rows[1]["统一社会信用代码"] == "{existing}") rows[1]["统一社会信用代码"] = existing;
        var before = await app.Db(db => db.Units.CountAsync());
        var (id, preview, html) = await PreviewAsync(client, "units", Sheet(rows));
        preview.ShouldContain(expected.Replace("{other}", other), customMessage: what);
        preview.ShouldContain("有 1 行有误，整批不能导入");
        HashIn(html).ShouldBeEmpty("有误时不给确认按钮");
        var hash = await app.Db(db => db.ImportBatches.Where(b => b.Id == id).Select(b => b.FileHash).SingleAsync());
        var confirm = await ConfirmAsync(client, id, hash);
        confirm.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await confirm.TextAsync()).ShouldContain("有 1 行有误，不能导入");
        (await app.Db(db => db.Units.CountAsync())).ShouldBe(before, "任一行有误则一条也不导入");
    }

    [Fact]
    public async Task Bad_people_and_expert_rows_name_row_and_column()
    {
        var client = await BureauAsync();
        var unit = await app.Db(db => db.Units.Where(u => u.JurisdictionId == Jurisdiction).OrderBy(u => u.Id).FirstAsync());
        var foreign = await app.Db(db => db.Units.Where(u => u.JurisdictionId == "cangzhou").Select(u => u.CreditCode).FirstAsync());
        var badId = NewIdNumber();
        badId = badId[..17] + (badId[17] == '0' ? '1' : '0');
        Dictionary<string, object?> Person(string name, string code, string? phone = null, string? id = null, string? email = null) => new()
        {
            ["姓名"] = name, ["职称"] = null, ["职务"] = null, ["所在单位"] = null, [PersonImport.UnitCode] = code, ["手机号码"] = phone, ["身份证号码"] = id, ["电子邮箱"] = email,
        };
        var before = await app.Db(db => db.People.CountAsync());
        var (_, people, _) = await PreviewAsync(client, "people", Sheet([
            Person("甲", unit.CreditCode), Person("乙", unit.CreditCode, phone: "1381234"), Person("丙", unit.CreditCode, id: badId),
            Person("丁", unit.CreditCode, email: "not-an-email"), Person("戊", foreign),
        ]));
        people.ShouldContain("第 3 行「手机号码」应为11位手机号码");
        people.ShouldContain("第 4 行「身份证号码」居民身份证号码校验位错误");
        people.ShouldContain("第 5 行「电子邮箱」不是有效的电子邮箱地址");
        people.ShouldContain("第 6 行「所在单位统一社会信用代码」本辖区没有该统一社会信用代码的单位");
        people.ShouldContain("有 4 行有误");
        (await app.Db(db => db.People.CountAsync())).ShouldBe(before);

        Dictionary<string, object?> Expert(string name, string kind = "技术专家", string? fieldCode = null, string? code = null) => new()
        {
            ["姓名"] = name, ["专家类别"] = kind, ["专业领域"] = "现代农业", ["学科代码"] = fieldCode, ["职称"] = null, ["工作单位"] = "某大学",
            [ExpertImport.EmployerCode] = code, ["手机号码"] = null, ["电子邮箱"] = null,
        };
        var (_, experts, _) = await PreviewAsync(client, "experts", Sheet([
            Expert("专家甲"), Expert("专家乙", kind: "法律专家"), Expert("专家丙", fieldCode: "农学"), Expert("专家丁", code: foreign), Expert("专家甲"),
        ]));
        experts.ShouldContain("第 3 行「专家类别」“法律专家”不是可选的专家类别");
        experts.ShouldContain("第 4 行「学科代码」应为 GB/T 13745 学科代码");
        experts.ShouldContain("第 5 行「工作单位统一社会信用代码」本辖区没有该统一社会信用代码的单位");
        experts.ShouldContain("第 6 行「姓名」与第 2 行是同一单位的同名专家，重复");
    }

    [Fact]
    public async Task Bad_files_are_a_400_in_Chinese_and_keep_nothing()
    {
        var client = await BureauAsync();
        var header = new Dictionary<string, object?> { ["单位名称"] = "x", ["统一社会信用代码"] = NewCreditCode() };
        var tooMany = Enumerable.Range(0, ImportFile.MaxRows + 1).Select(i => UnitRow(NewCreditCode(), null)).ToList();
        var big = new byte[ImportFile.MaxBytes + 10];
        "PK\u0003\u0004"u8.ToArray().CopyTo(big, 0);
        var cases = new (string Name, byte[] Bytes, string Message)[]
        {
            ("空文件", [], "上传的文件是空的"),
            ("文本改名", Encoding.UTF8.GetBytes("单位名称,统一社会信用代码\n某公司,91659004MA00000000"), "不是 Excel 工作簿"),
            ("列标题不对", Sheet([header]), "缺少「单位类型」「归口管理部门」「所在地区」「注册地址」"),
            ("只有标题", Sheet([]), "工作表是空的"),
            ("行数过多", Sheet(tooMany), "超过单次导入上限"),
            ("过大", big, "超过 5 MB"),
        };
        var batches = await app.Db(db => db.ImportBatches.CountAsync());
        foreach (var (name, bytes, message) in cases)
        {
            var r = await UploadAsync(client, "units", bytes);
            r.StatusCode.ShouldBe(HttpStatusCode.BadRequest, name);
            (await r.TextAsync()).ShouldContain(message, customMessage: name);
        }
        (await app.Db(db => db.ImportBatches.CountAsync())).ShouldBe(batches);
        // No file at all, and an unknown kind.
        var token = await AppFixture.AntiforgeryTokenAsync(client, "/Imports?kind=units");
        var none = await client.PostAsync("/Imports?kind=units", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        none.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await none.TextAsync()).ShouldContain("请选择要上传的导入文件");
        (await client.GetAsync("/Imports?kind=centers")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_confirmation_is_of_the_kept_file_only_and_of_its_uploader_only()
    {
        var client = await BureauAsync();
        var code = NewCreditCode();
        var (id, _, html) = await PreviewAsync(client, "units", Sheet([UnitRow(code, null)]));
        var hash = HashIn(html);
        // A tampered hash (another file's) and a missing one are refused.
        var tampered = await ConfirmAsync(client, id, new string('0', 64));
        tampered.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tampered.TextAsync()).ShouldContain("确认的文件与预览的文件不一致");
        (await ConfirmAsync(client, id, null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // An unknown token, and someone else's batch (another bureau officer of the same jurisdiction): not found.
        (await ConfirmAsync(client, Guid.NewGuid(), hash)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var colleague = await app.LoginAsync(await app.CreateUserAsync(Roles.BureauOfficer, configure: u => u.JurisdictionId = Jurisdiction));
        (await ConfirmAsync(colleague, id, hash)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await colleague.GetAsync($"/Imports/Batch?id={id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await colleague.GetAsync($"/Imports/Batch?id={id}&handler=Progress")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.Db(db => db.Units.CountAsync(u => u.CreditCode == code))).ShouldBe(0);
        // The kept file changed behind the batch's back (its hash no longer matches): the runner refuses it.
        await app.Db(db => db.ImportBatches.Where(b => b.Id == id).ExecuteUpdateAsync(s => s.SetProperty(b => b.Content, Sheet([UnitRow(NewCreditCode(), null)]))));
        (await ConfirmAsync(client, id, hash)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await WaitAsync(client, id)).Status.ShouldBe("Refused");
        (await (await client.GetAsync($"/Imports/Batch?id={id}")).TextAsync()).ShouldContain("保存的文件与预览时的摘要不一致");
        (await app.Db(db => db.Units.CountAsync(u => u.CreditCode == code))).ShouldBe(0);
    }

    [Fact]
    public async Task A_duplicate_registered_after_the_preview_refuses_the_whole_import_at_commit_with_its_row()
    {
        var client = await BureauAsync();
        var codes = Enumerable.Range(0, 3).Select(_ => NewCreditCode()).ToList();
        var (id, preview, _) = await PreviewAsync(client, "units", Sheet(codes.Select(c => UnitRow(c, null))));
        preview.ShouldContain("全部 3 行检查通过");
        // Meanwhile someone registers the third unit; the runner (started as the confirmation starts it) checks again in its transaction.
        await app.Db(async db =>
        {
            db.Units.Add(new Unit { CreditCode = codes[2], Name = "期间登记的单位", JurisdictionId = Jurisdiction, Region = "第十二师", RegisteredAddress = "某地" });
            await db.SaveChangesAsync();
            await db.ImportBatches.Where(b => b.Id == id).ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportStatus.Running));
            return 0;
        });
        app.Factory.Services.GetRequiredService<ImportRunner>().Start(id);
        (await WaitAsync(client, id)).Status.ShouldBe("Refused");
        var page = await (await client.GetAsync($"/Imports/Batch?id={id}")).TextAsync();
        page.ShouldContain("未导入任何数据");
        page.ShouldContain("第 4 行「统一社会信用代码」已在平台登记");
        (await app.Db(db => db.Units.CountAsync(u => codes.Take(2).Contains(u.CreditCode)))).ShouldBe(0);
        var audit = await app.Db(db => db.AuditEntries.SingleAsync(a => a.Action == "导入申报单位" && a.ObjectId == id.ToString()));
        audit.Outcome.ShouldBe(TechCenters.Web.Features.Audit.AuditOutcome.Failure);
    }

    [Fact]
    public async Task Five_thousand_rows_import_in_the_background_with_progress_the_page_polls()
    {
        var client = await BureauAsync();
        var rows = Enumerable.Range(0, 5000).Select(_ => UnitRow(NewCreditCode(), null)).ToList();
        var codes = rows.Select(r => (string)r["统一社会信用代码"]!).ToList();
        var (id, preview, html) = await PreviewAsync(client, "units", Sheet(rows));
        preview.ShouldContain("全部 5,000 行检查通过");
        preview.ShouldContain("共 5,000 条，第 1 / 50 页");
        (await ConfirmAsync(client, id, HashIn(html))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var running = await (await client.GetAsync($"/Imports/Batch?id={id}")).Content.ReadAsStringAsync();
        // Either still running (the progress bar) or already done — a reload shows the state either way.
        (running.Contains("data-progress-url") || running.Contains("导入完成")).ShouldBeTrue();
        var (status, seen) = await WaitAsync(client, id);
        status.ShouldBe("Done");
        seen.ShouldAllBe(s => s.Processed >= 0 && s.Processed <= s.Total && s.Total == 5000);
        seen.Last().Processed.ShouldBe(5000);
        var imported = 0;
        foreach (var chunk in codes.Chunk(500)) imported += await app.Db(db => db.Units.CountAsync(u => chunk.Contains(u.CreditCode)));
        imported.ShouldBe(5000);
    }

    [Fact]
    public async Task Only_the_bureau_imports_and_a_unit_administrator_only_its_own_units_people()
    {
        var unit = await app.Db(db => db.Units.Where(u => u.JurisdictionId == Jurisdiction).OrderBy(u => u.Id).FirstAsync());
        var otherUnit = await app.Db(db => db.Units.Where(u => u.JurisdictionId == Jurisdiction && u.Id != unit.Id).OrderBy(u => u.Id).FirstAsync());
        // (The demo's applicant accounts are their units' administrators: a plain applicant account stands for the role.)
        var applicant = await app.CreateUserAsync(Roles.Applicant, configure: u => { u.JurisdictionId = Jurisdiction; u.UnitId = unit.Id; });
        foreach (var user in new[] { "xpcc-dept", applicant, "xpcc-expert", "xpcc-evaluator" })
        {
            var c = await app.LoginAsync(user);
            foreach (var kind in new[] { "units", "people", "experts" })
            {
                var r = await c.GetAsync($"/Imports?kind={kind}");
                r.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{user} {kind}");
                r.Headers.Location!.ToString().ShouldContain("/Accounts/AccessDenied");
            }
        }
        (await app.Client().GetAsync("/Imports?kind=units")).Headers.Location!.ToString().ShouldContain("/Accounts/Login");

        var admin = await app.LoginAsync(await app.CreateUserAsync(Roles.Applicant, configure: u => { u.JurisdictionId = Jurisdiction; u.UnitId = unit.Id; u.IsUnitAdmin = true; }));
        (await admin.GetAsync("/Imports?kind=units")).Headers.Location!.ToString().ShouldContain("/Accounts/AccessDenied");
        var page = await (await admin.GetAsync("/Imports?kind=people")).TextAsync();
        page.ShouldContain($"本单位（{unit.Name}）");
        (await (await admin.GetAsync("/Units/People")).TextAsync()).ShouldContain("导入");
        Dictionary<string, object?> Person(string name, string? code) => new()
        {
            ["姓名"] = name, ["职称"] = null, ["职务"] = null, ["所在单位"] = null, [PersonImport.UnitCode] = code, ["手机号码"] = null, ["身份证号码"] = null, ["电子邮箱"] = null,
        };
        var (_, wrong, _) = await PreviewAsync(admin, "people", Sheet([Person("管理员导入甲", null), Person("管理员导入乙", otherUnit.CreditCode)]));
        wrong.ShouldContain("第 3 行「所在单位统一社会信用代码」不是本单位：单位管理员只能导入本单位的人员");
        var (id, ok, html) = await PreviewAsync(admin, "people", Sheet([Person("管理员导入甲", null), Person("管理员导入乙", unit.CreditCode)]));
        ok.ShouldContain("全部 2 行检查通过");
        (await ConfirmAsync(admin, id, HashIn(html))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await WaitAsync(admin, id)).Status.ShouldBe("Done");
        (await app.Db(db => db.People.Where(p => p.Name.StartsWith("管理员导入")).Select(p => p.UnitId).ToListAsync())).ShouldAllBe(u => u == unit.Id);
    }
    [Fact]
    public async Task Bug_0941_an_import_whose_process_died_is_marked_interrupted_at_start_up_not_left_running_for_ever()
    {
        var client = await BureauAsync();
        var now = app.Time.GetUtcNow();
        async Task<Guid> RunningAsync(DateTimeOffset started)
        {
            var (id, preview, _) = await PreviewAsync(client, "units", Sheet([UnitRow(NewCreditCode(), null)]));
            preview.ShouldContain("全部 1 行检查通过");
            // As a confirmed import left by a process that died: 导入中, its progress only in that process's memory.
            await app.Db(db => db.ImportBatches.Where(b => b.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, ImportStatus.Running).SetProperty(b => b.StartedAt, started)));
            return id;
        }
        var died = await RunningAsync(now.AddMinutes(-30));
        var current = await RunningAsync(now.AddSeconds(5)); // started by this process (after its start): left alone
        var held = await RunningAsync(now.AddMinutes(-20));  // started before, but its runner (another instance) is alive

        await using var runner = app.Scope();
        var runnerDb = runner.ServiceProvider.GetRequiredService<TechCenters.Web.Data.AppDbContext>();
        await using var tx = app.Provider == TechCenters.Web.Data.DatabaseProvider.Postgres ? await runnerDb.Database.BeginTransactionAsync() : null;
        if (tx is not null) // the runner's hold on its batch row, as ImportRunner takes it
            await runnerDb.ImportBatches.Where(b => b.Id == held).ExecuteUpdateAsync(s => s.SetProperty(b => b.StartedAt, b => b.StartedAt));

        await using (var scope = app.Scope())
            (await scope.ServiceProvider.GetRequiredService<ImportSweep>().SweepAsync(now, CancellationToken.None)).ShouldBeGreaterThanOrEqualTo(1);
        if (tx is not null) await tx.RollbackAsync();

        var batches = await app.Db(db => db.ImportBatches.Where(b => b.Id == died || b.Id == current || b.Id == held).ToDictionaryAsync(b => b.Id));
        batches[died].Status.ShouldBe(ImportStatus.Interrupted);
        batches[died].Message.ShouldBe("导入中断（服务重启），未写入任何数据，请重新导入");
        batches[current].Status.ShouldBe(ImportStatus.Running);
        batches[held].Status.ShouldBe(tx is null ? ImportStatus.Interrupted : ImportStatus.Running);
        var page = await (await client.GetAsync($"/Imports/Batch?id={died}")).TextAsync();
        page.ShouldContain("导入中断（服务重启），未写入任何数据，请重新导入");
        page.ShouldNotContain("正在导入");
        (await (await client.GetAsync("/Imports?kind=units")).TextAsync()).ShouldContain("未导入（导入中断）");
        var audit = await app.Db(db => db.AuditEntries.SingleAsync(a => a.Action == "导入申报单位" && a.ObjectId == died.ToString()));
        audit.Outcome.ShouldBe(TechCenters.Web.Features.Audit.AuditOutcome.Failure);
        await app.Db(db => db.ImportBatches.Where(b => b.Id == current || b.Id == held).ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportStatus.Refused)));
    }
}

[CollectionDefinition(Name)]
public sealed class ImportsSqliteCollection : ICollectionFixture<SqliteAppFixture>
{
    public const string Name = "Imports SQLite";
}

[CollectionDefinition(Name)]
public sealed class ImportsPostgresCollection : ICollectionFixture<PostgresAppFixture>
{
    public const string Name = "Imports PostgreSQL";
}

[Collection(ImportsSqliteCollection.Name)]
public sealed class ImportTests_Sqlite(SqliteAppFixture app) : ImportTests(app);

[Collection(ImportsPostgresCollection.Name)]
public sealed class ImportTests_Postgres(PostgresAppFixture app) : ImportTests(app);
