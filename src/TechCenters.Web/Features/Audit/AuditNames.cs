using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;

namespace TechCenters.Web.Features.Audit;

/// <summary>
/// What an audit row's object is called, so the log reads 申报书“某某技术创新中心” instead of an id: cases (申报书,
/// 年度报告, 变更申请 … are each a case with the same id), calls, units and centers, looked up once per page of rows.
/// Request-level rows (<see cref="IsRequest"/>: the middleware's "GET /path" rows) are told apart from business actions.
/// </summary>
public static class AuditNames
{
    private static readonly string[] CaseTypes = ["事项", "申报书", "年度报告", "变更申请", "撤销认定", "绩效评估", "整改"];
    private static readonly string[] Methods = ["GET ", "POST ", "PUT ", "DELETE ", "PATCH ", "HEAD "];

    /// <summary>A row the request pipeline wrote for a request no action recorded itself (its action is "METHOD /path").</summary>
    public static bool IsRequest(string action) => Methods.Any(action.StartsWith);

    /// <summary>The query for one kind of row: "business" (actions), "request" (request-level rows), anything else all.</summary>
    public static IQueryable<AuditEntry> OfKind(IQueryable<AuditEntry> query, string? kind) => kind switch
    {
        "business" => query.Where(a => !(a.Action.StartsWith("GET ") || a.Action.StartsWith("POST ") || a.Action.StartsWith("PUT ")
            || a.Action.StartsWith("DELETE ") || a.Action.StartsWith("PATCH ") || a.Action.StartsWith("HEAD "))),
        "request" => query.Where(a => a.Action.StartsWith("GET ") || a.Action.StartsWith("POST ") || a.Action.StartsWith("PUT ")
            || a.Action.StartsWith("DELETE ") || a.Action.StartsWith("PATCH ") || a.Action.StartsWith("HEAD ")),
        _ => query,
    };

    /// <summary>Names for the rows' objects, keyed by "type:id"; a row whose object is not found keeps its id.</summary>
    public static async Task<Dictionary<string, string>> ResolveAsync(AppDbContext db, IEnumerable<AuditEntry> rows, CancellationToken ct)
    {
        var names = new Dictionary<string, string>();
        var list = rows.Where(r => r.ObjectType is not null && int.TryParse(r.ObjectId, out _)).ToList();
        List<int> Ids(Func<string, bool> type) => list.Where(r => type(r.ObjectType!)).Select(r => int.Parse(r.ObjectId!)).Distinct().ToList();

        var cases = Ids(CaseTypes.Contains);
        if (cases.Count > 0)
        {
            var found = await db.Cases.AsNoTracking().Where(c => cases.Contains(c.Id)).Select(c => new { c.Id, c.Title }).ToListAsync(ct);
            foreach (var t in CaseTypes) foreach (var c in found) names[$"{t}:{c.Id}"] = c.Title;
        }
        var calls = Ids(t => t == "申报通知");
        if (calls.Count > 0)
            foreach (var c in await db.Calls.AsNoTracking().Where(c => calls.Contains(c.Id)).Select(c => new { c.Id, c.Title }).ToListAsync(ct))
                names[$"申报通知:{c.Id}"] = c.Title;
        var units = Ids(t => t == "单位");
        if (units.Count > 0)
            foreach (var u in await db.Units.AsNoTracking().Where(u => units.Contains(u.Id)).Select(u => new { u.Id, u.Name }).ToListAsync(ct))
                names[$"单位:{u.Id}"] = u.Name;
        var centers = Ids(t => t == "技术创新中心");
        if (centers.Count > 0)
            foreach (var c in await db.Centers.AsNoTracking().Where(c => centers.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
                names[$"技术创新中心:{c.Id}"] = c.Name;
        return names;
    }

    /// <summary>How the log shows an object: 申报通知“标题”（#12）, or the type and id when no name is known.</summary>
    public static string Describe(AuditEntry a, IReadOnlyDictionary<string, string> names) =>
        a.ObjectType is null ? "" :
        a.ObjectId is not null && names.TryGetValue($"{a.ObjectType}:{a.ObjectId}", out var name) ? $"{a.ObjectType}“{name}”（#{a.ObjectId}）" :
        a.ObjectId is null ? a.ObjectType : $"{a.ObjectType} #{a.ObjectId}";
}
