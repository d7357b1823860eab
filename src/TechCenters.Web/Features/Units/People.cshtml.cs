using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using System.Text;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Shared;

namespace TechCenters.Web.Features.Units;

public sealed record PersonRow(int Id, string Name, string? Title, string? Position, string? Phone, string? IdNumber, int UnitId, string UnitName);

public sealed class PeopleModel(AppDbContext db, AuditLog audit, Security.PersonalDataProtector protector) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Page<PersonRow> Result { get; private set; } = null!;

    public const int ExportLimit = 50_000;

    private IQueryable<Person> Query()
    {
        var query = db.People.AsNoTracking().VisibleTo(UserScope.From(User));
        var q = Q?.Trim();
        if (Security.PersonalDataProtector.IsLookup(q))
        {
            // A phone or ID number: an exact look-up by its keyed SM3 hash (the stored values are SM4 ciphertext).
            var hash = protector.LookupHash(q!);
            return query.Where(p => p.PhoneHash == hash || p.IdNumberHash == hash);
        }
        if (!string.IsNullOrEmpty(q))
        {
            if (q.Length > 50) q = q[..50];
            query = query.Where(p => p.Name.Contains(q) || p.Unit!.Name.Contains(q) || (p.Title != null && p.Title.Contains(q)));
        }
        return query;
    }

    /// <summary>导出人员名录 (CSV): personal data stays masked in the export too, and the export is audited.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var rows = await Query().OrderBy(p => p.UnitId).ThenBy(p => p.Name).ThenBy(p => p.Id).Take(ExportLimit)
            .Select(p => new PersonRow(p.Id, p.Name, p.Title, p.Position, p.Phone, p.IdNumber, p.UnitId, p.Unit!.Name))
            .ToListAsync(ct);
        var csv = new StringBuilder();
        csv.Append("\uFEFF姓名,职称,职务,所在单位,手机号码,身份证号码\r\n");
        foreach (var r in rows)
            csv.Append(string.Join(',', new[] { r.Name, r.Title, r.Position, r.UnitName, Masking.Phone(r.Phone), Masking.IdNumber(r.IdNumber) }.Select(Csv))).Append("\r\n");
        await audit.AppendAsync(HttpContext, new AuditRecord("导出人员名录", AuditOutcome.Success, "人员", null, $"{rows.Count} 条（已脱敏）{(string.IsNullOrEmpty(Q) ? "" : "；条件：" + Q)}"), ct: ct);
        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", "人员名录.csv");
    }

    private static string Csv(string? v)
    {
        v ??= "";
        // Leading = + - @ would run as a formula in a spreadsheet.
        if (v.Length > 0 && "=+-@".Contains(v[0])) v = "'" + v;
        return v.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = Query();
        PageNumber = Page<PersonRow>.Clamp(PageNumber);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(p => p.UnitId).ThenBy(p => p.Name).ThenBy(p => p.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(p => new PersonRow(p.Id, p.Name, p.Title, p.Position, p.Phone, p.IdNumber, p.UnitId, p.Unit!.Name))
            .ToListAsync(ct);
        Result = new Page<PersonRow>(rows, PageNumber, PageSize, total);
    }

    public string CsvUrl => "/Units/People" + QueryString.Create(new Dictionary<string, string?> { ["handler"] = "Csv", ["q"] = Q }
        .Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();

    public string PageUrl(int page) => "/Units/People" + QueryString.Create(new Dictionary<string, string?> { ["q"] = Q, ["p"] = page.ToString() }
        .Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();
}
