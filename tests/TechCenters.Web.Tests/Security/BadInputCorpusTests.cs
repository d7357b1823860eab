using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace TechCenters.Web.Tests.Security;

/// <summary>The bad-input corpus (Security/bad-inputs.txt), loaded with its escapes and generators.</summary>
public static class BadInputs
{
    public sealed record Entry(string Section, string Value);

    public static readonly Lazy<List<Entry>> All = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Security", "bad-inputs.txt");
        var entries = new List<Entry>();
        var section = "";
        foreach (var line in File.ReadAllLines(path, Encoding.UTF8))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith('[') && line.EndsWith(']')) { section = line[1..^1]; continue; }
            entries.Add(new(section, Expand(Unescape(line))));
        }
        return entries;
    });

    private static string Unescape(string s) => Regex.Replace(s, @"\\(u[0-9A-Fa-f]{4}|\\)", m => m.Value == @"\\" ? @"\" : ((char)Convert.ToInt32(m.Value[2..], 16)).ToString());

    private static string Expand(string s) => Regex.Replace(s, @"\{\{repeat:(.+?):(\d+)\}\}", m => string.Concat(Enumerable.Repeat(m.Groups[1].Value, int.Parse(m.Groups[2].Value))));

    /// <summary>What is bad for a field of this kind: anything for a fixed choice, an id, a number or a date; the [any] rules for text.</summary>
    public static IEnumerable<string> For(string kind) => All.Value.Where(e => e.Section == "any" || kind != "text").Select(e => e.Value).Distinct();

    /// <summary>How many shares the corpus is dealt into over HTTP (field n gets share n mod this).</summary>
    public const int Shares = 24;

    /// <summary>
    /// What one field gets over HTTP: its share of the entries bad for its kind, rotating by field, so that every entry
    /// reaches a dozen fields and every field two dozen entries in each run (the [any] entries all go through the guard
    /// in-process too, in InputGuardTests). The whole product (every entry × every field) is 30,000+ requests a provider.
    /// </summary>
    public static IEnumerable<string> ForField(string kind, int ordinal) =>
        All.Value.Select((e, i) => (e, i)).Where(x => BadFor(x.e.Section, kind) && (x.i + ordinal) % Shares == 0)
            .Select(x => x.e.Value).Distinct();

    /// <summary>[any] is bad everywhere; [number] wherever text is not expected; [date] where a date or a fixed choice is (0 and -1 are numbers).</summary>
    private static bool BadFor(string section, string kind) => section switch
    {
        "any" => true,
        "number" => kind != "text",
        _ => kind is "date" or "choice" or "id",
    };
}

/// <summary>
/// Every form field and query parameter the pages show (found by crawling them as each kind of account) gets every input
/// of the corpus that is bad for it: 4xx with a Chinese message, never a 5xx, nothing reflected unescaped, nothing changed.
/// </summary>
public abstract class BadInputCorpusTests(SecurityFixture fixture, ITestOutputHelper output)
{
    private AppFixture App => fixture.App;

    [Fact]
    public void The_corpus_holds_at_least_500_inputs_of_every_kind_the_issue_names()
    {
        var all = BadInputs.All.Value;
        all.Select(e => e.Value).Distinct().Count().ShouldBeGreaterThanOrEqualTo(500);
        all.ShouldContain(e => e.Value.Length > 100_000);                                // overlong
        all.ShouldContain(e => e.Value.Contains('\0'));                                  // control
        all.ShouldContain(e => e.Value.Contains('\u202E'));                              // bidi
        all.ShouldContain(e => e.Value.Contains("<script>"));                            // markup and script
        all.ShouldContain(e => e.Value.Contains("DROP TABLE"));                          // SQL
        new[] { "1e309", "NaN", "-0", "2026-02-30", "100万元" }.ShouldAllBe(v => all.Any(e => e.Value == v)); // numbers, dates, units
    }

    private static readonly (string Actor, string[] Start)[] Crawls =
    [
        ("anonymous", ["/Accounts/Login", "/Calls", "/Notices", "/Centers", "/Verify"]),
        ("xpcc-bureau", ["/Inbox"]), ("xpcc-dept", ["/Inbox"]), ("xpcc-applicant", ["/Inbox"]), ("xpcc-expert-assigned", ["/Inbox"]),
        ("xpcc-evaluator", ["/Inbox"]), ("sysadmin", ["/Inbox"]), ("secadmin", ["/Inbox"]), ("auditadmin", ["/Inbox"]),
    ];

    private async Task<(Dictionary<string, HttpClient> Clients, List<FoundForm> Forms)> CrawlAsync()
    {
        // Each account crawls on a client of its own, all at once (reading pages only); the forms are kept in the order of
        // the accounts, so which form stands for a shape does not depend on who finished first.
        var crawled = await Task.WhenAll(Crawls.Select(async c =>
        {
            var user = fixture.ExtraActors.GetValueOrDefault(c.Actor, c.Actor);
            var client = c.Actor == "anonymous" ? App.Client() : await App.LoginAsync(user);
            return (c.Actor, Client: client, Forms: await PageCrawler.CrawlAsync(client, c.Actor, c.Start));
        }));
        var clients = crawled.ToDictionary(c => c.Actor, c => c.Client);
        var forms = crawled.SelectMany(c => c.Forms).ToList();
        // One form of each shape, with at least one field to spoil (antiforgery tokens are not input).
        var distinct = forms.Where(f => f.Fields.Any(x => x.Name != "__RequestVerificationToken" && x.Kind != "file"))
            .GroupBy(f => f.Shape).Select(g => g.First()).ToList();
        return (clients, distinct);
    }

    /// <summary>Row counts of every table but the logs that record the attempts themselves, and the cases' and centers' revisions.</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct()
            .Where(t => t is not ("AuditEntries" or "UserSessions" or "SecurityAlerts")).Order().ToList();
        var sb = new StringBuilder();
        await db.Database.OpenConnectionAsync();
        foreach (var sql in tables.Select(t => $"SELECT COUNT(*) FROM \"{t}\"")
                     .Append("SELECT COALESCE(SUM(\"Revision\"), 0) FROM \"Cases\"")
                     .Append("SELECT COALESCE(SUM(\"Revision\"), 0) FROM \"Centers\"")
                     .Append("SELECT COUNT(*) FROM \"AspNetUsers\" WHERE \"LockoutEnd\" IS NOT NULL"))
        {
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.CommandText = sql;
            sb.Append(sql).Append('=').Append(await cmd.ExecuteScalarAsync()).Append('\n');
        }
        return sb.ToString();
    }

    private static bool Chinese(string s) => s.Any(c => c is >= '\u4e00' and <= '\u9fff');

    [Fact]
    public async Task Every_form_field_and_query_parameter_refuses_every_bad_input_of_the_corpus()
    {
        var (clients, forms) = await CrawlAsync();
        forms.Count.ShouldBeGreaterThan(15);
        var failures = new List<string>();
        var requests = 0;
        var ordinal = 0;
        var sent = new HashSet<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var form in forms)
        {
            var client = clients[form.Actor];
            var before = await FingerprintAsync();
            // Every field's share of the corpus, dealt in field order, then sent all at once (the form's fingerprint is
            // taken around all of them).
            var sends = new List<(FormField Field, string Bad)>();
            foreach (var field in form.Fields.Where(f => f.Name != "__RequestVerificationToken" && f.Kind != "file"))
            {
                // A value the field itself offers (a 是/否 choice's "true") is not a bad input for it, whichever share it falls in.
                var inputs = BadInputs.ForField(field.Kind, ordinal++).Where(b => !field.Options.Contains(b)).ToList();
                sent.UnionWith(inputs);
                sends.AddRange(inputs.Select(bad => (field, bad)));
            }
            await Parallel.ForEachAsync(sends, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (send, ct) =>
            {
                var (field, bad) = send;
                var values = form.Fields.Where(f => f.Included && f.Name != field.Name).Select(f => KeyValuePair.Create(f.Name, f.Value))
                    .Append(KeyValuePair.Create(field.Name, bad)).ToList();
                using var response = await SendAsync(client, form, values);
                Interlocked.Increment(ref requests);
                var body = await response.Content.ReadAsStringAsync(ct);
                var status = (int)response.StatusCode;
                // A GET filter given a well-formed number that names nothing (dept=0, p=-1) answers with an empty or first page.
                var harmless = form.Method == "GET" && status == 200 && field.Kind is "choice" or "id" && System.Text.RegularExpressions.Regex.IsMatch(bad, @"^-?[1-9]?\d*$");
                string? problem = status >= 500 ? "服务器错误" : status < 400 && !harmless ? $"被接受（{status} {response.Headers.Location}）"
                    : !Chinese(body) ? "没有中文提示" : bad.Length < 2000 && (bad.Contains('<') || bad.Contains('"')) && body.Contains(bad) ? "原样回显未转义" : null;
                if (problem is not null)
                    lock (failures) failures.Add($"{form.Actor} {form.Method} {form.Action} 字段 {field.Name}（{field.Kind}）输入 {Show(bad)}：{problem}");
            });
            var after = await FingerprintAsync();
            if (after != before) failures.Add($"{form.Actor} {form.Method} {form.Action}：坏输入后数据发生了变化\n{Diff(before, after)}");
        }
        output.WriteLine($"{forms.Count} 个表单/查询，{forms.Sum(f => f.Fields.Count)} 个字段，{requests} 个请求，{clock.Elapsed.TotalSeconds:F0} 秒");
        // Every input of the corpus went over HTTP to some field.
        BadInputs.All.Value.Select(e => e.Value).Except(sent).ShouldBeEmpty();
        foreach (var f in forms) output.WriteLine($"  {f.Actor} {f.Shape}");
        failures.Take(60).ShouldBeEmpty($"共 {failures.Count} 处：\n" + string.Join("\n", failures.Take(60)));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, FoundForm form, List<KeyValuePair<string, string>> values)
    {
        if (form.Method == "GET")
        {
            var query = string.Join("&", values.Select(v => $"{Uri.EscapeDataString(v.Key)}={Uri.EscapeDataString(v.Value)}"));
            return await client.GetAsync(form.Action.Split('?')[0] + "?" + (form.Action.Contains('?') ? form.Action.Split('?', 2)[1] + "&" : "") + query);
        }
        HttpContent content = form.Multipart ? Multipart(values) : new FormUrlEncodedContent(values);
        return await client.PostAsync(form.Action, content);
    }

    private static MultipartFormDataContent Multipart(IEnumerable<KeyValuePair<string, string>> values)
    {
        var content = new MultipartFormDataContent();
        foreach (var (k, v) in values) content.Add(new StringContent(v), k);
        return content;
    }

    private static string Show(string s) => s.Length > 60 ? $"{Escape(s[..40])}…（{s.Length} 字符）" : Escape(s);
    private static string Escape(string s) => string.Concat(s.Select(c => c < ' ' || c is >= '\u007f' and <= '\u009f' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format ? $"\\u{(int)c:X4}" : c.ToString()));
    private static string Diff(string a, string b) => string.Join("\n", a.Split('\n').Zip(b.Split('\n')).Where(p => p.First != p.Second).Select(p => $"  {p.First} → {p.Second}"));

    /// <summary>Uploads: empty, over the limit, wrong type by content, executables renamed, traversal names, archive bombs, duplicates.</summary>
    [Fact]
    public async Task Every_upload_refuses_bad_files_and_keeps_nothing()
    {
        var files = Path.Combine(Path.GetTempPath(), $"techcenters-upload-{Guid.NewGuid():N}");
        await using var limited = App.CreateFactory(b => { b.UseSetting("Attachments:MaxBytes", "65536"); b.UseSetting("Attachments:Path", files); });
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
        var zip = ZipBomb();
        var cases = new (string Name, string FileName, byte[] Bytes, int Copies)[]
        {
            ("空文件", "empty.pdf", [], 1),
            ("超过大小限制", "big.pdf", [.. pdf, .. new byte[70_000]], 1),
            ("内容不是PDF（文本改名）", "notes.pdf", Encoding.UTF8.GetBytes("这是一段文字，不是PDF"), 1),
            ("可执行文件改名", "report.pdf", [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF], 1),
            ("ELF可执行文件改名", "scan.png", [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0], 1),
            ("脚本冒充图片", "photo.png", Encoding.UTF8.GetBytes("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"), 1),
            ("网页冒充PDF", "page.pdf", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), 1),
            ("路径跳转文件名", "../../../App_Data/evil.pdf", pdf, 1),
            ("Windows路径文件名", "..\\..\\evil.pdf", pdf, 1),
            ("绝对路径文件名", "/etc/cron.d/evil.pdf", pdf, 1),
            ("双扩展名可执行", "协议.pdf.exe", pdf, 1),
            ("控制字符文件名", "a\u0007b.pdf", pdf, 1),
            ("方向控制字符文件名", "invoice\u202Efdp.exe", pdf, 1),
            ("压缩炸弹", "archive.pdf", zip, 1),
            ("压缩炸弹（zip扩展名）", "bomb.zip", zip, 1),
            ("同一文件重复", "协议.pdf", pdf, 2),
        };
        var bureau = await App.LoginAsync("xpcc-bureau", factory: limited);
        var applicant = await App.LoginAsync("xpcc-applicant", factory: limited);
        var applicationId = await App.Db(async db => (await db.Users.SingleAsync(u => u.UserName == "xpcc-applicant")).UnitId is int unit
            ? await db.Applications.Where(a => a.Case.LeadUnitId == unit).Select(a => a.Id).FirstAsync() : 0);
        var uploads = new (HttpClient Client, string Page, string Action, Func<MultipartFormDataContent, Task> Fields)[]
        {
            (bureau, "/Calls/Publish", "/Calls/Publish", c => { c.Add(new StringContent("测试通知"), "Title"); return Task.CompletedTask; }),
            (applicant, $"/Applications/{applicationId}/Edit", $"/Applications/{applicationId}/Edit?handler=Upload", c => { c.Add(new StringContent("共建协议"), "kind"); return Task.CompletedTask; }),
            (bureau, "/Imports?kind=units", "/Imports?kind=units", c => { c.Add(new StringContent("units"), "kind"); return Task.CompletedTask; }),
        };
        var failures = new List<string>();
        foreach (var (client, page, action, fields) in uploads)
        {
            var token = await AppFixture.AntiforgeryTokenAsync(client, page);
            foreach (var c in cases)
            {
                var before = await FingerprintAsync();
                using var content = new MultipartFormDataContent();
                content.Add(new StringContent(token), "__RequestVerificationToken");
                await fields(content);
                for (var i = 0; i < c.Copies; i++)
                {
                    var part = new ByteArrayContent(c.Bytes);
                    part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                    content.Add(part, "files", c.FileName);
                }
                using var r = await client.PostAsync(action, content);
                var body = await r.Content.ReadAsStringAsync();
                if ((int)r.StatusCode is < 400 or >= 500 || !Chinese(body)) failures.Add($"{action} {c.Name}：{(int)r.StatusCode}");
                if (await FingerprintAsync() != before) failures.Add($"{action} {c.Name}：数据发生了变化");
            }
        }
        (Directory.Exists(files) ? Directory.GetFiles(files) : []).ShouldBeEmpty("被拒绝的文件不应留在附件目录中");
        failures.ShouldBeEmpty(string.Join("\n", failures));
    }

    /// <summary>A zip whose one entry inflates from a few kilobytes to 50 MB of zeros.</summary>
    private static byte[] ZipBomb()
    {
        using var ms = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(ms, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("zeros.pdf", System.IO.Compression.CompressionLevel.SmallestSize).Open();
            var block = new byte[1 << 20];
            for (var i = 0; i < 50; i++) entry.Write(block);
        }
        return ms.ToArray();
    }
}

[Collection(SecuritySqliteCollection.Name)]
public sealed class BadInputCorpusTests_Sqlite(SecuritySqliteFixture fixture, ITestOutputHelper output) : BadInputCorpusTests(fixture, output);

[Collection(SecurityPostgresCollection.Name)]
public sealed class BadInputCorpusTests_Postgres(SecurityPostgresFixture fixture, ITestOutputHelper output) : BadInputCorpusTests(fixture, output);
