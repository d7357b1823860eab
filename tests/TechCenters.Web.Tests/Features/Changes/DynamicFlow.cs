using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Tests.Features.Applying;
using TechCenters.Web.Tests.Infrastructure;
using TechCenters.Web.Tests.Selecting;
using Xunit;

namespace TechCenters.Web.Tests.Features.Changes;

/// <summary>Dynamic-management steps as the pages post them: a fresh center with its own lead-unit account, filings and moves.</summary>
public sealed class DynamicFlow(AppFixture app)
{
    public AppFixture App => app;

    public sealed record NewCenter(int Id, int UnitId, string User, HttpClient Client);

    /// <summary>A center recognized <paramref name="monthsAgo"/> months ago, led by a unit of its own with an applicant account.</summary>
    public async Task<NewCenter> CenterAsync(string jurisdiction, bool? direct = false, int monthsAgo = 20)
    {
        // A unit with no account, no case and no revocation of its own (whether or not a call is open).
        var unit = await app.Db(db => db.Units.AsNoTracking()
            .Where(u => u.JurisdictionId == jurisdiction && !db.Users.Any(x => x.UnitId == u.Id) && !db.Cases.Any(c => c.LeadUnitId == u.Id)
                && !db.Revocations.Any(r => r.UnitId == u.Id) && u.Type == TechCenters.Web.Features.Units.UnitType.Enterprise)
            .Where(u => direct == null || (direct == true ? u.DepartmentId == null : u.DepartmentId != null))
            .OrderBy(u => u.Id).Select(u => u.Id).FirstAsync());
        var user = await app.CreateUserAsync(Roles.Applicant, configure: u => { u.UnitId = unit; u.JurisdictionId = jurisdiction; });
        await using var scope = app.Scope();
        var cases = scope.ServiceProvider.GetRequiredService<TechCenters.Web.Data.Seed.DemoCases>();
        var id = await cases.CreateInExpertReviewAsync(jurisdiction, unit, ordinal: 7);
        await cases.RecognizeAsync(id, monthsAgo);
        var center = await app.Db(db => db.Centers.AsNoTracking().SingleAsync(c => c.ApplicationId == id));
        return new(center.Id, unit, user, await app.LoginAsync(user));
    }

    public Task<Center> CenterRecordAsync(int id) =>
        app.Db(db => db.Centers.AsNoTracking().Include(c => c.CoBuilders).SingleAsync(c => c.Id == id));

    public Task<TechCenters.Web.Features.Cases.Case> CaseAsync(int id) => app.Db(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == id));

    public async Task<PolicyPack> PackAsync(int caseId)
    {
        var c = await CaseAsync(caseId);
        await using var scope = app.Scope();
        return scope.ServiceProvider.GetRequiredService<TechCenters.Web.Features.Cases.CaseKernel>().PackOf(c);
    }

    public async Task<PolicyPack> PackInForceAsync(string jurisdiction)
    {
        await using var scope = app.Scope();
        var catalog = scope.ServiceProvider.GetRequiredService<PolicyCatalog>();
        return catalog.For(jurisdiction, app.Today).Pack ?? catalog.Versions(jurisdiction).Last();
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string tokenFrom, params (string Key, object? Value)[] fields)
    {
        var token = await AppFixture.AntiforgeryTokenAsync(client, tokenFrom);
        return await client.PostAsync(url, new FormUrlEncodedContent(SelectingFlow.Form(fields).Append(new("__RequestVerificationToken", token))));
    }

    public static int IdFrom(HttpResponseMessage r, string prefix)
    {
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return int.Parse(r.Headers.Location!.ToString().Split('/', '?')[2]);
    }

    public Task<HttpResponseMessage> FileAsync(HttpClient client, int centerId, string matter, string? to = null, int? newUnit = null, params int[] core) =>
        PostAsync(client, $"/Changes/Create?centerId={centerId}", "/Accounts/Password",
            new[] { ("CenterId", (object?)centerId), ("Matter", matter), ("ToValue", to), ("NewUnitId", newUnit), ("Reason", "依托单位整体搬迁，需变更有关信息。") }
                .Concat(core.Select(u => ("CoreUnitIds", (object?)u))).ToArray());

    public async Task<HttpResponseMessage> UploadAsync(HttpClient client, int id)
    {
        var token = await AppFixture.AntiforgeryTokenAsync(client, "/Accounts/Password");
        var pdf = "%PDF-1.4\n%%EOF\n"u8.ToArray();
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new("application/pdf");
        return await client.PostAsync($"/Changes/{id}?handler=Upload", new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent((await CaseAsync(id)).Revision.ToString()), "revision" },
            { file, "file", "理事会决议.pdf" },
        });
    }

    public async Task<HttpResponseMessage> MoveChangeAsync(HttpClient client, int id, string to, string? note = null, int? revision = null) =>
        await PostAsync(client, $"/Changes/{id}?handler=Move", "/Accounts/Password",
            ("revision", revision ?? (await CaseAsync(id)).Revision), ("to", to), ("note", note));

    /// <summary>The account that holds the case now: the lead unit's, a department officer of its department, or the bureau.</summary>
    public async Task<HttpClient> HolderAsync(NewCenter center, string jurisdiction, string holder) => holder switch
    {
        Actors.Department => await app.LoginAsync(await app.DepartmentOfficerForAsync(center.UnitId)),
        Actors.Bureau => await app.LoginAsync($"{SelectingFlow.Short[jurisdiction]}-bureau"),
        _ => center.Client,
    };

    /// <summary>Passes a change request on, holder after holder, by the move its page offers, to the pack's approval.</summary>
    public async Task ApproveChangeAsync(NewCenter center, string jurisdiction, int id, string? note = null)
    {
        for (var guard = 0; guard < 8; guard++)
        {
            var c = await CaseAsync(id);
            if (c.ClosedAt is not null) return;
            var client = await HolderAsync(center, jurisdiction, c.Holder!);
            var html = await client.GetStringAsync($"/Changes/{id}");
            var to = System.Text.RegularExpressions.Regex.Matches(html, "data-testid=\"move-([a-z_]+)\"").Select(m => m.Groups[1].Value)
                .First(x => x is not ("rejected" or "withdrawn"));
            var r = await MoveChangeAsync(client, id, to, to == "accepted" ? note : "审核通过");
            r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await SelectingFlow.ErrorAsync(r));
        }
        throw new InvalidOperationException("变更申请未能在 8 步内办结");
    }

    public Task<HttpResponseMessage> OpenRevocationAsync(HttpClient bureau, int centerId, string facts = "经核查，该中心存在所列情形。", params string[] grounds) =>
        PostAsync(bureau, "/Revocations/Create", "/Accounts/Password",
            new[] { ("CenterId", (object?)centerId), ("FactsFound", facts) }.Concat(grounds.Select(g => ("Grounds", (object?)g))).ToArray());

    public async Task<HttpResponseMessage> MoveRevocationAsync(HttpClient client, int id, string to, params (string Key, string Value)[] more) =>
        await PostAsync(client, $"/Revocations/{id}?handler=Move", "/Accounts/Password",
            new[] { ("revision", (object?)(await CaseAsync(id)).Revision), ("to", to) }.Concat(more.Select(m => (m.Key, (object?)m.Value))).ToArray());
}

/// <summary>Collections of their own: these tests move the clock (hearing periods, bans).</summary>
[CollectionDefinition(Name)]
public sealed class DynamicSqliteCollection : ICollectionFixture<SqliteAppFixture>
{
    public const string Name = "Dynamic SQLite";
}

[CollectionDefinition(Name)]
public sealed class DynamicPostgresCollection : ICollectionFixture<PostgresAppFixture>
{
    public const string Name = "Dynamic PostgreSQL";
}
