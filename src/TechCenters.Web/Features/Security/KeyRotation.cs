using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using TechCenters.Web.Data;

namespace TechCenters.Web.Features.Security;

/// <summary>
/// `keys rotate`: re-encrypts every personal-data column under the key file's current data key (and recomputes the
/// look-up hashes), table by table in batches of committed transactions. Each batch moves a checkpoint in the same
/// transaction, so a rotation stopped by a crash resumes after the last committed batch; rows already under the
/// current key are left as they are. Values written before encryption existed (no prefix) are encrypted too.
/// </summary>
public sealed class KeyRotation(AppDbContext db, KeyRing ring, PersonalDataProtector protector, TimeProvider time)
{
    public sealed record Table(string Name, string[] Columns, Dictionary<string, string> Hashes);

    /// <summary>The encrypted columns (the same as <see cref="PersonalDataColumns.Apply"/> maps) and their look-up hashes.</summary>
    public static readonly Table[] Tables =
    [
        new("People", ["Phone", "IdNumber", "Email"], new() { ["Phone"] = "PhoneHash", ["IdNumber"] = "IdNumberHash" }),
        new("Experts", ["Phone", "Email"], new() { ["Phone"] = "PhoneHash" }),
    ];

    public sealed record Progress(string Table, long Done, long Total, bool Resumed);
    public sealed record Outcome(string KeyId, long Rewritten, bool Resumed, IReadOnlyList<string> Problems);

    public async Task<Outcome> RunAsync(int batchSize = 500, Action<Progress>? progress = null, CancellationToken ct = default)
    {
        var key = ring.Keys.Current;
        long rewritten = 0;
        var resumed = false;
        var problems = new List<string>();
        foreach (var table in Tables)
        {
            var cp = await db.KeyRotationCheckpoints.FirstOrDefaultAsync(c => c.TargetKeyId == key.Id && c.TableName == table.Name, ct);
            if (cp is null)
            {
                cp = new KeyRotationCheckpoint { TargetKeyId = key.Id, TableName = table.Name, StartedAt = time.GetUtcNow(), UpdatedAt = time.GetUtcNow() };
                db.KeyRotationCheckpoints.Add(cp);
                await db.SaveChangesAsync(ct);
            }
            else if (cp.CompletedAt is null && cp.LastId > 0) resumed = true;
            if (cp.CompletedAt is not null) continue;
            var total = cp.Processed + await ScalarAsync($"SELECT COUNT(*) FROM \"{table.Name}\" WHERE \"Id\" > {cp.LastId}", ct);
            progress?.Invoke(new(table.Name, cp.Processed, total, resumed));
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                var rows = await ReadBatchAsync(table, cp.LastId, batchSize, ct);
                if (rows.Count == 0) break;
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                foreach (var (id, values) in rows)
                {
                    var sets = new List<(string Column, string? Value)>();
                    foreach (var column in table.Columns)
                    {
                        var stored = values[column];
                        if (stored is null) continue;
                        var plain = protector.Unprotect(stored, $"{table.Name}.{column}");
                        if (plain == PersonalDataProtector.Unreadable)
                        {
                            problems.Add($"{table.Name} 第 {id} 行 {column} 无法用密钥文件中的任何密钥解密，未改动");
                            continue;
                        }
                        if (PersonalDataProtector.KeyIdOf(stored) != key.Id) sets.Add((column, protector.Protect(plain, $"{table.Name}.{column}", key)));
                        if (table.Hashes.TryGetValue(column, out var hash)) sets.Add((hash, string.IsNullOrWhiteSpace(plain) ? null : protector.LookupHash(plain, key)));
                    }
                    if (sets.Count > 0) await UpdateAsync(table.Name, id, sets, ct);
                    rewritten++;
                }
                cp.LastId = rows[^1].Id;
                cp.Processed += rows.Count;
                cp.UpdatedAt = time.GetUtcNow();
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                progress?.Invoke(new(table.Name, cp.Processed, total, resumed));
            }
            cp.CompletedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        return new(key.Id, rewritten, resumed, problems);
    }

    /// <summary>How many stored values are not (yet) under the current key, per column; all zero after a full rotation.</summary>
    public async Task<Dictionary<string, long>> RemainingAsync(CancellationToken ct = default)
    {
        var key = ring.Keys.Current;
        var result = new Dictionary<string, long>();
        foreach (var t in Tables)
            foreach (var c in t.Columns)
                result[$"{t.Name}.{c}"] = await ScalarAsync(
                    $"SELECT COUNT(*) FROM \"{t.Name}\" WHERE \"{c}\" IS NOT NULL AND \"{c}\" NOT LIKE '{PersonalDataProtector.Prefix}{key.Id}:%'", ct);
        return result;
    }

    private async Task<List<(long Id, Dictionary<string, string?> Values)>> ReadBatchAsync(Table t, long after, int size, CancellationToken ct)
    {
        var rows = new List<(long, Dictionary<string, string?>)>();
        await using var cmd = await CommandAsync(
            $"SELECT \"Id\", {string.Join(", ", t.Columns.Select(c => $"\"{c}\""))} FROM \"{t.Name}\" WHERE \"Id\" > {after} ORDER BY \"Id\" LIMIT {size}", ct);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var values = new Dictionary<string, string?>();
            for (var i = 0; i < t.Columns.Length; i++) values[t.Columns[i]] = reader.IsDBNull(i + 1) ? null : reader.GetString(i + 1);
            rows.Add((Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), values));
        }
        return rows;
    }

    private async Task UpdateAsync(string table, long id, List<(string Column, string? Value)> sets, CancellationToken ct)
    {
        await using var cmd = await CommandAsync(
            $"UPDATE \"{table}\" SET {string.Join(", ", sets.Select((s, i) => $"\"{s.Column}\" = @p{i}"))} WHERE \"Id\" = {id}", ct);
        for (var i = 0; i < sets.Count; i++)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = $"@p{i}";
            p.Value = (object?)sets[i].Value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var cmd = await CommandAsync(sql, ct);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private async Task<DbCommand> CommandAsync(string sql, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return cmd;
    }
}
