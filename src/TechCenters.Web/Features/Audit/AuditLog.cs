using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Features.Audit;

public sealed record AuditRecord(string Action, string Outcome, string? ObjectType = null, string? ObjectId = null, string? Detail = null);

/// <summary>Appends to the hash chain: hash = SM3(previous hash + canonical row).</summary>
public sealed class AuditLog(AppDbContext db, ICryptoProvider crypto, Clock clock)
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    // One writer at a time inside this process; the unique index on Sequence stops any fork across processes.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public Task AppendAsync(HttpContext http, AuditRecord r, string? userName = null, string? userId = null, CancellationToken ct = default)
    {
        var user = http.User;
        return AppendAsync(
            userId ?? user.FindFirstValue(ClaimTypes.NameIdentifier),
            userName ?? user.Identity?.Name ?? "匿名",
            http.Connection.RemoteIpAddress?.ToString() ?? "本机",
            r, ct);
    }

    public async Task<AuditEntry> AppendAsync(string? userId, string userName, string clientAddress, AuditRecord r, CancellationToken ct = default)
    {
        // Inside the caller's transaction (a workflow step: the change, its activity entry and its audit row commit together).
        // The in-process gate is skipped there: that transaction already holds SQLite's write lock, and on PostgreSQL the
        // advisory lock below serializes appends; waiting on the gate while holding the write lock could deadlock.
        if (db.Database.CurrentTransaction is not null)
            return await AppendInTransactionAsync(userId, userName, clientAddress, r, ct);
        await Gate.WaitAsync(ct);
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            return await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var entry = await AppendInTransactionAsync(userId, userName, clientAddress, r, ct);
                await tx.CommitAsync(ct);
                return entry;
            });
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task<AuditEntry> AppendInTransactionAsync(string? userId, string userName, string clientAddress, AuditRecord r, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
            // Several app instances on one database take turns too (released at commit).
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(72610001)", ct);
        var last = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
        var entry = NewEntry(userId, userName, clientAddress, r, last?.Sequence ?? 0, last?.Hash ?? GenesisHash);
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        db.Entry(entry).State = EntityState.Detached;
        return entry;
    }

    private AuditEntry NewEntry(string? userId, string userName, string clientAddress, AuditRecord r, long lastSequence, string lastHash)
    {
        var now = clock.UtcNow;
        var entry = new AuditEntry
        {
            Sequence = lastSequence + 1,
            OccurredAt = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero),
            UtcOffsetMinutes = clock.OffsetMinutes(now),
            UserId = userId,
            UserName = Truncate(userName, 256),
            ClientAddress = Truncate(clientAddress, 64),
            Action = Truncate(r.Action, 200),
            ObjectType = r.ObjectType,
            ObjectId = r.ObjectId,
            Outcome = r.Outcome,
            Detail = r.Detail is null ? null : Truncate(r.Detail, 2000),
            PreviousHash = lastHash,
            Hash = "",
        };
        entry.Hash = ComputeHash(crypto, entry);
        return entry;
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    /// <summary>The canonical text of a row: every field, in a fixed order, with lengths so no two rows collide.</summary>
    public static string Canonical(AuditEntry e)
    {
        static string F(string? v) => v is null ? "-1:" : $"{v.Length}:{v}";
        return string.Join('|',
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            e.UtcOffsetMinutes.ToString(CultureInfo.InvariantCulture),
            F(e.UserId), F(e.UserName), F(e.ClientAddress), F(e.Action), F(e.ObjectType), F(e.ObjectId),
            F(e.Outcome), F(e.Detail));
    }

    public static string ComputeHash(ICryptoProvider crypto, AuditEntry e) => crypto.Sm3Hex(e.PreviousHash + Canonical(e));
}

public sealed record ChainVerdict(bool Intact, long Checked, long? FirstBadSequence, long? FirstBadId, string Message);

public sealed class AuditVerifier(AppDbContext db, ICryptoProvider crypto)
{
    /// <summary>Walks the chain in order; names the first row whose link, sequence or hash does not hold.</summary>
    public async Task<ChainVerdict> VerifyAsync(CancellationToken ct = default)
    {
        var previous = AuditLog.GenesisHash;
        long expectedSeq = 1, checkedCount = 0;
        await foreach (var e in db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            string? problem = null;
            if (e.Sequence != expectedSeq) problem = $"序号不连续：应为 {expectedSeq}，实际为 {e.Sequence}（可能有记录被删除）";
            else if (e.PreviousHash != previous) problem = "前序哈希与上一条记录不一致";
            else if (AuditLog.ComputeHash(crypto, e) != e.Hash) problem = "内容与哈希不符（记录被篡改）";
            if (problem is not null)
                return new ChainVerdict(false, checkedCount, e.Sequence, e.Id, $"审计链断裂：第 {e.Sequence} 号记录（Id={e.Id}）{problem}");
            previous = e.Hash;
            expectedSeq++;
            checkedCount++;
        }
        return new ChainVerdict(true, checkedCount, null, null, $"审计链完整：共校验 {checkedCount} 条记录");
    }
}
