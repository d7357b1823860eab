using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Tests.Infrastructure;

namespace TechCenters.Web.Tests.Processes;

/// <summary>
/// Drives an app process through its real pages, the way each role posts its forms: the applicant submits 申报书
/// (save + submit in one transaction, with a receipt), the officer whose move it is makes the pack's next forward move
/// (the department's recommendation, the bureau's review). Remembers what the server acknowledged, so a test can check
/// after a crash that every acknowledged write exists and nothing half-written does.
/// </summary>
public sealed class WorkflowDriver(Func<Uri> baseAddress, IReadOnlyList<Uri>? roundRobin = null)
{
    public const string Applicant = "xpcc-applicant";
    public static readonly string[] Officers = ["xpcc-dept", "xpcc-bureau"];
    public const string Password = AppFixture.Password;

    /// <summary>Application id → receipt number the server answered with.</summary>
    public ConcurrentDictionary<int, string> Receipts { get; } = new();
    /// <summary>Acknowledged moves: (application id, stage moved to).</summary>
    public ConcurrentBag<(int Application, string To)> Moves { get; } = [];
    public int Refused;
    /// <summary>Every status code the server answered with (a test asserts there was never a 500).</summary>
    public ConcurrentBag<HttpStatusCode> Statuses { get; } = [];
    /// <summary>Bodies of answers with a 5xx status, for the assertion message.</summary>
    public ConcurrentBag<string> ServerErrors { get; } = [];

    private async Task<HttpResponseMessage> Note(HttpResponseMessage r)
    {
        Statuses.Add(r.StatusCode);
        if ((int)r.StatusCode >= 500 && r.StatusCode != HttpStatusCode.ServiceUnavailable)
            ServerErrors.Add($"{(int)r.StatusCode} {r.RequestMessage?.RequestUri}: {Html.Text(await r.Content.ReadAsStringAsync())}");
        return r;
    }

    public sealed record Session(HttpClient Client, string Token);

    public static HttpClient NewClient(Uri baseAddress, IReadOnlyList<Uri>? roundRobin = null)
    {
        HttpMessageHandler handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, MaxConnectionsPerServer = 64 };
        if (roundRobin is { Count: > 1 }) handler = new RoundRobin(roundRobin) { InnerHandler = handler };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Sends each request to the next instance in turn (one cookie jar: cookies on 127.0.0.1 go to every port).</summary>
    public sealed class RoundRobin(IReadOnlyList<Uri> instances) : DelegatingHandler
    {
        private int next = -1;
        public ConcurrentDictionary<int, int> Served { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var to = instances[(int)((uint)Interlocked.Increment(ref next) % instances.Count)];
            request.RequestUri = new UriBuilder(request.RequestUri!) { Host = to.Host, Port = to.Port }.Uri;
            Served.AddOrUpdate(to.Port, 1, (_, n) => n + 1);
            return base.SendAsync(request, ct);
        }
    }

    public async Task<Session> LoginAsync(string user)
    {
        var client = NewClient(baseAddress(), roundRobin);
        var token = Token(await client.GetStringAsync("Accounts/Login"));
        var r = await client.PostAsync("Accounts/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = user, ["Input.Password"] = Password, ["__RequestVerificationToken"] = token,
        }));
        if (r.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"登录 {user} 失败：{(int)r.StatusCode}");
        // One antiforgery token serves every form of the session.
        return new Session(client, Token(await client.GetStringAsync("Accounts/Password")));
    }

    /// <summary>Draft applications of the demo applicant's unit (load-test endpoint, Bench:Enabled).</summary>
    public async Task<int[]> DraftsAsync(int count)
    {
        using var client = NewClient(baseAddress());
        var r = await client.PostAsync($"bench/drafts/{count}?user={Applicant}", null);
        r.EnsureSuccessStatusCode();
        return (await r.Content.ReadFromJsonAsync<int[]>())!;
    }

    /// <summary>Saves and submits the draft through the real form; the receipt when the server acknowledged it.</summary>
    public async Task<string?> SubmitAsync(Session s, int id)
    {
        var r = await Note(await s.Client.PostAsync($"Applications/{id}/Edit?handler=Submit", new FormUrlEncodedContent(await SubmissionAsync(s, id))));
        var location = r.Headers.Location?.ToString() ?? "";
        var m = Regex.Match(location, "receipt=([^&]+)");
        if (r.StatusCode != HttpStatusCode.Redirect || !m.Success) { Interlocked.Increment(ref Refused); return null; }
        var receipt = Uri.UnescapeDataString(m.Groups[1].Value);
        Receipts[id] = receipt;
        return receipt;
    }

    /// <summary>What a complete submission of a bench draft posts (the name, every plan section, a figure, the confirmation).</summary>
    public async Task<Dictionary<string, string>> SubmissionAsync(Session s, int id)
    {
        var form = await FormAsync(id);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = s.Token, ["revision"] = "1", ["idempotencyKey"] = Guid.NewGuid().ToString("N"),
            ["CenterName"] = $"{form.Prefix}压测{id}{form.Suffix}", ["f:lead.rd_expense_last_year"] = "3000000",
            ["confirmed"] = "true", // the eligibility doubts listed before submission, confirmed as the form asks
        };
        foreach (var section in form.Plan)
            fields["plan:" + section] = section + "：" + string.Concat(Enumerable.Repeat("围绕产业关键共性技术开展协同攻关，建设开放共享的研发平台。", 12));
        return fields;
    }

    private sealed record BenchForm(string Prefix, string Suffix, string[] Plan);
    private BenchForm? benchForm;

    /// <summary>The pack's name prefix/suffix and plan outline for these drafts (one pack per run: asked once).</summary>
    private async Task<BenchForm> FormAsync(int id)
    {
        if (benchForm is { } known) return known;
        using var client = NewClient(baseAddress());
        return benchForm = (await client.GetFromJsonAsync<BenchForm>($"bench/form/{id}", new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)))!;
    }

    /// <summary>Uploads a small PDF to the draft through the real form; true when the server acknowledged it.</summary>
    public async Task<bool> UploadAsync(Session s, int id, string text)
    {
        var pdf = System.Text.Encoding.UTF8.GetBytes($"%PDF-1.4\n% {text}\n%%EOF\n");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(s.Token), "__RequestVerificationToken" },
            { new StringContent("佐证材料"), "kind" },
        };
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "files", $"证明{id}.pdf");
        var r = await Note(await s.Client.PostAsync($"Applications/{id}/Edit?handler=Upload", form));
        return r.StatusCode == HttpStatusCode.Redirect;
    }

    /// <summary>The first forward move any of the officers may make on the application, made; the stage when acknowledged.</summary>
    public async Task<string?> AdvanceAsync(IReadOnlyList<Session> officers, int id)
    {
        foreach (var s in officers)
        {
            var page = await Note(await s.Client.GetAsync($"Applications/{id}"));
            if (page.StatusCode != HttpStatusCode.OK) continue;
            var html = await page.Content.ReadAsStringAsync();
            var move = Regex.Match(html, "class=\"btn btn-primary\" type=\"submit\" name=\"to\" value=\"([^\"]+)\"");
            var revision = Regex.Match(html, "name=\"revision\" value=\"(\\d+)\"");
            if (!move.Success || !revision.Success) continue;
            var to = WebUtility.HtmlDecode(move.Groups[1].Value);
            var r = await Note(await s.Client.PostAsync($"Applications/{id}?handler=Move", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = s.Token, ["revision"] = revision.Groups[1].Value, ["to"] = to, ["note"] = "材料齐全，同意推荐。",
            })));
            if (r.StatusCode == HttpStatusCode.Redirect) { Moves.Add((id, to)); return to; }
            Interlocked.Increment(ref Refused);
            return null;
        }
        return null;
    }

    /// <summary>
    /// Each draft submitted, then moved on twice, <paramref name="concurrency"/> at a time, until all are done or
    /// <paramref name="stop"/> is cancelled (requests cut off by a crash count as unacknowledged).
    /// </summary>
    public async Task BurstAsync(Session applicant, IReadOnlyList<Session> officers, IEnumerable<int> ids, int concurrency, CancellationToken stop)
    {
        using var gate = new SemaphoreSlim(concurrency);
        var tasks = ids.Select(async id =>
        {
            try { await gate.WaitAsync(stop); }
            catch (OperationCanceledException) { return; }
            try
            {
                if (stop.IsCancellationRequested || await SubmitAsync(applicant, id) is null) return;
                if (stop.IsCancellationRequested || await AdvanceAsync(officers, id) is null) return;
                if (stop.IsCancellationRequested) return;
                await AdvanceAsync(officers, id);
            }
            // The server went away mid-request: not acknowledged. (A connect racing the kill can surface as a bare
            // SocketException from the connection pool rather than an HttpRequestException.)
            catch (Exception e) when (e is HttpRequestException or System.Net.Sockets.SocketException or IOException) { }
            catch (TaskCanceledException) { }
            finally { gate.Release(); }
        }).ToList();
        await Task.WhenAll(tasks);
    }

    /// <summary>
    /// What must hold in the database after any crash: every acknowledged submission and move is there; receipts are
    /// unique; each application's stage, revision, versions, activity entries and audit rows agree (nothing half-written).
    /// </summary>
    public async Task CheckDatabaseAsync(AppDbContext db, int[] ids)
    {
        var from = ids.Min();
        var to = ids.Max();
        var apps = await db.Applications.AsNoTracking().Include(a => a.Case).Where(a => a.Id >= from && a.Id <= to).ToListAsync();
        var versions = await db.ApplicationVersions.AsNoTracking().Where(v => v.ApplicationId >= from && v.ApplicationId <= to).ToListAsync();
        var activities = await db.Activities.AsNoTracking().Where(x => x.CaseId >= from && x.CaseId <= to).ToListAsync();
        var idText = ids.Select(i => i.ToString()).ToList();
        var audits = await db.AuditEntries.AsNoTracking().Where(a => a.ObjectType == "申报书" && idText.Contains(a.ObjectId!)).ToListAsync();

        foreach (var (id, receipt) in Receipts)
            versions.ShouldContain(v => v.ApplicationId == id && v.ReceiptNumber == receipt, $"已确认的提交（回执 {receipt}）丢失");
        foreach (var (id, stage) in Moves)
            activities.ShouldContain(x => x.CaseId == id && x.ToStage == stage, $"已确认的办理（申报书 {id} → {stage}）丢失");

        var allReceipts = await db.ApplicationVersions.AsNoTracking().Select(v => v.ReceiptNumber).ToListAsync();
        allReceipts.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty("回执编号重复");

        foreach (var a in apps)
        {
            var mine = activities.Where(x => x.CaseId == a.Id).OrderBy(x => x.Id).ToList();
            var myVersions = versions.Where(v => v.ApplicationId == a.Id).ToList();
            myVersions.Count.ShouldBe(a.VersionCount, $"申报书 {a.Id} 的版本数与记录不一致");
            a.Case.Revision.ShouldBe(1 + mine.Count, $"申报书 {a.Id} 的修订号与办理记录不一致（半完成的写入）");
            if (mine.Count > 0) a.Case.StageId.ShouldBe(mine[^1].ToStage, $"申报书 {a.Id} 的阶段与最后一条办理记录不一致");
            if (a.VersionCount > 0)
            {
                a.ReceiptNumber.ShouldBe(myVersions.MaxBy(v => v.Number)!.ReceiptNumber);
                mine.ShouldContain(x => x.Note != null && x.Note.Contains(a.ReceiptNumber!), $"申报书 {a.Id} 的提交没有办理记录");
            }
            // One audit row per activity entry, written in the same transaction.
            foreach (var g in mine.GroupBy(x => x.Action))
                audits.Count(x => x.ObjectId == a.Id.ToString() && x.Action == g.Key).ShouldBe(g.Count(), $"申报书 {a.Id} 的“{g.Key}”审计记录与办理记录数量不一致");
        }
        audits.ShouldAllBe(x => x.Outcome == AuditOutcome.Success);
    }

    private static string Token(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"") is { Success: true } m
            ? m.Groups[1].Value : throw new InvalidOperationException("页面中没有防伪令牌");
}
