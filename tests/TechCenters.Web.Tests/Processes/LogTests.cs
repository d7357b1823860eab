using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Processes;

/// <summary>
/// The log stream operators collect, read from the real process's standard output: one JSON object per line, a request
/// id on every line written while a request runs, one summary line per request, and no personal data — not even after a
/// bureau officer revealed a person's number in clear, nor in a failed login.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class LogTests_Sqlite : IAsyncLifetime
{
    private readonly string work = Directory.CreateTempSubdirectory("techcenters-logs-").FullName;
    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Log_lines_are_JSON_with_a_request_id_and_carry_no_personal_data()
    {
        var cs = $"Data Source={Path.Combine(work, "logs.db")}";
        var settings = CrashTests.Settings(DatabaseProvider.Sqlite, cs, work).Where(s => !s.StartsWith("Logging:", StringComparison.Ordinal))
            .Append("Logging:LogLevel:Default=Information").ToList();
        await using var app = new AppProcess(settings);
        await app.StartAsync();
        var driver = new WorkflowDriver(() => app.BaseAddress);
        var bureau = await driver.LoginAsync("xpcc-bureau");

        // A unit of the bureau's jurisdiction with people; reveal one person's data in clear (an audited act).
        TechCenters.Web.Features.Units.Unit unit;
        await using (var db = ScratchDatabase.Context(DatabaseProvider.Sqlite, cs))
            unit = await db.Units.AsNoTracking().Include(u => u.People)
                .Where(u => u.JurisdictionId == "xpcc-12th-division" && u.People.Any(p => p.Phone != null && p.IdNumber != null)).OrderBy(u => u.Id).FirstAsync();
        var person = unit.People.First(p => p.Phone != null && p.IdNumber != null);
        var reveal = await bureau.Client.PostAsync($"Units/{unit.Id}?handler=Reveal", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Reveal.PersonId"] = person.Id.ToString(), ["Reveal.Reason"] = "核实申报材料中的联系方式", ["__RequestVerificationToken"] = bureau.Token,
        }));
        reveal.StatusCode.ShouldBe(HttpStatusCode.OK);
        // Personal data is stored as SM4 ciphertext (issue 11): the clear values are the ones the reveal shows.
        var revealed = await reveal.Content.ReadAsStringAsync();
        var phone = System.Text.RegularExpressions.Regex.Match(revealed, @"(?<!\d)1[3-9]\d{9}(?!\d)").Value;
        phone.ShouldNotBeEmpty("查看明文后页面上应显示手机号");
        var idNumber = System.Text.RegularExpressions.Regex.Match(revealed, @"(?<!\d)\d{17}[\dXx](?![\dXx])").Value;
        // A failed login (with a personal-looking user name), a missing page, a refused form.
        using var anonymous = WorkflowDriver.NewClient(app.BaseAddress);
        var token = System.Text.RegularExpressions.Regex.Match(await anonymous.GetStringAsync("Accounts/Login"), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        await anonymous.PostAsync("Accounts/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = phone, ["Input.Password"] = "Wrong#Pass1", ["__RequestVerificationToken"] = token,
        }));
        (await bureau.Client.GetAsync("Units/999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bureau.Client.PostAsync($"Units/{unit.Id}?handler=Reveal", new FormUrlEncodedContent(new Dictionary<string, string>()))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await app.KillAsync();

        var events = app.Output.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        events.Count.ShouldBeGreaterThan(5);
        var requests = events.Where(e => e.TryGetProperty("RequestPath", out _) || e.TryGetProperty("Route", out _)).ToList();
        requests.ShouldNotBeEmpty();
        requests.Where(e => !HasRequestId(e)).Select(e => e.ToString()).ShouldBeEmpty("请求期间的日志行缺少 RequestId");
        requests.ShouldContain(e => e.GetProperty("@m").GetString()!.StartsWith("HTTP POST /Units/{id", StringComparison.Ordinal),
            string.Join("\n", requests.Select(e => e.GetProperty("@m").GetString())));
        // No personal data anywhere in the stream: not the revealed number, not the ID number, not the name.
        var all = app.Output;
        all.ShouldNotContain(phone);
        if (idNumber.Length > 0) all.ShouldNotContain(idNumber);
        all.ShouldNotContain(person.Name);
    }

    private static bool HasRequestId(JsonElement e) => e.TryGetProperty("RequestId", out var id) && id.GetString() is { Length: > 0 };
}
