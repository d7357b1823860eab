using TechCenters.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Features.Admin;

/// <summary>安全管理员: the security policy in force and locked accounts (unlock with a reason).</summary>
public sealed class SecurityModel(AppDbContext db, UserManager<AppUser> users, AuditLog audit, Clock clock) : PageModel
{
    public List<AppUser> Locked { get; private set; } = [];
    /// <summary>Unacknowledged alerts (the scheduled audit-chain check raises them).</summary>
    public List<Security.SecurityAlert> Alerts { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public async Task<IActionResult> OnPostUnlockAsync(string userName, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        var user = string.IsNullOrWhiteSpace(userName) ? null : await users.FindByNameAsync(userName);
        if (user is null)
        {
            await audit.AppendAsync(HttpContext, new AuditRecord("解锁账号", AuditOutcome.Failure, "账号", userName, "账号不存在"), ct: ct);
            return NotFound();
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.AppendAsync(HttpContext, new AuditRecord("解锁账号", AuditOutcome.Success, "账号", user.Id, user.UserName), ct: ct);
        Message = $"已解锁账号 {user.UserName}";
        await Load(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(long alertId, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        var alert = await db.SecurityAlerts.FirstOrDefaultAsync(a => a.Id == alertId && a.AcknowledgedAt == null, ct);
        if (alert is null) return NotFound();
        alert.AcknowledgedAt = clock.UtcNow;
        alert.AcknowledgedBy = User.Identity?.Name;
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(HttpContext, new AuditRecord("确认安全告警", AuditOutcome.Success, "安全告警", alert.Id.ToString(), alert.Message), ct: ct);
        Message = "已确认告警";
        await Load(ct);
        return Page();
    }

    private async Task Load(CancellationToken ct)
    {
        Alerts = await db.SecurityAlerts.AsNoTracking().Where(a => a.AcknowledgedAt == null).OrderByDescending(a => a.Id).Take(50).ToListAsync(ct);
        var now = clock.UtcNow;
        Locked = (await db.Users.AsNoTracking().Where(u => u.LockoutEnd != null).ToListAsync(ct)).Where(u => u.LockoutEnd > now).ToList();
    }
}
