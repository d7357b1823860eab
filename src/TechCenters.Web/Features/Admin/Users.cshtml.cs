using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Cli;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Features.Admin;

public sealed record AccountRow(string UserName, string DisplayName, string Role, string? Jurisdiction, DateTimeOffset? LockoutEnd, bool IsUnitAdmin = false)
{
    /// <summary>停用: locked out for good (a stopped account, not a lockout after failed logins).</summary>
    public bool Disabled => AccountActions.IsStopped(LockoutEnd);
}

/// <summary>An expert of a pool without an account yet (the system admin opens one from the expert records by name).</summary>
public sealed record ExpertCandidate(int Id, string Name, string Employer, string Field, string JurisdictionId, string Jurisdiction);

/// <summary>
/// 系统管理员: accounts and their roles. Business accounts are created here with a generated one-time password, edited
/// (name), stopped and started again, and given a new generated password; an expert's account is opened from the expert
/// records, found by name. The three admin accounts only by the command line, and they are not managed here. The
/// system admin never sees the audit log (三员分立). Every action asks first, is audited, and says what it did.
/// </summary>
public sealed class UsersModel(AppDbContext db, UserManager<AppUser> users, AuditLog audit, TimeProvider time) : PageModel
{
    public static readonly string[] BusinessRoles = [Roles.BureauOfficer, Roles.DepartmentOfficer, Roles.Applicant, Roles.Expert, Roles.Evaluator];

    public List<AccountRow> Accounts => Result.Items.ToList();
    /// <summary>The account list, filtered (用户名或姓名, 角色, 辖区) and paged.</summary>
    public Shared.Page<AccountRow> Result { get; private set; } = new([], 1, PageSize, 0);
    public const int PageSize = 20;
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "role")] public string? RoleFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "jur")] public string? JurisdictionFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public string PageUrl(int page) => "/Admin/Users" + QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Query, ["role"] = RoleFilter, ["jur"] = JurisdictionFilter, ["expert"] = Expert, ["p"] = page.ToString(),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();
    public List<(string Id, string Name)> Jurisdictions { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public string? CreatedUser { get; private set; }
    public string? CreatedPassword { get; private set; }
    /// <summary>What the last action did (shown once after its redirect).</summary>
    [TempData] public string? Flash { get; set; }
    /// <summary>The expert search (姓名), and the experts without an account it found.</summary>
    [BindProperty(SupportsGet = true)] public string? Expert { get; set; }
    public List<ExpertCandidate> Candidates { get; private set; } = [];
    public const int CandidateLimit = 20;

    [BindProperty] public NewAccount Input { get; set; } = new();

    public sealed class NewAccount
    {
        [Required(ErrorMessage = "请输入用户名")]
        [RegularExpression("^[a-zA-Z0-9._@+-]{3,64}$", ErrorMessage = "用户名为3至64位字母、数字或 ._@+-")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "请输入姓名或名称")]
        [StringLength(100, ErrorMessage = "姓名或名称不超过100个字")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "请选择角色")]
        public string Role { get; set; } = "";

        [Required(ErrorMessage = "请选择管理辖区")]
        public string JurisdictionId { get; set; } = "";

        public int? DepartmentId { get; set; }
        public int? UnitId { get; set; }
        public int? ExpertId { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        var i = Input;
        if (ModelState.IsValid)
        {
            if (!BusinessRoles.Contains(i.Role))
                ModelState.AddModelError("Input.Role", "此处只能创建业务账号；系统、安全、审计管理员账号须用命令行创建");
            if (!await db.Jurisdictions.AnyAsync(j => j.Id == i.JurisdictionId, ct))
                ModelState.AddModelError("Input.JurisdictionId", "管理辖区不存在");
            if (i.Role == Roles.DepartmentOfficer && (i.DepartmentId is null || !await db.Departments.AnyAsync(d => d.Id == i.DepartmentId && d.JurisdictionId == i.JurisdictionId, ct)))
                ModelState.AddModelError("Input.DepartmentId", "归口管理部门账号须指定本辖区的归口管理部门");
            if (i.Role == Roles.Applicant && (i.UnitId is null || !await db.Units.AnyAsync(u => u.Id == i.UnitId && u.JurisdictionId == i.JurisdictionId, ct)))
                ModelState.AddModelError("Input.UnitId", "申报单位账号须指定本辖区的申报单位");
            if (i.Role == Roles.Expert && (i.ExpertId is null || !await db.Experts.AnyAsync(e => e.Id == i.ExpertId && e.JurisdictionId == i.JurisdictionId, ct)))
                ModelState.AddModelError("Input.ExpertId", "专家账号须指定本辖区专家库中的专家");
        }
        if (ModelState.IsValid)
        {
            var password = AdminCli.GeneratePassword();
            var user = new AppUser
            {
                UserName = i.UserName, DisplayName = i.DisplayName.Trim(), JurisdictionId = i.JurisdictionId,
                DepartmentId = i.Role == Roles.DepartmentOfficer ? i.DepartmentId : null,
                UnitId = i.Role == Roles.Applicant ? i.UnitId : null,
                ExpertId = i.Role == Roles.Expert ? i.ExpertId : null,
                LockoutEnabled = true, CreatedAt = time.GetUtcNow(),
            };
            var result = await users.CreateAsync(user, password);
            if (result.Succeeded) result = await users.AddToRoleAsync(user, i.Role);
            if (result.Succeeded)
            {
                await audit.AppendAsync(HttpContext, new AuditRecord("创建账号", AuditOutcome.Success, "账号", user.Id, $"{user.UserName}（{Roles.ToChinese(i.Role)}，{i.JurisdictionId}）"), ct: ct);
                CreatedUser = user.UserName;
                CreatedPassword = password;
                ModelState.Clear();
                Input = new();
                await Load(ct);
                return Page();
            }
            foreach (var e in result.Errors) ModelState.AddModelError("Input.UserName", e.Description);
        }
        await audit.AppendAsync(HttpContext, new AuditRecord("创建账号", AuditOutcome.Failure, "账号", i.UserName,
            string.Join("；", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage))), ct: ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await Load(ct);
        return Page();
    }

    /// <summary>Opens an account for an expert of the pool: user name from the record, the expert's name, a one-time password.</summary>
    public async Task<IActionResult> OnPostExpertAccountAsync(int expertId, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        var e = await db.Experts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == expertId, ct);
        if (e is null) return await Refused(StatusCodes.Status404NotFound, "创建专家账号", expertId.ToString(), "专家库中没有该专家。", ct);
        if (await db.Users.AnyAsync(u => u.ExpertId == e.Id, ct))
            return await Refused(StatusCodes.Status409Conflict, "创建专家账号", expertId.ToString(), $"专家{e.Name}已有账号，不能重复开通。", ct);
        var password = AdminCli.GeneratePassword();
        var user = new AppUser
        {
            UserName = $"expert-{e.Id:D4}", DisplayName = e.Name, JurisdictionId = e.JurisdictionId, ExpertId = e.Id,
            LockoutEnabled = true, CreatedAt = time.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded) result = await users.AddToRoleAsync(user, Roles.Expert);
        if (!result.Succeeded)
            return await Refused(StatusCodes.Status409Conflict, "创建专家账号", expertId.ToString(), string.Join("；", result.Errors.Select(x => x.Description)), ct);
        await audit.AppendAsync(HttpContext, new AuditRecord("创建专家账号", AuditOutcome.Success, "账号", user.Id, $"{user.UserName}（专家 {e.Name}，{e.Employer}）"), ct: ct);
        CreatedUser = user.UserName;
        CreatedPassword = password;
        Expert = null;
        await Load(ct);
        return Page();
    }

    /// <summary>Renames a business account (the name shown on pages and in the audit log).</summary>
    public async Task<IActionResult> OnPostEditAsync(string? userName, string? displayName, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        var name = (displayName ?? "").Trim();
        if (!string.IsNullOrWhiteSpace(userName) && name.Length is 0 or > 100) return await Refused(StatusCodes.Status400BadRequest, "修改账号", userName, "姓名或名称须为1至100个字。", ct);
        var (user, refused) = await TargetAsync(userName, "修改账号", ct);
        if (user is null) return refused!;
        var before = user.DisplayName;
        user.DisplayName = name;
        await users.UpdateAsync(user);
        await audit.AppendAsync(HttpContext, new AuditRecord("修改账号", AuditOutcome.Success, "账号", user.Id, $"{user.UserName}：姓名/名称 {before} → {name}"), ct: ct);
        Flash = $"已将账号 {user.UserName} 的姓名/名称改为“{name}”。";
        return RedirectToPage();
    }

    /// <summary>停用 / 启用: a stopped account cannot sign in; starting it again also clears a lockout.</summary>
    public async Task<IActionResult> OnPostDisableAsync(string? userName, bool disable, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        var action = disable ? "停用账号" : "启用账号";
        var (user, refused) = await TargetAsync(userName, action, ct);
        if (user is null) return refused!;
        await AccountActions.SetDisabledAsync(users, user, disable);
        await audit.AppendAsync(HttpContext, new AuditRecord(action, AuditOutcome.Success, "账号", user.Id, $"{user.UserName}（{user.DisplayName}）"), ct: ct);
        Flash = disable ? $"已停用账号 {user.UserName}：该账号不能再登录，已登录的会话至迟30分钟内失效（下次会话校验时）。" : $"已启用账号 {user.UserName}。";
        return RedirectToPage();
    }

    /// <summary>重置口令: a new generated one-time password, shown once; the old one and open sessions stop working.</summary>
    public async Task<IActionResult> OnPostResetAsync(string? userName, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        var (user, refused) = await TargetAsync(userName, "重置口令", ct);
        if (user is null) return refused!;
        var (password, error) = await AccountActions.ResetPasswordAsync(users, user);
        if (error is not null) return await Refused(StatusCodes.Status409Conflict, "重置口令", userName, error, ct);
        await audit.AppendAsync(HttpContext, new AuditRecord("重置口令", AuditOutcome.Success, "账号", user.Id, $"{user.UserName}（{user.DisplayName}）"), ct: ct);
        CreatedUser = user.UserName;
        CreatedPassword = password;
        await Load(ct);
        return Page();
    }

    /// <summary>
    /// The business account an action on one account names, or the refusal (audited) to answer with: no account named is a
    /// 400, one that is not a business account (or does not exist) a 404 — the same for every such action.
    /// </summary>
    private async Task<(AppUser? User, IActionResult? Refused)> TargetAsync(string? userName, string action, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(userName)) return (null, await Refused(StatusCodes.Status400BadRequest, action, null, "请指定要操作的账号（用户名）。", ct));
        return await BusinessAccountAsync(userName, ct) is { } user
            ? (user, null)
            : (null, await Refused(StatusCodes.Status404NotFound, action, userName, "没有这个业务账号（三员账号须用命令行管理）。", ct));
    }

    /// <summary>设为 / 取消单位管理员: an applicant account that then manages its own unit's staff accounts (/Organisation/Staff).</summary>
    public async Task<IActionResult> OnPostUnitAdminAsync(string? userName, bool admin, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        var action = admin ? "设为单位管理员" : "取消单位管理员";
        var (user, refused) = await TargetAsync(userName, action, ct);
        if (user is null) return refused!;
        if (user.UnitId is null || !(await users.GetRolesAsync(user)).Contains(Roles.Applicant))
            return await Refused(StatusCodes.Status400BadRequest, action, userName, "只有申报单位账号可以设为单位管理员。", ct);
        user.IsUnitAdmin = admin;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user); // the claim follows at the next session check
        await audit.AppendAsync(HttpContext, new AuditRecord(action, AuditOutcome.Success, "账号", user.Id, $"{user.UserName}（{user.DisplayName}，单位 {user.UnitId}）"), ct: ct);
        Flash = admin ? $"已将 {user.UserName} 设为单位管理员：重新登录后（或至迟30分钟内）可管理本单位账号。" : $"已取消 {user.UserName} 的单位管理员身份。";
        return RedirectToPage();
    }

    private async Task<AppUser?> BusinessAccountAsync(string? userName, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(userName) || userName.Length > 64) return null;
        var user = await users.FindByNameAsync(userName);
        if (user is null) return null;
        var roles = await users.GetRolesAsync(user);
        return roles.Any(BusinessRoles.Contains) ? user : null;
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
        Now = time.GetUtcNow();
        Jurisdictions = (await db.Jurisdictions.AsNoTracking().OrderBy(j => j.Name).Select(j => new { j.Id, j.Name }).ToListAsync(ct))
            .Select(j => (j.Id, j.Name)).ToList();
        var accounts = from u in db.Users.AsNoTracking()
                       join ur in db.UserRoles on u.Id equals ur.UserId
                       join r in db.Roles on ur.RoleId equals r.Id
                       join j in db.Jurisdictions on u.JurisdictionId equals j.Id into js
                       from j in js.DefaultIfEmpty()
                       select new { u.UserName, u.DisplayName, Role = r.Name, u.JurisdictionId, Jurisdiction = j != null ? j.Name : null, u.LockoutEnd, u.IsUnitAdmin };
        if ((!string.IsNullOrWhiteSpace(RoleFilter) && !Roles.All.Contains(RoleFilter))
            || (!string.IsNullOrWhiteSpace(JurisdictionFilter) && !Jurisdictions.Any(j => j.Id == JurisdictionFilter)))
        {
            ModelState.AddModelError("", "角色或管理辖区只能从列表中选择。");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            RoleFilter = JurisdictionFilter = null;
            accounts = accounts.Where(a => false);
        }
        var q = (Query ?? "").Trim();
        if (q.Length > 100) q = q[..100];
        if (q.Length > 0) accounts = accounts.Where(a => a.UserName!.Contains(q) || a.DisplayName.Contains(q));
        if (!string.IsNullOrWhiteSpace(RoleFilter)) accounts = accounts.Where(a => a.Role == RoleFilter);
        if (!string.IsNullOrWhiteSpace(JurisdictionFilter)) accounts = accounts.Where(a => a.JurisdictionId == JurisdictionFilter);
        PageNumber = Shared.Page<AccountRow>.Clamp(PageNumber);
        var total = await accounts.CountAsync(ct);
        var rows = await accounts.OrderBy(a => a.JurisdictionId).ThenBy(a => a.UserName)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Result = new(rows.Select(a => new AccountRow(a.UserName!, a.DisplayName, a.Role!, a.Jurisdiction, a.LockoutEnd, a.IsUnitAdmin)).ToList(), PageNumber, PageSize, total);
        var term = (Expert ?? "").Trim();
        if (term.Length > 0 && term.Length <= 20)
        {
            var names = Jurisdictions.ToDictionary(j => j.Id, j => j.Name);
            Candidates = (await db.Experts.AsNoTracking()
                    .Where(e => e.Name.Contains(term) && !db.Users.Any(u => u.ExpertId == e.Id))
                    .OrderBy(e => e.Name).ThenBy(e => e.Id).Take(CandidateLimit)
                    .Select(e => new { e.Id, e.Name, e.Employer, e.Field, e.JurisdictionId }).ToListAsync(ct))
                .Select(e => new ExpertCandidate(e.Id, e.Name, e.Employer, e.Field, e.JurisdictionId, names.GetValueOrDefault(e.JurisdictionId, e.JurisdictionId))).ToList();
        }
    }
}
