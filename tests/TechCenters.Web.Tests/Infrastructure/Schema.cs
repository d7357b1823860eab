using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using TechCenters.Web.Data;

namespace TechCenters.Web.Tests.Infrastructure;

/// <summary>A database schema as sets of plain values, read from the EF model or from the database itself, to compare.</summary>
public sealed record Schema(HashSet<Schema.Column> Columns, HashSet<Schema.Index> Indexes, HashSet<Schema.ForeignKey> ForeignKeys)
{
    public sealed record Column(string Table, string Name, string Type, bool Nullable);
    public sealed record Index(string Table, string Name, string Columns, bool Unique);
    public sealed record ForeignKey(string Table, string Columns, string Principal, string PrincipalColumns, string OnDelete);

    /// <summary>What the EF model says the schema is.</summary>
    public static Schema FromModel(AppDbContext db)
    {
        var columns = new HashSet<Column>();
        var indexes = new HashSet<Index>();
        var fks = new HashSet<ForeignKey>();
        var sqlite = db.Database.IsSqlite();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            if (table is null) continue;
            if (entity.IsMappedToJson())
            {
                // An owned type stored as JSON is one container column of its owner's table.
                columns.Add(new Column(table, entity.GetContainerColumnName()!, NormalizeType(entity.GetContainerColumnType() ?? (sqlite ? "TEXT" : "jsonb"), sqlite),
                    entity.FindOwnership()?.IsRequired != true));
                continue;
            }
            var id = StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var p in entity.GetProperties())
                columns.Add(new Column(table, p.GetColumnName(id)!, NormalizeType(p.GetColumnType(id), sqlite), p.IsColumnNullable(id)));
            foreach (var i in entity.GetIndexes())
                indexes.Add(new Index(table, i.GetDatabaseName(id)!, string.Join(",", i.Properties.Select(p => p.GetColumnName(id))), i.IsUnique));
            foreach (var fk in entity.GetForeignKeys())
            {
                var principal = fk.PrincipalEntityType.GetTableName()!;
                var pid = StoreObjectIdentifier.Table(principal, fk.PrincipalEntityType.GetSchema());
                fks.Add(new ForeignKey(table, string.Join(",", fk.Properties.Select(p => p.GetColumnName(id))), principal,
                    string.Join(",", fk.PrincipalKey.Properties.Select(p => p.GetColumnName(pid))), OnDelete(fk.DeleteBehavior)));
            }
        }
        return new(columns, indexes, fks);
    }

    private static string OnDelete(DeleteBehavior b) => b switch
    {
        DeleteBehavior.Cascade => "CASCADE",
        DeleteBehavior.SetNull => "SET NULL",
        DeleteBehavior.Restrict => "RESTRICT",
        _ => "NO ACTION",
    };

    private static string NormalizeType(string type, bool sqlite) => sqlite ? type.ToUpperInvariant() : type.ToLowerInvariant();

    /// <summary>What the database actually has (EF's own bookkeeping tables left out).</summary>
    public static async Task<Schema> FromDatabaseAsync(AppDbContext db)
    {
        var columns = new HashSet<Column>();
        var indexes = new HashSet<Index>();
        var fks = new HashSet<ForeignKey>();
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            if (db.Database.IsNpgsql())
            {
                await foreach (var r in Query(conn, """
                    SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull
                    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
                    """))
                    columns.Add(new Column(r[0], r[1], NormalizeType(r[2], false), r[3] == "True"));
                await foreach (var r in Query(conn, """
                    SELECT t.relname, i.relname, ix.indisunique,
                           (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
                            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum)
                    FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
                    JOIN pg_namespace n ON n.oid = t.relnamespace
                    WHERE n.nspname = current_schema() AND NOT ix.indisprimary
                    """))
                    indexes.Add(new Index(r[0], r[1], r[3], r[2] == "True"));
                await foreach (var r in Query(conn, """
                    SELECT t.relname, p.relname,
                           (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
                            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum),
                           (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
                            JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum),
                           c.confdeltype
                    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class p ON p.oid = c.confrelid
                    JOIN pg_namespace n ON n.oid = t.relnamespace
                    WHERE c.contype = 'f' AND n.nspname = current_schema()
                    """))
                    fks.Add(new ForeignKey(r[0], r[2], r[1], r[3], r[4] switch { "c" => "CASCADE", "n" => "SET NULL", "r" => "RESTRICT", _ => "NO ACTION" }));
            }
            else
            {
                var tables = new List<string>();
                await foreach (var r in Query(conn, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
                    tables.Add(r[0]);
                foreach (var t in tables)
                {
                    await foreach (var r in Query(conn, $"SELECT name, \"notnull\", pk, type FROM pragma_table_info('{t}')"))
                        // SQLite reports INTEGER PRIMARY KEY columns as nullable; they are not.
                        columns.Add(new Column(t, r[0], NormalizeType(r[3], true), r[1] == "0" && r[2] == "0"));
                    var names = new List<(string Name, bool Unique)>();
                    await foreach (var r in Query(conn, $"SELECT name, \"unique\", origin FROM pragma_index_list('{t}')"))
                        if (r[2] == "c") names.Add((r[0], r[1] == "1"));
                    foreach (var (name, unique) in names)
                    {
                        var cols = new List<string>();
                        await foreach (var r in Query(conn, $"SELECT name FROM pragma_index_info('{name}') ORDER BY seqno")) cols.Add(r[0]);
                        indexes.Add(new Index(t, name, string.Join(",", cols), unique));
                    }
                    var byId = new Dictionary<string, (string Principal, List<string> From, List<string> To, string OnDelete)>();
                    await foreach (var r in Query(conn, $"SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{t}') ORDER BY id, seq"))
                    {
                        if (!byId.TryGetValue(r[0], out var fk)) byId[r[0]] = fk = (r[1], [], [], r[4]);
                        fk.From.Add(r[2]);
                        fk.To.Add(r[3]);
                    }
                    foreach (var fk in byId.Values)
                        fks.Add(new ForeignKey(t, string.Join(",", fk.From), fk.Principal, string.Join(",", fk.To), fk.OnDelete));
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        var bookkeeping = new[] { Migrator.HistoryTable, "__EFMigrationsLock", "schema_migrations" };
        columns.RemoveWhere(c => bookkeeping.Contains(c.Table));
        indexes.RemoveWhere(c => bookkeeping.Contains(c.Table));
        return new(columns, indexes, fks);
    }

    private static async IAsyncEnumerable<string[]> Query(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
            yield return row;
        }
    }
}
