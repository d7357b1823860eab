using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Features;

[Collection(PostgresCollection.Name)]
public sealed class StartupTests_Postgres
{
    [Fact]
    public async Task Bug_0302_two_demo_instances_starting_together_on_an_empty_database_both_start_and_seed_once()
    {
        // Both instances migrated and seeded at once; one failed on a duplicate key and the host did not start.
        await using var scratch = await ScratchDatabase.CreateAsync(DatabaseProvider.Postgres);
        WebApplicationFactory<Program> Instance() => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Database:Provider", "Postgres");
            b.UseSetting("ConnectionStrings:Default", scratch.ConnectionString);
            b.UseSetting("Demo:Enabled", "true");
        });
        await using var a = Instance();
        await using var b = Instance();
        await Task.WhenAll(Task.Run(() => a.Services), Task.Run(() => b.Services));
        await using var db = scratch.Context();
        (await db.Users.CountAsync(u => u.UserName == "xpcc-bureau")).ShouldBe(1);
        (await db.Jurisdictions.CountAsync()).ShouldBe(5);
        (await db.Centers.CountAsync()).ShouldBe(5);
    }
}
