using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
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
            b.UseSetting("Crypto:KeyFile", TestKeys.File); // outside demo mode the key file is required
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
        // The demo's centers once each (however many the demo seeds): one per recognizing application, no name twice.
        var centers = await db.Centers.Select(c => new { c.ApplicationId, c.JurisdictionId, c.Name }).ToListAsync();
        centers.ShouldNotBeEmpty();
        centers.Select(c => c.ApplicationId).ShouldBeUnique();
        centers.Select(c => (c.JurisdictionId, c.Name)).ShouldBeUnique();
    }
    [Fact]
    public async Task Bug_0305_an_instance_waits_its_turn_while_another_migrates_and_seeds_longer_than_the_command_timeout()
    {
        // Two demo instances under load: the second waited for the first's start-up lock as one command, its 30 s command
        // timeout ran out while the first was still seeding, and the second instance's start failed.
        await using var scratch = await ScratchDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var other = new NpgsqlConnection(scratch.ConnectionString);
        await other.OpenAsync();
        async Task Other(string sql) { await using var cmd = new NpgsqlCommand(sql, other); await cmd.ExecuteNonQueryAsync(); }
        await Other($"SELECT pg_advisory_lock({DatabaseInitializer.StartupLockKey})"); // "another instance" is busy starting

        var shortTimeout = new NpgsqlConnectionStringBuilder(scratch.ConnectionString) { CommandTimeout = 2 }.ConnectionString;
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Crypto:KeyFile", TestKeys.File); // outside demo mode the key file is required
            b.UseSetting("Database:Provider", "Postgres");
            b.UseSetting("ConnectionStrings:Default", shortTimeout);
        });
        var starting = Task.Run(() => factory.Services);
        await Task.Delay(TimeSpan.FromSeconds(6)); // three command timeouts
        starting.IsCompleted.ShouldBeFalse(starting.Exception?.GetBaseException().Message);

        await Other($"SELECT pg_advisory_unlock({DatabaseInitializer.StartupLockKey})");
        await starting; // its turn: it migrates and starts
        await using var db = scratch.Context();
        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
    }
}
