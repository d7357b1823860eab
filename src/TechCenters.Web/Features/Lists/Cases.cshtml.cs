using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs.Attributes;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Features.Organisation;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Features.Lists;

/// <summary>A case of any kind as the list shows and exports it (and the API returns it).</summary>
public sealed class CaseRow
{
    [ExcelColumnName("编号")] public int Id { get; init; }
    [ExcelColumnName("事项类别")] public string Kind { get; init; } = "";
    [ExcelColumnName("事项名称")] public string Title { get; init; } = "";
    [ExcelColumnName("牵头（依托）单位")] public string LeadUnit { get; init; } = "";
    [ExcelColumnName("归口管理部门")] public string Department { get; init; } = "";
    [ExcelColumnName("当前阶段")] public string Stage { get; init; } = "";
    [ExcelColumnName("待办方")] public string Holder { get; init; } = "";
    [ExcelColumnName("办理期限")] public string DueOn { get; init; } = "";
    [ExcelColumnName("期限状态")] public string DueState { get; init; } = "";
    [ExcelColumnName("适用管理办法")] public string PackDocument { get; init; } = "";
    [ExcelColumnName("创建时间")] public string CreatedAt { get; init; } = "";
    [ExcelColumnName("最后办理时间")] public string UpdatedAt { get; init; } = "";
    [ExcelIgnore, System.Text.Json.Serialization.JsonIgnore] public string Url { get; init; } = "";
    [ExcelIgnore, System.Text.Json.Serialization.JsonIgnore] public bool Overdue { get; init; }
}

/// <summary>
/// 事项查询: cases of every kind in the account's scope (<see cref="CaseScope"/>), filtered by kind, stage, department
/// subtree, year opened, due state and center; what every number of the overview links to.
/// </summary>
public sealed class CasesModel(AppDbContext db, PolicyCatalog catalog, Clock clock, IEnumerable<ICaseKind> kinds) : ListPageModel
{
    public const string Overdue = "overdue";
    public const string DueSoon = "30";
    public const int DueSoonDays = 30;

    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string[] Stage { get; set; } = [];
    [BindProperty(SupportsGet = true), Display(Name = "归口管理部门")] public int? Dept { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "年度")] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Due { get; set; }
    /// <summary>open (在办) or closed (已办结).</summary>
    [BindProperty(SupportsGet = true, Name = "state")] public string? State_ { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "技术创新中心")] public int? Center { get; set; }

    public IReadOnlyList<CaseRow> Rows { get; private set; } = [];
    public List<DepartmentNode> Departments { get; private set; } = [];
    public IReadOnlyList<(string Kind, string Label)> Kinds { get; private set; } = [];
    public string? CenterName { get; private set; }
    public string StageLabel { get; private set; } = "";

    public static ListDefinition<Case, CaseRow> Definition(CaseNames names, DateOnly today, Clock clock) => new()
    {
        Name = "事项",
        Sorts =
        [
            SortOption<Case>.By("updated", "最后办理时间", c => c.UpdatedAt),
            SortOption<Case>.By("created", "创建时间", c => c.CreatedAt),
            SortOption<Case>.By("due", "办理期限", c => c.DueOn),
            SortOption<Case>.By("kind", "事项类别", c => c.Kind),
            SortOption<Case>.By("title", "事项名称", c => c.Title),
        ],
        DefaultSort = "updated",
        DefaultDescending = true,
        ThenById = q => q.ThenBy(c => c.Id),
        Row = c => Row(names, today, clock, c.Id, c.Kind, c.Title, c.LeadUnit != null ? c.LeadUnit.Name : "", c.Department != null ? c.Department.Name : "",
            c.JurisdictionId, c.PackVersion, c.PackDocument, c.StageId, c.Holder, c.DueOn, c.LeadUnitId, c.CreatedAt, c.UpdatedAt),
    };

    private static CaseRow Row(CaseNames names, DateOnly today, Clock clock, int id, string kind, string title, string lead, string dept, string jurisdiction,
        string version, string document, string stage, string? holder, DateOnly? due, int? leadUnitId, DateTimeOffset created, DateTimeOffset updated)
    {
        var overdue = holder is not null && due is { } d && d < today;
        return new CaseRow
        {
            Id = id, Kind = names.Kind(kind), Title = title, LeadUnit = lead, Department = dept.Length > 0 ? dept : "直接向科技局",
            Stage = names.StageName(jurisdiction, version, kind, stage, leadUnitId), Holder = names.HolderName(jurisdiction, version, holder),
            DueOn = due?.ToString("yyyy-MM-dd") ?? "", Overdue = overdue,
            DueState = holder is null || due is null ? "" : overdue ? $"已逾期 {today.DayNumber - due.Value.DayNumber} 天" : $"剩余 {due.Value.DayNumber - today.DayNumber} 天",
            PackDocument = document, CreatedAt = clock.Format(created), UpdatedAt = clock.Format(updated), Url = names.Url(id, kind),
        };
    }

    private async Task<(IQueryable<Case> Query, ListDefinition<Case, CaseRow> List)> FilteredAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User);
        var names = new CaseNames(catalog, scope, kinds);
        var today = clock.Today;
        Kinds = ProcessKinds.All.Select(k => (k, names.Kind(k))).ToList();
        Departments = scope.Role is Roles.BureauOfficer or Roles.DepartmentOfficer ? await DepartmentTree.ForFilterAsync(db, scope, db.Cases.Select(c => c.DepartmentId), Dept, ct) : [];
        var query = db.Cases.AsNoTracking().VisibleTo(db, scope);
        if (Search() is { } q) query = query.Where(c => c.Title.Contains(q) || (c.LeadUnit != null && c.LeadUnit.Name.Contains(q)));
        if (!string.IsNullOrEmpty(Kind))
        {
            if (!ProcessKinds.All.Contains(Kind)) ModelState.AddModelError("kind", $"没有“{Kind}”这一类事项");
            query = query.Where(c => c.Kind == Kind);
        }
        var stages = Stage.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct().ToList();
        if (stages.Count > 0)
        {
            if (stages.Count > 20 || stages.Any(s => s.Length > 64)) ModelState.AddModelError("stage", "阶段条件过多或过长");
            query = query.Where(c => stages.Contains(c.StageId));
            StageLabel = string.Join("、", catalog.Jurisdictions.SelectMany(j => catalog.Versions(j))
                .SelectMany(p => p.Processes.Where(kv => Kind is null or "" || kv.Key == Kind).SelectMany(kv => kv.Value.Stages))
                .Where(s => stages.Contains(s.Id)).Select(s => s.NameFor(names.Acts(scope.UnitId))).Distinct());
        }
        if (Dept is { } d)
        {
            if (Departments.All(x => x.Id != d)) ModelState.AddModelError("dept", "归口管理部门不存在或不在您的管理范围内");
            var marker = Department.SubtreeMarker(d);
            query = query.Where(c => c.DepartmentId != null && c.Department!.Path.Contains(marker));
        }
        if (Year is { } y)
        {
            if (!YearRange.Filter.Contains(y)) ModelState.AddModelError("year", YearRange.Filter.Refusal("年度"));
            else
            {
                var from = clock.StartOf(new DateOnly(y, 1, 1));
                var to = clock.StartOf(new DateOnly(y + 1, 1, 1));
                query = query.Where(c => c.CreatedAt >= from && c.CreatedAt < to);
            }
        }
        switch (Due)
        {
            case null or "": break;
            case Overdue: query = query.Where(c => c.Holder != null && c.DueOn != null && c.DueOn < today); break;
            case DueSoon:
                var until = today.AddDays(DueSoonDays);
                query = query.Where(c => c.Holder != null && c.DueOn != null && c.DueOn >= today && c.DueOn <= until);
                break;
            default: ModelState.AddModelError("due", "期限条件只能是 overdue（已逾期）或 30（30日内到期）"); break;
        }
        switch (State_)
        {
            case null or "": break;
            case "open": query = query.Where(c => c.Holder != null); break;
            case "closed": query = query.Where(c => c.Holder == null); break;
            default: ModelState.AddModelError("state", "状态只能是 open（在办）或 closed（已办结）"); break;
        }
        if (Center is { } center)
        {
            CenterName = await db.Centers.AsNoTracking().VisibleTo(db, scope).Where(x => x.Id == center).Select(x => x.Name).FirstOrDefaultAsync(ct);
            if (CenterName is null) ModelState.AddModelError("center", "技术创新中心不存在或不在您的管理范围内");
            query = query.Where(c => c.CenterId == center);
        }
        return (query, Definition(names, today, clock));
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (query, list) = await FilteredAsync(ct);
        Rows = await PageAsync(query, list, ct);
    }

    public async Task<IActionResult> OnGetXlsxAsync([FromServices] AuditLog audit, CancellationToken ct)
    {
        var (query, list) = await FilteredAsync(ct);
        return await ExportAsync(query, list, audit, Describe(("事项类别", Kinds.FirstOrDefault(k => k.Kind == Kind).Label), ("阶段", StageLabel),
            ("归口管理部门", Departments.FirstOrDefault(x => x.Id == Dept)?.Name), ("年度", Year), ("期限", DueText), ("状态", State_), ("中心", CenterName)), ct);
    }

    public string? DueText => Due switch { Overdue => "已逾期", DueSoon => $"{DueSoonDays}日内到期", _ => null };
}
