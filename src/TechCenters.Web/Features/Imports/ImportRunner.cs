using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Features.Imports;

/// <summary>
/// Runs a confirmed import in the background: the file kept with the batch is read again (its SHA-256 checked), every row
/// checked again inside the transaction, then written in chunks in that one transaction with its audit row; anything wrong
/// at commit (a duplicate registered since the preview) rolls all of it back and the batch says which rows. The page polls
/// <see cref="Of"/> for rows written of all; the batch's status in the database is what a reload (or another instance) shows.
/// </summary>
public sealed class ImportRunner(IServiceScopeFactory scopes, ILogger<ImportRunner> log) : IHostedService
{
    public const int Chunk = 250;

    public sealed class Progress
    {
        public volatile int Processed;
        public volatile int Total;
        /// <summary>校验 (checking again) or 写入 (writing).</summary>
        public volatile string Phase = "校验";
    }

    private readonly ConcurrentDictionary<Guid, Progress> running = new();
    private readonly ConcurrentDictionary<Guid, Task> tasks = new();
    private readonly CancellationTokenSource stopping = new();

    public Progress? Of(Guid id) => running.GetValueOrDefault(id);

    /// <summary>Starts a batch the caller has just moved to <see cref="ImportStatus.Running"/>.</summary>
    public void Start(Guid id)
    {
        var progress = running[id] = new Progress();
        tasks[id] = Task.Run(async () =>
        {
            try { await RunAsync(id, progress, stopping.Token); }
            finally { running.TryRemove(id, out _); tasks.TryRemove(id, out _); }
        });
    }

    private async Task RunAsync(Guid id, Progress progress, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<Infrastructure.Clock>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var protector = scope.ServiceProvider.GetRequiredService<Security.PersonalDataProtector>();
        var batch = await db.ImportBatches.AsNoTracking().FirstAsync(b => b.Id == id, ct);
        var kind = ImportKinds.Find(batch.Kind)!;
        var importScope = new ImportScope(batch.JurisdictionId, batch.UnitId);
        async Task RefuseAsync(string message, int invalid)
        {
            db.ChangeTracker.Clear();
            await db.ImportBatches.Where(b => b.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, ImportStatus.Refused).SetProperty(b => b.Message, message.Length > 4000 ? message[..4000] : message)
                .SetProperty(b => b.Invalid, invalid).SetProperty(b => b.FinishedAt, clock.UtcNow), CancellationToken.None);
            await audit.AppendAsync(batch.UserId, batch.UserName, batch.ClientAddress, new AuditRecord($"导入{kind.Name}", AuditOutcome.Failure,
                kind.Name, batch.Id.ToString(), $"未导入任何数据；文件：{batch.FileName}；{message}"), CancellationToken.None);
        }
        try
        {
            if (!Convert.ToHexStringLower(SHA256.HashData(batch.Content)).Equals(batch.FileHash, StringComparison.Ordinal))
            {
                await RefuseAsync("保存的文件与预览时的摘要不一致，已拒绝导入，请重新上传。", 0);
                return;
            }
            var rows = ImportFile.Read(batch.Content, kind.Columns);
            progress.Total = rows.Count;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Holds the batch's row for the transaction (PostgreSQL): the sweep of interrupted imports skips a row a live
            // runner holds (FOR UPDATE SKIP LOCKED), so another instance starting meanwhile never marks it.
            await db.ImportBatches.Where(b => b.Id == id).ExecuteUpdateAsync(s => s.SetProperty(b => b.StartedAt, b => b.StartedAt), ct);
            var plan = await ImportKinds.CheckAsync(kind, db, protector, importScope, rows, ct);
            if (plan.Errors.Count > 0)
            {
                await tx.RollbackAsync(CancellationToken.None);
                await RefuseAsync(Describe(plan.Errors), plan.InvalidRows);
                return;
            }
            progress.Phase = "写入";
            var now = clock.UtcNow;
            foreach (var chunk in plan.Entities.Chunk(Chunk))
            {
                foreach (var entity in chunk) if (entity is Units.Unit u) u.CreatedAt = now;
                db.AddRange(chunk);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                progress.Processed += chunk.Length;
            }
            await db.ImportBatches.Where(b => b.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, ImportStatus.Done).SetProperty(b => b.Imported, plan.Entities.Count)
                .SetProperty(b => b.Invalid, 0).SetProperty(b => b.FinishedAt, clock.UtcNow), ct);
            await audit.AppendAsync(batch.UserId, batch.UserName, batch.ClientAddress, new AuditRecord($"导入{kind.Name}", AuditOutcome.Success,
                kind.Name, batch.Id.ToString(), $"导入 {plan.Entities.Count} 条（共 {rows.Count} 行，0 行有误）；文件：{batch.FileName}（SHA-256 {batch.FileHash}）"), ct);
            await tx.CommitAsync(ct);
        }
        catch (ImportFileException e)
        {
            await RefuseAsync(e.Message, 0);
        }
        catch (DbUpdateException e)
        {
            // The database refused a row the check let through (a duplicate registered at the same moment): say which rows now clash.
            log.LogWarning(e, "导入批次 {Batch} 提交时被数据库拒绝", id);
            db.ChangeTracker.Clear();
            var again = await ImportKinds.CheckAsync(kind, db, protector, importScope, ImportFile.Read(batch.Content, kind.Columns), CancellationToken.None);
            await RefuseAsync(again.Errors.Count > 0 ? Describe(again.Errors)
                : "提交时数据库拒绝了本批数据（可能有相同的数据在此期间被登记），未导入任何数据，请重新上传后再试。", again.InvalidRows);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await RefuseAsync("导入过程中服务停止，事务已回滚，未导入任何数据，请重新上传。", 0);
        }
        catch (Exception e)
        {
            log.LogError(e, "导入批次 {Batch} 失败", id);
            await RefuseAsync("导入时发生错误，事务已回滚，未导入任何数据，请稍后重新上传。", 0);
        }
    }

    /// <summary>The refusal as the page shows it: the number of wrong rows, then each message (the first 100).</summary>
    public static string Describe(IReadOnlyList<ImportError> errors) =>
        $"提交时发现 {errors.Select(e => e.Row).Distinct().Count()} 行有误，未导入任何数据：\n" + string.Join("\n", errors.Take(100).Select(e => e.Text))
        + (errors.Count > 100 ? $"\n……另有 {errors.Count - 100} 处错误" : "");

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await Task.WhenAny(Task.WhenAll(tasks.Values), Task.Delay(Timeout.Infinite, cancellationToken));
    }
}
