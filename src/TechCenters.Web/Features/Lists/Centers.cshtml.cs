using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using MiniExcelLibs.Attributes;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Features.Organisation;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Features.Lists;

/// <summary>A center as the list shows and exports it (and the API returns it).</summary>
public sealed class CenterRow
{
    [ExcelColumnName("编号")] public int Id { get; init; }
    [ExcelColumnName("中心名称")] public string Name { get; init; } = "";
    [ExcelColumnName("牵头（依托）单位")] public string LeadUnit { get; init; } = "";
    [ExcelColumnName("归口管理部门")] public string Department { get; init; } = "";
    [ExcelColumnName("所属领域")] public string Field { get; init; } = "";
    [ExcelColumnName("状态")] public string Status { get; init; } = "";
    [ExcelColumnName("批准文号")] public string ApprovalNumber { get; init; } = "";
    [ExcelColumnName("批准日期")] public string ApprovedOn { get; init; } = "";
    [ExcelColumnName("建设期截止")] public string ConstructionEndsOn { get; init; } = "";
    [ExcelColumnName("中心主任")] public string Director { get; init; } = "";
    [ExcelColumnName("适用管理办法")] public string PackDocument { get; init; } = "";
}

/// <summary>The four statuses a center is shown with (<see cref="Center.StatusName"/>) as filters on the stored columns.</summary>
public static class CenterStatusFilter
{
    public const string Construction = "construction", Running = "running", Rectifying = "rectifying", Revoked = "revoked";

    public static readonly (string Key, string Label)[] All =
        [(Construction, "建设期"), (Running, "运行"), (Rectifying, "整改中"), (Revoked, "已撤销")];

    public static IQueryable<Center> Where(IQueryable<Center> q, string status, DateOnly today) => status switch
    {
        Construction => q.Where(c => c.Status == CenterStatus.Active && c.ConstructionEndsOn != null && c.ConstructionEndsOn >= today),
        Running => q.Where(c => c.Status == CenterStatus.Active && (c.ConstructionEndsOn == null || c.ConstructionEndsOn < today)),
        Rectifying => q.Where(c => c.Status == CenterStatus.Rectifying),
        _ => q.Where(c => c.Status == CenterStatus.Revoked),
    };

    /// <summary>As <see cref="Center.StatusName"/>, from the columns (a list's row is computed in the query).</summary>
    public static string Name(CenterStatus status, DateOnly? constructionEndsOn, DateOnly today) => status switch
    {
        CenterStatus.Revoked => "已撤销",
        CenterStatus.Rectifying => "整改中",
        _ => constructionEndsOn is { } end && today <= end ? "建设期" : "运行",
    };

    public static string KeyOf(Center c, DateOnly today) => c.Status switch
    {
        CenterStatus.Revoked => Revoked,
        CenterStatus.Rectifying => Rectifying,
        _ => c.InConstruction(today) ? Construction : Running,
    };
}

/// <summary>技术创新中心 (in the account's scope, <see cref="CenterScope"/>): by status, field, department subtree and year approved.</summary>
public sealed class CentersModel(AppDbContext db, Clock clock, IMemoryCache cache) : ListPageModel
{
    public const string NoField = "none";

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Field { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "归口管理部门")] public string? Dept { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "批准年度")] public int? Year { get; set; }
    /// <summary>The grade the center got in the last confirmed evaluation round (<see cref="LastRound"/>).</summary>
    [BindProperty(SupportsGet = true)] public string? Grade { get; set; }

    public IReadOnlyList<CenterRow> Rows { get; private set; } = [];
    public List<DepartmentNode> Departments { get; private set; } = [];
    public List<string> Fields { get; private set; } = [];
    public LastRound? Round { get; private set; }

    public static ListDefinition<Center, CenterRow> Definition(DateOnly today, AppDbContext db) => new()
    {
        Name = "技术创新中心",
        Sorts =
        [
            SortOption<Center>.By("approved", "批准日期", c => c.ApprovedOn),
            SortOption<Center>.By("name", "中心名称", c => c.Name),
            SortOption<Center>.By("field", "所属领域", c => c.Field),
            SortOption<Center>.By("status", "状态", c => c.Status),
        ],
        DefaultSort = "approved",
        DefaultDescending = true,
        ThenById = q => q.ThenBy(c => c.Id),
        Row = c => new CenterRow
        {
            Id = c.Id, Name = c.Name, LeadUnit = c.LeadUnitName,
            Department = c.DepartmentId == null ? "直接由科技局管理" : db.Departments.Where(d => d.Id == c.DepartmentId).Select(d => d.Name).FirstOrDefault() ?? "",
            Field = c.Field ?? "未填写", Status = CenterStatusFilter.Name(c.Status, c.ConstructionEndsOn, today), ApprovalNumber = c.ApprovalNumber, ApprovedOn = c.ApprovedOn.ToString("yyyy-MM-dd"),
            ConstructionEndsOn = c.ConstructionEndsOn == null ? "" : c.ConstructionEndsOn.Value.ToString("yyyy-MM-dd"),
            Director = c.DirectorName ?? "", PackDocument = c.PackDocument,
        },
    };

    private async Task<IQueryable<Center>> FilteredAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User);
        var today = clock.Today;
        Departments = scope.Role is Roles.BureauOfficer or Roles.DepartmentOfficer
            ? await DepartmentTree.ForFilterAsync(db, scope, db.Centers.Select(c => c.DepartmentId), int.TryParse(Dept, out var chosen) ? chosen : null, ct) : [];
        var query = db.Centers.AsNoTracking().VisibleTo(db, scope);
        var inScope = query;
        // The field filter's choices are read over every center in scope (50,000 rows at the size measured) and change
        // rarely: kept a minute, looked up again (at most once a minute) before a field is refused (docs/performance.md).
        var key = $"{scope.Role}:{scope.JurisdictionId}:{scope.DepartmentId}:{scope.UnitId}:{scope.UserId}";
        var field = Field == NoField || string.IsNullOrWhiteSpace(Field) ? null : Field.Trim();
        Fields = await ChoicesAsync(cache, ("center-fields", key),
            () => inScope.Where(c => c.Field != null).Select(c => c.Field!).Distinct().OrderBy(f => f).ToListAsync(ct), field, clock.UtcNow);
        if (Search() is { } q) query = query.Where(c => c.Name.Contains(q) || c.LeadUnitName.Contains(q) || c.ApprovalNumber.Contains(q));
        if (!string.IsNullOrEmpty(Status))
        {
            if (CenterStatusFilter.All.All(s => s.Key != Status)) ModelState.AddModelError("status", "状态只能是 建设期、运行、整改中 或 已撤销");
            else query = CenterStatusFilter.Where(query, Status, today);
        }
        if (Field == NoField) query = query.Where(c => c.Field == null);
        else if (!string.IsNullOrWhiteSpace(Field))
        {
            // A field is one of the choices the list offers (the fields of the centers in scope), like every other filter.
            var f = Field.Trim();
            if (!Fields.Contains(f)) ModelState.AddModelError("field", "所属领域不在可选范围内");
            else query = query.Where(c => c.Field == f);
        }
        if (Dept == Units.IndexModel.DirectValue) query = query.Where(c => c.DepartmentId == null);
        else if (!string.IsNullOrEmpty(Dept))
        {
            var id = int.TryParse(Dept, out var d) ? d : 0;
            if (Departments.All(x => x.Id != id)) ModelState.AddModelError("dept", "归口管理部门不存在或不在您的管理范围内");
            var marker = Department.SubtreeMarker(id);
            query = query.Where(c => c.DepartmentId != null && db.Departments.Any(x => x.Id == c.DepartmentId && x.Path.Contains(marker)));
        }
        Round = await LastRound.FindAsync(db, scope.JurisdictionId, ct);
        if (!string.IsNullOrEmpty(Grade))
        {
            if (Round is null || !Round.Grades.Contains(Grade)) ModelState.AddModelError("grade", "评估等级不在上一轮绩效评估的等级之中");
            else query = Round.WithGrade(db, query, Grade);
        }
        if (Year is { } y)
        {
            if (!YearRange.Filter.Contains(y)) ModelState.AddModelError("year", YearRange.Filter.Refusal("年度"));
            else
            {
                var from = new DateOnly(y, 1, 1);
                var to = from.AddYears(1);
                query = query.Where(c => c.ApprovedOn >= from && c.ApprovedOn < to);
            }
        }
        return query;
    }

    public async Task OnGetAsync(CancellationToken ct) => Rows = await PageAsync(await FilteredAsync(ct), Definition(clock.Today, db), ct);

    public async Task<IActionResult> OnGetXlsxAsync([FromServices] AuditLog audit, CancellationToken ct)
    {
        var query = await FilteredAsync(ct);
        return await ExportAsync(query, Definition(clock.Today, db), audit, Describe(("状态", CenterStatusFilter.All.FirstOrDefault(s => s.Key == Status).Label),
            ("所属领域", Field == NoField ? "未填写" : Field), ("归口管理部门", Dept == Units.IndexModel.DirectValue ? "直接由科技局管理" : Departments.FirstOrDefault(x => x.Id.ToString() == Dept)?.Name),
            ("批准年度", Year), ("评估等级", Round is null || string.IsNullOrEmpty(Grade) ? null : $"{Round.Title} {Grade}")), ct);
    }
}

/// <summary>
/// 上一轮绩效评估: the jurisdiction's newest evaluation round whose results the bureau has confirmed, and the grades in it
/// (the confirmed grade where the quota changed it). The overview counts by it and the centers list filters by it.
/// </summary>
public sealed record LastRound(int Id, int Year, string Title, IReadOnlyList<string> Grades)
{
    public static async Task<LastRound?> FindAsync(AppDbContext db, string? jurisdictionId, CancellationToken ct)
    {
        if (jurisdictionId is null) return null;
        var round = await db.EvaluationCampaigns.AsNoTracking()
            .Where(c => c.JurisdictionId == jurisdictionId && c.Status >= Evaluations.CampaignStatus.Confirmed)
            .OrderByDescending(c => c.Year).ThenByDescending(c => c.Id).Select(c => new { c.Id, c.Year, c.Title }).FirstOrDefaultAsync(ct);
        if (round is null) return null;
        var grades = await db.Evaluations.AsNoTracking().Where(e => e.CampaignId == round.Id && (e.FinalGrade ?? e.Grade) != null)
            .Select(e => (e.FinalGrade ?? e.Grade)!).Distinct().ToListAsync(ct);
        return new(round.Id, round.Year, round.Title, grades.Order(StringComparer.Ordinal).ToList());
    }

    public IQueryable<Center> WithGrade(AppDbContext db, IQueryable<Center> centers, string grade) =>
        centers.Where(c => db.Evaluations.Any(e => e.CampaignId == Id && e.CenterId == c.Id && (e.FinalGrade ?? e.Grade) == grade));
}
