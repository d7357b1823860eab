using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace TechCenters.Web.Data;

/// <summary>
/// Applies the hand-written, versioned SQL scripts under Data/Migrations/&lt;Provider&gt;/NNNN_name.sql in order,
/// each in its own transaction, and records them in schema_migrations. (EF's design-time package is not
/// available here, and auto-created schemas are not allowed.)
/// </summary>
public sealed class Migrator(AppDbContext db, ILogger<Migrator> log)
{
    public sealed record Script(string Version, string Name, string Sql);

    public static IReadOnlyList<Script> Scripts(DatabaseProvider provider)
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

    /// <summary>Returns the versions applied by this call.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        var provider = db.Provider();
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                // WAL for concurrent readers, FULL sync so a committed audit row survives a power cut.
                await Exec(conn, null, "PRAGMA journal_mode=WAL;", ct);
                await Exec(conn, null, "PRAGMA synchronous=FULL;", ct);
            }
            await Exec(conn, null,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version VARCHAR(20) NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at VARCHAR(40) NOT NULL);", ct);

            var applied = new HashSet<string>();
            await using (var cmd = conn.CreateCommand())
            {
                cmd.CommandText = "SELECT version FROM schema_migrations";
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) applied.Add(reader.GetString(0));
            }

            var done = new List<string>();
            foreach (var script in Scripts(provider).Where(s => !applied.Contains(s.Version)))
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                if (provider == DatabaseProvider.Postgres)
                    await Exec(conn, tx, "LOCK TABLE schema_migrations IN EXCLUSIVE MODE;", ct); // one migrator at a time
                await Exec(conn, tx, script.Sql, ct);
                await using (var ins = conn.CreateCommand())
                {
                    ins.Transaction = tx;
                    ins.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@v, @n, @t)";
                    AddParam(ins, "@v", script.Version);
                    AddParam(ins, "@n", script.Name);
                    AddParam(ins, "@t", DateTimeOffset.UtcNow.ToString("O"));
                    await ins.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                log.LogInformation("已应用数据库迁移 {Name}", script.Name);
                done.Add(script.Version);
            }
            return done;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void AddParam(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    private static async Task Exec(DbConnection conn, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
