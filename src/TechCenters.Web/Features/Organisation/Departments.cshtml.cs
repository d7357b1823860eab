using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Organisation;

/// <summary>One row of the tree: the department, its units and open cases (its own, not its sub-departments').</summary>
public sealed record DepartmentRow(DepartmentNode Node, bool Active, int Units, int OpenCases, int Children);

/// <summary>
/// 组织机构: the bureau maintains its jurisdiction's competent departments as a tree — create (at the top or under a
/// parent), rename, change kind, move under another parent (the whole subtree's paths recomputed in one transaction),
/// deactivate when nothing depends on it. A department officer reads its own subtree. Every change is audited.
/// </summary>
[Authorize(Roles = Roles.BureauOfficer + "," + Roles.DepartmentOfficer)]
public sealed class DepartmentsModel(AppDbContext db, AuditLog audit) : PageModel
{
    public List<DepartmentRow> Rows { get; private set; } = [];
    /// <summary>Kinds in use in the jurisdiction (offered as suggestions).</summary>
    public List<string> Kinds { get; private set; } = [];
    public int DirectUnits { get; private set; }
    public bool CanEdit { get; private set; }
    [TempData] public string? Flash { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public async Task<IActionResult> OnPostCreateAsync(string? name, string? kind, int? parentId, CancellationToken ct)
    {
        const string action = "新增归口管理部门";
        if (await Guard(action, ct) is { } denied) return denied;
        var scope = UserScope.From(User);
        if (Check(name, kind) is { } bad) return await Refused(400, action, null, bad, ct);
        await using var tx = await LockTreeAsync(scope.JurisdictionId!, ct);
        Department? parent = null;
        if (parentId is { } p && (parent = await db.Departments.FirstOrDefaultAsync(d => d.Id == p && d.JurisdictionId == scope.JurisdictionId, ct)) is null)
            return await Refused(400, action, null, "上级部门不在本辖区。", ct);
        if (parent is { Active: false }) return await Refused(409, action, null, $"上级部门“{parent.Name}”已停用，不能在其下新增部门。", ct);
        name = name!.Trim();
        if (await db.Departments.AnyAsync(d => d.JurisdictionId == scope.JurisdictionId && d.Name == name, ct))
            return await Refused(409, action, null, $"本辖区已有名为“{name}”的部门。", ct);
        var dept = new Department { JurisdictionId = scope.JurisdictionId!, Name = name, Kind = kind!.Trim(), ParentId = parent?.Id };
        db.Departments.Add(dept);
        await db.SaveChangesAsync(ct);
        dept.Path = (parent?.Path ?? "/") + dept.Id + "/";
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(HttpContext, new AuditRecord(action, AuditOutcome.Success, "部门", dept.Id.ToString(),
            $"{dept.Name}（{dept.Kind}），上级：{parent?.Name ?? "科技局"}"), ct: ct);
        await tx.CommitAsync(ct);
        Flash = $"已新增“{dept.Name}”（上级：{parent?.Name ?? "科技局"}）。";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEditAsync(int? id, string? name, string? kind, CancellationToken ct)
    {
        const string action = "修改归口管理部门";
        if (await Guard(action, ct) is { } denied) return denied;
        if (await Own(id, ct) is not { } dept) return await Refused(404, action, id?.ToString(), "本辖区没有该部门。", ct);
        if (Check(name, kind) is { } bad) return await Refused(400, action, dept.Id.ToString(), bad, ct);
        name = name!.Trim();
        kind = kind!.Trim();
        if (name != dept.Name && await db.Departments.AnyAsync(d => d.JurisdictionId == dept.JurisdictionId && d.Name == name && d.Id != dept.Id, ct))
            return await Refused(409, action, dept.Id.ToString(), $"本辖区已有名为“{name}”的部门。", ct);
        var before = $"{dept.Name}（{dept.Kind}）";
        dept.Name = name;
        dept.Kind = kind;
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(HttpContext, new AuditRecord(action, AuditOutcome.Success, "部门", dept.Id.ToString(), $"{before} → {name}（{kind}）"), ct: ct);
        Flash = $"已将“{before}”改为“{name}（{kind}）”。";
        return RedirectToPage();
    }

    /// <summary>Moves a department (with everything below it) under another parent, or to the top (<paramref name="parentId"/> empty).</summary>
    public async Task<IActionResult> OnPostMoveAsync(int? id, int? parentId, CancellationToken ct)
    {
        const string action = "调整部门隶属关系";
        if (await Guard(action, ct) is { } denied) return denied;
        var scope = UserScope.From(User);
        await using var tx = await LockTreeAsync(scope.JurisdictionId!, ct);
        var all = await db.Departments.Where(d => d.JurisdictionId == scope.JurisdictionId).ToListAsync(ct);
        if (all.FirstOrDefault(d => d.Id == id) is not { } dept) return await Refused(404, action, id?.ToString(), "本辖区没有该部门。", ct);
        Department? parent = null;
        if (parentId is { } p && (parent = all.FirstOrDefault(d => d.Id == p)) is null)
            return await Refused(400, action, dept.Id.ToString(), "上级部门不在本辖区。", ct);
        if (parent is not null && parent.Path.Contains(Department.SubtreeMarker(dept.Id)))
            return await Refused(400, action, dept.Id.ToString(),
                parent.Id == dept.Id ? "部门不能作为自己的上级。" : $"“{parent.Name}”是“{dept.Name}”的下级部门，不能作为其上级（会形成循环）。", ct);
        if (parent is { Active: false }) return await Refused(409, action, dept.Id.ToString(), $"上级部门“{parent.Name}”已停用。", ct);
        if (dept.ParentId == parent?.Id) return await Refused(400, action, dept.Id.ToString(), $"“{dept.Name}”已隶属于{parent?.Name ?? "科技局"}。", ct);
        var from = all.FirstOrDefault(d => d.Id == dept.ParentId)?.Name ?? "科技局";
        var moved = Recompute(all, dept, parent);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(HttpContext, new AuditRecord(action, AuditOutcome.Success, "部门", dept.Id.ToString(),
            $"{dept.Name}：{from} → {parent?.Name ?? "科技局"}（含下级共{moved}个部门的路径重算）"), ct: ct);
        await tx.CommitAsync(ct);
        Flash = $"已将“{dept.Name}”调整至{parent?.Name ?? "科技局"}之下（含下级部门共{moved}个）。";
        return RedirectToPage();
    }

    /// <summary>Pure: puts <paramref name="dept"/> under <paramref name="parent"/> and rewrites the path of its whole subtree; the count moved.</summary>
    public static int Recompute(IReadOnlyList<Department> all, Department dept, Department? parent)
    {
        var oldPath = dept.Path;
        var newPath = (parent?.Path ?? "/") + dept.Id + "/";
        var subtree = all.Where(d => d.Path.StartsWith(oldPath, StringComparison.Ordinal)).ToList();
        foreach (var d in subtree) d.Path = newPath + d.Path[oldPath.Length..];
        dept.ParentId = parent?.Id;
        return subtree.Count;
    }

    public async Task<IActionResult> OnPostDeactivateAsync(int? id, bool active, CancellationToken ct)
    {
        var action = active ? "启用归口管理部门" : "停用归口管理部门";
        if (await Guard(action, ct) is { } denied) return denied;
        await using var tx = await LockTreeAsync(UserScope.From(User).JurisdictionId!, ct);
        if (await Own(id, ct) is not { } dept) return await Refused(404, action, id?.ToString(), "本辖区没有该部门。", ct);
        if (dept.Active == active) return await Refused(400, action, dept.Id.ToString(), $"“{dept.Name}”已{(active ? "启用" : "停用")}。", ct);
        if (!active)
        {
            var units = await db.Units.CountAsync(u => u.DepartmentId == dept.Id, ct);
            if (units > 0) return await Refused(409, action, dept.Id.ToString(), $"“{dept.Name}”下还有{units}家单位，请先调整这些单位的归口管理部门。", ct);
            var cases = await db.Cases.CountAsync(c => c.ClosedAt == null && (c.DepartmentId == dept.Id || c.PendingDepartmentId == dept.Id), ct);
            if (cases > 0) return await Refused(409, action, dept.Id.ToString(), $"“{dept.Name}”还有{cases}件在办事项，办结后才能停用。", ct);
            var children = await db.Departments.CountAsync(d => d.ParentId == dept.Id && d.Active, ct);
            if (children > 0) return await Refused(409, action, dept.Id.ToString(), $"“{dept.Name}”下还有{children}个启用的下级部门，请先停用或调整它们。", ct);
        }
        else if (dept.ParentId is { } p && !await db.Departments.AnyAsync(d => d.Id == p && d.Active, ct))
            return await Refused(409, action, dept.Id.ToString(), "上级部门已停用，请先启用上级部门或调整隶属关系。", ct);
        dept.Active = active;
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(HttpContext, new AuditRecord(action, AuditOutcome.Success, "部门", dept.Id.ToString(), dept.Name), ct: ct);
        await tx.CommitAsync(ct);
        Flash = $"已{(active ? "启用" : "停用")}“{dept.Name}”。";
        return RedirectToPage();
    }

    private static string? Check(string? name, string? kind)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100) return "部门名称须为1至100个字。";
        if (string.IsNullOrWhiteSpace(kind) || kind.Trim().Length > 20) return "部门类别须为1至20个字（如团场、园区、地州市、旗县区）。";
        return null;
    }

    private Task<Department?> Own(int? id, CancellationToken ct)
    {
        var scope = UserScope.From(User);
        return id is null ? Task.FromResult<Department?>(null)
            : db.Departments.FirstOrDefaultAsync(d => d.Id == id && d.JurisdictionId == scope.JurisdictionId, ct);
    }

    /// <summary>Only the bureau changes the tree; a department officer reads it.</summary>
    private async Task<IActionResult?> Guard(string action, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        if (User.IsInRole(Roles.BureauOfficer) && UserScope.From(User).JurisdictionId is not null) return null;
        await audit.AppendAsync(HttpContext, new AuditRecord(action, AuditOutcome.Denied, "部门", null, "仅科技局可维护组织机构"), ct: ct);
        return Forbid();
    }

    /// <summary>
    /// Changes to a jurisdiction's tree run one at a time: the transaction first writes the jurisdiction's row (a lock
    /// on PostgreSQL, the write lock on SQLite) and only then reads the tree. Two moves that would close a cycle between
    /// them, or a sub-department created under one being deactivated, cannot both pass their checks on the same reading.
    /// </summary>
    private async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> LockTreeAsync(string jurisdictionId, CancellationToken ct)
    {
        var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Jurisdictions.Where(j => j.Id == jurisdictionId).ExecuteUpdateAsync(s => s.SetProperty(j => j.Name, j => j.Name), ct);
        return tx;
    }

    private async Task<IActionResult> Refused(int status, string action, string? target, string message, CancellationToken ct)
    {
        // Bug 0814: a refusal inside the change's transaction was audited in it and rolled back with it.
        if (db.Database.CurrentTransaction is { } open) await open.RollbackAsync(ct);
        db.ChangeTracker.Clear();
        await audit.AppendAsync(HttpContext, new AuditRecord(action, AuditOutcome.Failure, "部门", target, message), ct: ct);
        ModelState.AddModelError("", message);
        Response.StatusCode = status;
        await Load(ct);
        return Page();
    }

    private async Task Load(CancellationToken ct)
    {
        var scope = UserScope.From(User);
        CanEdit = scope.Role == Roles.BureauOfficer;
        var nodes = await DepartmentTree.LoadAsync(db, scope, ct);
        var ids = nodes.Select(n => n.Id).ToList();
        var units = await db.Units.Where(u => u.DepartmentId != null && ids.Contains(u.DepartmentId.Value))
            .GroupBy(u => u.DepartmentId!.Value).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var cases = await db.Cases.Where(c => c.ClosedAt == null && c.DepartmentId != null && ids.Contains(c.DepartmentId.Value))
            .GroupBy(c => c.DepartmentId!.Value).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var active = await db.Departments.Where(d => ids.Contains(d.Id)).Select(d => new { d.Id, d.Active }).ToDictionaryAsync(x => x.Id, x => x.Active, ct);
        Rows = nodes.Select(n => new DepartmentRow(n, active.GetValueOrDefault(n.Id, true), units.GetValueOrDefault(n.Id), cases.GetValueOrDefault(n.Id),
            nodes.Count(c => c.ParentId == n.Id))).ToList();
        Kinds = nodes.Select(n => n.Kind).Distinct().Order().ToList();
        if (CanEdit)
            DirectUnits = await db.Units.CountAsync(u => u.JurisdictionId == scope.JurisdictionId && u.DepartmentId == null, ct);
    }
}
