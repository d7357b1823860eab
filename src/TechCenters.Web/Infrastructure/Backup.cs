using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Infrastructure;

/// <summary>What a backup holds, written next to it as <c>manifest.json</c> and checked again after a restore.</summary>
public sealed record BackupManifest(
    int Format, DateTimeOffset CreatedAt, string Provider, string Migration, string DatabaseFile,
    Dictionary<string, long> Tables, long AuditSequence, string? AuditHash, int Attachments, long AttachmentBytes, List<string> MissingAttachments)
{
    public const string FileName = "manifest.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task WriteAsync(string folder, CancellationToken ct) =>
        await File.WriteAllTextAsync(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json), ct);

    public static async Task<BackupManifest> ReadAsync(string folder, CancellationToken ct)
    {
        var file = Path.Combine(folder, FileName);
        if (!File.Exists(file)) throw new BackupException($"“{folder}”不是备份目录：缺少 {FileName}");
        return JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(file, ct), Json)
            ?? throw new BackupException($"{file} 内容无效");
    }
}

/// <summary>A backup or restore that cannot go on, with a Chinese reason (the command prints it and exits non-zero).</summary>
public sealed class BackupException(string message) : Exception(message);

/// <summary>Progress of one step (a label, how far, out of how much; total 0 while unknown).</summary>
public delegate void BackupProgress(string step, double done, double total);

/// <summary>
/// Consistent online backup and restore of a deployment: the database (SQLite's online backup API; PostgreSQL's
/// <c>pg_dump</c> in the custom format on an exported snapshot) and the attachment files its rows name, while the app
/// keeps writing. The manifest records each table's row count and the audit chain's head as of that same snapshot, so a
/// restore can prove it brought back exactly that (docs/operations.md).
/// </summary>
public sealed class BackupService(AppDbContext db, AttachmentStore store, Migrator migrator, AuditVerifier verifier, ICryptoProvider crypto,
    IConfiguration config, TimeProvider time)
{
    public const int Format = 1;
    private DatabaseProvider Provider => db.Provider();

    public async Task<BackupManifest> CreateAsync(string folder, BackupProgress progress, CancellationToken ct)
    {
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            throw new BackupException($"备份目录“{folder}”已存在且不为空，请指定新的目录");
        Directory.CreateDirectory(folder);
        var created = time.GetUtcNow();
        var (file, tables, head, files) = Provider == DatabaseProvider.Sqlite
            ? await SnapshotSqliteAsync(folder, progress, ct)
            : await SnapshotPostgresAsync(folder, progress, ct);
        var (copied, bytes, missing) = await CopyAttachmentsAsync(files, store.Root, Path.Combine(folder, "attachments"), progress, ct);
        var migration = (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault() ?? "";
        var manifest = new BackupManifest(Format, created, Provider.ToString(), migration, file, tables, head.Sequence, head.Hash, copied, bytes, missing);
        await manifest.WriteAsync(folder, ct);
        return manifest;
    }

    private sealed record Head(long Sequence, string? Hash);

    /// <summary>SQLite: the online backup API copies the database under one read transaction (writers go on in WAL mode).</summary>
    private async Task<(string, Dictionary<string, long>, Head, List<(string Name, string Sm3)>)> SnapshotSqliteAsync(string folder, BackupProgress progress, CancellationToken ct)
    {
        const string file = "database.sqlite";
        progress("数据库快照（SQLite 在线备份）", 0, 0);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, file), Pooling = false }.ToString());
            await target.OpenAsync(ct);
            ((SqliteConnection)db.Database.GetDbConnection()).BackupDatabase(target);
            progress("数据库快照（SQLite 在线备份）", 1, 1);
            // Everything below is read from the copy: the same instant by construction.
            return (file, await CountAsync(target, ct), await HeadAsync(target, ct), await AttachmentRowsAsync(target, ct));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// PostgreSQL: a repeatable-read transaction exports its snapshot; the counts, the chain head and the attachment rows
    /// are read in it, and pg_dump dumps that same snapshot while the transaction stays open.
    /// </summary>
    private async Task<(string, Dictionary<string, long>, Head, List<(string Name, string Sm3)>)> SnapshotPostgresAsync(string folder, BackupProgress progress, CancellationToken ct)
    {
        const string file = "database.dump";
        var cs = new NpgsqlConnectionStringBuilder(config.GetConnectionString("Default")) { Pooling = false };
        await using var conn = new NpgsqlConnection(cs.ToString());
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        string snapshot;
        await using (var cmd = new NpgsqlCommand("SET TRANSACTION READ ONLY; SELECT pg_export_snapshot()", conn, tx))
            snapshot = (string)(await cmd.ExecuteScalarAsync(ct))!;
        var tables = await CountAsync(conn, ct);
        var head = await HeadAsync(conn, ct);
        var files = await AttachmentRowsAsync(conn, ct);
        var total = tables.Count + 1;
        var done = 0;
        progress("数据库导出（pg_dump）", 0, total);
        await PgToolAsync("pg_dump", cs,
            ["--format=custom", "--no-owner", "--no-privileges", $"--snapshot={snapshot}", "--verbose",
             // Quartz's running state belongs to the instances that had it, not to a restored deployment.
             "--exclude-table-data=quartz.qrtz_fired_triggers", "--exclude-table-data=quartz.qrtz_scheduler_state",
             $"--file={Path.Combine(folder, file)}"],
            line => { if (line.Contains("dumping contents of table", StringComparison.Ordinal)) progress("数据库导出（pg_dump）", Math.Min(++done, total - 1), total); },
            ct);
        progress("数据库导出（pg_dump）", total, total);
        await tx.CommitAsync(ct);
        return (file, tables, head, files);
    }

    public async Task<BackupManifest> RestoreAsync(string folder, BackupProgress progress, CancellationToken ct)
    {
        var manifest = await BackupManifest.ReadAsync(folder, ct);
        if (manifest.Format != Format) throw new BackupException($"备份格式 {manifest.Format} 不受支持（本版本为 {Format}）");
        if (!string.Equals(manifest.Provider, Provider.ToString(), StringComparison.OrdinalIgnoreCase))
            throw new BackupException($"该备份来自 {manifest.Provider} 数据库，当前配置为 {Provider}：请使用相同类型的数据库恢复");
        var dump = Path.Combine(folder, manifest.DatabaseFile);
        if (!File.Exists(dump)) throw new BackupException($"备份不完整：缺少 {manifest.DatabaseFile}");
        if (!await IsEmptyAsync(ct))
            throw new BackupException("目标数据库不为空：恢复只能写入空的部署（新建数据库或删除原数据库文件后再恢复）");
        if (Directory.Exists(store.Root) && Directory.EnumerateFiles(store.Root).Any())
            throw new BackupException($"目标附件目录“{store.Root}”不为空：恢复只能写入空的部署");

        if (Provider == DatabaseProvider.Sqlite)
        {
            progress("恢复数据库（SQLite）", 0, 0);
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dump, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
                await source.OpenAsync(ct);
                source.BackupDatabase((SqliteConnection)db.Database.GetDbConnection());
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            progress("恢复数据库（SQLite）", 1, 1);
        }
        else
        {
            var total = manifest.Tables.Count + 1;
            var done = 0;
            progress("恢复数据库（pg_restore）", 0, total);
            var cs = new NpgsqlConnectionStringBuilder(config.GetConnectionString("Default"));
            await PgToolAsync("pg_restore", cs, ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--verbose", dump],
                line => { if (line.Contains("processing data for table", StringComparison.Ordinal)) progress("恢复数据库（pg_restore）", Math.Min(++done, total - 1), total); },
                ct);
            progress("恢复数据库（pg_restore）", total, total);
            NpgsqlConnection.ClearAllPools();
        }

        var source2 = Path.Combine(folder, "attachments");
        var names = Directory.Exists(source2) ? Directory.GetFiles(source2) : [];
        Directory.CreateDirectory(store.Root);
        for (var i = 0; i < names.Length; i++)
        {
            File.Copy(names[i], Path.Combine(store.Root, Path.GetFileName(names[i])));
            progress("恢复附件", i + 1, names.Length);
        }
        progress("核对", 0, 0);
        // A backup from an older version is brought up to this one.
        await migrator.MigrateAsync(ct);
        return manifest;
    }

    /// <summary>After a restore: every table has the backup's row count and the audit chain holds up to the backup's head.</summary>
    public async Task<List<string>> CheckAsync(BackupManifest manifest, CancellationToken ct)
    {
        var problems = new List<string>();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var conn = db.Database.GetDbConnection();
            var counts = await CountAsync(conn, ct);
            foreach (var (table, expected) in manifest.Tables)
                if (!counts.TryGetValue(table, out var actual) || actual != expected)
                    problems.Add($"表 {table} 应有 {expected} 行，实际 {(counts.TryGetValue(table, out var a) ? a : 0)} 行");
            var head = await HeadAtAsync(conn, manifest.AuditSequence, ct);
            if (manifest.AuditSequence > 0 && head != manifest.AuditHash)
                problems.Add($"审计链第 {manifest.AuditSequence} 号记录的哈希与备份时不同");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        // Rows pending at backup time get their place in the chain now; the chain up to the backup's head is the same.
        var verdict = await verifier.VerifyAsync(ct);
        if (!verdict.Intact) problems.Add(verdict.Message);
        foreach (var name in manifest.MissingAttachments) problems.Add($"附件 {name} 在备份时已缺失");
        return problems;
    }

    private async Task<bool> IsEmptyAsync(CancellationToken ct)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.OpenConnectionAsync(ct);
            try { return await ScalarAsync(db.Database.GetDbConnection(), "SELECT count(*) FROM sqlite_master WHERE type = 'table'", ct) == 0; }
            finally { await db.Database.CloseConnectionAsync(); }
        }
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await ScalarAsync(db.Database.GetDbConnection(),
                "SELECT count(*) FROM information_schema.tables WHERE table_schema IN (current_schema(), 'quartz')", ct) == 0;
        }
        finally { await db.Database.CloseConnectionAsync(); }
    }

    /// <summary>The app's tables (from the EF model), each with its row count.</summary>
    private async Task<Dictionary<string, long>> CountAsync(System.Data.Common.DbConnection conn, CancellationToken ct)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal))
            result[table] = await ScalarAsync(conn, $"SELECT count(*) FROM \"{table}\"", ct);
        return result;
    }

    private static async Task<Head> HeadAsync(System.Data.Common.DbConnection conn, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = """SELECT "Sequence", "Hash" FROM "AuditEntries" WHERE "Sequence" IS NOT NULL ORDER BY "Sequence" DESC LIMIT 1""";
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new Head(r.GetInt64(0), r.GetString(1)) : new Head(0, null);
    }

    private static async Task<string?> HeadAtAsync(System.Data.Common.DbConnection conn, long sequence, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"""SELECT "Hash" FROM "AuditEntries" WHERE "Sequence" = {sequence}""";
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    private static async Task<List<(string, string)>> AttachmentRowsAsync(System.Data.Common.DbConnection conn, CancellationToken ct)
    {
        var rows = new List<(string, string)>();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = """SELECT "StoredName", "Sm3" FROM "Attachments" ORDER BY "Id" """;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) rows.Add((r.GetString(0), r.GetString(1)));
        return rows;
    }

    /// <summary>Copies the files the snapshot's rows name, checking each against its SM3 digest.</summary>
    private async Task<(int, long, List<string>)> CopyAttachmentsAsync(List<(string Name, string Sm3)> files, string from, string to, BackupProgress progress, CancellationToken ct)
    {
        Directory.CreateDirectory(to);
        var missing = new List<string>();
        long bytes = 0;
        var copied = 0;
        progress("复制附件", 0, files.Count);
        foreach (var (name, sm3) in files)
        {
            var source = Path.Combine(from, name);
            if (File.Exists(source))
            {
                var content = await File.ReadAllBytesAsync(source, ct);
                if (Convert.ToHexStringLower(crypto.Sm3(content)) == sm3)
                {
                    await File.WriteAllBytesAsync(Path.Combine(to, name), content, ct);
                    bytes += content.Length;
                    copied++;
                }
                else missing.Add(name);
            }
            else missing.Add(name);
            progress("复制附件", copied + missing.Count, files.Count);
        }
        return (copied, bytes, missing);
    }

    private static async Task<long> ScalarAsync(System.Data.Common.DbConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct));
    }

    /// <summary>
    /// Runs pg_dump or pg_restore against the configured database (a libpq connection string built from the app's; the
    /// password through PGPASSWORD, never on the command line). The newest installed PostgreSQL client is used unless
    /// <c>Backup:PgBin</c> names a folder.
    /// </summary>
    private async Task PgToolAsync(string tool, NpgsqlConnectionStringBuilder cs, IEnumerable<string> args, Action<string> onLine, CancellationToken ct)
    {
        var info = new ProcessStartInfo(PgTool(tool)) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("--dbname=" + LibpqConnectionString(cs));
        foreach (var a in args) info.ArgumentList.Add(a);
        if (!string.IsNullOrEmpty(cs.Password)) info.Environment["PGPASSWORD"] = cs.Password;
        using var p = Process.Start(info) ?? throw new BackupException($"无法启动 {tool}");
        var errors = new List<string>();
        p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            onLine(e.Data);
            if (e.Data.Contains("error", StringComparison.OrdinalIgnoreCase) || e.Data.Contains("错误", StringComparison.Ordinal)) lock (errors) errors.Add(e.Data);
        };
        p.BeginErrorReadLine();
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        await stdout;
        if (p.ExitCode != 0)
            throw new BackupException($"{tool} 失败（退出码 {p.ExitCode}）：{string.Join("；", errors.TakeLast(5))}");
    }

    private string PgTool(string tool)
    {
        if (config["Backup:PgBin"] is { Length: > 0 } bin) return Path.Combine(bin, tool);
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin", tool)).LastOrDefault(File.Exists)
            : null;
        return installed ?? tool; // else from PATH
    }

    public static string LibpqConnectionString(NpgsqlConnectionStringBuilder cs)
    {
        static string Q(string v) => "'" + v.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
        var hosts = (cs.Host ?? "localhost").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        // Npgsql writes a port per host as host:port; libpq wants host=a,b port=p1,p2.
        var names = hosts.Select(h => h.Contains(':') && !h.StartsWith('[') ? h[..h.LastIndexOf(':')] : h).ToList();
        var ports = hosts.Select(h => h.Contains(':') && !h.StartsWith('[') ? h[(h.LastIndexOf(':') + 1)..] : cs.Port.ToString()).ToList();
        var parts = new List<string> { $"host={Q(string.Join(',', names))}", $"port={Q(string.Join(',', ports))}" };
        if (!string.IsNullOrEmpty(cs.Username)) parts.Add($"user={Q(cs.Username)}");
        if (!string.IsNullOrEmpty(cs.Database)) parts.Add($"dbname={Q(cs.Database)}");
        if (cs.TargetSessionAttributes is { Length: > 0 } tsa) parts.Add($"target_session_attrs={Q(tsa.ToLowerInvariant())}");
        if (cs.SslMode != SslMode.Prefer) parts.Add($"sslmode={Q(cs.SslMode.ToString().ToLowerInvariant().Replace("verifyca", "verify-ca").Replace("verifyfull", "verify-full"))}");
        return string.Join(' ', parts);
    }
}
