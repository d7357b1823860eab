using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TechCenters.Web.Data;

/// <summary>
/// Brings the database to the model with EF Core migrations, one set per provider (ADR 0007). The first migration
/// (<c>Baseline</c>) runs the hand-written scripts 0001–0003 that created every database before; a database that
/// those scripts already created (recorded in <c>schema_migrations</c>) is adopted: Baseline is recorded as applied
/// and only what came after runs. EF Core takes its migration lock before reading the history, so two instances
/// starting together apply each migration once.
/// </summary>
public sealed class Migrator(AppDbContext db, ILogger<Migrator> log)
{
    public const string HistoryTable = "__EFMigrationsHistory";
    public const string BaselineName = "Baseline";
    /// <summary>The hand-written version the baseline stands for (the last script it runs).</summary>
    public const string LegacyVersion = "0003";

    public sealed record Script(string Version, string Name, string Sql);

    /// <summary>The hand-written scripts the baseline runs on an empty database (embedded, per provider).</summary>
    public static IReadOnlyList<Script> LegacyScripts(DatabaseProvider provider)
    {
        var asm = Assembly.GetExecutingAssembly();
        var prefix = $"TechCenters.Web.Data.Migrations.{provider}.";
        return asm.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[prefix.Length..^4];
                using var s = asm.GetManifestResourceStream(n)!;
                using var r = new StreamReader(s);
                return new Script(file.Split('_', 2)[0], file, r.ReadToEnd());
            })
            .OrderBy(s => s.Version, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A PostgreSQL advisory-lock key held by the migrator for a whole run.</summary>
    private const long LockKey = 72610002;

    /// <summary>
    /// Takes a PostgreSQL session advisory lock on the context's open connection, waiting as long as its holder needs
    /// (another instance migrating or seeding may take minutes): not bounded by the command timeout, which would stop this
    /// instance's start (Bug 0305). Stopping the host (<paramref name="ct"/>) still ends the wait.
    /// </summary>
    public static async Task WaitForLockAsync(AppDbContext db, long key, CancellationToken ct)
    {
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(0); // 0: no timeout
        try { await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({key})", ct); }
        finally { db.Database.SetCommandTimeout(timeout); }
    }

    /// <summary>
    /// Applies pending migrations; returns their ids. On PostgreSQL a session advisory lock is taken before anything is
    /// read and held across every migration (EF Core's own lock covers one migration's transaction at a time), so two
    /// instances starting together apply each migration once; SQLite's writer lock and EF Core's lock table do the same.
    /// </summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        var postgres = db.Provider() == DatabaseProvider.Postgres;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (postgres) await WaitForLockAsync(db, LockKey, ct);
            else
                // WAL is a property of the file: set once so readers do not wait for the writer.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await AdoptLegacyAsync(ct);
            // A new database has no history table, and EF Core (Npgsql's existence check included) would query it anyway and
            // log the failure as an error on PostgreSQL: the catalogue is asked, and an empty table made first, under the lock.
            List<string> applied = [];
            if (await ScalarAsync(db.Database.GetDbConnection(), postgres
                    ? $"SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '{HistoryTable}'"
                    : $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{HistoryTable}'", ct) > 0)
                applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
            else await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
            var pending = db.Database.GetMigrations().Except(applied).ToList();
            // SQLite rebuilds a table outside a transaction (EF Core's own warnings about it are logged at Debug, see
            // DatabaseSetup): harmless on a new database, worth one line when an existing one is upgraded.
            if (!postgres && pending.Count > 0 && applied.Count > 0)
                log.LogWarning("正在升级已有的 SQLite 数据库（{Count} 个迁移）。重建数据表的迁移不在事务内执行：如升级中途被终止，请用升级前的备份恢复（backup restore）后再启动。", pending.Count);
            await db.Database.MigrateAsync(ct);
            foreach (var m in pending) log.LogInformation("已应用数据库迁移 {Migration}", m);
            return pending;
        }
        finally
        {
            if (postgres) await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
            // Migrations switch foreign keys off and on again; the connection pragmas are set once per pooled connection
            // (Data/SqlitePragmas), so the migrator's connections are not handed to the app.
            if (!postgres && db.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection sqlite)
                Microsoft.Data.Sqlite.SqliteConnection.ClearPool(sqlite);
        }
    }

    /// <summary>
    /// A database made by the hand-written migrator has <c>schema_migrations</c> with 0001–0003 and no EF history:
    /// record Baseline as applied (idempotent; two instances may both try).
    /// </summary>
    private async Task AdoptLegacyAsync(CancellationToken ct)
    {
        var baseline = db.Database.GetMigrations().Order(StringComparer.Ordinal).FirstOrDefault()
            ?? throw new InvalidOperationException("程序中没有数据库迁移");
        if (!baseline.EndsWith("_" + BaselineName, StringComparison.Ordinal))
            throw new InvalidOperationException($"第一个迁移应为 {BaselineName}，实际为 {baseline}");
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var sqlite = db.Provider() == DatabaseProvider.Sqlite;
            var legacy = await ScalarAsync(conn, sqlite
                ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
                : "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'", ct);
            if (legacy == 0) return;
            if (await ScalarAsync(conn, $"SELECT count(*) FROM schema_migrations WHERE version = '{LegacyVersion}'", ct) == 0)
                throw new InvalidOperationException($"数据库由手写迁移脚本创建但尚未升级到 {LegacyVersion}，请先用上一版本执行 migrate");
            var product = typeof(DbContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "10.0";
            await ExecAsync(conn, sqlite
                ? $"""CREATE TABLE IF NOT EXISTS "{HistoryTable}" ("MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY, "ProductVersion" TEXT NOT NULL);"""
                : $"""CREATE TABLE IF NOT EXISTS "{HistoryTable}" ("MigrationId" character varying(150) NOT NULL, "ProductVersion" character varying(32) NOT NULL, CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY ("MigrationId"));""", ct);
            var inserted = await ExecAsync(conn, sqlite
                ? $"""INSERT OR IGNORE INTO "{HistoryTable}" ("MigrationId", "ProductVersion") VALUES ('{baseline}', '{product}');"""
                : $"""INSERT INTO "{HistoryTable}" ("MigrationId", "ProductVersion") VALUES ('{baseline}', '{product}') ON CONFLICT DO NOTHING;""", ct);
            if (inserted > 0) log.LogInformation("已接管手写迁移创建的数据库（{Version}），记为 {Baseline}", LegacyVersion, baseline);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<long> ScalarAsync(DbConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct));
    }

    private static async Task<int> ExecAsync(DbConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
