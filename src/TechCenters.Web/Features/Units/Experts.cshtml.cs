using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs.Attributes;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Lists;

namespace TechCenters.Web.Features.Units;

/// <summary>An expert as the pool list shows and exports it (phone masked).</summary>
public sealed class ExpertRow
{
    [ExcelColumnName("编号")] public int Id { get; init; }
    [ExcelColumnName("姓名")] public string Name { get; init; } = "";
    [ExcelColumnName("专家类别")] public string Kind { get; init; } = "";
    [ExcelColumnName("专业领域")] public string Field { get; init; } = "";
    [ExcelColumnName("职称")] public string? Title { get; init; }
    [ExcelColumnName("工作单位")] public string Employer { get; init; } = "";
    [ExcelColumnName("手机号码")] public string Phone { get; init; } = "";
    [ExcelColumnName("申报的关联单位（回避）")] public string Relations { get; init; } = "";
    [ExcelIgnore] public ExpertiseKind KindValue { get; init; }
}

/// <summary>专家库 of the bureau's jurisdiction: technical, management and finance experts with their declared relations.</summary>
[Authorize(Roles = Roles.BureauOfficer)]
public sealed class ExpertsModel(AppDbContext db) : ListPageModel
{
    [BindProperty(SupportsGet = true), Display(Name = "专家类别")] public ExpertiseKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Field { get; set; }
    public IReadOnlyList<ExpertRow> Rows { get; private set; } = [];
    public Dictionary<ExpertiseKind, int> Counts { get; private set; } = [];
    public List<string> Fields { get; private set; } = [];

    public static readonly ListDefinition<Expert, ExpertRow> List = new()
    {
        Name = "专家库",
        PageSize = 25,
        Sorts =
        [
            SortOption<Expert>.By("kind", "专家类别", e => e.Kind),
            SortOption<Expert>.By("name", "姓名", e => e.Name),
            SortOption<Expert>.By("field", "专业领域", e => e.Field),
        ],
        DefaultSort = "kind",
        ThenById = q => q.ThenBy(e => e.Name).ThenBy(e => e.Id),
        Row = e => new ExpertRow
        {
            Id = e.Id, Name = e.Name, Kind = e.Kind.ToChinese(), KindValue = e.Kind, Field = e.Field, Title = e.Title, Employer = e.Employer,
            Phone = Masking.Phone(e.Phone),
            Relations = string.Join("；", e.Relations.Select(r => r.Unit!.Name + "（" + r.Relation + "）")),
        },
    };

    private async Task<IQueryable<Expert>> FilteredAsync(CancellationToken ct)
    {
        var jurisdiction = UserScope.From(User).JurisdictionId;
        var pool = db.Experts.AsNoTracking().Where(e => e.JurisdictionId == jurisdiction);
        Counts = await pool.GroupBy(e => e.Kind).ToDictionaryAsync(g => g.Key, g => g.Count(), ct);
        Fields = await pool.Select(e => e.Field).Distinct().OrderBy(f => f).ToListAsync(ct);
        if (Search(50) is { } q) pool = pool.Where(e => e.Name.Contains(q) || e.Employer.Contains(q) || e.Field.Contains(q));
        if (Kind is { } k)
        {
            if (!Enum.IsDefined(k)) ModelState.AddModelError("kind", "专家类别无效");
            pool = pool.Where(e => e.Kind == k);
        }
        if (!string.IsNullOrWhiteSpace(Field)) pool = pool.Where(e => e.Field == Field.Trim());
        return pool;
    }

    public async Task OnGetAsync(CancellationToken ct) => Rows = await PageAsync(await FilteredAsync(ct), List, ct);

    public async Task<IActionResult> OnGetXlsxAsync([FromServices] AuditLog audit, CancellationToken ct) =>
        await ExportAsync(await FilteredAsync(ct), List, audit, Describe(("专家类别", Kind?.ToChinese()), ("专业领域", Field)), ct);
}
