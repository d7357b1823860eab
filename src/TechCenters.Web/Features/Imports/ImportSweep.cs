using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Features.Imports;

/// <summary>
/// 导入中断: an import is one transaction run in the memory of the process that confirmed it; when that process dies the
/// transaction is rolled back by the database, but the batch would say 导入中 for ever. At start-up every batch still
/// 导入中 that started before this process is marked <see cref="ImportStatus.Interrupted"/> with the reason, and audited.
/// On PostgreSQL a live runner (another instance) holds its batch's row for its transaction, and the sweep skips rows
/// held (<c>FOR UPDATE SKIP LOCKED</c>), so it never marks an import that is still running elsewhere.
/// </summary>
public sealed class ImportSweep(AppDbContext db, AuditLog audit, Infrastructure.Clock clock, ILogger<ImportSweep> log)
{
    public const string Reason = "导入中断（服务重启），未写入任何数据，请重新导入";

    /// <summary>Marks the batches 导入中 that started before <paramref name="startedBefore"/>; returns how many.</summary>
    public async Task<int> SweepAsync(DateTimeOffset startedBefore, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        List<Guid> ids;
        if (db.Database.IsNpgsql())
            ids = await db.Database.SqlQuery<Guid>($"""
                SELECT "Id" AS "Value" FROM "ImportBatches" WHERE "Status" = {(int)ImportStatus.Running} FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct);
        else
            ids = await db.ImportBatches.Where(b => b.Status == ImportStatus.Running).Select(b => b.Id).ToListAsync(ct);
        var stale = (await db.ImportBatches.AsNoTracking().Where(b => ids.Contains(b.Id))
                .Select(b => new { b.Id, b.Kind, b.StartedAt, b.UserId, b.UserName, b.ClientAddress, b.FileName }).ToListAsync(ct))
            .Where(b => b.StartedAt is null || b.StartedAt < startedBefore).ToList();
        foreach (var b in stale)
        {
            var name = ImportKinds.Find(b.Kind)?.Name ?? b.Kind;
            await db.ImportBatches.Where(x => x.Id == b.Id && x.Status == ImportStatus.Running).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, ImportStatus.Interrupted).SetProperty(x => x.Message, Reason)
                .SetProperty(x => x.FinishedAt, clock.UtcNow), ct);
            await audit.AppendAsync(b.UserId, b.UserName, b.ClientAddress, new AuditRecord($"导入{name}", AuditOutcome.Failure, name, b.Id.ToString(),
                $"{Reason}；文件：{b.FileName}"), ct);
        }
        await tx.CommitAsync(ct);
        if (stale.Count > 0) log.LogWarning("已将 {Count} 个中断的导入批次标记为未导入", stale.Count);
        return stale.Count;
    }

    /// <summary>Runs the sweep once when the app starts (before it serves requests).</summary>
    public sealed class AtStartup(IServiceScopeFactory scopes, TimeProvider time) : IHostedService
    {
        private readonly DateTimeOffset started = time.GetUtcNow();

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            try { await scope.ServiceProvider.GetRequiredService<ImportSweep>().SweepAsync(started, cancellationToken); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database not reachable at start-up must not stop the app (it answers 503 until the database is back).
                scope.ServiceProvider.GetRequiredService<ILogger<ImportSweep>>().LogWarning(e, "启动时未能检查中断的导入批次");
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
