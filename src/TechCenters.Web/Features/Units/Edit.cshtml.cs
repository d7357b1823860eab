using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.Organisation;

namespace TechCenters.Web.Features.Units;

/// <summary>
/// 维护单位 (the bureau, inside its jurisdiction): name, type and credit code (GB 32100 check, unique), and the move to
/// another competent department (with a reason, recorded, applied to the unit's open cases from the next step on).
/// A department officer does not maintain units: the register is the bureau's (it registers them, /Units/Create), and a
/// department moving a unit could move it out of its own subtree.
/// </summary>
[Authorize(Roles = Roles.BureauOfficer)]
public sealed class EditModel(AppDbContext db, AuditLog audit, UnitMoveService moves) : PageModel
{
    public Unit Unit { get; private set; } = null!;
    public List<DepartmentNode> Departments { get; private set; } = [];
    public bool DirectAllowed { get; private set; }
    [TempData] public string? Flash { get; set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public UnitType? Type { get; set; }
    [BindProperty] public string? CreditCode { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await Load(id, ct)) return NotFound();
        Name = Unit.Name;
        Type = Unit.Type;
        CreditCode = Unit.CreditCode;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int id, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        if (!await Load(id, ct)) return NotFound();
        var code = CreditCode?.Trim().ToUpperInvariant() ?? "";
        var name = Name?.Trim() ?? "";
        if (name.Length is 0 or > 200) ModelState.AddModelError("", "单位名称须为1至200个字。");
        if (Type is null || !Enum.IsDefined(Type.Value)) ModelState.AddModelError("", "请选择有效的单位类型。");
        if (Units.CreditCode.Validate(code) is { } reason) ModelState.AddModelError("", reason);
        else if (await db.Units.AnyAsync(u => u.CreditCode == code && u.Id != Unit.Id, ct)) ModelState.AddModelError("", "该统一社会信用代码已被其他单位登记。");
        if (!ModelState.IsValid)
        {
            await audit.AppendAsync(HttpContext, new AuditRecord("修改单位信息", AuditOutcome.Failure, "单位", Unit.Id.ToString(),
                string.Join("；", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage))), ct: ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var unit = await db.Units.FirstAsync(u => u.Id == Unit.Id, ct);
        var changes = new List<string>();
        if (unit.Name != name) changes.Add($"名称 {unit.Name} → {name}");
        if (unit.Type != Type!.Value) changes.Add($"类型 {unit.Type.ToChinese()} → {Type.Value.ToChinese()}");
        if (unit.CreditCode != code) changes.Add($"统一社会信用代码 {unit.CreditCode} → {code}");
        if (changes.Count == 0)
        {
            Flash = "没有修改。";
            return Redirect($"/Units/{unit.Id}");
        }
        unit.Name = name;
        unit.Type = Type.Value;
        unit.CreditCode = code;
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(HttpContext, new AuditRecord("修改单位信息", AuditOutcome.Success, "单位", unit.Id.ToString(), string.Join("；", changes)), ct: ct);
        Flash = "已保存单位信息：" + string.Join("；", changes) + "。";
        return Redirect($"/Units/{unit.Id}");
    }

    /// <summary>调整归口管理部门: <paramref name="departmentId"/> empty means straight to the bureau (where the pack has that path).</summary>
    public async Task<IActionResult> OnPostMoveAsync(int id, int? departmentId, string? reason, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        if (!await Load(id, ct)) return NotFound();
        var r = await moves.MoveAsync(WorkflowActor.From(HttpContext), id, departmentId, reason, ct);
        if (!r.Ok)
        {
            db.ChangeTracker.Clear();
            await Load(id, ct);
            Name = Unit.Name; Type = Unit.Type; CreditCode = Unit.CreditCode;
            ModelState.AddModelError("", r.Message);
            Response.StatusCode = r.HttpStatus;
            return Page();
        }
        Flash = r.Message;
        return Redirect($"/Units/{id}");
    }

    private async Task<bool> Load(int id, CancellationToken ct)
    {
        var scope = UserScope.From(User);
        var unit = await db.Units.AsNoTracking().VisibleTo(scope).Include(u => u.Department).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null) return false;
        Unit = unit;
        var active = await db.Departments.Where(d => d.JurisdictionId == unit.JurisdictionId && d.Active).Select(d => d.Id).ToListAsync(ct);
        Departments = (await DepartmentTree.LoadAsync(db, scope, ct)).Where(d => active.Contains(d.Id)).ToList();
        DirectAllowed = moves.DirectAllowed(unit.JurisdictionId);
        return true;
    }
}
