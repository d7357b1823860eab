using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using TechCenters.Web.Cli;
using TechCenters.Web.Data;
using TechCenters.Web.Data.Seed;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Features;

public abstract class DatabaseTests(AppFixture app)
{
    [Fact]
    public async Task Demo_seed_covers_every_jurisdiction_unit_type_expert_kind_and_role_and_running_it_again_changes_nothing()
    {
        async Task<int[]> Counts() => await app.Db(async db => new[]
        {
            await db.Jurisdictions.CountAsync(), await db.Departments.CountAsync(), await db.Units.CountAsync(),
            await db.People.CountAsync(), await db.Experts.CountAsync(), await db.Users.CountAsync(), await db.UserRoles.CountAsync(),
        });
        // Every pool expert gets a demo login: experts other tests of this database added get theirs on the first run
        // after them. From that fixed point on, running the seed again changes nothing.
        await using (var scope = app.Scope())
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().EnsureAccountsAsync();
        var before = await Counts();
        await using (var scope = app.Scope())
        {
            var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
            (await seeder.SeedAsync()).ShouldBeFalse();
        }
        (await Counts()).ShouldBe(before);
        // The same through the admin command.
        await using (var services = new AppServices([$"--Database:Provider={app.Provider}", $"--ConnectionStrings:Default={app.ConnectionString}", $"--Crypto:KeyFile={TestKeys.File}", "--Demo:Enabled=true"]))
            (await AdminCli.Build(services).Parse(["seed", "--demo"]).InvokeAsync()).ShouldBe(0);
        (await Counts()).ShouldBe(before);

        var perType = await app.Db(db => db.Units.Where(u => !u.Name.Contains("合成")).GroupBy(u => new { u.JurisdictionId, u.Type })
            .Select(g => new { g.Key.JurisdictionId, g.Key.Type, Count = g.Count() }).ToListAsync());
        perType.Count.ShouldBe(5 * Enum.GetValues<UnitType>().Length);
        perType.ShouldAllBe(g => g.Count >= 12, string.Join("；", perType.Where(g => g.Count < 12).Select(g => $"{g.JurisdictionId} {g.Type} {g.Count}")));
        var kinds = await app.Db(db => db.Experts.Select(e => new { e.JurisdictionId, e.Kind }).Distinct().ToListAsync());
        kinds.Count.ShouldBe(5 * 3);
        var codes = await app.Db(db => db.Units.Select(u => u.CreditCode).ToListAsync());
        codes.ShouldAllBe(c => CreditCode.IsValid(c));
        (await app.Db(db => db.Units.AnyAsync(u => u.JurisdictionId == "xpcc-12th-division" && u.DepartmentId == null))).ShouldBeTrue();
        (await app.Db(db => db.People.AnyAsync(p => p.Title == null || p.Position == null))).ShouldBeFalse();
        foreach (var role in TechCenters.Web.Features.Accounts.Roles.All)
            (await app.Db(db => db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).CountAsync(n => n == role))).ShouldBeGreaterThanOrEqualTo(1, role);
        (await app.Db(db => db.Users.CountAsync(u => u.UserName!.EndsWith("-bureau")))).ShouldBe(5);
    }

    [Fact]
    public async Task Demo_accounts_with_the_published_password_are_refused_outside_a_demo_deployment()
    {
        await using var services = new AppServices([$"--Database:Provider={app.Provider}", $"--ConnectionStrings:Default={app.ConnectionString}", $"--Crypto:KeyFile={TestKeys.File}", "--Demo:Enabled=false"]);
        (await AdminCli.Build(services).Parse(["seed", "--demo"]).InvokeAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task The_synthetic_seed_adds_exactly_the_requested_units_with_valid_codes()
    {
        var before = await app.Db(db => db.Units.CountAsync());
        var progress = new List<int>();
        await using (var scope = app.Scope())
            await scope.ServiceProvider.GetRequiredService<SyntheticSeeder>().SeedAsync(SyntheticSeeder.BatchSize + 300, progress.Add);
        (await app.Db(db => db.Units.CountAsync())).ShouldBe(before + SyntheticSeeder.BatchSize + 300);
        progress.ShouldBe([SyntheticSeeder.BatchSize, SyntheticSeeder.BatchSize + 300]);
        var codes = await app.Db(db => db.Units.Where(u => u.Name.Contains("合成")).Select(u => u.CreditCode).ToListAsync());
        codes.ShouldAllBe(c => CreditCode.IsValid(c));
        codes.Distinct().Count().ShouldBe(codes.Count);
    }

    [Fact]
    public async Task Bug_0325_a_pooled_context_carries_nothing_of_one_request_into_the_next()
    {
        // Contexts are pooled (Data/DatabaseSetup): one leased after another request dirtied it must start clean — no
        // tracked rows, the change tracker's and the database facade's settings as configured, and the audit flag that
        // wakes the chain sealer cleared when its next transaction starts.
        var seen = new HashSet<AppDbContext>(ReferenceEqualityComparer.Instance);
        int? timeout = null;
        for (var i = 0; i < 20; i++)
        {
            await using var scope = app.Scope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            seen.Add(db);
            if (i == 0) timeout = db.Database.GetCommandTimeout();
            db.ChangeTracker.Entries().ShouldBeEmpty();
            db.ChangeTracker.QueryTrackingBehavior.ShouldBe(QueryTrackingBehavior.TrackAll);
            db.ChangeTracker.AutoDetectChangesEnabled.ShouldBeTrue();
            db.Database.AutoTransactionBehavior.ShouldBe(AutoTransactionBehavior.WhenNeeded);
            db.Database.GetCommandTimeout().ShouldBe(timeout);
            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                db.AuditAppendedInTransaction.ShouldBeFalse("each transaction starts without an earlier one's audit flag");
                await tx.RollbackAsync();
            }
            // What one request may leave behind.
            (await db.Jurisdictions.FirstAsync()).ShouldNotBeNull();
            db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
            db.Database.SetCommandTimeout(1);
            db.AuditAppendedInTransaction = true;
        }
        seen.Count.ShouldBeLessThan(20, "contexts are reused from the pool");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DatabaseTests_Sqlite(SqliteAppFixture app) : DatabaseTests(app);

[Collection(PostgresCollection.Name)]
public sealed class DatabaseTests_Postgres(PostgresAppFixture app) : DatabaseTests(app);
