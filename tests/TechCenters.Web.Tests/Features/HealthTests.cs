using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Infrastructure;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Features;

/// <summary>Liveness and readiness tell a live process from a usable one; a database that is gone is a Chinese 503, not a 500.</summary>
public abstract class HealthTests(AppFixture app)
{
    [Fact]
    public async Task Live_and_ready_both_answer_200_when_the_database_is_there()
    {
        var client = app.Client();
        var live = await client.GetAsync("/health/live");
        live.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await live.Content.ReadAsStringAsync()).ShouldContain("正常");
        var ready = await client.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK, await ready.Content.ReadAsStringAsync());
        (await ready.Content.ReadAsStringAsync()).ShouldContain("\"database\"");
    }

    [Fact]
    public async Task Without_its_database_the_app_is_live_not_ready_and_answers_state_changes_with_a_Chinese_503()
    {
        await using var gone = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Crypto:KeyFile", TestKeys.File); // outside demo mode the key file is required
            b.UseSetting("Database:Provider", app.Provider.ToString());
            b.UseSetting("ConnectionStrings:Default", UnreachableDatabase(app.Provider));
            b.UseSetting("Database:MigrateOnStartup", "false");
        });
        var client = gone.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://techcenters.test/") });

        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await client.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).ShouldContain("不可用");

        // The login page needs the key ring (antiforgery), which is in the database; a login needs the accounts.
        foreach (var response in new[]
                 {
                     await client.GetAsync("/Accounts/Login"),
                     await client.PostAsync("/Accounts/Login", new FormUrlEncodedContent(new Dictionary<string, string>
                         { ["Input.UserName"] = "xpcc-bureau", ["Input.Password"] = AppFixture.Password })),
                 })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter.ShouldNotBeNull();
            var html = await response.Content.ReadAsStringAsync();
            Html.Text(html).ShouldContain("服务暂时不可用");
            Html.Text(html).ShouldContain("数据库暂时无法访问");
            html.ShouldNotContain("Exception");
            html.ShouldNotContain("   at ");
        }
    }

    private static string UnreachableDatabase(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
            return $"Data Source={Path.Combine(Path.GetTempPath(), $"no-such-folder-{Guid.NewGuid():N}", "gone.db")}";
        // A loopback port nobody listens on (bound, then released).
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return $"Host=127.0.0.1;Port={port};Username=postgres;Password=unused;Timeout=3";
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HealthTests_Sqlite(SqliteAppFixture app) : HealthTests(app);

[Collection(PostgresCollection.Name)]
public sealed class HealthTests_Postgres(PostgresAppFixture app) : HealthTests(app);

public sealed class DatabaseFailureTests
{
    [Fact]
    public void A_refused_connection_a_shutdown_and_a_read_only_standby_are_outages_a_constraint_violation_is_not()
    {
        DatabaseFailures.IsUnavailable(new Npgsql.NpgsqlException("连接失败", new SocketException((int)SocketError.ConnectionRefused))).ShouldBeTrue();
        DatabaseFailures.IsUnavailable(new Npgsql.PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01")).ShouldBeTrue();
        DatabaseFailures.IsUnavailable(new Npgsql.NpgsqlException("No suitable host was found.")).ShouldBeTrue();
        DatabaseFailures.IsUnavailable(new InvalidOperationException("An exception has been raised that is likely due to a transient failure.",
            new Npgsql.NpgsqlException("Exception while reading from stream", new EndOfStreamException()))).ShouldBeTrue();
        DatabaseFailures.IsUnavailable(new Npgsql.PostgresException("cannot execute INSERT in a read-only transaction", "ERROR", "ERROR", "25006")).ShouldBeTrue();
        DatabaseFailures.IsUnavailable(new Microsoft.EntityFrameworkCore.DbUpdateException("x",
            new Npgsql.PostgresException("duplicate key", "ERROR", "ERROR", "23505"))).ShouldBeFalse();
        DatabaseFailures.IsUnavailable(new Microsoft.Data.Sqlite.SqliteException("database is locked", 5)).ShouldBeTrue();
        DatabaseFailures.IsUnavailable(new Microsoft.Data.Sqlite.SqliteException("constraint failed", 19)).ShouldBeFalse();
        DatabaseFailures.IsUnavailable(new InvalidOperationException("缺陷")).ShouldBeFalse();
    }
}
