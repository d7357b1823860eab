using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs.Attributes;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Lists;

namespace TechCenters.Web.Features.Units;

/// <summary>A person as the list shows and exports it: phone and ID number masked (<see cref="Masking"/>), in the list and in the file.</summary>
public sealed class PersonRow
{
    [ExcelColumnName("姓名")] public string Name { get; init; } = "";
    [ExcelColumnName("职称")] public string? Title { get; init; }
    [ExcelColumnName("职务")] public string? Position { get; init; }
    [ExcelColumnName("所在单位")] public string UnitName { get; init; } = "";
    [ExcelColumnName("手机号码")] public string Phone { get; init; } = "";
    [ExcelColumnName("身份证号码")] public string IdNumber { get; init; } = "";
    [ExcelIgnore] public int UnitId { get; init; }
}

/// <summary>人员名录: search, sort, paging and an export that is masked and audited.</summary>
public sealed class PeopleModel(AppDbContext db) : ListPageModel
{
    public IReadOnlyList<PersonRow> Rows { get; private set; } = [];

    public static readonly ListDefinition<Person, PersonRow> List = new()
    {
        Name = "人员名录",
        PageSize = 25,
        Sorts =
        [
            SortOption<Person>.By("unit", "所在单位", p => p.UnitId),
            SortOption<Person>.By("name", "姓名", p => p.Name),
        ],
        DefaultSort = "unit",
        ThenById = q => q.ThenBy(p => p.Id),
        Row = p => new PersonRow
        {
            Name = p.Name, Title = p.Title, Position = p.Position, UnitName = p.Unit!.Name, UnitId = p.UnitId,
            Phone = Masking.Phone(p.Phone), IdNumber = Masking.IdNumber(p.IdNumber),
        },
    };

    private IQueryable<Person> Filtered()
    {
        var query = db.People.AsNoTracking().VisibleTo(UserScope.From(User));
        if (Search(50) is { } q) query = query.Where(p => p.Name.Contains(q) || p.Unit!.Name.Contains(q) || (p.Title != null && p.Title.Contains(q)));
        return query;
    }

    public async Task OnGetAsync(CancellationToken ct) => Rows = await PageAsync(Filtered(), List, ct);

    /// <summary>导出人员名录 (XLSX): personal data stays masked in the export too, and the export is audited.</summary>
    public Task<IActionResult> OnGetXlsxAsync([FromServices] AuditLog audit, CancellationToken ct) =>
        ExportAsync(Filtered(), List, audit, Describe(), ct);
}
