using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechCenters.Policy;
using TechCenters.Web.Features.Cases;
using Shouldly;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Calls;
using TechCenters.Web.Tests.Infrastructure;

namespace TechCenters.Web.Tests.Features.Applying;

/// <summary>Drives the applying pages over HTTP the way a browser posts them.</summary>
public static class ApplyingHelpers
{
    public sealed record FormState(string Token, int Revision, string Key);

    public static async Task<FormState> FormStateAsync(this HttpClient client, string url)
    {
        var html = await client.GetStringAsync(url);
        string Hidden(string name) => Regex.Match(html, $"name=\"{Regex.Escape(name)}\" (?:type=\"hidden\" )?value=\"([^\"]*)\"").Groups[1].Value;
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        int.TryParse(Hidden("revision"), out var rev);
        return new FormState(token, rev, Hidden("idempotencyKey"));
    }

    /// <summary>An applicant account for a unit of the jurisdiction that has no application yet (direct: reports straight to the bureau).</summary>
    public static async Task<(string User, int UnitId)> NewApplicantAsync(this AppFixture app, string jurisdiction, bool? direct = false)
    {
        var used = await app.Db(db => db.Users.Where(u => u.UnitId != null).Select(u => u.UnitId!.Value).ToListAsync());
        var call = await app.OpenCallAsync(jurisdiction);
        var usedApps = await app.Db(db => db.Applications.Where(a => a.CallId == call.Id).Select(a => a.Case.LeadUnitId).ToListAsync());
        var banned = await app.Db(db => db.Revocations.Select(r => r.UnitId).ToListAsync());
        var unit = await app.Db(db => db.Units.AsNoTracking()
            .Where(u => u.JurisdictionId == jurisdiction && !used.Contains(u.Id) && !usedApps.Contains(u.Id) && !banned.Contains(u.Id))
            .Where(u => direct == null || (direct == true ? u.DepartmentId == null : u.DepartmentId != null))
            .OrderBy(u => u.Id).FirstAsync());
        var user = await app.CreateUserAsync(Roles.Applicant, configure: u => { u.UnitId = unit.Id; u.JurisdictionId = jurisdiction; });
        return (user, unit.Id);
    }

    /// <summary>A department officer of the unit's department.</summary>
    public static async Task<string> DepartmentOfficerForAsync(this AppFixture app, int unitId)
    {
        var unit = await app.Db(db => db.Units.AsNoTracking().SingleAsync(u => u.Id == unitId));
        return await app.CreateUserAsync(Roles.DepartmentOfficer, configure: u => { u.DepartmentId = unit.DepartmentId; u.JurisdictionId = unit.JurisdictionId; });
    }

    /// <summary>A bureau officer publishes a call opening an hour ago and closing in 20 days, as the preview's 确认发布 posts it.</summary>
    public static async Task<HttpResponseMessage> PublishCallAsync(this AppFixture app, HttpClient bureau, string title, string priorityFields)
    {
        var token = await AppFixture.AntiforgeryTokenAsync(bureau, "/Calls/Publish");
        var local = app.Clock.ToLocal(app.Time.GetUtcNow());
        return await bureau.PostAsync("/Calls/Publish", new MultipartFormDataContent
        {
            { new StringContent(title), "Title" },
            { new StringContent(priorityFields), "PriorityFields" },
            { new StringContent("各有关单位：现组织开展技术创新中心申报工作，请按管理办法要求报送申报材料。"), "Body" },
            { new StringContent("true"), "confirmed" },
            { new StringContent(local.AddHours(-1).ToString("yyyy-MM-ddTHH:mm")), "OpensLocal" },
            { new StringContent(local.AddDays(20).ToString("yyyy-MM-ddTHH:mm")), "ClosesLocal" },
            { new StringContent(token), "__RequestVerificationToken" },
        });
    }

    public static Task<Call> OpenCallAsync(this AppFixture app, string jurisdiction) =>
        app.Db(async db => (await db.Calls.AsNoTracking().Where(c => c.JurisdictionId == jurisdiction).ToListAsync())
            .First(c => c.IsOpen(app.Time.GetUtcNow())));

    public static async Task<int> CreateApplicationAsync(this HttpClient client, int callId, string name = "第十二师测试技术创新中心")
    {
        var token = await AppFixture.AntiforgeryTokenAsync(client, $"/Calls/{callId}");
        var r = await client.PostAsync($"/Calls/{callId}?handler=Apply", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["CenterName"] = name, ["__RequestVerificationToken"] = token,
        }));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        return int.Parse(Regex.Match(r.Headers.Location!.ToString(), @"/Applications/(\d+)/Edit").Groups[1].Value);
    }

    public static Dictionary<string, string> Fields(string name, params (string Key, string Value)[] more)
    {
        var d = new Dictionary<string, string> { ["CenterName"] = name };
        foreach (var (k, v) in more) d[k] = v;
        return d;
    }

    public static async Task<HttpResponseMessage> PostEditAsync(this HttpClient client, int id, string handler, Dictionary<string, string> fields, FormState? state = null)
    {
        state ??= await client.FormStateAsync($"/Applications/{id}/Edit");
        var body = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = state.Token, ["revision"] = state.Revision.ToString(), ["idempotencyKey"] = state.Key,
        };
        return await client.PostAsync($"/Applications/{id}/Edit?handler={handler}", new FormUrlEncodedContent(body));
    }

    public static async Task<HttpResponseMessage> PostDetailAsync(this HttpClient client, int id, string handler, Dictionary<string, string> fields)
    {
        var state = await client.FormStateAsync($"/Applications/{id}");
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = state.Token };
        if (!body.ContainsKey("revision")) body["revision"] = (await RevisionAsync(id, client)).ToString();
        return await client.PostAsync($"/Applications/{id}?handler={handler}", new FormUrlEncodedContent(body));
    }

    private static async Task<int> RevisionAsync(int id, HttpClient client)
    {
        var html = await client.GetStringAsync($"/Applications/{id}");
        var m = Regex.Match(html, "name=\"revision\" value=\"(\\d+)\"");
        return m.Success ? int.Parse(m.Groups[1].Value) : 0;
    }

    public static Task<Application> AppAsync(this AppFixture app, int id) =>
        app.Db(db => db.Applications.AsNoTracking().Include(a => a.Case).SingleAsync(a => a.Id == id));

    /// <summary>The pack version the application's case is pinned to.</summary>
    public static async Task<PolicyPack> PackOfAsync(this AppFixture app, int id)
    {
        var a = await app.AppAsync(id);
        await using var scope = app.Scope();
        return scope.ServiceProvider.GetRequiredService<CaseKernel>().PackOf(a.Case);
    }

    /// <summary>
    /// A real one-page PDF, as a user's scanner or word processor writes it: catalog, page tree, one blank A4 page and a
    /// cross-reference table with the objects' true offsets (the store sniffs content, not the name).
    /// </summary>
    public static readonly byte[] TinyPdf = MinimalPdf();

    private static byte[] MinimalPdf()
    {
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>",
        ];
        var body = new System.Text.StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(body.Length);
            body.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = body.Length;
        body.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) body.Append($"{o:D10} 00000 n \n");
        body.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return System.Text.Encoding.ASCII.GetBytes(body.ToString());
    }

    /// <summary>
    /// The name a user's file for an attachment kind has: the kind's label, with the label's "/" (营业执照/事业单位法人证书)
    /// read as 或 — a file name holds no path, and the upload refuses one that does.
    /// </summary>
    public static string FileNameFor(string label) => label.Replace('/', '或').Replace('\\', '或') + ".pdf";

    /// <summary>Uploads, as the form does, one PDF for each attachment the pack's application form requires and the draft lacks.</summary>
    public static async Task AttachRequiredAsync(this AppFixture app, HttpClient client, int id)
    {
        var pack = await app.PackOfAsync(id);
        var have = await app.Db(db => db.Attachments.Where(x => x.ApplicationId == id).Select(x => x.Kind).ToListAsync());
        foreach (var (label, _) in SubmissionCheck.RequiredAttachments(pack).Where(r => !have.Contains(r.Label)))
        {
            var token = await AppFixture.AntiforgeryTokenAsync(client, $"/Applications/{id}/Edit");
            var r = await client.PostAsync($"/Applications/{id}/Edit?handler=Upload", new MultipartFormDataContent
            {
                { new ByteArrayContent(TinyPdf), "files", FileNameFor(label) }, { new StringContent(label), "kind" },
                { new StringContent(token), "__RequestVerificationToken" },
            });
            r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        }
    }

    /// <summary>
    /// What a complete submission posts: the name, every section of the plan, a figure, and the confirmation of the
    /// eligibility conditions that fail or need judgement (listed on the form before it is submitted).
    /// </summary>
    public static Dictionary<string, string> Complete(PolicyPack pack, string name, params (string Key, string Value)[] more) =>
        Fields(name, Plan(ApplicationForm.PlanSections(pack)).Append(("confirmed", "true")).Concat(more).ToArray());

    /// <summary>A plan long enough for every pack, with every section of the outline.</summary>
    public static (string, string)[] Plan(IEnumerable<string> sections) =>
        sections.Select(s => ("plan:" + s, $"{s}：" + string.Concat(Enumerable.Repeat("围绕产业关键共性技术开展协同攻关，建设开放共享的研发平台。", 12)))).ToArray();
}
