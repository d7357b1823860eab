using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Features;

/// <summary>What the operator's log says while the app migrates its database.</summary>
public abstract class MigrationLogTests(AppFixture app)
{
    /// <summary>Warnings and errors, by category.</summary>
    private sealed class Captured : ILoggerProvider
    {
        public readonly ConcurrentQueue<(string Category, string Text)> Lines = new();
        public ILogger CreateLogger(string category) => new Logger(category, this);
        public void Dispose() { }

        private sealed class Logger(string category, Captured sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel level) => level >= LogLevel.Warning;
            public void Log<TState>(LogLevel level, EventId id, TState state, Exception? e, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(level)) sink.Lines.Enqueue((category, formatter(state, e)));
            }
        }
    }

    /// <summary>
    /// A new SQLite database's first start wrote 17 English warnings of EF Core (a table rebuild pending, an operation that
    /// cannot run in a transaction) before the banner — alarming to an operator, about nothing on an empty database. Now a
    /// new database migrates without a warning; upgrading an existing one says it once, in Chinese, with what to do.
    /// </summary>
    [Fact]
    public async Task Bug_0330_a_new_database_migrates_without_a_warning_and_an_upgrade_of_sqlite_says_so_once()
    {
        var captured = new Captured();
        using var log = LoggerFactory.Create(b => b.AddProvider(captured).SetMinimumLevel(LogLevel.Debug));

        await using (var fresh = await ScratchDatabase.CreateAsync(app.Provider))
        await using (var db = fresh.Context(log))
        {
            (await new Migrator(db, log.CreateLogger<Migrator>()).MigrateAsync()).Count.ShouldBe(db.Database.GetMigrations().Count());
            captured.Lines.ShouldBeEmpty(string.Join("\n", captured.Lines));
        }

        await using var old = await ScratchDatabase.CreateAsync(app.Provider);
        await using (var db = old.Context(log))
        {
            var all = db.Database.GetMigrations().ToList();
            await db.GetService<IMigrator>().MigrateAsync(all[^2]); // one release behind
            captured.Lines.Clear();
            (await new Migrator(db, log.CreateLogger<Migrator>()).MigrateAsync()).ShouldBe([all[^1]]);
        }
        if (app.Provider == DatabaseProvider.Sqlite)
        {
            captured.Lines.Count.ShouldBe(1, string.Join("\n", captured.Lines));
            captured.Lines.Single().Category.ShouldBe(typeof(Migrator).FullName);
            captured.Lines.Single().Text.ShouldContain("正在升级已有的 SQLite 数据库（1 个迁移）");
            captured.Lines.Single().Text.ShouldContain("backup restore");
        }
        else captured.Lines.ShouldBeEmpty(string.Join("\n", captured.Lines));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MigrationLogTests_Sqlite(SqliteAppFixture app) : MigrationLogTests(app);

[Collection(PostgresCollection.Name)]
public sealed class MigrationLogTests_Postgres(PostgresAppFixture app) : MigrationLogTests(app);
