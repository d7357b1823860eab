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

public sealed record AccountRow(string UserName, string DisplayName, string Role, string? Jurisdiction, DateTimeOffset? LockoutEnd);

/// <summary>
/// 系统管理员: accounts and their roles. Business accounts are created here with a generated one-time password;
/// the three admin accounts only by the command line. The system admin never sees the audit log (三员分立).
/// </summary>
public sealed class UsersModel(AppDbContext db, UserManager<AppUser> users, AuditLog audit, TimeProvider time) : PageModel
{
    public static readonly string[] BusinessRoles = [Roles.BureauOfficer, Roles.DepartmentOfficer, Roles.Applicant, Roles.Expert, Roles.Evaluator];

    public List<AccountRow> Accounts { get; private set; } = [];
    public List<(string Id, string Name)> Jurisdictions { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public string? CreatedUser { get; private set; }
    public string? CreatedPassword { get; private set; }

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

    private async Task Load(CancellationToken ct)
    {
        Now = time.GetUtcNow();
        Jurisdictions = (await db.Jurisdictions.AsNoTracking().OrderBy(j => j.Name).Select(j => new { j.Id, j.Name }).ToListAsync(ct))
            .Select(j => (j.Id, j.Name)).ToList();
        Accounts = await (from u in db.Users.AsNoTracking()
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          join j in db.Jurisdictions on u.JurisdictionId equals j.Id into js
                          from j in js.DefaultIfEmpty()
                          orderby u.JurisdictionId, u.UserName
                          select new AccountRow(u.UserName!, u.DisplayName, r.Name!, j != null ? j.Name : null, u.LockoutEnd))
            .Take(500).ToListAsync(ct);
    }
}
