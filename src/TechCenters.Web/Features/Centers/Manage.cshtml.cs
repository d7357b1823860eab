using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Shared;

namespace TechCenters.Web.Features.Centers;

/// <summary>中心运行: the centers in the account's scope (bureau: its jurisdiction; department: its subtree; a unit: those it leads or co-builds), filtered in the URL, paged, exported.</summary>
public sealed class ManageModel(AppDbContext db, AuditLog audit, Infrastructure.Clock clock) : PageModel
{
    public static readonly Dictionary<string, string> Statuses = new() { ["construction"] = "建设期", ["running"] = "运行", ["rectifying"] = "整改中", ["revoked"] = "已撤销" };

    public sealed record Row(int Id, string Name, string LeadUnit, string? Department, string Status, string ApprovalNumber, DateOnly ApprovedOn, DateOnly? ConstructionEndsOn, string? Director);

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public Page<Row> Rows { get; private set; } = new([], 1, 20, 0);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Validate() is { } bad) return bad;
        var all = await QueryAsync(ct);
        PageNumber = Page<Row>.Clamp(PageNumber);
        Rows = new(all.Skip((PageNumber - 1) * 20).Take(20).ToList(), PageNumber, 20, all.Count);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (Validate() is { } bad) return bad;
        var rows = await QueryAsync(ct);
        var ms = new MemoryStream();
        await ms.SaveAsAsync(rows.Select(r => new Dictionary<string, object?>
        {
            ["中心名称"] = r.Name, ["牵头（依托）单位"] = r.LeadUnit, ["归口管理部门"] = r.Department ?? "科技局直管", ["状态"] = r.Status, ["批准文号"] = r.ApprovalNumber,
            ["批准日期"] = r.ApprovedOn.ToString("yyyy-MM-dd"), ["建设期截止"] = r.ConstructionEndsOn?.ToString("yyyy-MM-dd"), ["中心主任"] = r.Director,
        }), sheetName: "技术创新中心", cancellationToken: ct);
        await audit.AppendAsync(HttpContext, new AuditRecord("导出技术创新中心清单", AuditOutcome.Success, "技术创新中心", null, $"{rows.Count} 条"), ct: ct);
        return File(ms.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "技术创新中心.xlsx");
    }

    private IActionResult? Validate() =>
        Status is { Length: > 0 } s && !Statuses.ContainsKey(s) ? BadRequest("状态筛选无效。")
        : Q is { Length: > 100 } ? BadRequest("关键词不能超过 100 字。") : null;

    private async Task<List<Row>> QueryAsync(CancellationToken ct)
    {
        var today = clock.Today;
        var q = db.Centers.AsNoTracking().VisibleTo(db, UserScope.From(User));
        if (!string.IsNullOrWhiteSpace(Q)) { var k = Q.Trim(); q = q.Where(c => c.Name.Contains(k) || c.LeadUnitName.Contains(k)); }
        q = Status switch
        {
            "revoked" => q.Where(c => c.Status == CenterStatus.Revoked),
            "rectifying" => q.Where(c => c.Status == CenterStatus.Rectifying),
            "construction" => q.Where(c => c.Status == CenterStatus.Active && c.ConstructionEndsOn != null && c.ConstructionEndsOn >= today),
            "running" => q.Where(c => c.Status == CenterStatus.Active && (c.ConstructionEndsOn == null || c.ConstructionEndsOn < today)),
            _ => q,
        };
        var depts = db.Departments.AsNoTracking();
        var list = await q.OrderByDescending(c => c.ApprovedOn).ThenBy(c => c.Id)
            .Select(c => new { c, Dept = depts.Where(d => d.Id == c.DepartmentId).Select(d => d.Name).FirstOrDefault() }).ToListAsync(ct);
        return list.Select(x => new Row(x.c.Id, x.c.Name, x.c.LeadUnitName, x.Dept, x.c.StatusName(today), x.c.ApprovalNumber, x.c.ApprovedOn, x.c.ConstructionEndsOn, x.c.DirectorName)).ToList();
    }
}
