using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Features.Units;

/// <summary>登记申报单位 (bureau officer, inside its own jurisdiction). Bad input changes nothing.</summary>
[Authorize(Roles = Roles.BureauOfficer)]
public sealed class CreateModel(AppDbContext db, AuditLog audit, TimeProvider time) : PageModel
{
    [BindProperty] public UnitInput Input { get; set; } = new();
    public List<Organisation.DepartmentNode> Departments { get; private set; } = [];

    public sealed class UnitInput
    {
        [Required(ErrorMessage = "请输入单位名称")]
        [StringLength(200, ErrorMessage = "单位名称不超过200个字")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "请输入统一社会信用代码")]
        public string CreditCode { get; set; } = "";

        [Required(ErrorMessage = "请选择单位类型")]
        public UnitType? Type { get; set; }

        public int? DepartmentId { get; set; }

        [Required(ErrorMessage = "请输入所在地区")]
        [StringLength(100, ErrorMessage = "所在地区不超过100个字")]
        public string Region { get; set; } = "";

        [Required(ErrorMessage = "请输入注册地址")]
        [StringLength(300, ErrorMessage = "注册地址不超过300个字")]
        public string RegisteredAddress { get; set; } = "";
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadDepartments(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        var scope = UserScope.From(User);
        await LoadDepartments(ct);
        var code = Input.CreditCode?.Trim().ToUpperInvariant() ?? "";
        if (ModelState.GetFieldValidationState("Input.CreditCode") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid
            && CreditCode.Validate(code) is { } reason)
            ModelState.AddModelError("Input.CreditCode", reason);
        else if (await db.Units.AnyAsync(u => u.CreditCode == code, ct))
            ModelState.AddModelError("Input.CreditCode", "该统一社会信用代码已登记");
        if (Input.DepartmentId is { } dept && Departments.All(d => d.Id != dept))
            ModelState.AddModelError("Input.DepartmentId", await db.Departments.AnyAsync(d => d.Id == dept && d.JurisdictionId == scope.JurisdictionId && !d.Active, ct)
                ? "所选归口管理部门已停用，不能作为新登记单位的归口管理部门，请选择在用的部门" : "归口管理部门不在本辖区");
        if (Input.Type is not null && !Enum.IsDefined(Input.Type.Value))
            ModelState.AddModelError("Input.Type", "单位类型无效");

        if (!ModelState.IsValid)
        {
            await audit.AppendAsync(HttpContext, new AuditRecord("登记申报单位", AuditOutcome.Failure, "单位", null,
                string.Join("；", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage))), ct: ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var unit = new Unit
        {
            CreditCode = code, Name = Input.Name.Trim(), Type = Input.Type!.Value, JurisdictionId = scope.JurisdictionId!,
            DepartmentId = Input.DepartmentId, Region = Input.Region.Trim(), RegisteredAddress = Input.RegisteredAddress.Trim(),
            CreatedAt = time.GetUtcNow(),
        };
        db.Units.Add(unit);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(HttpContext, new AuditRecord("登记申报单位", AuditOutcome.Success, "单位", unit.Id.ToString(), $"{unit.Name}（{unit.CreditCode}）"), ct: ct);
        return Redirect($"/Units/{unit.Id}");
    }

    private async Task LoadDepartments(CancellationToken ct)
    {
        var scope = UserScope.From(User);
        // Only departments in use are offered: a deactivated one keeps its history but takes no new units.
        Departments = (await Organisation.DepartmentTree.LoadAsync(db, scope, ct)).Where(d => d.Active).ToList();
    }
}
