using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Cli;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Features.Organisation;

public sealed record StaffRow(string UserName, string DisplayName, bool IsUnitAdmin, DateTimeOffset? LockoutEnd)
{
    public bool Disabled => AccountActions.IsStopped(LockoutEnd);
}

/// <summary>
/// 本单位账号 (单位管理员): the staff accounts of the administrator's own unit — list, create an applicant account of the
/// unit (a generated one-time password, as the system admin's account creation), stop/start, reset the password. Any other
/// account (another unit's, another role's) is a 404; making someone a unit administrator stays with the system admin.
/// </summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class StaffModel(AppDbContext db, UserManager<AppUser> users, AuditLog audit, TimeProvider time) : PageModel
{
    public List<StaffRow> Accounts { get; private set; } = [];
    public string UnitName { get; private set; } = "";
    public string? CreatedUser { get; private set; }
    public string? CreatedPassword { get; private set; }
    public DateTimeOffset Now => time.GetUtcNow();
    [TempData] public string? Flash { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!UnitAdmin.Is(User)) return Forbid();
        await Load(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(string? userName, string? displayName, CancellationToken ct)
    {
        const string action = "创建本单位账号";
        if (await Guard(action, ct) is { } denied) return denied;
        var scope = UserScope.From(User);
        userName = userName?.Trim() ?? "";
        var name = displayName?.Trim() ?? "";
        if (!System.Text.RegularExpressions.Regex.IsMatch(userName, "^[a-zA-Z0-9._@+-]{3,64}$"))
            return await Refused(400, action, userName, "用户名为3至64位字母、数字或 ._@+-。", ct);
        if (name.Length is 0 or > 100) return await Refused(400, action, userName, "姓名须为1至100个字。", ct);
        if (await users.FindByNameAsync(userName) is not null) return await Refused(409, action, userName, $"用户名 {userName} 已被使用。", ct);
        var password = AdminCli.GeneratePassword();
        var user = new AppUser
        {
            UserName = userName, DisplayName = name, JurisdictionId = scope.JurisdictionId, UnitId = scope.UnitId,
            LockoutEnabled = true, CreatedAt = time.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded) result = await users.AddToRoleAsync(user, Roles.Applicant);
        if (!result.Succeeded) return await Refused(409, action, userName, string.Join("；", result.Errors.Select(e => e.Description)), ct);
        await audit.AppendAsync(HttpContext, new AuditRecord(action, AuditOutcome.Success, "账号", user.Id, $"{user.UserName}（{name}，单位 {scope.UnitId}）"), ct: ct);
        CreatedUser = user.UserName;
        CreatedPassword = password;
        await Load(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(string? userName, bool disable, CancellationToken ct)
    {
        var action = disable ? "停用本单位账号" : "启用本单位账号";
        if (await Guard(action, ct) is { } denied) return denied;
        if (await StaffAsync(userName) is not { } user) return await Refused(404, action, userName, "本单位没有这个账号。", ct);
        if (user.Id == UserScope.From(User).UserId) return await Refused(400, action, userName, "不能停用自己的账号。", ct);
        await AccountActions.SetDisabledAsync(users, user, disable);
        await audit.AppendAsync(HttpContext, new AuditRecord(action, AuditOutcome.Success, "账号", user.Id, $"{user.UserName}（{user.DisplayName}）"), ct: ct);
        Flash = disable ? $"已停用账号 {user.UserName}：该账号不能再登录，已登录的会话至迟30分钟内失效。" : $"已启用账号 {user.UserName}。";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostResetAsync(string? userName, CancellationToken ct)
    {
        const string action = "重置本单位账号口令";
        if (await Guard(action, ct) is { } denied) return denied;
        if (await StaffAsync(userName) is not { } user) return await Refused(404, action, userName, "本单位没有这个账号。", ct);
        if (user.Id == UserScope.From(User).UserId) return await Refused(400, action, userName, "自己的口令请在“修改口令”页面修改。", ct);
        var (password, error) = await AccountActions.ResetPasswordAsync(users, user);
        if (error is not null) return await Refused(409, action, userName, error, ct);
        await audit.AppendAsync(HttpContext, new AuditRecord(action, AuditOutcome.Success, "账号", user.Id, $"{user.UserName}（{user.DisplayName}）"), ct: ct);
        CreatedUser = user.UserName;
        CreatedPassword = password;
        await Load(ct);
        return Page();
    }

    /// <summary>An applicant account of the administrator's own unit (nothing else: another unit's or another role's is not found).</summary>
    private async Task<AppUser?> StaffAsync(string? userName)
    {
        if (string.IsNullOrWhiteSpace(userName) || userName.Length > 64) return null;
        var user = await users.FindByNameAsync(userName);
        if (user is null || user.UnitId is null || user.UnitId != UserScope.From(User).UnitId) return null;
        var roles = await users.GetRolesAsync(user);
        return roles.Count == 1 && roles[0] == Roles.Applicant ? user : null;
    }

    private async Task<IActionResult?> Guard(string action, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        if (UnitAdmin.Is(User) && UserScope.From(User).UnitId is not null) return null;
        await audit.AppendAsync(HttpContext, new AuditRecord(action, AuditOutcome.Denied, "账号", null, "不是单位管理员"), ct: ct);
        return Forbid();
    }

    private async Task<IActionResult> Refused(int status, string action, string? target, string message, CancellationToken ct)
    {
        target = string.IsNullOrWhiteSpace(target) ? "（未指定）" : target.Length > 64 ? target[..64] : target;
        await audit.AppendAsync(HttpContext, new AuditRecord(action, AuditOutcome.Failure, "账号", target, message), ct: ct);
        ModelState.AddModelError("", message);
        Response.StatusCode = status;
        await Load(ct);
        return Page();
    }

    private async Task Load(CancellationToken ct)
    {
        var unitId = UserScope.From(User).UnitId;
        UnitName = await db.Units.Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "";
        var applicant = await db.Roles.Where(r => r.Name == Roles.Applicant).Select(r => r.Id).FirstAsync(ct);
        Accounts = (await db.Users.AsNoTracking().Where(u => u.UnitId == unitId && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == applicant))
                .OrderByDescending(u => u.IsUnitAdmin).ThenBy(u => u.UserName)
                .Select(u => new { u.UserName, u.DisplayName, u.IsUnitAdmin, u.LockoutEnd }).ToListAsync(ct))
            .Select(u => new StaffRow(u.UserName!, u.DisplayName, u.IsUnitAdmin, u.LockoutEnd)).ToList();
    }
}
