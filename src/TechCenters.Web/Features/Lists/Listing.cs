using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Shared;

namespace TechCenters.Web.Features.Lists;

/// <summary>One way a list can be ordered: its key in the URL (<c>sort=</c>), its Chinese label, and the ordering.</summary>
public sealed record SortOption<T>(string Key, string Label, Func<IQueryable<T>, bool, IOrderedQueryable<T>> Apply)
{
    public static SortOption<T> By<TKey>(string key, string label, Expression<Func<T, TKey>> by) =>
        new(key, label, (q, desc) => desc ? q.OrderByDescending(by) : q.OrderBy(by));
}

/// <summary>
/// What a list is, once: its name (for the export's file and audit entry), its sort options (each backed by an index,
/// with the id as the tie-break so paging is stable), and the row it shows and exports. The row's properties carry
/// their Chinese heading as <see cref="ExcelColumnNameAttribute"/>: the same heading in the XLSX export and, as the JSON
/// name, in the read API.
/// </summary>
public sealed class ListDefinition<T, TRow>
{
    public required string Name { get; init; }
    public required IReadOnlyList<SortOption<T>> Sorts { get; init; }
    public required string DefaultSort { get; init; }
    public bool DefaultDescending { get; init; }
    /// <summary>The stable tie-break after any sort (normally the id).</summary>
    public required Func<IOrderedQueryable<T>, IOrderedQueryable<T>> ThenById { get; init; }
    /// <summary>The row, computed in the query (no per-row queries); masking happens here too.</summary>
    public required Expression<Func<T, TRow>> Row { get; init; }
    public int PageSize { get; init; } = 20;

    public SortOption<T>? Sort(string? key) => Sorts.FirstOrDefault(s => s.Key == (string.IsNullOrEmpty(key) ? DefaultSort : key));
}

/// <summary>
/// The list's state as the URL holds it — search, filters, sort, page — so it survives paging, the back button and a
/// shared link. Links keep every parameter but the ones they change.
/// </summary>
public sealed class ListState(string path, IQueryCollection query, string sort, bool descending, int page)
{
    public string Path { get; } = path;
    public string SortKey { get; } = sort;
    public bool Descending { get; } = descending;
    public int PageNumber { get; } = page;

    public string Url(params (string Key, string? Value)[] set)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        foreach (var (k, values) in query)
        {
            if (k.Equals("handler", StringComparison.OrdinalIgnoreCase) || set.Any(s => s.Key.Equals(k, StringComparison.OrdinalIgnoreCase))) continue;
            foreach (var v in values) if (!string.IsNullOrEmpty(v)) pairs.Add(new(k, v));
        }
        foreach (var (k, v) in set) if (!string.IsNullOrEmpty(v)) pairs.Add(new(k, v));
        return Path + QueryString.Create(pairs).ToUriComponent();
    }

    public string PageUrl(int page) => Url(("p", page == 1 ? null : page.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Sort by this column; the same column again flips the direction; paging starts over.</summary>
    public string SortUrl(string key) => Url(("sort", key), ("dir", SortKey == key && !Descending ? "desc" : null), ("p", null));

    public string ExportUrl => Url(("handler", "Xlsx"), ("p", null));
}

/// <summary>
/// A list page: <c>q</c> (search), <c>sort</c>, <c>dir</c> and <c>p</c> (page) bound from the URL, with the page's own
/// filters as further properties. A value that cannot be a filter (an unknown sort, a type that does not exist) is a
/// 400 with a Chinese message, never a 500.
/// </summary>
public abstract class ListPageModel : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "sort")] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "dir")] public string? Dir { get; set; }
    [BindProperty(SupportsGet = true, Name = "p"), Display(Name = "页码")] public int PageNumber { get; set; } = 1;

    public ListState State { get; protected set; } = null!;
    public int Total { get; protected set; }
    public int PageCount { get; protected set; } = 1;

    /// <summary>The search text, trimmed and cut to <paramref name="max"/> characters (null when empty).</summary>
    protected string? Search(int max = 100)
    {
        var q = Q?.Trim();
        return string.IsNullOrEmpty(q) ? null : q.Length > max ? q[..max] : q;
    }

    /// <summary>How long a filter's choices are kept (<see cref="ChoicesAsync"/>).</summary>
    public static readonly TimeSpan ChoicesLifetime = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A filter's choices read over a whole scope that change rarely (the fields of a pool or of the centers): kept a
    /// minute under <paramref name="key"/> (as the workbench keeps its figures). A <paramref name="chosen"/> value not among
    /// the kept ones is looked up again before the page refuses it, so a choice made in the last minute is found — but at
    /// most once a minute per key (<paramref name="now"/>, the app's clock): a made-up value in the URL, sent again and
    /// again, is refused from the kept choices rather than running the whole scope's DISTINCT each time.
    /// </summary>
    public static async Task<List<string>> ChoicesAsync(IMemoryCache cache, object key, Func<Task<List<string>>> query, string? chosen, DateTimeOffset now)
    {
        var filled = false;
        var kept = (await cache.GetOrCreateAsync(key, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = ChoicesLifetime;
            filled = true;
            return new KeptChoices(await query());
        }))!;
        // Read just now by this request: looking again finds nothing more.
        if (filled || chosen is null || kept.Values.Contains(chosen)) return kept.Values;
        var last = Interlocked.Read(ref kept.ReReadAt);
        if (last != 0 && now.UtcTicks - last < ChoicesLifetime.Ticks) return kept.Values;
        // One request of those missing at once re-reads; the others answer from the kept choices.
        if (Interlocked.CompareExchange(ref kept.ReReadAt, now.UtcTicks, last) != last) return kept.Values;
        kept.Values = await query();
        cache.Set(key, kept, ChoicesLifetime);
        return kept.Values;
    }

    /// <summary>The choices kept under a key, and when a value not among them last had them read again (UTC ticks, 0: never).</summary>
    private sealed class KeptChoices(List<string> values)
    {
        public volatile List<string> Values = values;
        public long ReReadAt;
    }

    /// <summary>Errors of the URL's filters (binding errors and the page's own checks) as one Chinese message, or null.</summary>
    public string? FilterError => ModelState.IsValid ? null
        : string.Join("；", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct());

    /// <summary>Reads one page of the filtered query, sorted by the URL's sort, in two queries (count, page).</summary>
    protected async Task<IReadOnlyList<TRow>> PageAsync<T, TRow>(IQueryable<T> filtered, ListDefinition<T, TRow> list, CancellationToken ct) =>
        await PagedAsync(filtered, list, ct) is { } page ? await page.Select(list.Row).ToListAsync(ct) : [];

    /// <summary>
    /// Counts the filtered query and returns its page (sorted by the URL's sort, the page clamped to the pages there are)
    /// as a query, for a list that reads the page in more than one step (the keys first, then the row's extras for those
    /// keys only); null when the URL's filters are refused (the response is then a 400). <paramref name="total"/>: the
    /// filtered count when the page already has it (the expert pool's tabs count by kind), so it is not counted twice.
    /// </summary>
    protected async Task<IQueryable<T>?> PagedAsync<T, TRow>(IQueryable<T> filtered, ListDefinition<T, TRow> list, CancellationToken ct,
        int? total = null)
    {
        var ordered = Order(filtered, list);
        PageNumber = Page<TRow>.Clamp(PageNumber);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Total = 0;
            return null;
        }
        Total = total ?? await filtered.CountAsync(ct);
        PageCount = Math.Max(1, (Total + list.PageSize - 1) / list.PageSize);
        PageNumber = Math.Min(PageNumber, PageCount);
        State = new ListState(Request.Path, Request.Query, State.SortKey, State.Descending, PageNumber);
        return ordered.Skip((PageNumber - 1) * list.PageSize).Take(list.PageSize);
    }

    private IOrderedQueryable<T> Order<T, TRow>(IQueryable<T> q, ListDefinition<T, TRow> list)
    {
        var option = list.Sort(Sort);
        if (option is null) ModelState.AddModelError("sort", $"没有“{Sort}”这一排序方式");
        if (Dir is not (null or "" or "asc" or "desc")) ModelState.AddModelError("dir", "排序方向只能是 asc 或 desc");
        option ??= list.Sort(null)!;
        var desc = Dir is null or "" ? option.Key == list.DefaultSort && list.DefaultDescending : Dir == "desc";
        State = new ListState(Request.Path, Request.Query, option.Key, desc, PageNumber);
        return list.ThenById(option.Apply(q, desc));
    }

    /// <summary>
    /// 导出 XLSX: exactly the rows the filter finds, in the list's order, with Chinese headings, personal data masked as the
    /// list masks it; streamed from the query into a temporary file (never all rows in memory) and audited. More than
    /// <see cref="ListExport.MaxRows"/> rows is refused with a message asking for a narrower filter.
    /// </summary>
    protected async Task<IActionResult> ExportAsync<T, TRow>(IQueryable<T> filtered, ListDefinition<T, TRow> list, AuditLog audit,
        string conditions, CancellationToken ct)
    {
        var ordered = Order(filtered, list);
        if (!ModelState.IsValid) return ListExport.Refuse(this, FilterError!);
        var count = await filtered.CountAsync(ct);
        if (count > ListExport.MaxRows)
            return ListExport.Refuse(this, $"符合条件的记录共 {count:N0} 条，超过单次导出上限 {ListExport.MaxRows:N0} 条，请缩小筛选范围后分批导出。");
        var file = await ListExport.WriteAsync(ordered.Select(list.Row).AsEnumerable(), list.Name, ct);
        await audit.AppendAsync(HttpContext, new AuditRecord($"导出{list.Name}", AuditOutcome.Success, list.Name, null,
            $"{count} 条（个人信息已脱敏）；条件：{conditions}"), ct: ct);
        return File(file, ListExport.ContentType, ListExport.FileName(list.Name, HttpContext));
    }

    /// <summary>The conditions of the URL in words (for the export's audit entry), from label → value pairs.</summary>
    protected string Describe(params (string Label, object? Value)[] parts)
    {
        var said = parts.Where(p => p.Value is not null && p.Value.ToString() is { Length: > 0 })
            .Select(p => $"{p.Label}：{p.Value}").ToList();
        if (Search() is { } q) said.Insert(0, $"关键字：{q}");
        if (State is not null) said.Add($"排序：{State.SortKey}{(State.Descending ? "（降序）" : "")}");
        return said.Count == 0 ? "全部" : string.Join("；", said);
    }
}

/// <summary>XLSX writing shared by every export (MiniExcel, streaming).</summary>
public static class ListExport
{
    public const int MaxRows = 200_000;
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string FileName(string name, HttpContext http) =>
        $"{name}-{http.RequestServices.GetRequiredService<Infrastructure.Clock>().Today:yyyyMMdd}.xlsx";

    /// <summary>
    /// Writes the rows to a temporary file (deleted when the response has been sent) and returns it at its start. MiniExcel
    /// enumerates as it writes, so the rows come from the database one at a time and are never all in memory.
    /// </summary>
    public static async Task<Stream> WriteAsync<TRow>(IEnumerable<TRow> rows, string sheet, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"techcenters-export-{Guid.NewGuid():N}.xlsx");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            await Task.Run(() => MiniExcel.SaveAs(file, rows, sheetName: sheet), ct);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>An export refused (a filter that is not valid, too many rows): 400 and the status page with the reason.</summary>
    public static IActionResult Refuse(PageModel page, string message) =>
        Infrastructure.RefusalPages.Refuse(page.HttpContext, StatusCodes.Status400BadRequest, message, Infrastructure.RefusalPages.PageOf(page.Request));

    /// <summary>The Chinese headings of a row type, in order (templates and tests read them).</summary>
    public static IReadOnlyList<string> Headings<TRow>() => Headings(typeof(TRow));

    public static IReadOnlyList<string> Headings(Type row) =>
        row.GetProperties().Select(p => p.GetCustomAttribute<ExcelColumnNameAttribute>()?.ExcelColumnName ?? p.Name).ToList();

    /// <summary>
    /// JSON uses the same Chinese names as the exports (the read API): a property's <see cref="ExcelColumnNameAttribute"/>
    /// becomes its JSON name.
    /// </summary>
    public static void ChineseNames(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        foreach (var p in info.Properties)
            if (p.AttributeProvider?.GetCustomAttributes(typeof(ExcelColumnNameAttribute), true).FirstOrDefault() is ExcelColumnNameAttribute a)
                p.Name = a.ExcelColumnName;
    }
}
