using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

// Submission load harness: N distinct draft applications submitted through the real page (login cookie, antiforgery,
// save + submit in one transaction) at bounded concurrency, then the bare insert endpoint the same number of times.
// The app must run with Bench:Enabled=true and Demo:Enabled=true (demo accounts). Usage:
//   dotnet run -c Release --project bench/TechCenters.Load -- --url http://127.0.0.1:5080 --count 1000 --concurrency 100
var url = Arg("--url", "http://127.0.0.1:5080").TrimEnd('/');
var count = int.Parse(Arg("--count", "1000"));
var concurrency = int.Parse(Arg("--concurrency", "100"));
var user = Arg("--user", "xpcc-applicant");
var password = Arg("--password", "Demo@2026tc");
// The app's process id (Linux): its CPU time per operation is reported next to the throughput, to show what bounds it.
var appPid = int.TryParse(Arg("--pid", ""), out var pidValue) ? pidValue : (int?)null;
// Submissions and bare inserts made before measuring, untimed: a fresh process spends its first tens of seconds compiling
// hot methods again at tier 1 on a background thread (a CPU profile of an unwarmed run: 42 % of the app's CPU), and the
// submissions, measured first, paid for it while the bare inserts after them did not.
var warmup = int.Parse(Arg("--warmup", Math.Min(count, 600).ToString()));

var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, MaxConnectionsPerServer = concurrency };
using var http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };

var all = await (await http.PostAsync($"/bench/drafts/{count + warmup}?user={user}", null)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<int[]>() ?? [];
Console.WriteLine($"准备草稿 {all.Length} 份（申报书 {all.Min()}–{all.Max()}；预热 {warmup} 份，计量 {count} 份）");
var ids = all[warmup..];

// Log in once; the antiforgery token of a page is valid for every form of this session.
var login = await http.GetStringAsync("/Accounts/Login");
var r = await http.PostAsync("/Accounts/Login", new FormUrlEncodedContent(new Dictionary<string, string>
{
    ["Input.UserName"] = user, ["Input.Password"] = password, ["__RequestVerificationToken"] = Token(login),
}));
if (r.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"登录失败 {(int)r.StatusCode}");
var token = Token(await http.GetStringAsync($"/Applications/{ids[0]}/Edit"));
// A complete submission as the pack's form asks for it: the name in the pack's pattern, every section of the plan, a
// figure, and the confirmation of the eligibility doubts listed before submitting (the drafts carry the required attachments).
var form = await http.GetFromJsonAsync<BenchForm>($"/bench/form/{ids[0]}", new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))
    ?? throw new InvalidOperationException("/bench/form 没有回答");
var section = string.Concat(Enumerable.Repeat("围绕产业关键共性技术开展协同攻关，建设开放共享的研发平台。", 12));
var firstRefusal = 0;

async Task<bool> Submit(int id)
{
    var fields = new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = token, ["revision"] = "1", ["idempotencyKey"] = Guid.NewGuid().ToString("N"),
        ["CenterName"] = $"{form.Prefix}压测{id}{form.Suffix}", ["f:lead.rd_expense_last_year"] = "3000000", ["confirmed"] = "true",
    };
    foreach (var s in form.Plan) fields["plan:" + s] = s + "：" + section;
    var res = await http.PostAsync($"/Applications/{id}/Edit?handler=Submit", new FormUrlEncodedContent(fields));
    var ok = res.StatusCode == HttpStatusCode.Redirect && res.Headers.Location?.ToString().Contains("receipt=") == true;
    // A refused submission measures the refusal, not the submission: say why, once.
    if (!ok && Interlocked.Exchange(ref firstRefusal, 1) == 0)
        Console.WriteLine($"首个失败的提交：HTTP {(int)res.StatusCode} {Regex.Match(await res.Content.ReadAsStringAsync(), "alert[^>]*>([^<]{0,300})").Groups[1].Value.Trim()}");
    return ok;
}
async Task<bool> Bare(int id) => (await http.PostAsync($"/bench/insert/{id}", null)).IsSuccessStatusCode;
if (warmup > 0)
{
    await RunAsync("预热：提交申报书（不计）", all[..warmup], Submit);
    await RunAsync("预热：裸插入（不计）", all[..warmup], Bare);
}
var submit = await RunAsync("提交申报书（真实页面）", ids, Submit);
var bare = await RunAsync("裸插入（同一 DbContext，无业务）", ids, Bare);

var kept = await http.GetFromJsonAsync<Dictionary<string, int>>($"/bench/versions?from={all.Min()}&to={all.Max()}");
Console.WriteLine($"数据库核对：提交版本 {kept!["submitted"]} 份，已提交申报书 {kept["applications"]} 份，应为 {all.Length}；丢失 {all.Length - kept["submitted"]}");
Console.WriteLine($"比值：提交吞吐为裸插入的 {submit / bare:P0}");
return kept["submitted"] == all.Length && kept["applications"] == all.Length ? 0 : 1;

// CPU seconds (user + system) the app process has used so far; null without --pid or /proc.
double? AppCpuSeconds()
{
    if (appPid is null || !File.Exists($"/proc/{appPid}/stat")) return null;
    var fields = File.ReadAllText($"/proc/{appPid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0; // utime, stime in clock ticks (USER_HZ = 100)
}

async Task<double> RunAsync(string label, int[] items, Func<int, Task<bool>> op)
{
    var cpuBefore = AppCpuSeconds();
    var gate = new SemaphoreSlim(concurrency);
    var times = new double[items.Length];
    var ok = 0;
    var total = Stopwatch.StartNew();
    await Task.WhenAll(items.Select(async (id, i) =>
    {
        await gate.WaitAsync();
        try
        {
            var sw = Stopwatch.StartNew();
            if (await op(id)) Interlocked.Increment(ref ok);
            times[i] = sw.Elapsed.TotalMilliseconds;
        }
        finally { gate.Release(); }
    }));
    total.Stop();
    Array.Sort(times);
    double P(double q) => times[Math.Min(times.Length - 1, (int)Math.Ceiling(q * times.Length) - 1)];
    var rate = items.Length / total.Elapsed.TotalSeconds;
    var cpu = AppCpuSeconds() - cpuBefore;
    Console.WriteLine($"{label}：{items.Length} 次，并发 {concurrency}，成功 {ok}，失败 {items.Length - ok}，用时 {total.Elapsed.TotalSeconds:F1} s，" +
        $"吞吐 {rate:F0} 次/秒，p50 {P(0.50):F0} ms，p99 {P(0.99):F0} ms" +
        (cpu is null ? "" : $"，应用进程 CPU {cpu * 1000 / items.Length:F1} ms/次"));
    return rate;
}

static string Token(string html) => Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

sealed record BenchForm(string Prefix, string Suffix, string[] Plan);
