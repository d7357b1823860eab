using System.Net;
using Shouldly;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Features;

/// <summary>Every page × every role: allowed is 200, anything else is the access-denied page; anonymous goes to login.</summary>
public abstract class AuthorizationMatrixTests(AppFixture app)
{
    private static readonly string[] Users = ["xpcc-bureau", "xpcc-dept", "xpcc-applicant", "xpcc-expert", "xpcc-evaluator", "sysadmin", "secadmin", "auditadmin"];

    private static readonly (string Url, string[] Allowed)[] Pages =
    [
        ("/Inbox", Users),
        ("/Accounts/Password", Users),
        ("/Areas/annual-reports", Users),
        ("/Units", ["xpcc-bureau", "xpcc-dept", "xpcc-applicant"]),
        ("/Units/People", ["xpcc-bureau", "xpcc-dept", "xpcc-applicant"]),
        ("/Units/People?handler=Csv", ["xpcc-bureau", "xpcc-dept", "xpcc-applicant"]),
        ("/Units/Create", ["xpcc-bureau"]),
        ("/Units/Experts", ["xpcc-bureau"]),
        ("/Audit", ["auditadmin"]),
        ("/Admin/Users", ["sysadmin"]),
        ("/Admin/Security", ["secadmin"]),
    ];

    [Fact]
    public async Task Each_role_reaches_exactly_its_pages()
    {
        var failures = new List<string>();
        foreach (var user in Users)
        {
            var client = await app.LoginAsync(user);
            foreach (var (url, allowed) in Pages)
            {
                var r = await client.GetAsync(url);
                var ok = allowed.Contains(user)
                    ? r.StatusCode == HttpStatusCode.OK
                    : r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString().Contains("/Accounts/AccessDenied");
                if (!ok) failures.Add($"{user} {url} → {(int)r.StatusCode} {r.Headers.Location}");
            }
        }
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task Anonymous_requests_go_to_the_login_page()
    {
        var client = app.Client();
        foreach (var (url, _) in Pages)
        {
            var r = await client.GetAsync(url);
            r.StatusCode.ShouldBe(HttpStatusCode.Redirect, url);
            r.Headers.Location!.ToString().ShouldContain("/Accounts/Login", customMessage: url);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuthorizationMatrixTests_Sqlite(SqliteAppFixture app) : AuthorizationMatrixTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AuthorizationMatrixTests_Postgres(PostgresAppFixture app) : AuthorizationMatrixTests(app);
