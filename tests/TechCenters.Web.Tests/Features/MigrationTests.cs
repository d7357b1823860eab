using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Features;

/// <summary>EF Core migrations, one set per provider (ADR 0007): the schema they make is the model, old databases are adopted, two starts apply once.</summary>
public abstract class MigrationTests(AppFixture app)
{
    [Fact]
    public async Task The_migrated_schema_matches_the_EF_model_in_columns_types_indexes_and_foreign_keys()
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var model = Schema.FromModel(db);
        var actual = await Schema.FromDatabaseAsync(db);
        model.Columns.Count.ShouldBeGreaterThan(50);

        model.Columns.Except(actual.Columns).Select(c => c.ToString()).ShouldBeEmpty("迁移后缺少模型中的列（或类型、可空性不同）");
        actual.Columns.Except(model.Columns).Select(c => c.ToString()).ShouldBeEmpty("迁移后多出模型中没有的列（或类型、可空性不同）");
        model.Indexes.Except(actual.Indexes).Select(c => c.ToString()).ShouldBeEmpty("迁移后缺少模型中的索引");
        actual.Indexes.Except(model.Indexes).Select(c => c.ToString()).ShouldBeEmpty("迁移后多出模型中没有的索引");
        model.ForeignKeys.Except(actual.ForeignKeys).Select(c => c.ToString()).ShouldBeEmpty("迁移后缺少模型中的外键（或删除规则不同）");
        actual.ForeignKeys.Except(model.ForeignKeys).Select(c => c.ToString()).ShouldBeEmpty("迁移后多出模型中没有的外键");
    }

    [Fact]
    public async Task The_model_has_no_change_that_a_migration_does_not_carry()
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Database.HasPendingModelChanges().ShouldBeFalse("模型有未生成迁移的变更：运行 scripts/add-migration.sh <名称>");
    }

    [Fact]
    public async Task Migrations_are_recorded_and_running_them_again_applies_nothing()
    {
        await using var scope = app.Scope();
        (await scope.ServiceProvider.GetRequiredService<Migrator>().MigrateAsync()).ShouldBeEmpty();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        (await db.Database.GetAppliedMigrationsAsync()).ShouldBe(db.Database.GetMigrations());
    }

    [Fact]
    public async Task A_database_made_by_the_hand_written_scripts_is_adopted_with_its_rows_and_brought_up_to_date()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(app.Provider);
        // The 0003 schema exactly as the hand-written migrator left it, with a row in it.
        foreach (var script in Migrator.LegacyScripts(app.Provider)) await scratch.ExecAsync(script.Sql);
        await scratch.ExecAsync("""
            CREATE TABLE schema_migrations (version VARCHAR(20) NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at VARCHAR(40) NOT NULL);
            INSERT INTO schema_migrations VALUES ('0001', '0001_initial', 'x'), ('0002', '0002_applying', 'x'), ('0003', '0003_selecting', 'x');
            INSERT INTO "Jurisdictions" ("Id", "Name", "Level", "BureauName") VALUES ('old', '旧辖区', '市', '旧科技局');
            """);

        await using var db = scratch.Context();
        var applied = await scratch.Migrator(db).MigrateAsync();
        applied.ShouldNotContain(m => m.EndsWith("_" + Migrator.BaselineName));
        (await db.Database.GetAppliedMigrationsAsync()).ShouldBe(db.Database.GetMigrations());
        (await db.Jurisdictions.SingleAsync()).Name.ShouldBe("旧辖区");
        (await scratch.Migrator(db).MigrateAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Two_instances_starting_together_on_an_empty_database_apply_each_migration_once()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(app.Provider);
        await using var a = scratch.Context();
        await using var b = scratch.Context();
        // A second run of any migration would fail (its tables exist already): both finishing cleanly means each ran once.
        await Should.NotThrowAsync(() => Task.WhenAll(scratch.Migrator(a).MigrateAsync(), scratch.Migrator(b).MigrateAsync()));
        (await a.Database.GetAppliedMigrationsAsync()).ShouldBe(a.Database.GetMigrations());
        (await Schema.FromDatabaseAsync(a)).Columns.ShouldBe(Schema.FromModel(a).Columns, ignoreOrder: true);
    }

    [Fact]
    public async Task Bug_0301_instances_waiting_on_each_other_never_rerun_an_idempotent_migration()
    {
        // With several migrations, one of them idempotent SQL, an instance that had waited on EF Core's per-migration lock
        // re-ran that migration and failed on its history row (PostgreSQL). Four instances start together here.
        await using var scratch = await ScratchDatabase.CreateAsync(app.Provider);
        var contexts = Enumerable.Range(0, 4).Select(_ => scratch.Context()).ToList();
        try
        {
            var applied = await Task.WhenAll(contexts.Select(c => scratch.Migrator(c).MigrateAsync()));
            applied.SelectMany(a => a).Count().ShouldBe(contexts[0].Database.GetMigrations().Count(), "每个迁移恰好应用一次");
            (await contexts[0].Database.GetAppliedMigrationsAsync()).ShouldBe(contexts[0].Database.GetMigrations());
        }
        finally
        {
            foreach (var c in contexts) await c.DisposeAsync();
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MigrationTests_Sqlite(SqliteAppFixture app) : MigrationTests(app);

[Collection(PostgresCollection.Name)]
public sealed class MigrationTests_Postgres(PostgresAppFixture app) : MigrationTests(app);
