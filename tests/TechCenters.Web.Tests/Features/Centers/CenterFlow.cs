using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using TechCenters.Web.Data.Seed;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.AnnualReports;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Tests.Infrastructure;
using TechCenters.Web.Tests.Selecting;
using Xunit;

namespace TechCenters.Web.Tests.Features.Centers;

/// <summary>One app per provider for the center's running record and annual reports (their tests move the clock forward).</summary>
[CollectionDefinition(Name)]
public sealed class CenterSqliteCollection : ICollectionFixture<SqliteAppFixture> { public const string Name = "Center SQLite"; }

[CollectionDefinition(Name)]
public sealed class CenterPostgresCollection : ICollectionFixture<PostgresAppFixture> { public const string Name = "Center PostgreSQL"; }

/// <summary>Drives the center's workspace and annual reports through the real HTTP pipeline, as each role posts its forms.</summary>
public sealed class CenterFlow(AppFixture app)
{
    private static int ordinal = 100;

    /// <summary>A center of the demo applicant's unit, recognized <paramref name="monthsAgo"/> months ago.</summary>
    public async Task<Center> NewCenterAsync(string jurisdiction, int monthsAgo = 40)
    {
        await using var scope = app.Scope();
        var demo = scope.ServiceProvider.GetRequiredService<DemoCases>();
        var id = await demo.RecognizeAsync(await demo.CreateInExpertReviewAsync(jurisdiction, ordinal: Interlocked.Increment(ref ordinal)), monthsAgo);
        return await app.Db(db => db.Centers.AsNoTracking().Include(c => c.CoBuilders).FirstAsync(c => c.Id == id));
    }

    public Task<HttpClient> BureauAsync(string j) => app.LoginAsync($"{SelectingFlow.Short[j]}-bureau");
    public Task<HttpClient> DeptAsync(string j) => app.LoginAsync($"{SelectingFlow.Short[j]}-dept");
    public Task<HttpClient> ApplicantAsync(string j) => app.LoginAsync($"{SelectingFlow.Short[j]}-applicant");

    /// <summary>A staff account of one of the center's co-builders.</summary>
    public async Task<HttpClient> CoBuilderAsync(Center c)
    {
        var unit = c.CoBuilders.OrderBy(b => b.Position).First().UnitId;
        var user = await app.CreateUserAsync(Roles.Applicant, configure: u => { u.UnitId = unit; u.JurisdictionId = c.JurisdictionId; });
        return await app.LoginAsync(user);
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, params (string Key, object? Value)[] fields) =>
        SelectingFlow.PostAsync(client, url, SelectingFlow.Form(fields));

    /// <summary>Members as the workspace form posts them: (name, affiliation, role).</summary>
    public static (string, object?)[] Members(params (string Name, string Affiliation, string Role)[] members) =>
        members.SelectMany((m, i) => new (string, object?)[]
        {
            ($"m{i}.name", m.Name), ($"m{i}.employer", m.Affiliation == "lead" ? "牵头单位" : $"单位{i}"), ($"m{i}.affiliation", m.Affiliation),
            ($"m{i}.title", "教授"), ($"m{i}.role", m.Role),
        }).ToArray();

    public static (string Name, string Affiliation, string Role)[] Of(int external, int lead = 0, string chair = "external") =>
        Enumerable.Range(0, external).Select(i => ($"外部{i}", "external", i == 0 && chair == "external" ? "chair" : "member"))
            .Concat(Enumerable.Range(0, lead).Select(i => ($"牵头{i}", "lead", i == 0 && chair == "lead" ? "chair" : "member"))).ToArray();

    public static Task<HttpResponseMessage> SaveBodyAsync(HttpClient c, int center, string body, params (string, string, string)[] members) =>
        PostAsync(c, $"/Centers/Workspace?id={center}&handler=Body", Members(members).Prepend(("body", body)).ToArray());

    /// <summary>The outcome the workspace shows for a rule (Pass / Fail / NeedsJudgement), or null when not shown.</summary>
    public static async Task<string?> OutcomeAsync(HttpClient c, int center, string rule, string panel = "governance-verdict")
    {
        var html = await c.GetStringAsync($"/Centers/Workspace?id={center}");
        var part = html[html.IndexOf($"data-testid=\"{panel}\"", StringComparison.Ordinal)..];
        var m = Regex.Match(part, $"data-rule=\"{Regex.Escape(rule)}\" data-outcome=\"(\\w+)\"");
        return m.Success ? m.Groups[1].Value : null;
    }

    public Task<AnnualReport> ReportAsync(int id) => app.Db(db => db.AnnualReports.AsNoTracking().Include(r => r.Case).FirstAsync(r => r.Id == id));

    /// <summary>The bureau (or the lead unit) opens a center's report for a year; returns the response and the report id if opened.</summary>
    public async Task<(HttpResponseMessage Response, int? Id)> OpenAsync(HttpClient c, int center, int year)
    {
        var r = await PostAsync(c, $"/AnnualReports?handler=Open&year={year}&center={center}");
        var id = await app.Db(db => db.AnnualReports.Where(x => x.CenterId == center && x.Year == year).Select(x => (int?)x.Id).FirstOrDefaultAsync());
        return (r, id);
    }

    public static readonly (string, object?)[] GoodFigures =
    [
        ("fig:annual_report.funding_government", "300万"), ("fig:annual_report.funding_lead", "500万"), ("fig:annual_report.funding_co_builders", "200万"),
        ("fig:annual_report.funding_other", "100万"), ("fig:annual_report.funding_total", "1100万"), ("fig:annual_report.rd_spend", "650万"),
        ("fig:annual_report.staff_total", "48"), ("fig:annual_report.rd_staff", "36"), ("fig:annual_report.projects", "12"), ("fig:annual_report.major_projects", "2"),
        ("fig:annual_report.ip_applications", "9"), ("fig:annual_report.patents_granted", "3"), ("fig:annual_report.standards", "1"), ("fig:annual_report.transfers", "4"),
        ("fig:annual_report.transfer_income", "260万"), ("fig:annual_report.services", "35"), ("fig:annual_report.trainees", "120"),
    ];

    /// <summary>Every outline item filled in, with the given figures.</summary>
    public async Task<(string, object?)[]> ContentAsync(int id, params (string, object?)[] figures)
    {
        var r = await ReportAsync(id);
        await using var scope = app.Scope();
        var kernel = scope.ServiceProvider.GetRequiredService<TechCenters.Web.Features.Cases.CaseKernel>();
        var outline = AnnualReportRules.Outline(kernel.PackOf(r.Case));
        return outline.Select(i => ($"content:{i}", (object?)$"{i}：本年度围绕关键技术攻关推进各项工作。")).Concat(figures).ToArray();
    }

    public async Task<HttpResponseMessage> SubmitAsync(HttpClient c, int id, params (string, object?)[] fields)
    {
        var r = await ReportAsync(id);
        return await PostAsync(c, $"/AnnualReports/{id}?handler=Submit",
            fields.Append(("revision", r.Case.Revision)).Append(("key", Guid.NewGuid().ToString("N"))).ToArray());
    }

    public async Task<HttpResponseMessage> MoveAsync(HttpClient c, int id, string? to = null, string? note = null)
    {
        var r = await ReportAsync(id);
        await using var scope = app.Scope();
        var kernel = scope.ServiceProvider.GetRequiredService<TechCenters.Web.Features.Cases.CaseKernel>();
        var process = kernel.PackOf(r.Case).Process(TechCenters.Policy.Rules.ProcessKinds.AnnualReport)!;
        to ??= process.Next(r.Case.StageId, AnnualReportKind.FactsOf(r.Case, r)).First(t => !process.Stage(t.To)!.IsWithdrawal && !process.Stage(t.To)!.IsRejection).To;
        return await PostAsync(c, $"/AnnualReports/{id}?handler=Move", ("revision", r.Case.Revision), ("to", to), ("note", note));
    }

    public async Task<HttpResponseMessage> ReturnAsync(HttpClient c, int id, string? reason)
    {
        var r = await ReportAsync(id);
        return await PostAsync(c, $"/AnnualReports/{id}?handler=Return", ("revision", r.Case.Revision), ("note", reason));
    }

    public static void Redirected(HttpResponseMessage r, string why = "") => r.StatusCode.ShouldBe(HttpStatusCode.Redirect, why);
}
