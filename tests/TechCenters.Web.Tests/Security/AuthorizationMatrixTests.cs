using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace TechCenters.Web.Tests.Security;

/// <summary>
/// The authorization matrix: every endpoint and page handler the app maps (read from its endpoint data source) × every
/// role of two jurisdictions, anonymous, the three admins, another department, another unit and an assigned expert ×
/// an object inside and one outside the actor's scope, compared with <see cref="AccessTable"/>.
/// </summary>
public abstract class AuthorizationMatrixTests(SecurityFixture fixture, ITestOutputHelper output)
{
    private AppFixture App => fixture.App;

    /// <summary>An endpoint cell: the table key, and a URL template for it.</summary>
    public sealed record Cell(string Key, string Method, string Route, string? Handler);

    /// <summary>Every GET/POST page handler and every other endpoint the running app maps.</summary>
    public static async Task<List<Cell>> EndpointsAsync(IServiceProvider services)
    {
        var cells = new Dictionary<string, Cell>();
        var loader = services.GetRequiredService<PageLoader>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                // A page without handler methods (no page model) still answers GET.
                var handlers = compiled.HandlerMethods.Count > 0 ? compiled.HandlerMethods.Select(h => (Method: h.HttpMethod.ToUpperInvariant(), h.Name)) : [("GET", null)];
                foreach (var (method, name) in handlers)
                {
                    var key = $"{method} {page.ViewEnginePath}{(name is null ? "" : ":" + name)}";
                    // A page named Index answers at its folder and at …/Index: keep the shorter route.
                    if (!cells.TryGetValue(key, out var known) || route.Length < known.Route.Length)
                        cells[key] = new Cell(key, method, route, name);
                }
            }
            else
            {
                foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                    cells[$"{method} {route}"] = new Cell($"{method} {route}", method, route, null);
            }
        }
        return cells.Values.OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task Every_endpoint_the_app_maps_has_a_row_in_the_declared_table_and_every_row_an_endpoint()
    {
        var cells = await EndpointsAsync(App.Factory.Services);
        cells.Count.ShouldBeGreaterThan(40);
        var declared = AccessTable.Rows.Select(r => r.Key).ToList();
        declared.ShouldBeUnique();
        var missing = cells.Select(c => c.Key).Except(declared).ToList();
        missing.ShouldBeEmpty("AccessTable 中缺少这些端点（请在 Security/AccessTable.cs 中为每个新页面处理程序加一行）：\n"
            + string.Join("\n", missing.Select(m => $"        new(\"{m}\", [...]),")));
        declared.Except(cells.Select(c => c.Key)).ShouldBeEmpty("AccessTable 中这些行已没有对应的端点");
    }

    /// <summary>The score sheet of a campaign is its evaluators' and its bureau's: a department or a center's staff who see
    /// an evaluation of that campaign (their own center's) do not reach it.</summary>
    [Fact]
    public async Task Bug_0205_the_score_sheet_is_for_the_evaluators_and_the_bureau_only()
    {
        var campaign = await App.Db(db => db.Evaluations.Join(db.Cases, e => e.Id, c => c.Id, (e, c) => new { e.CampaignId, c.JurisdictionId, c.DepartmentId, c.LeadUnitId })
            .Where(x => x.JurisdictionId == "xpcc-12th-division").OrderBy(x => x.CampaignId).FirstAsync());
        var department = await App.CreateUserAsync(Roles.DepartmentOfficer, configure: u => { u.JurisdictionId = campaign.JurisdictionId; u.DepartmentId = campaign.DepartmentId; });
        var staff = await App.CreateUserAsync(Roles.Applicant, configure: u => { u.JurisdictionId = campaign.JurisdictionId; u.UnitId = campaign.LeadUnitId; });
        foreach (var user in new[] { department, staff })
        {
            var client = await App.LoginAsync(user);
            (await client.GetAsync($"/Evaluations/Sheet?id={campaign.CampaignId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, user);
            (await client.GetAsync($"/Evaluations/Sheet?id={campaign.CampaignId}&handler=Template")).StatusCode.ShouldBe(HttpStatusCode.NotFound, user);
        }
        (await (await App.LoginAsync("xpcc-bureau")).GetAsync($"/Evaluations/Sheet?id={campaign.CampaignId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>An expert assigned to a case reaches the case in scope, but not the bureau's panel page's action (was a 500)
    /// nor the applicant's revision page (was shown).</summary>
    [Fact]
    public async Task Bug_0207_and_0208_an_assigned_expert_neither_concludes_the_review_nor_reads_the_revision_page()
    {
        var expert = await App.LoginAsync(fixture.ExtraActors["xpcc-expert-assigned"]);
        var expertId = (await App.User(fixture.ExtraActors["xpcc-expert-assigned"])).ExpertId;
        var id = await App.Db(db => db.CaseAssignments.Where(a => a.ExpertId == expertId && a.EndedAt == null).Select(a => a.CaseId).FirstAsync());
        (await expert.GetAsync($"/ExpertReviews/Revise?id={id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var token = await AppFixture.AntiforgeryTokenAsync(expert, "/Accounts/Password");
        var post = await expert.PostAsync($"/ExpertReviews/Application?id={id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Classify(post).ShouldBe(Outcome.Denied);
        var revise = await expert.PostAsync($"/ExpertReviews/Revise?id={id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Classify(revise).ShouldBe(Outcome.Denied);
    }

    private sealed record Actor(string Name, string? UserName, string? UserId, string? Role, string? Jurisdiction, int? Department, int? Unit, int? Expert, bool UnitAdmin = false);

    private enum Outcome { Ok, Login, Denied, NotFound, Invalid, Error }

    private static Outcome Classify(HttpResponseMessage r)
    {
        var status = (int)r.StatusCode;
        var location = r.Headers.Location?.ToString() ?? "";
        if (status >= 500) return Outcome.Error;
        if (status is 301 or 302 or 303 or 307 && location.Contains("/Accounts/Login", StringComparison.OrdinalIgnoreCase)) return Outcome.Login;
        if (status is 301 or 302 or 303 or 307 && location.Contains("/Accounts/AccessDenied", StringComparison.OrdinalIgnoreCase)) return Outcome.Denied;
        // 401: an endpoint that takes a bearer token (a client system's, the read API) refuses a request without one.
        if (status is 401 or 403) return Outcome.Denied;
        if (status == 404) return Outcome.NotFound;
        if (status >= 400) return Outcome.Invalid;
        return Outcome.Ok;
    }

    private async Task<List<Actor>> ActorsAsync()
    {
        var names = new List<(string Name, string? User)> { ("anonymous", null) };
        foreach (var j in new[] { "xpcc", "cz" })
            foreach (var r in new[] { "bureau", "dept", "applicant", "expert", "evaluator" })
                names.Add(($"{j}-{r}", $"{j}-{r}"));
        names.AddRange([("sysadmin", "sysadmin"), ("secadmin", "secadmin"), ("auditadmin", "auditadmin")]);
        names.AddRange(fixture.ExtraActors.Select(kv => (kv.Key, (string?)kv.Value)));
        var actors = new List<Actor>();
        foreach (var (name, user) in names)
        {
            if (user is null) { actors.Add(new Actor(name, null, null, null, null, null, null, null)); continue; }
            var u = await App.User(user);
            var role = await App.Db(db => db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).SingleAsync());
            actors.Add(new Actor(name, user, u.Id, role, u.JurisdictionId, u.DepartmentId, u.UnitId, u.ExpertId, u.IsUnitAdmin));
        }
        return actors;
    }

    private sealed record Target(string Id, bool InScope);

    private Task<string> IdAsync(Func<TechCenters.Web.Data.AppDbContext, Task<int?>> q) => App.Db(async db => (await q(db))?.ToString() ?? "0");

    /// <summary>An object of the subject inside the actor's scope (when the actor has one), and one in the other jurisdiction.</summary>
    private async Task<(Target Own, Target Other)> TargetsAsync(Subject s, Actor a, string? kind = null)
    {
        var home = a.Jurisdiction ?? "xpcc-12th-division";
        var away = home == "cangzhou" ? "xpcc-12th-division" : "cangzhou";
        async Task<Target> First(Func<TechCenters.Web.Data.AppDbContext, string, Task<int?>> q, string j) => new(await IdAsync(db => q(db, j)), false);
        Func<TechCenters.Web.Data.AppDbContext, string, Task<int?>> unit = (db, j) => db.Units.Where(u => u.JurisdictionId == j).OrderBy(u => u.Id).Select(u => (int?)u.Id).FirstOrDefaultAsync();
        Func<TechCenters.Web.Data.AppDbContext, string, Task<int?>> app = (db, j) => db.Applications.Where(x => x.Case.JurisdictionId == j).OrderBy(x => x.Id).Select(x => (int?)x.Id).FirstOrDefaultAsync();
        Func<TechCenters.Web.Data.AppDbContext, string, Task<int?>> call = (db, j) => db.Calls.Where(x => x.JurisdictionId == j).OrderBy(x => x.Id).Select(x => (int?)x.Id).FirstOrDefaultAsync();
        Func<TechCenters.Web.Data.AppDbContext, string, Task<int?>> notice = (db, j) => db.PublicNotices.Where(x => x.JurisdictionId == j).OrderBy(x => x.Id).Select(x => (int?)x.Id).FirstOrDefaultAsync();
        Func<TechCenters.Web.Data.AppDbContext, string, Task<int?>> center = (db, j) => db.Centers.Where(x => x.JurisdictionId == j).OrderBy(x => x.Id).Select(x => (int?)x.Id).FirstOrDefaultAsync();
        Func<TechCenters.Web.Data.AppDbContext, string, Task<int?>> kase = (db, j) => db.Cases.Where(x => x.JurisdictionId == j && x.Kind == kind).OrderBy(x => x.Id).Select(x => (int?)x.Id).FirstOrDefaultAsync();
        Func<TechCenters.Web.Data.AppDbContext, string, Task<int?>> expert = (db, j) => db.Experts.Where(x => x.JurisdictionId == j).OrderBy(x => x.Id).Select(x => (int?)x.Id).FirstOrDefaultAsync();
        Func<TechCenters.Web.Data.AppDbContext, string, Task<int?>> campaign = (db, j) => db.EvaluationCampaigns.Where(x => x.JurisdictionId == j).OrderBy(x => x.Id).Select(x => (int?)x.Id).FirstOrDefaultAsync();
        async Task<Target?> Scoped(Func<TechCenters.Web.Data.AppDbContext, Task<int?>> q) => await App.Db(q) is { } id ? new Target(id.ToString(), true) : null;
        // The account's scope as the app builds it from its claims: what the one case scope and the center scope give it.
        var scope = new UserScope(a.UserId, a.UserName ?? "", a.Role, a.Jurisdiction, a.Department, a.Unit, a.Expert);

        Target? own = s switch
        {
            Subject.Unit => a.Role switch
            {
                Roles.BureauOfficer => await Scoped(db => unit(db, home)),
                Roles.DepartmentOfficer => await Scoped(db => db.Units.Where(u => u.DepartmentId == a.Department).OrderBy(u => u.Id).Select(u => (int?)u.Id).FirstOrDefaultAsync()),
                Roles.Applicant => new Target(a.Unit!.Value.ToString(), true),
                _ => null,
            },
            Subject.Application => a.Role switch
            {
                Roles.BureauOfficer => await Scoped(db => app(db, home)),
                Roles.DepartmentOfficer => await Scoped(db => db.Applications.Where(x => x.Case.DepartmentId == a.Department).OrderBy(x => x.Id).Select(x => (int?)x.Id).FirstOrDefaultAsync()),
                Roles.Applicant => await Scoped(db => db.Applications.Where(x => x.Case.LeadUnitId == a.Unit).OrderBy(x => x.Id).Select(x => (int?)x.Id).FirstOrDefaultAsync()),
                // An expert's applications are those assigned to a panel the expert sits on (none: any application, out of scope).
                Roles.Expert => await Scoped(db => db.PanelAssignments.Where(p => p.Panel!.Members.Any(m => m.ExpertId == a.Expert))
                    .OrderBy(p => p.ApplicationId).Select(p => (int?)p.ApplicationId).FirstOrDefaultAsync()),
                _ => null,
            },
            Subject.AssignedApplication when a.Role == Roles.Expert => await Scoped(db => db.PanelAssignments
                .Where(p => p.Panel!.Members.Any(m => m.ExpertId == a.Expert)).OrderBy(p => p.ApplicationId).Select(p => (int?)p.ApplicationId).FirstOrDefaultAsync()),
            Subject.Call => await Scoped(db => call(db, home)),
            Subject.Notice => await Scoped(db => notice(db, home)),
            Subject.Center => await Scoped(db => center(db, home)),
            Subject.CenterDocument => a.Role switch
            {
                Roles.BureauOfficer => await Scoped(db => center(db, home)),
                Roles.Applicant => await Scoped(db => db.Centers.Where(c => c.LeadUnitId == a.Unit).Select(c => (int?)c.Id).FirstOrDefaultAsync()),
                _ => null,
            },
            Subject.Case when a.Role is not null => await Scoped(db => db.Cases.VisibleTo(db, scope).Where(x => x.Kind == kind).OrderBy(x => x.Id).Select(x => (int?)x.Id).FirstOrDefaultAsync()),
            Subject.CenterRecord when a.Role is not null => await Scoped(db => db.Centers.VisibleTo(db, scope).OrderBy(x => x.Id).Select(x => (int?)x.Id).FirstOrDefaultAsync()),
            Subject.Expert when a.Role == Roles.BureauOfficer => await Scoped(db => expert(db, home)),
            Subject.Campaign when a.Role == Roles.BureauOfficer => await Scoped(db => campaign(db, home)),
            Subject.Campaign when a.Role is Roles.Evaluator or Roles.Expert => await Scoped(db => db.Evaluations.Where(e => db.Cases.VisibleTo(db, scope).Any(c => c.Id == e.Id))
                .OrderBy(e => e.CampaignId).Select(e => (int?)e.CampaignId).FirstOrDefaultAsync()),
            _ => null,
        };
        Func<TechCenters.Web.Data.AppDbContext, string, Task<int?>> any = s switch
        {
            Subject.Unit => unit, Subject.Call => call, Subject.Notice => notice, Subject.Center or Subject.CenterDocument or Subject.CenterRecord => center,
            Subject.Case => kase, Subject.Expert => expert, Subject.Campaign => campaign, _ => app,
        };
        own ??= await First(any, home);
        var other = await First(any, away);
        // A kind one of the two jurisdictions has no case of (沧州 owes no annual report): any other jurisdiction's case stands in.
        if (s == Subject.Case)
        {
            if (own.Id == "0") own = new Target(await IdAsync(db => db.Cases.Where(x => x.JurisdictionId != home && x.Kind == kind).OrderBy(x => x.Id).Select(x => (int?)x.Id).FirstOrDefaultAsync()), false);
            if (other.Id == "0") other = new Target(await IdAsync(db => db.Cases.Where(x => x.JurisdictionId != home && x.Kind == kind).OrderByDescending(x => x.Id).Select(x => (int?)x.Id).FirstOrDefaultAsync()), false);
        }
        own.Id.ShouldNotBe("0", $"{s}{kind} 在 {home} 中没有可用的测试对象");
        other.Id.ShouldNotBe("0", $"{s}{kind} 在 {away} 中没有可用的测试对象");
        return (own, other);
    }

    private static bool Public(Subject s) => s is Subject.None or Subject.Call or Subject.Notice or Subject.Center;

    private static string Url(Cell cell, AccessRow row, string? id)
    {
        var query = new List<string>();
        var extra = (row.Query ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var path = Regex.Replace(cell.Route, @"\{(\w+)(:[^}]*)?\}", m =>
        {
            var name = m.Groups[1].Value;
            if (name == "id") return id ?? "0";
            var v = extra[name];
            extra.Remove(name);
            return v;
        });
        if (id is not null && !cell.Route.Contains("{id")) query.Add($"id={id}");
        if (cell.Handler is not null) query.Add($"handler={cell.Handler}");
        query.AddRange(extra.Select(kv => $"{kv.Key}={kv.Value}"));
        return path + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }

    [Fact]
    public async Task Each_role_of_two_jurisdictions_reaches_exactly_what_the_table_allows_and_only_inside_its_scope()
    {
        var cells = (await EndpointsAsync(App.Factory.Services)).Where(c => c.Method is "GET" or "POST").ToList();
        var rows = AccessTable.Rows.ToDictionary(r => r.Key);
        var failures = new List<string>();
        var requests = 0;
        // The case whose timeline has an entry for the bureau only (the panel's members, by name): opened by everyone.
        var reviewed = await App.Db(db => db.Activities.Where(a => a.Audience == Audience.Bureau && a.Action == "组建专家组")
            .Join(db.Cases.Where(c => c.JurisdictionId == "xpcc-12th-division"), a => a.CaseId, c => c.Id, (a, _) => a.CaseId).FirstAsync());
        // Each actor on a client (and session) of its own, a few at a time: what one actor is answered depends on its own
        // role, scope and session only.
        await Parallel.ForEachAsync(await ActorsAsync(), new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (actor, _) =>
        {
            var mine = new List<string>();
            var client = actor.UserName is null ? App.Client() : await App.LoginAsync(actor.UserName);
            var token = await AppFixture.AntiforgeryTokenAsync(client, actor.UserName is null ? "/Accounts/Login" : "/Accounts/Password");
            // The objects in and out of this actor's scope, looked up once per subject (the first by id: the same for every cell).
            var targetsOf = new Dictionary<(Subject, string?), (Target Own, Target Other)>();
            // Logging out ends this client's session: do it last.
            foreach (var cell in cells.OrderBy(c => c.Key == "POST /Accounts/Logout"))
            {
                if (!rows.TryGetValue(cell.Key, out var row)) continue; // reported by the test above
                var allowedRole = row.Allowed.Contains(actor.Role ?? AccessTable.Anonymous) && (!row.UnitAdmin || actor.UnitAdmin);
                if (row.Subject != Subject.None && !targetsOf.ContainsKey((row.Subject, row.Kind)))
                    targetsOf[(row.Subject, row.Kind)] = await TargetsAsync(row.Subject, actor, row.Kind);
                var targets = row.Subject == Subject.None ? [(Id: (string?)null, InScope: true, Label: "")]
                    : targetsOf[(row.Subject, row.Kind)] is var (own, other)
                        ? new[] { (Id: (string?)own.Id, own.InScope, Label: "本范围对象"), (Id: (string?)other.Id, InScope: Public(row.Subject), Label: "他辖区对象") }
                        : [];
                foreach (var (id, inScope, label) in targets)
                {
                    var url = Url(cell, row, id);
                    using var response = cell.Method == "GET" ? await client.GetAsync(url)
                        : await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
                    Interlocked.Increment(ref requests);
                    var outcome = Classify(response);
                    // The error page answers 500 by design (it is what a failed request is re-executed to).
                    if (cell.Key == "GET /Error" || cell.Key == "POST /Error") outcome = outcome == Outcome.Error ? Outcome.Ok : Outcome.Error;
                    if (row.SignsOut && allowedRole && outcome == Outcome.Login) outcome = Outcome.Ok;
                    // Refused: sent to login, access denied, or not found; a POST may also be refused as invalid (4xx) before
                    // its role check — it changed nothing either way.
                    Outcome[] expected = !allowedRole || !inScope
                        ? cell.Method == "POST" ? [Outcome.Login, Outcome.Denied, Outcome.NotFound, Outcome.Invalid] : [Outcome.Login, Outcome.Denied, Outcome.NotFound]
                        : cell.Method == "GET" && row.Query is null ? [Outcome.Ok]
                        : [Outcome.Ok, Outcome.NotFound, Outcome.Invalid];
                    if (!expected.Contains(outcome))
                        mine.Add($"{actor.Name} {cell.Method} {url}（{label}）→ {(int)response.StatusCode} {response.Headers.Location}；表中允许 [{string.Join(",", row.Allowed)}]，期望 {string.Join("/", expected)}");
                    if (row.ShowsTimeline && id is not null)
                        await TimelineCheckAsync(actor, url, int.Parse(id), outcome, response, cell.Key == "GET /Applications/Detail", mine);
                }
                if (cell.Key == "GET /Applications/Detail")
                {
                    var url = $"/Applications/{reviewed}";
                    using var response = await client.GetAsync(url);
                    Interlocked.Increment(ref requests);
                    await TimelineCheckAsync(actor, url, reviewed, Classify(response), response, true, mine);
                }
            }
            lock (failures) failures.AddRange(mine);
        });
        output.WriteLine($"{requests} 个请求");
        failures.ShouldBeEmpty(string.Join("\n", failures));
    }

    /// <summary>
    /// What this actor reads of a case's timeline: who may open the case reads exactly the entries whose audience includes
    /// its own (the bureau all of them, anyone the entries it wrote); who may not open it reads none.
    /// </summary>
    private async Task TimelineCheckAsync(Actor actor, string url, int caseId, Outcome outcome, HttpResponseMessage response, bool complete, List<string> failures)
    {
        var viewer = actor.Role switch
        {
            Roles.BureauOfficer => Audience.Bureau,
            Roles.DepartmentOfficer => Audience.Department,
            Roles.Applicant => Audience.Applicant,
            Roles.Expert or Roles.Evaluator => Audience.Reviewers,
            _ => Audience.None,
        } | Audience.Public;
        var userId = actor.UserId;
        var entries = await App.Db(db => db.Activities.Where(x => x.CaseId == caseId).Select(x => new { x.Action, x.Note, x.Audience, x.UserId }).ToListAsync());
        bool Readable(Audience a, string? by) => viewer.HasFlag(Audience.Bureau) || (a & viewer) != 0 || (by is not null && by == userId);
        var visible = entries.Where(e => Readable(e.Audience, e.UserId)).ToList();
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        // A hidden entry shows itself by its note (a note no readable entry carries too).
        var hidden = entries.Where(e => !Readable(e.Audience, e.UserId) && !string.IsNullOrEmpty(e.Note)
            && !visible.Any(v => v.Note is not null && (v.Note.Contains(e.Note) || e.Note.Contains(v.Note)))).ToList();
        if (outcome == Outcome.Ok)
        {
            var shown = visible.Count(e => html.Contains(e.Action) && (string.IsNullOrEmpty(e.Note) || html.Contains(e.Note)));
            if (complete && shown != visible.Count)
                failures.Add($"{actor.Name} {url}：办理记录应显示 {visible.Count} 条，实际 {shown} 条");
            foreach (var e in hidden.Where(e => html.Contains(e.Note!)))
                failures.Add($"{actor.Name} {url}：看到了仅限“{e.Audience}”的办理记录“{e.Action}”");
        }
        else if (entries.Any(e => !string.IsNullOrEmpty(e.Note) && html.Contains(e.Note)))
            failures.Add($"{actor.Name} {url}：无权查看却看到了办理记录");
    }
}

[Collection(SecuritySqliteCollection.Name)]
public sealed class AuthorizationMatrixTests_Sqlite(SecuritySqliteFixture fixture, ITestOutputHelper output) : AuthorizationMatrixTests(fixture, output);

[Collection(SecurityPostgresCollection.Name)]
public sealed class AuthorizationMatrixTests_Postgres(SecurityPostgresFixture fixture, ITestOutputHelper output) : AuthorizationMatrixTests(fixture, output);
