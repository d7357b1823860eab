using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Shared;

namespace TechCenters.Web.Features.Changes;

/// <summary>One row of a change-request or revocation list, as shown and exported.</summary>
public sealed record DynamicRow(int Id, string Title, string Stage, string? Holder, DateOnly? DueOn, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt, string Document);

/// <summary>
/// The lists of change requests and revocations: the account's cases of the kind (the one <see cref="CaseScope"/>),
/// filtered by state and text, paged, and exported as XLSX with the same filter.
/// </summary>
public static class DynamicList
{
    /// <summary>The state filter's choices (全部 is no value).</summary>
    public static readonly string[] States = ["open", "closed"];

    /// <summary>A state filter that is not one of the choices: a Chinese 400, never a silent "all".</summary>
    public static string? BadState(string? state) =>
        string.IsNullOrEmpty(state) || States.Contains(state) ? null : $"“状态”的值“{state}”无效：只能是“办理中”（open）或“已办结”（closed）。";

    public const int PageSize = 20;

    /// <summary>
    /// A page of the list, or — for a state filter that is not a choice — no rows and the message, which the page shows the
    /// way every list shows a bad filter (an alert above the list, answered with a 400).
    /// </summary>
    public static async Task<(Page<DynamicRow> Rows, string? FilterError)> LoadAsync(PageModel page, AppDbContext db, CaseKernel kernel, UserScope scope, string kind,
        string? state, string? q, int p, CancellationToken ct)
    {
        if (BadState(state) is { } bad)
        {
            page.Response.StatusCode = StatusCodes.Status400BadRequest;
            return (new Page<DynamicRow>([], 1, PageSize, 0), bad);
        }
        return (await PageAsync(db, kernel, scope, kind, state, q, p, ct), null);
    }

    /// <summary>The export of the filtered list, or the bad filter refused as every list export refuses one.</summary>
    public static async Task<IActionResult> ExportAsync(PageModel page, AppDbContext db, CaseKernel kernel, UserScope scope, string kind, string? state, string? q, string name, CancellationToken ct) =>
        BadState(state) is { } bad ? Lists.ListExport.Refuse(page, bad) : await ExportAsync(db, kernel, scope, kind, state, q, name, ct);

    public static IQueryable<Case> Query(AppDbContext db, UserScope scope, string kind, string? state, string? q)
    {
        var cases = db.Cases.AsNoTracking().VisibleTo(db, scope).Where(c => c.Kind == kind);
        if (state == "open") cases = cases.Where(c => c.ClosedAt == null);
        else if (state == "closed") cases = cases.Where(c => c.ClosedAt != null);
        if (!string.IsNullOrWhiteSpace(q) && q.Trim() is { Length: <= 100 } text) cases = cases.Where(c => c.Title.Contains(text));
        return cases;
    }

    public static async Task<Page<DynamicRow>> PageAsync(AppDbContext db, CaseKernel kernel, UserScope scope, string kind, string? state, string? q, int page, CancellationToken ct)
    {
        var query = Query(db, scope, kind, state, q);
        var total = await query.CountAsync(ct);
        page = Page<DynamicRow>.Clamp(page);
        var rows = await query.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new(rows.Select(c => Row(kernel, scope, c)).ToList(), page, PageSize, total);
    }

    public static DynamicRow Row(CaseKernel kernel, UserScope scope, Case c)
    {
        var pack = kernel.PackOf(c);
        var process = CaseKernel.ProcessOf(pack, c.Kind);
        var stage = process.Stage(c.StageId);
        var acts = CaseRelation.ActorsOfRole(scope.Role).ToList();
        return new(c.Id, c.Title, stage?.NameFor(acts) ?? c.StageId, c.Holder is null ? null : pack.Env.Actor(c.Holder), c.DueOn, c.CreatedAt, c.ClosedAt, c.PackDocument);
    }

    /// <summary>The filtered list as an XLSX file (at most 10,000 rows).</summary>
    public static async Task<FileContentResult> ExportAsync(AppDbContext db, CaseKernel kernel, UserScope scope, string kind, string? state, string? q, string name, CancellationToken ct)
    {
        var rows = await Query(db, scope, kind, state, q).OrderByDescending(c => c.UpdatedAt).Take(10_000).ToListAsync(ct);
        var clock = kernel.Clock;
        var sheet = rows.Select(c => Row(kernel, scope, c)).Select(r => new Dictionary<string, object?>
        {
            ["编号"] = r.Id, ["事项"] = r.Title, ["当前阶段"] = r.Stage, ["待办方"] = r.Holder ?? "已办结", ["办理期限"] = r.DueOn?.ToString("yyyy-MM-dd"),
            ["创建时间"] = clock.Format(r.CreatedAt), ["办结时间"] = r.ClosedAt is { } x ? clock.Format(x) : null, ["适用管理办法"] = r.Document,
        }).ToList();
        using var ms = new MemoryStream();
        await ms.SaveAsAsync(sheet, sheetName: name, cancellationToken: ct);
        return new FileContentResult(ms.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") { FileDownloadName = $"{name}-{clock.Today:yyyyMMdd}.xlsx" };
    }
}
