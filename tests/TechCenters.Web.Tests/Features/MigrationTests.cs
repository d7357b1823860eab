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
        // The 0003 schema exactly as the hand-written migrator left it, with an application in expert review in it:
        // two timeline entries (one an expert's score), a co-builder, a panel of one expert.
        foreach (var script in Migrator.LegacyScripts(app.Provider)) await scratch.ExecAsync(script.Sql);
        var pg = app.Provider == DatabaseProvider.Postgres;
        string T(int day) => pg ? $"'2026-03-0{day} 08:00:00+00'" : Convert.ToString(new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter().ConvertToProvider(new DateTimeOffset(2026, 3, day, 8, 0, 0, TimeSpan.Zero)), System.Globalization.CultureInfo.InvariantCulture)!;
        string B(bool b) => pg ? (b ? "true" : "false") : (b ? "1" : "0");
        const string Empty = "{}";
        await scratch.ExecAsync($"""
            CREATE TABLE schema_migrations (version VARCHAR(20) NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at VARCHAR(40) NOT NULL);
            INSERT INTO schema_migrations VALUES ('0001', '0001_initial', 'x'), ('0002', '0002_applying', 'x'), ('0003', '0003_selecting', 'x');
            INSERT INTO "Jurisdictions" ("Id", "Name", "Level", "BureauName") VALUES ('old', '旧辖区', '市', '旧科技局');
            INSERT INTO "Departments" ("Id", "JurisdictionId", "Name", "Kind") VALUES (7, 'old', '旧区', '县市区');
            INSERT INTO "Units" ("Id", "CreditCode", "Name", "Type", "JurisdictionId", "DepartmentId", "Region", "RegisteredAddress", "CreatedAt")
            VALUES (11, '91650100MA77TEST01', '牵头公司', 1, 'old', 7, '旧区', '地址', {T(1)}), (12, '12650100MA77TEST02', '共建大学', 2, 'old', 7, '旧区', '地址', {T(1)});
            INSERT INTO "Experts" ("Id", "JurisdictionId", "Name", "Field", "Kind", "Employer") VALUES (21, 'old', '张专家', '新材料', 1, '外单位');
            INSERT INTO "Calls" ("Id", "JurisdictionId", "Title", "PriorityFields", "Body", "OpensAt", "ClosesAt", "PackVersion", "PackDocument", "PublishedAt", "PublishedBy")
            VALUES (31, 'old', '通知', '新材料', '正文', {T(1)}, {T(5)}, '2024-07-19', '办法', {T(1)}, 'bureau');
            INSERT INTO "Applications" ("Id", "CallId", "JurisdictionId", "LeadUnitId", "DepartmentId", "CenterName", "StageId", "Step", "Holder", "SubmittedInStage",
                "PackVersion", "PackDocument", "FactsJson", "PlanJson", "FormJson", "ReceiptNumber", "SubmittedAt", "VersionCount", "ReturnReason", "CreatedAt", "UpdatedAt", "CreatedBy", "Revision")
            VALUES (41, 31, 'old', 11, 7, '旧技术创新中心', 'expert_review', 'expert_review', 'bureau', {B(false)}, '2024-07-19', '办法', '{Empty}', '{Empty}', '{Empty}', 'SB1', {T(2)}, 1, NULL, {T(1)}, {T(3)}, 'applicant', 5);
            INSERT INTO "ApplicationCoBuilders" ("ApplicationId", "UnitId", "WorkShare", "Core", "Region", "Position") VALUES (41, 12, 0.3, {B(true)}, 'local', 0);
            INSERT INTO "Activities" ("ApplicationId", "OccurredAt", "UserName", "Action", "FromStage", "ToStage", "PackVersion", "PackDocument", "Note")
            VALUES (41, {T(2)}, 'applicant', '提交申报书', 'application', 'recommendation', '2024-07-19', '办法', NULL),
                   (41, {T(3)}, 'expert21', '专家提交评审意见', 'expert_review', 'expert_review', '2024-07-19', '办法', '评分88，同意通过');
            INSERT INTO "ExpertPanels" ("Id", "JurisdictionId", "Name", "FormedAt", "FormedBy") VALUES (51, 'old', '专家组', {T(3)}, 'bureau');
            INSERT INTO "PanelMembers" ("PanelId", "ExpertId") VALUES (51, 21);
            INSERT INTO "PanelAssignments" ("PanelId", "ApplicationId") VALUES (51, 41);
            INSERT INTO "Centers" ("Id", "JurisdictionId", "ApplicationId", "Name", "LeadUnitId", "LeadUnitName", "CoBuilderNames", "ApprovalNumber", "ApprovedOn",
                "ConstructionYears", "ConstructionEndsOn", "SubsidyYuan", "PackVersion", "PackDocument", "CreatedAt", "CreatedBy")
            VALUES (61, 'old', 41, '旧技术创新中心', 11, '牵头公司', '共建大学', '旧科发〔2026〕1号', '2026-03-05', 3, '2029-03-04', NULL, '2024-07-19', '办法', {T(5)}, 'bureau');
            """);

        await using (var db = scratch.Context())
        {
            var applied = await scratch.Migrator(db).MigrateAsync();
            applied.ShouldNotContain(m => m.EndsWith("_" + Migrator.BaselineName));
            (await db.Database.GetAppliedMigrationsAsync()).ShouldBe(db.Database.GetMigrations());
            (await scratch.Migrator(db).MigrateAsync()).ShouldBeEmpty();
        }
        await using (var db = scratch.Context())
        {
            // Nothing lost: the application is a case with the same id, stage, holder and revision.
            var c = await db.Cases.Include(x => x.Parties).SingleAsync();
            (c.Id, c.Kind, c.StageId, c.Step, c.Holder, c.Revision, c.LeadUnitId, c.DepartmentId, c.Title)
                .ShouldBe((41, "application", "expert_review", "expert_review", "bureau", 5, 11, 7, "旧技术创新中心"));
            c.Parties.Select(p => (p.UnitId, p.Role)).OrderBy(p => p.UnitId).ShouldBe([(11, "lead"), (12, "co_builder")]);
            var app2 = await db.Applications.Include(a => a.Case).Include(a => a.CoBuilders).SingleAsync();
            (app2.CenterName, app2.ReceiptNumber, app2.CoBuilders.Count).ShouldBe(("旧技术创新中心", "SB1", 1));
            // The timeline moved to the case; an expert's score is for the bureau only from now on.
            var entries = await db.Activities.OrderBy(e => e.Id).ToListAsync();
            entries.ShouldAllBe(e => e.CaseId == 41);
            entries.Select(e => e.Audience).ShouldBe([TechCenters.Web.Features.Activity.Audience.Parties, TechCenters.Web.Features.Activity.Audience.Bureau]);
            (await db.CaseAssignments.SingleAsync()).ExpertId.ShouldBe(21);
            (await db.Departments.SingleAsync()).Path.ShouldBe("/7/");
            // The center's co-builders are rows now, it has its department and status, and its application points to it.
            var center = await db.Centers.Include(x => x.CoBuilders).SingleAsync();
            (center.Status, center.DepartmentId, center.CoBuilders.Single().UnitId, center.CoBuilders.Single().Core)
                .ShouldBe((TechCenters.Web.Features.Centers.CenterStatus.Active, (int?)7, 12, true));
            (await db.Cases.SingleAsync(x => x.Id == 41)).CenterId.ShouldBe(61);
            // A case opened after the upgrade gets an id of its own.
            db.Cases.Add(new TechCenters.Web.Features.Cases.Case { Kind = "application", JurisdictionId = "old", Title = "新", PackVersion = "2024-07-19", PackDocument = "办法", StageId = "call", Step = "call" });
            await db.SaveChangesAsync();
            (await db.Cases.MaxAsync(x => x.Id)).ShouldBeGreaterThan(41);
        }
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
