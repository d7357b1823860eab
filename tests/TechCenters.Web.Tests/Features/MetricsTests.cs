using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Hosting;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Infrastructure;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Features;

/// <summary>Prometheus metrics for operators only: request rate and latency per page, errors, pool use, job lag, outbox backlog.</summary>
public abstract class MetricsTests(AppFixture app)
{
    private const string Token = "operators-only-token-0123456789";

    [Fact]
    public async Task Metrics_answer_only_a_request_with_the_operators_token_and_carry_pages_jobs_outbox_and_audit()
    {
        await using var host = app.CreateFactory(b => b.UseSetting("Metrics:Token", Token));
        var client = app.Client(host);
        (await client.GetAsync("/Accounts/Login")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using (var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics"))
        {
            wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-operators-token");
            (await client.SendAsync(wrong)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        scrape.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var response = await client.SendAsync(scrape);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldContain("http_request_duration_seconds_bucket");
        text.ShouldContain("page=\"/Accounts/Login\"");
        text.ShouldContain("http_requests_received_total");
        text.ShouldContain("techcenters_mail_outbox_pending");
        text.ShouldContain("techcenters_mail_outbox_failed");
        text.ShouldContain("techcenters_audit_pending_rows");
        text.ShouldContain("techcenters_job_lag_seconds{job=\"mail-outbox\"}");
        text.ShouldContain("techcenters_database_up 1");
        // The connection pool as Npgsql reports it (PostgreSQL; SQLite has no pool meter).
        if (app.Provider == DatabaseProvider.Postgres) text.ShouldContain("techcenters_db_pool_connections{instrument=\"db.client.connection", Case.Sensitive, MetricText.Lines(text));
    }

    [Fact]
    public void Without_a_token_the_metrics_stay_closed_and_a_short_token_is_refused_at_start()
    {
        new MetricsSettings().Allows("Bearer ").ShouldBeFalse();
        var settings = new MetricsSettings();
        settings.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Metrics:Token"] = "short" }).Build());
        settings.Problems.ShouldContain(p => p.Contains("Metrics:Token"));
    }

    [Fact]
    public void Personal_data_in_a_log_line_is_masked()
    {
        PersonalDataMask.Mask("联系人电话 13812345678，身份证 110101199003071234，邮箱 zhangsan@example.com")
            .ShouldBe("联系人电话 138****5678，身份证 110101********1234，邮箱 z***@example.com");
        PersonalDataMask.Mask("申报书 12345 第 2 版").ShouldBe("申报书 12345 第 2 版");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MetricsTests_Sqlite(SqliteAppFixture app) : MetricsTests(app);

[Collection(PostgresCollection.Name)]
public sealed class MetricsTests_Postgres(PostgresAppFixture app) : MetricsTests(app);
static class MetricText { public static string Lines(string t) => string.Join("\n", t.Split('\n').Where(l => l.Contains("pool") || l.StartsWith("# TYPE"))); }
