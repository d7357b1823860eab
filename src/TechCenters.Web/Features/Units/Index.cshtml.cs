using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs.Attributes;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Lists;
using TechCenters.Web.Features.Organisation;

namespace TechCenters.Web.Features.Units;

/// <summary>A unit as the list shows and exports it (the headings are the export's and the API's).</summary>
public sealed class UnitRow
{
    [ExcelColumnName("编号")] public int Id { get; init; }
    [ExcelColumnName("单位名称")] public string Name { get; init; } = "";
    [ExcelColumnName("统一社会信用代码")] public string CreditCode { get; init; } = "";
    [ExcelColumnName("单位类型")] public string Type { get; init; } = "";
    [ExcelColumnName("归口管理部门")] public string Department { get; init; } = "";
    [ExcelColumnName("所在地区")] public string Region { get; init; } = "";
    [ExcelColumnName("注册地址")] public string RegisteredAddress { get; init; } = "";
    [ExcelColumnName("人员数")] public int People { get; init; }
}

/// <summary>申报单位: search, filters (type, department and everything below it, straight to the bureau), sort, paging, export.</summary>
public sealed class IndexModel(AppDbContext db) : ListPageModel
{
    public const string DirectValue = "direct";

    [BindProperty(SupportsGet = true), Display(Name = "单位类型")] public UnitType? Type { get; set; }
    /// <summary>A department id (its subtree), or <see cref="DirectValue"/> for units that report straight to the bureau.</summary>
    [BindProperty(SupportsGet = true)] public string? Dept { get; set; }

    public IReadOnlyList<UnitRow> Rows { get; private set; } = [];
    public List<DepartmentNode> Departments { get; private set; } = [];

    public static readonly ListDefinition<Unit, UnitRow> List = new()
    {
        Name = "申报单位",
        Sorts =
        [
            SortOption<Unit>.By("name", "单位名称", u => u.Name),
            SortOption<Unit>.By("code", "统一社会信用代码", u => u.CreditCode),
            SortOption<Unit>.By("type", "单位类型", u => u.Type),
            SortOption<Unit>.By("dept", "归口管理部门", u => u.DepartmentId),
            SortOption<Unit>.By("created", "登记时间", u => u.Id),
        ],
        DefaultSort = "name",
        ThenById = q => q.ThenBy(u => u.Id),
        Row = u => new UnitRow
        {
            Id = u.Id, Name = u.Name, CreditCode = u.CreditCode, Type = u.Type.ToChinese(),
            Department = u.Department != null ? u.Department.Name : "直接向科技局申报", Region = u.Region,
            RegisteredAddress = u.RegisteredAddress, People = u.People.Count,
        },
    };

    private async Task<IQueryable<Unit>> FilteredAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User);
        Departments = scope.Role == Roles.Applicant ? [] : await DepartmentTree.ForFilterAsync(db, scope, db.Units.Select(u => u.DepartmentId), int.TryParse(Dept, out var chosen) ? chosen : null, ct);
        var query = db.Units.AsNoTracking().VisibleTo(scope);
        if (Search() is { } q) query = query.Where(u => u.Name.Contains(q) || u.CreditCode.StartsWith(q.ToUpperInvariant()));
        if (Type is { } t)
        {
            if (!Enum.IsDefined(t)) ModelState.AddModelError("type", "单位类型无效");
            query = query.Where(u => u.Type == t);
        }
        if (Dept == DirectValue) query = query.Where(u => u.DepartmentId == null);
        else if (!string.IsNullOrEmpty(Dept))
        {
            if (!int.TryParse(Dept, out var d) || Departments.All(x => x.Id != d))
                ModelState.AddModelError("dept", "归口管理部门不存在或不在您的管理范围内");
            var marker = Department.SubtreeMarker(int.TryParse(Dept, out var id) ? id : 0);
            query = query.Where(u => u.DepartmentId != null && u.Department!.Path.Contains(marker));
        }
        return query;
    }

    public async Task OnGetAsync(CancellationToken ct) => Rows = await PageAsync(await FilteredAsync(ct), List, ct);

    public async Task<IActionResult> OnGetXlsxAsync([FromServices] AuditLog audit, CancellationToken ct)
    {
        var filtered = await FilteredAsync(ct);
        return await ExportAsync(filtered, List, audit, Describe(("单位类型", Type?.ToChinese()),
            ("归口管理部门", Dept == DirectValue ? "直接向科技局申报" : Departments.FirstOrDefault(d => d.Id.ToString() == Dept)?.Name)), ct);
    }
}
