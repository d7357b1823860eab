using System.Data.Common;
using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using TechCenters.Web.Data;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Features.Audit;

public sealed record AuditRecord(string Action, string Outcome, string? ObjectType = null, string? ObjectId = null, string? Detail = null);

/// <summary>
/// Appends audit rows (ADR 0010). A row is a plain insert — inside the caller's open transaction it commits or rolls
/// back with the business change, otherwise it is its own statement — and takes no lock: its place in the SM3 chain is
/// given after commit by <see cref="AuditChain"/>, so appends no longer serialize the transactions that make them.
/// </summary>
public sealed class AuditLog(AppDbContext db, Clock clock, AuditSealSignal signal)
{
    public const string GenesisHash = AuditChain.GenesisHash;

    public Task AppendAsync(HttpContext http, AuditRecord r, string? userName = null, string? userId = null, CancellationToken ct = default)
    {
        var user = http.User;
        return AppendAsync(
            userId ?? user.FindFirstValue(ClaimTypes.NameIdentifier),
            userName ?? user.Identity?.Name ?? "匿名",
            http.Connection.RemoteIpAddress?.ToString() ?? "本机",
            r, ct);
    }

    /// <summary>
    /// Inside the caller's transaction the row commits (or rolls back) with the caller's change, and the chain sealer is
    /// woken when that transaction commits; outside one it is saved at once. The returned entry is pending (no sequence yet).
    /// </summary>
    public async Task<AuditEntry> AppendAsync(string? userId, string userName, string clientAddress, AuditRecord r, CancellationToken ct = default)
    {
        var entry = NewEntry(userId, userName, clientAddress, r);
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        db.Entry(entry).State = EntityState.Detached;
        if (db.Database.CurrentTransaction is not null) db.AuditAppendedInTransaction = true;
        else signal.Notify();
        return entry;
    }

    /// <summary>
    /// Adds the row to the caller's open transaction without saving it: the caller's next save writes it with its own rows
    /// (the case kernel's writer, one batch for a decision). The sealer is woken when that transaction commits.
    /// </summary>
    public AuditEntry Add(string? userId, string userName, string clientAddress, AuditRecord r)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("审计记录只能随所在事务一并保存");
        var entry = NewEntry(userId, userName, clientAddress, r);
        db.AuditEntries.Add(entry);
        db.AuditAppendedInTransaction = true;
        return entry;
    }

    private AuditEntry NewEntry(string? userId, string userName, string clientAddress, AuditRecord r)
    {
        var now = clock.UtcNow;
        return new AuditEntry
        {
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
        };
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    /// <summary>The canonical text of a sealed row: every field, in a fixed order, with lengths so no two rows collide.</summary>
    public static string Canonical(AuditEntry e)
    {
        static string F(string? v) => v is null ? "-1:" : $"{v.Length}:{v}";
        return string.Join('|',
            (e.Sequence ?? throw new InvalidOperationException("待入链的审计记录没有序号")).ToString(CultureInfo.InvariantCulture),
            e.OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            e.UtcOffsetMinutes.ToString(CultureInfo.InvariantCulture),
            F(e.UserId), F(e.UserName), F(e.ClientAddress), F(e.Action), F(e.ObjectType), F(e.ObjectId),
            F(e.Outcome), F(e.Detail));
    }

    public static string ComputeHash(ICryptoProvider crypto, AuditEntry e) => crypto.Sm3Hex(e.PreviousHash + Canonical(e));
}

/// <summary>Wakes the chain sealer: coalesces any number of notifications into one pending wake-up.</summary>
public sealed class AuditSealSignal
{
    private readonly SemaphoreSlim wake = new(0, 1);

    public void Notify()
    {
        if (wake.CurrentCount == 0)
        {
            try { wake.Release(); }
            catch (SemaphoreFullException) { /* already signalled by a concurrent notify */ }
        }
    }

    /// <summary>Waits for a notification (true) or the interval (false), whichever comes first.</summary>
    public Task<bool> WaitAsync(TimeSpan interval, CancellationToken ct) => wake.WaitAsync(interval, ct);
}

/// <summary>Wakes the sealer when a transaction that appended audit rows commits (the rows become visible then).</summary>
public sealed class AuditCommitInterceptor(AuditSealSignal signal) : DbTransactionInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Wake(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Wake(eventData.Context);
        return Task.CompletedTask;
    }

    // A pooled context is reused by later requests: what an earlier transaction left in the flag must not wake the sealer
    // for a later one, so each transaction starts clear.
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Reset(eventData.Context);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        Reset(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Reset(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Reset(eventData.Context);
        return Task.CompletedTask;
    }

    private void Wake(DbContext? context)
    {
        if (context is not AppDbContext { AuditAppendedInTransaction: true } db) return;
        db.AuditAppendedInTransaction = false;
        signal.Notify();
    }

    private static void Reset(DbContext? context)
    {
        if (context is AppDbContext db) db.AuditAppendedInTransaction = false;
    }
}

/// <summary>
/// Seals pending audit rows into the one SM3 hash chain, in the order their transactions committed (ADR 0010): takes the
/// chain's lock (a PostgreSQL advisory lock held to commit, so one sealer at a time across every instance; SQLite's
/// write lock), reads the chain's last row and the pending rows in insertion order, and gives each its sequence,
/// previous hash and hash. Idempotent: a sealer that finds nothing pending writes nothing.
/// </summary>
public sealed class AuditChain(IServiceScopeFactory scopes, ICryptoProvider crypto)
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";
    /// <summary>The advisory lock key of the chain (PostgreSQL); only sealers take it, never a business transaction.</summary>
    public const long LockKey = 72610001;
    public const int BatchSize = 500;

    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Seals every row committed so far; returns how many it sealed.</summary>
    public async Task<int> SealPendingAsync(CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        try
        {
            var total = 0;
            while (true)
            {
                await using var scope = scopes.CreateAsyncScope();
                var n = await SealBatchAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), ct);
                total += n;
                if (n < BatchSize) return total;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<int> SealBatchAsync(AppDbContext db, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct);
        var pending = await db.AuditEntries.Where(a => a.Sequence == null).OrderBy(a => a.Id).Take(BatchSize).ToListAsync(ct);
        if (pending.Count == 0) return 0;
        var last = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence != null).OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
        var sequence = last?.Sequence ?? 0;
        var previous = last?.Hash ?? GenesisHash;
        foreach (var e in pending)
        {
            e.Sequence = ++sequence;
            e.PreviousHash = previous;
            e.Hash = AuditLog.ComputeHash(crypto, e);
            previous = e.Hash;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return pending.Count;
    }

    /// <summary>How many committed rows wait for their place in the chain (a metric; normally 0 within a second).</summary>
    public static Task<int> PendingAsync(AppDbContext db, CancellationToken ct = default) =>
        db.AuditEntries.CountAsync(a => a.Sequence == null, ct);
}

/// <summary>Runs the sealer on every instance: on start (rows a crash left pending), on each commit that appended rows, and every interval.</summary>
public sealed class AuditSealer(AuditChain chain, AuditSealSignal signal, AuditSettings settings, ILogger<AuditSealer> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var failing = false;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await chain.SealPendingAsync(stop);
                if (failing) log.LogInformation("审计链封存已恢复");
                failing = false;
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                // The database may be down or not migrated yet: rows stay pending and are sealed on a later round.
                if (!failing) log.LogWarning("审计链封存暂未完成，将自动重试：{Error}", e.GetType().Name + ": " + e.Message);
                failing = true;
            }
            try
            {
                // Woken by a commit: let the commits right behind it land too, so one seal covers many rows (each seal is a
                // write transaction of its own; under load one per commit would double the database's commits).
                if (await signal.WaitAsync(settings.SealInterval, stop) && settings.SealBatchDelay > TimeSpan.Zero)
                    await Task.Delay(settings.SealBatchDelay, stop);
            }
            catch (OperationCanceledException) { return; }
        }
    }
}

public sealed record ChainVerdict(bool Intact, long Checked, long? FirstBadSequence, long? FirstBadId, string Message, long Pending = 0);

public sealed class AuditVerifier(AppDbContext db, ICryptoProvider crypto, AuditChain chain)
{
    /// <summary>
    /// Seals what is pending (so every committed row is covered), then walks the chain in order and names the first row
    /// whose link, sequence or hash does not hold.
    /// </summary>
    public async Task<ChainVerdict> VerifyAsync(CancellationToken ct = default)
    {
        await chain.SealPendingAsync(ct);
        var previous = AuditChain.GenesisHash;
        long expectedSeq = 1, checkedCount = 0;
        await foreach (var e in db.AuditEntries.AsNoTracking().Where(a => a.Sequence != null).OrderBy(a => a.Sequence)
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            string? problem = null;
            if (e.Sequence != expectedSeq) problem = $"序号不连续：应为 {expectedSeq}，实际为 {e.Sequence}（可能有记录被删除）";
            else if (e.PreviousHash != previous) problem = "前序哈希与上一条记录不一致";
            else if (AuditLog.ComputeHash(crypto, e) != e.Hash) problem = "内容与哈希不符（记录被篡改）";
            if (problem is not null)
                return new ChainVerdict(false, checkedCount, e.Sequence, e.Id, $"审计链断裂：第 {e.Sequence} 号记录（Id={e.Id}）{problem}");
            previous = e.Hash!;
            expectedSeq++;
            checkedCount++;
        }
        // Rows committed while the walk ran are sealed by the next round; they are not part of this verdict.
        var pending = await AuditChain.PendingAsync(db, ct);
        return new ChainVerdict(true, checkedCount, null, null,
            $"审计链完整：共校验 {checkedCount} 条记录" + (pending > 0 ? $"；另有 {pending} 条校验期间新写入、待入链" : ""), pending);
    }
}
