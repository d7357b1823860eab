using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Features.Security;

/// <summary>
/// The scheduled `audit verify`: walks the chain and, when it is broken, raises an alert the security admin sees on the
/// 安全管理 page (once per broken row, not every run) and records the check in the audit log. The job is this one class,
/// so it can move into whichever scheduler the platform adopts (a Quartz job calls <see cref="RunAsync"/>).
/// </summary>
public sealed class AuditChainCheck(AuditVerifier verifier, AuditLog audit, AppDbContext db, TimeProvider time)
{
    public const string AlertKind = "audit_chain";

    public async Task<ChainVerdict> RunAsync(CancellationToken ct = default)
    {
        var verdict = await verifier.VerifyAsync(ct);
        if (verdict.Intact) return verdict;
        var known = await db.SecurityAlerts.AsNoTracking().AnyAsync(a => a.Kind == AlertKind && a.Message == verdict.Message, ct);
        if (!known)
        {
            db.SecurityAlerts.Add(new SecurityAlert { Kind = AlertKind, Message = verdict.Message, RaisedAt = time.GetUtcNow() });
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(null, "系统", "本机", new AuditRecord("定时校验审计链", AuditOutcome.Failure, "审计日志", verdict.FirstBadSequence?.ToString(), verdict.Message), ct);
        }
        return verdict;
    }
}

/// <summary>Runs <see cref="AuditChainCheck"/> every Audit:VerifyIntervalMinutes on the app's clock (off when 0).</summary>
public sealed class AuditChainMonitor(IServiceScopeFactory scopes, AuditSettings settings, TimeProvider time, ILogger<AuditChainMonitor> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        if (settings.VerifyIntervalMinutes <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(settings.VerifyIntervalMinutes), time);
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var verdict = await scope.ServiceProvider.GetRequiredService<AuditChainCheck>().RunAsync(ct);
                if (!verdict.Intact) log.LogError("审计链校验未通过：{Message}", verdict.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "定时审计链校验失败");
            }
        }
    }
}
