using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Tests.Infrastructure;
using TechCenters.Web.Tests.Selecting;
using Xunit;
using static TechCenters.Web.Features.Units.ExpertiseKind;

namespace TechCenters.Web.Tests.Features.Applying;

/// <summary>
/// The recognition path as its users meet it (issue 18): submission checked at each field and doubts confirmed, every
/// reviewer reading the frozen version in full (page, PDF with its receipt number, comparison), co-builders found by
/// name or credit code, and each role seeing only its own menus and tabs.
/// </summary>
public abstract class RecognitionPathTests(AppFixture app)
{
    private const string Xpcc = "xpcc-12th-division";
    private const string Name = "第十二师测试技术创新中心";

    private async Task<(HttpClient Client, int Id, int UnitId)> DraftAsync()
    {
        var (user, unitId) = await app.NewApplicantAsync(Xpcc);
        var client = await app.LoginAsync(user);
        var call = await app.OpenCallAsync(Xpcc);
        return (client, await client.CreateApplicationAsync(call.Id, Name), unitId);
    }

    private async Task<HttpResponseMessage> SubmitCompleteAsync(HttpClient client, int id, string name = Name, params (string, string)[] more)
    {
        await app.AttachRequiredAsync(client, id);
        return await client.PostEditAsync(id, "Submit", ApplyingHelpers.Complete(await app.PackOfAsync(id), name, more));
    }

    [Fact]
    public async Task Bug_0801_an_incomplete_application_is_refused_at_each_field_and_nothing_is_submitted()
    {
        var (client, id, _) = await DraftAsync();
        var r = await client.PostEditAsync(id, "Submit", ApplyingHelpers.Fields("十二师测试中心", ("confirmed", "true")));
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await r.Content.ReadAsStringAsync();
        html.ShouldContain("申报书尚不完整，不能提交");
        html.ShouldContain("请填写建设方案的“建设背景与意义”部分。");          // the plan's outline, at its section
        html.ShouldContain("低于附3注要求的 3000字");                          // the plan's length
        html.ShouldContain("命名格式");                                         // 第二十五条: the name pattern
        html.ShouldContain("请上传“正式共建协议扫描件”（附1第三部分）。");      // an attachment the pack requires
        html.ShouldContain("data-testid=\"field-error\"");
        html.ShouldContain("value=\"十二师测试中心\"");                         // nothing typed is lost
        var a = await app.AppAsync(id);
        (a.VersionCount, a.Case.StageId).ShouldBe((0, "application"));
        (await app.Db(db => db.ApplicationVersions.CountAsync(v => v.ApplicationId == id))).ShouldBe(0);
        (await app.Db(db => db.AuditEntries.CountAsync(e => e.ObjectId == id.ToString() && e.Action == "提交申报书" && e.Outcome == "失败"))).ShouldBe(1);
    }

    [Fact]
    public async Task Bug_0802_conditions_that_fail_or_need_judgement_are_listed_and_need_an_explicit_confirmation()
    {
        var (client, id, _) = await DraftAsync();
        await app.AttachRequiredAsync(client, id);
        var pack = await app.PackOfAsync(id);
        var fields = ApplyingHelpers.Complete(pack, Name, ("f:co_builders_backbone", "false")); // 第十条第3项 fails
        fields.Remove("confirmed");
        var r = await client.PostEditAsync(id, "Submit", fields);
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await r.Content.ReadAsStringAsync();
        html.ShouldContain("请逐项核对后勾选“已核对，确认提交”再提交");
        html.ShouldContain("data-testid=\"doubts\"");
        html.ShouldContain("data-testid=\"confirm-doubts\"");
        html.ShouldContain("不符合");
        html.ShouldNotMatch(@"（[a-z_]+\.[a-z_.]+）"); // no vocabulary keys shown to people
        (await app.AppAsync(id)).VersionCount.ShouldBe(0);

        fields["confirmed"] = "true";
        var ok = await client.PostEditAsync(id, "Submit", fields);
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ok.Content.ReadAsStringAsync());
        (await app.AppAsync(id)).VersionCount.ShouldBe(1);
        var note = await app.Db(db => db.Activities.Where(x => x.CaseId == id && x.Action == "提交申报书").Select(x => x.Note).SingleAsync());
        note.ShouldNotBeNull().ShouldMatch(@"申报单位确认提交时有[1-9]\d*项不符合");
    }

    [Fact]
    public async Task Bug_0803_the_department_reads_the_submitted_version_in_full_as_a_page_and_a_pdf_and_compares_versions()
    {
        var (client, id, unitId) = await DraftAsync();
        (await SubmitCompleteAsync(client, id, Name, ("f:lead.rd_expense_last_year", "1200万"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var receipt = (await app.AppAsync(id)).ReceiptNumber!;
        var dept = await app.LoginAsync(await app.DepartmentOfficerForAsync(unitId));

        // The page that acts on it links to what was submitted.
        var detail = await (await dept.GetAsync($"/Applications/{id}")).Content.ReadAsStringAsync();
        detail.ShouldContain("data-testid=\"read-before-acting\"");
        detail.ShouldContain($"/Applications/{id}/Versions/1");

        var page = await dept.GetAsync($"/Applications/{id}/Versions/1");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain(receipt);
        html.ShouldContain("只读");
        html.ShouldContain("围绕产业关键共性技术开展协同攻关");       // the plan, in full
        html.ShouldContain("正式共建协议扫描件");                     // the attachments submitted with it
        html.ShouldContain("1,200万元");                               // a figure as people read it
        html.ShouldContain("第 1 版提交时的判定");
        html.ShouldNotContain("<textarea");                            // read-only: nothing to edit

        var pdf = await dept.GetAsync($"/Applications/{id}/Versions/1?handler=Pdf");
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var text = await PdfTextAsync(await pdf.Content.ReadAsByteArrayAsync());
        text.ShouldContain(receipt);
        text.ShouldContain(Name);
        text.ShouldContain("建设背景与意义");
        (await app.Db(db => db.AuditEntries.CountAsync(e => e.ObjectId == id.ToString() && e.Action == "下载申报书PDF"))).ShouldBe(1);

        // The attachments submitted with it are joined after it, each listed with the page it starts on.
        var attachments = await app.Db(db => db.Attachments.AsNoTracking().Where(a => a.ApplicationId == id).OrderBy(a => a.Id).ToListAsync());
        attachments.Count.ShouldBeGreaterThan(0);
        var whole = await PdfTextAsync(await pdf.Content.ReadAsByteArrayAsync(), layout: false);
        static List<(int Start, int Pages)> Joined(string t) => System.Text.RegularExpressions.Regex.Matches(t, @"并入本文件第(\d+)页起，共(\d+)页")
            .Select(m => (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value))).ToList();
        var joined = Joined(whole);
        joined.Count.ShouldBe(attachments.Count, whole[whole.IndexOf("附件并入情况", StringComparison.Ordinal)..]);
        var pages = whole.Count(c => c == '\f');
        (joined[^1].Start + joined[^1].Pages - 1).ShouldBe(pages);
        joined.Zip(joined.Skip(1)).ShouldAllBe(x => x.Second.Start == x.First.Start + x.First.Pages);
        // A stored file that no longer matches its SM3 digest is listed as such, not joined and not silently dropped.
        var store = app.Factory.Services.GetRequiredService<AttachmentStore>();
        await File.WriteAllBytesAsync(Path.Combine(store.Root, attachments[0].StoredName), ApplyingHelpers.TinyPdf.Concat("% altered\n"u8.ToArray()).ToArray());
        var again = await PdfTextAsync(await (await dept.GetAsync($"/Applications/{id}/Versions/1?handler=Pdf")).Content.ReadAsByteArrayAsync(), layout: false);
        again.ShouldContain("文件校验未通过");
        Joined(again).Count.ShouldBe(attachments.Count - 1);
        again.Count(c => c == '\f').ShouldBe(pages - 1);

        // Returned and resubmitted under another name: the comparison shows what changed, version 1 stays as it was.
        (await dept.PostDetailAsync(id, "Return", new() { ["note"] = "请按命名规范调整名称" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        const string renamed = "第十二师测试装备技术创新中心";
        (await SubmitCompleteAsync(client, id, renamed, ("f:lead.rd_expense_last_year", "1200万"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var compare = await (await dept.GetAsync($"/Applications/{id}/Compare?from=1&to=2")).Content.ReadAsStringAsync();
        compare.ShouldContain("改动之处（共 1 处）");
        compare.ShouldContain(Name);
        compare.ShouldContain(renamed);
        (await (await dept.GetAsync($"/Applications/{id}/Versions/1")).Content.ReadAsStringAsync()).ShouldContain("已被第 2 版取代");
        (await dept.GetAsync($"/Applications/{id}/Compare?from=1&to=1")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await dept.GetAsync($"/Applications/{id}/Versions/9")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_assigned_expert_reads_the_submitted_version_with_contacts_masked_and_an_unassigned_one_cannot()
    {
        var flow = new SelectingFlow(app);
        var id = await flow.NewApplicationAsync(Xpcc, ordinal: 7);
        var experts = await flow.FreeExpertsAsync(id, Technical, Technical, Technical, Management, Finance);
        (await flow.FormPanelAsync(await flow.BureauAsync(Xpcc), id, experts)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var expert = await flow.ExpertAsync(experts[0]);
        var review = await (await expert.GetAsync($"/ExpertReviews/Review?id={id}")).Content.ReadAsStringAsync();
        review.ShouldContain($"/Applications/{id}/Versions/1");
        review.ShouldNotContain("checked=\"checked\"");   // nothing pre-selected in the verdict
        var page = await expert.GetAsync($"/Applications/{id}/Versions/1");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("/ExpertReviews/Review?id=" + id);
        html.ShouldNotMatch(@"1[3-9]\d{9}");              // phone numbers masked for experts
        (await expert.GetAsync($"/Applications/{id}/Versions/1?handler=Pdf")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var pool = await app.Db(db => db.Experts.AsNoTracking().Where(e => e.JurisdictionId == Xpcc).ToListAsync());
        var outsider = await flow.ExpertAsync(pool.First(e => experts.All(x => x.Id != e.Id)));
        (await outsider.GetAsync($"/Applications/{id}/Versions/1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Co_builders_are_found_by_a_word_of_their_name_or_their_credit_code()
    {
        var (client, id, unitId) = await DraftAsync();
        var other = await app.Db(db => db.Units.AsNoTracking().Where(u => u.JurisdictionId == Xpcc && u.Id != unitId).OrderBy(u => u.Id).FirstAsync());
        async Task<List<string>> Search(string q)
        {
            var r = await client.GetAsync($"/Applications/{id}/Edit?handler=Units&q={Uri.EscapeDataString(q)}");
            r.StatusCode.ShouldBe(HttpStatusCode.OK);
            using var json = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
            return json.RootElement.EnumerateArray().Select(e => e.GetProperty("code").GetString()!).ToList();
        }
        (await Search(other.Name[..4])).ShouldContain(other.CreditCode);
        (await Search(other.CreditCode[..8].ToLowerInvariant())).ShouldContain(other.CreditCode);
        (await Search(other.CreditCode)).ShouldBe([other.CreditCode]);
        (await Search("x")).ShouldBeEmpty();                                   // at least two characters
        var lead = await app.Db(db => db.Units.AsNoTracking().SingleAsync(u => u.Id == unitId));
        (await Search(lead.CreditCode)).ShouldBeEmpty();                       // the lead unit is not its own co-builder
        var foreign = await app.Db(db => db.Units.AsNoTracking().FirstAsync(u => u.JurisdictionId != Xpcc));
        (await Search(foreign.CreditCode)).ShouldBeEmpty();                    // another jurisdiction's registry
    }

    [Fact]
    public async Task Bug_0804_applicants_and_experts_see_their_own_menus_without_bureau_tabs_or_areas_under_construction()
    {
        var applicant = await app.LoginAsync("xpcc-applicant");
        var inbox = await (await applicant.GetAsync("/Inbox")).Content.ReadAsStringAsync();
        inbox.ShouldNotContain("href=\"/Areas/");
        inbox.ShouldNotContain("href=\"/ExpertReviews\"");
        inbox.ShouldContain("href=\"/Decisions\"");
        (await (await applicant.GetAsync("/Decisions")).Content.ReadAsStringAsync()).ShouldNotContain("data-testid=\"selecting-tabs\"");

        var flow = new SelectingFlow(app);
        var expertRecord = (await app.Db(db => db.Experts.AsNoTracking().Where(e => e.JurisdictionId == Xpcc).OrderBy(e => e.Id).ToListAsync())).First();
        var expert = await flow.ExpertAsync(expertRecord);
        var reviews = await (await expert.GetAsync("/ExpertReviews")).Content.ReadAsStringAsync();
        reviews.ShouldNotContain("data-testid=\"selecting-tabs\"");
        reviews.ShouldNotContain("href=\"/Areas/");
        reviews.ShouldNotContain("href=\"/Calls\"");

        var bureau = await app.LoginAsync("xpcc-bureau");
        var staff = await (await bureau.GetAsync("/ExpertReviews")).Content.ReadAsStringAsync();
        staff.ShouldContain("data-testid=\"selecting-tabs\"");
        staff.ShouldContain("href=\"/AnnualReports\"");
    }

    [Fact]
    public async Task Bug_0805_every_expert_of_a_demo_pool_can_sign_in_so_a_panel_of_five_can_be_walked_to_its_end()
    {
        foreach (var j in SelectingFlow.Short)
        {
            var pool = await app.Db(db => db.Experts.AsNoTracking().Where(e => e.JurisdictionId == j.Key && e.Name != null).OrderBy(e => e.Id).Take(18).Select(e => e.Id).ToListAsync());
            var accounts = await app.Db(db => db.Users.AsNoTracking().Where(u => u.ExpertId != null && pool.Contains(u.ExpertId.Value)).Select(u => new { u.UserName, u.ExpertId }).ToListAsync());
            pool.ShouldAllBe(id => accounts.Any(a => a.ExpertId == id), $"{j.Key}: 专家库中每位专家都有演示账号");
            var logins = accounts.Select(a => a.UserName!).ToList();
            logins.ShouldContain($"{j.Value}-expert");
            logins.ShouldContain($"{j.Value}-expert-05");
        }
        var fifth = await app.LoginAsync("cz-expert-05");
        (await fifth.GetAsync("/ExpertReviews")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Bug_0806_a_unit_page_carries_no_inline_style_the_content_security_policy_would_block()
    {
        var bureau = await app.LoginAsync("xpcc-bureau");
        var unit = await app.Db(db => db.Units.Where(u => u.JurisdictionId == Xpcc).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync());
        var html = await (await bureau.GetAsync($"/Units/{unit}")).Content.ReadAsStringAsync();
        html.ShouldNotContain("style=\"");
    }

    [Fact]
    public async Task Bug_0807_the_upload_form_carries_its_antiforgery_token_so_a_browser_can_upload_the_required_attachments()
    {
        var (client, id, _) = await DraftAsync();
        var html = await (await client.GetAsync($"/Applications/{id}/Edit")).Content.ReadAsStringAsync();
        var form = System.Text.RegularExpressions.Regex.Match(html, "<form[^>]*handler=Upload[^>]*>(.*?)</form>", System.Text.RegularExpressions.RegexOptions.Singleline);
        form.Success.ShouldBeTrue();
        form.Groups[1].Value.ShouldContain("name=\"__RequestVerificationToken\"");
    }

    /// <summary>The PDF's text without spaces (as laid out, or in reading order with no whitespace at all); pages end with a form feed.</summary>
    private static async Task<string> PdfTextAsync(byte[] pdf, bool layout = true)
    {
        var file = Path.Combine(Path.GetTempPath(), $"application-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            using var p = Process.Start(new ProcessStartInfo("pdftotext", layout ? ["-layout", file, "-"] : [file, "-"]) { RedirectStandardOutput = true })!;
            var raw = await p.StandardOutput.ReadToEndAsync();
            var text = layout ? raw.Replace(" ", "") : System.Text.RegularExpressions.Regex.Replace(raw, @"[ \t\r\n]+", "");
            await p.WaitForExitAsync();
            p.ExitCode.ShouldBe(0);
            return text;
        }
        finally { File.Delete(file); }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RecognitionPathTests_Sqlite(SqliteAppFixture app) : RecognitionPathTests(app);

[Collection(PostgresCollection.Name)]
public sealed class RecognitionPathTests_Postgres(PostgresAppFixture app) : RecognitionPathTests(app);
