using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Features;

public abstract class OutageAnswerTests(AppFixture app)
{
    [Fact]
    public async Task Bug_0303_a_request_cut_off_by_the_database_is_a_503_even_when_its_audit_row_cannot_be_written_either()
    {
        // In a failover the request's connection dropped mid-transaction; recording the failure then failed on the same
        // broken context with an error of its own, which replaced the original one: the answer was a 500.
        await using var failing = app.CreateFactory(b => b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new BrokenDatabaseAtTheEnd())));
        var client = app.Client(failing);
        var response = await client.PostAsync("/test/cut-off", new FormUrlEncodedContent(new Dictionary<string, string>()));
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await response.TextAsync()).ShouldContain("服务暂时不可用");
    }

    /// <summary>
    /// After the app's own pipeline (so reached by a path nothing else serves): leaves the request's context with an
    /// open transaction on a closed connection, as a dropped connection does, and fails as the database would.
    /// </summary>
    private sealed class BrokenDatabaseAtTheEnd : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            next(builder);
            builder.Use(async (HttpContext ctx, RequestDelegate _) =>
            {
                var db = ctx.RequestServices.GetRequiredService<AppDbContext>();
                await db.Database.BeginTransactionAsync();
                await db.Database.GetDbConnection().CloseAsync();
                throw db.Database.IsNpgsql()
                    ? new Npgsql.NpgsqlException("Exception while reading from stream", new EndOfStreamException())
                    : new Microsoft.Data.Sqlite.SqliteException("disk I/O error", 10);
            });
        };
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OutageAnswerTests_Sqlite(SqliteAppFixture app) : OutageAnswerTests(app);

[Collection(PostgresCollection.Name)]
public sealed class OutageAnswerTests_Postgres(PostgresAppFixture app) : OutageAnswerTests(app);
