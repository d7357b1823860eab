using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;
using Shouldly;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Features;

/// <summary>What EF Core says about the app's queries while every role opens its first pages: nothing an operator must read.</summary>
public abstract class QueryWarningTests(AppFixture app)
{
    /// <summary>Every warning or error of EF Core's query pipeline, as the app's log receives it.</summary>
    private sealed class Captured : ILogEventSink
    {
        public readonly ConcurrentQueue<string> Lines = new();

        public void Emit(LogEvent e)
        {
            if (e.Level >= LogEventLevel.Warning && e.Properties.TryGetValue("SourceContext", out var source)
                && source.ToString().Trim('"').StartsWith("Microsoft.EntityFrameworkCore.Query", StringComparison.Ordinal))
                Lines.Enqueue(e.RenderMessage());
        }
    }

    /// <summary>
    /// The bell's unread count took up to 100 rows with no order: EF Core warned 「The query uses a row limiting operator
    /// ('Skip'/'Take') without an 'OrderBy' operator」 at the first page after every start-up (the count was right either
    /// way; the operator's log said otherwise).
    /// </summary>
    [Fact]
    public async Task Bug_0329_the_first_pages_of_every_role_leave_no_query_warning_in_the_log()
    {
        var captured = new Captured();
        await using var host = app.CreateFactory(b => b.ConfigureTestServices(s => s.AddSingleton<ILogEventSink>(captured)));
        foreach (var user in new[] { "xpcc-bureau", "xpcc-dept", "xpcc-applicant", "xpcc-expert", "xpcc-evaluator", "sysadmin" })
        {
            var client = await app.LoginAsync(user, factory: host);
            foreach (var url in new[] { "/Inbox", "/Notifications" })
                (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK, $"{user} {url}");
        }
        captured.Lines.ShouldBeEmpty(string.Join("\n", captured.Lines));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class QueryWarningTests_Sqlite(SqliteAppFixture app) : QueryWarningTests(app);

[Collection(PostgresCollection.Name)]
public sealed class QueryWarningTests_Postgres(PostgresAppFixture app) : QueryWarningTests(app);
