using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using MiniExcelLibs.Attributes;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Lists;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Experts;

/// <summary>An expert as the pool list shows and exports it (phone masked).</summary>
public sealed class ExpertRow
{
    [ExcelColumnName("编号")] public int Id { get; init; }
    [ExcelColumnName("姓名")] public string Name { get; init; } = "";
    [ExcelColumnName("专家类别")] public string Kind { get; init; } = "";
    [ExcelColumnName("专业领域")] public string Field { get; init; } = "";
    [ExcelColumnName("学科代码")] public string FieldCode { get; init; } = "";
    [ExcelColumnName("职称")] public string? Title { get; init; }
    [ExcelColumnName("工作单位")] public string Employer { get; init; } = "";
    [ExcelColumnName("手机号码")] public string Phone { get; init; } = "";
    [ExcelColumnName("状态")] public string Status { get; init; } = "";
    [ExcelColumnName("诚信记录")] public string Integrity { get; init; } = "";
    [ExcelColumnName("申报的关联单位（回避）")] public string Relations { get; init; } = "";
    [ExcelColumnName("参加专家组次数")] public int Panels { get; init; }
    [ExcelIgnore] public ExpertiseKind KindValue { get; init; }
    [ExcelIgnore] public string? AvailabilityNote { get; init; }
}

/// <summary>
/// 专家库 of the bureau's jurisdiction — the one expert list (/Units/Experts leads here): search, kind tabs, field and
/// status filters, sorting and paging in the URL; contacts masked; the XLSX export of exactly what is filtered, audited.
/// </summary>
[Authorize(Roles = Roles.BureauOfficer)]
public sealed class IndexModel(AppDbContext db, Infrastructure.Clock clock, IMemoryCache cache) : ListPageModel
{
    public const string Available = "available", Paused = "paused", Out = "out";
    public static readonly (string Key, string Label)[] Statuses = [(Available, "可参评"), (Paused, "暂停参评"), (Out, "已出库")];

    [BindProperty(SupportsGet = true), Display(Name = "专家类别")] public ExpertiseKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Field { get; set; }
    /// <summary>available 可参评, paused 暂停参评, out 已出库; empty: all in the pool.</summary>
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }

    public IReadOnlyList<ExpertRow> Rows { get; private set; } = [];
    public Dictionary<ExpertiseKind, int> Counts { get; private set; } = [];
    public List<string> Fields { get; private set; } = [];

    public static ListDefinition<Expert, ExpertRow> Definition(AppDbContext db, DateOnly today) => new()
    {
        Name = "专家库",
        PageSize = 20,
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
            Id = e.Id, Name = e.Name, Kind = e.Kind.ToChinese(), KindValue = e.Kind, Field = e.Field, FieldCode = e.FieldCode ?? "", Title = e.Title,
            Employer = e.Employer, Phone = Masking.Phone(e.Phone),
            Status = StatusName(e.InPool, e.Available, e.UnavailableUntil, today), AvailabilityNote = e.AvailabilityNote,
            Integrity = e.IntegrityFinding != null && e.IntegrityFinding != "" && (e.IntegrityFindingUntil == null || e.IntegrityFindingUntil >= today) ? "在效" : "",
            // The unit's name as a scalar subquery, not a join: a joined subquery on the right of the LEFT JOIN is one SQLite
            // cannot flatten, so it read every declared relation of every expert for a page of 20 (docs/performance.md).
            Relations = string.Join("；", e.Relations.Select(r => db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Name).FirstOrDefault() + "（" + r.Relation + "）")),
            Panels = db.PanelMembers.Count(m => m.ExpertId == e.Id),
        },
    };

    /// <summary>As <see cref="Expert.AvailableOn"/>, from the columns (the row is computed in the query).</summary>
    public static string StatusName(bool inPool, bool available, DateOnly? until, DateOnly today) =>
        !inPool ? "已出库" : available || (until is { } u && u < today) ? "可参评" : until is { } to ? $"暂停参评至{to:yyyy-MM-dd}" : "暂停参评";

    private async Task<IQueryable<Expert>> FilteredAsync(bool counts, CancellationToken ct)
    {
        var jurisdiction = UserScope.From(User).JurisdictionId;
        var today = clock.Today;
        var all = db.Experts.AsNoTracking().Where(e => e.JurisdictionId == jurisdiction);
        // The field filter's choices are read over the whole pool: kept a minute, looked up again (at most once a minute) before a field is refused.
        var chosen = string.IsNullOrWhiteSpace(Field) ? null : Field.Trim();
        Fields = await ChoicesAsync(cache, ("expert-fields", jurisdiction), () => all.Select(e => e.Field).Distinct().OrderBy(f => f).ToListAsync(ct), chosen, clock.UtcNow);
        // InPool is compared with a value, not tested as a bare boolean: SQLite uses a column of an index only for an
        // equality, so `InPool = @v` lets the pool's order come from the index (JurisdictionId, InPool, Kind, Name) and the
        // page stop after its 20 rows, where a bare `InPool` sorted the whole pool first (docs/performance.md).
        bool inPool = true, outOfPool = false;
        var pool = Status switch
        {
            null or "" => all.Where(e => e.InPool == inPool),
            Available => all.Where(e => e.InPool == inPool && (e.Available || (e.UnavailableUntil != null && e.UnavailableUntil < today))),
            Paused => all.Where(e => e.InPool == inPool && !e.Available && (e.UnavailableUntil == null || e.UnavailableUntil >= today)),
            Out => all.Where(e => e.InPool == outOfPool),
            _ => all,
        };
        if (Status is not (null or "" or Available or Paused or Out))
            ModelState.AddModelError("status", $"筛选条件“状态”的值“{Status}”无效：只能是“可参评”“暂停参评”或“已出库”");
        if (Search(50) is { } q) pool = pool.Where(e => e.Name.Contains(q) || e.Employer.Contains(q) || e.Field.Contains(q) || (e.FieldCode != null && e.FieldCode.Contains(q)));
        if (!string.IsNullOrWhiteSpace(Field))
        {
            // A filter value that is not one of the choices is refused in Chinese, never read as "all".
            var f = Field.Trim();
            if (!Fields.Contains(f)) ModelState.AddModelError("field", $"筛选条件“领域”的值“{f}”不在本辖区专家库的领域中");
            pool = pool.Where(e => e.Field == f);
        }
        // The tabs count what the other filters leave, by kind: counted in the database (GroupBy straight into a dictionary
        // read every expert of the pool, phones decrypted, to count them in memory — 2 s a page at 50,000 experts).
        if (counts && ModelState.IsValid)
            Counts = (await pool.GroupBy(e => e.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).ToDictionary(g => g.Key, g => g.Count);
        if (Kind is { } k)
        {
            if (!Enum.IsDefined(k)) ModelState.AddModelError("kind", "专家类别无效");
            pool = pool.Where(e => e.Kind == k);
        }
        return pool;
    }

    /// <summary>
    /// The page's 20 ids first (from the index, in the pool's order), then the rows — panel count, relations, integrity —
    /// for those ids only: the row's subqueries never run over the whole pool.
    /// </summary>
    public async Task OnGetAsync(CancellationToken ct)
    {
        var list = Definition(db, clock.Today);
        var filtered = await FilteredAsync(counts: true, ct);
        // The tabs' counts already hold the total: counting the pool again cost as much as the rest of the page's queries.
        int? total = ModelState.IsValid ? Kind is { } k ? Counts.GetValueOrDefault(k) : Counts.Values.Sum() : null;
        if (await PagedAsync(filtered, list, ct, total) is not { } page) return;
        var ids = await page.Select(e => e.Id).ToListAsync(ct);
        var rows = await db.Experts.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(list.Row).ToListAsync(ct);
        Rows = rows.OrderBy(r => ids.IndexOf(r.Id)).ToList();
    }

    public async Task<IActionResult> OnGetXlsxAsync([FromServices] AuditLog audit, CancellationToken ct) =>
        await ExportAsync(await FilteredAsync(counts: false, ct), Definition(db, clock.Today), audit,
            Describe(("专家类别", Kind?.ToChinese()), ("专业领域", Field), ("状态", Statuses.FirstOrDefault(s => s.Key == Status).Label)), ct);
}
