using System.Text;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Evaluations;

namespace TechCenters.Web.Infrastructure;

/// <summary>
/// Load-test baselines (bench/http; mapped with <c>Bench:BareEndpoint</c> only, never in production): the rows a page or
/// an export of a bureau officer shows, read with the same query through the same DbContext and written as plain text —
/// no sign-in, no scope, no page, no names from the pack, no masking, no XLSX, no audit. The unit list and the people
/// export (bench/http/workbench-wrk.sh); the lists of bench/http/lists-wrk.sh at <c>/bench/query/{cases|centers|experts|
/// audit|campaign}</c>: the count and the first page in the list's default order or, with <c>all=true</c>, every row its
/// export writes (with <c>xlsx=true</c> too, written as XLSX by the exports' writer).
/// </summary>
public static class BareQueries
{
    private const int MaxRows = 200_000;

    public static void MapBareQueries(this WebApplication app)
    {
        app.MapGet("/bench/query/units", async (string jurisdiction, int? p, AppDbContext db, CancellationToken ct) =>
        {
            var page = Math.Max(1, p ?? 1);
            var query = db.Units.AsNoTracking().Where(u => u.JurisdictionId == jurisdiction);
            var total = await query.CountAsync(ct);
            var rows = await query.OrderBy(u => u.Name).ThenBy(u => u.Id).Skip((page - 1) * 30).Take(30)
                .Select(u => new { u.Id, u.Name, u.CreditCode, u.Type, Department = u.Department != null ? u.Department.Name : null, u.Region, People = u.People.Count })
                .ToListAsync(ct);
            var text = new StringBuilder().Append(total).Append('\n');
            foreach (var r in rows) text.Append(r.Id).Append(',').Append(r.Name).Append(',').Append(r.CreditCode).Append(',').Append(r.Type).Append(',')
                .Append(r.Department).Append(',').Append(r.Region).Append(',').Append(r.People).Append('\n');
            return Results.Text(text.ToString(), "text/plain; charset=utf-8");
        }).AllowAnonymous();

        app.MapGet("/bench/query/people", async (string jurisdiction, AppDbContext db, CancellationToken ct) =>
        {
            var rows = await db.People.AsNoTracking().Where(x => x.Unit!.JurisdictionId == jurisdiction)
                .OrderBy(x => x.UnitId).ThenBy(x => x.Name).ThenBy(x => x.Id).Take(Features.Units.PeopleModel.ExportLimit)
                .Select(x => new { x.Name, x.Title, x.Position, UnitName = x.Unit!.Name, x.Phone, x.IdNumber })
                .ToListAsync(ct);
            var csv = new StringBuilder();
            foreach (var r in rows)
                csv.Append(r.Name).Append(',').Append(r.Title).Append(',').Append(r.Position).Append(',').Append(r.UnitName).Append(',')
                    .Append(r.Phone).Append(',').Append(r.IdNumber).Append("\r\n");
            return Results.Text(csv.ToString(), "text/csv; charset=utf-8");
        }).AllowAnonymous();

        app.MapGet("/bench/query/cases", (string jurisdiction, bool? all, bool? xlsx, AppDbContext db, CancellationToken ct) =>
        {
            var q = db.Cases.AsNoTracking().Where(c => c.JurisdictionId == jurisdiction);
            return Write(q, q.OrderByDescending(c => c.UpdatedAt).ThenBy(c => c.Id).Select(c => new object?[]
            {
                c.Id, c.Kind, c.Title, c.LeadUnit != null ? c.LeadUnit.Name : "", c.Department != null ? c.Department.Name : "", c.StageId, c.Holder,
                c.DueOn, c.PackVersion, c.PackDocument, c.CreatedAt, c.UpdatedAt,
            }), all == true ? MaxRows : 20, xlsx == true, ct);
        }).AllowAnonymous();

        app.MapGet("/bench/query/centers", (string jurisdiction, bool? all, bool? xlsx, AppDbContext db, CancellationToken ct) =>
        {
            var q = db.Centers.AsNoTracking().Where(c => c.JurisdictionId == jurisdiction);
            return Write(q, q.OrderByDescending(c => c.ApprovedOn).ThenBy(c => c.Id).Select(c => new object?[]
            {
                c.Id, c.Name, c.LeadUnitName, c.DepartmentId, c.Field, c.Status, c.ApprovalNumber, c.ApprovedOn, c.ConstructionEndsOn, c.DirectorName, c.PackDocument,
            }), all == true ? MaxRows : 20, xlsx == true, ct);
        }).AllowAnonymous();

        app.MapGet("/bench/query/experts", (string jurisdiction, bool? all, bool? xlsx, AppDbContext db, CancellationToken ct) =>
        {
            var inPool = true; // compared with a value, as the pool's list does (so SQLite walks the pool's index)
            var q = db.Experts.AsNoTracking().Where(e => e.JurisdictionId == jurisdiction && e.InPool == inPool);
            return Write(q, q.OrderBy(e => e.Kind).ThenBy(e => e.Name).ThenBy(e => e.Id).Select(e => new object?[]
            {
                e.Id, e.Name, e.Kind, e.Field, e.FieldCode, e.Title, e.Employer, e.Phone, e.InPool, e.Available, e.UnavailableUntil,
            }), all == true ? MaxRows : 20, xlsx == true, ct);
        }).AllowAnonymous();

        app.MapGet("/bench/query/audit", (bool? all, bool? xlsx, AppDbContext db, CancellationToken ct) =>
        {
            var q = db.AuditEntries.AsNoTracking();
            var ordered = all == true ? q.OrderBy(a => a.Id) : q.OrderByDescending(a => a.Id);
            return Write(q, ordered.Select(a => new object?[]
            {
                a.Sequence, a.OccurredAt, a.UserName, a.ClientAddress, a.Action, a.ObjectType, a.ObjectId, a.Outcome, a.Detail, a.PreviousHash, a.Hash,
            }), all == true ? 100_000 : 30, xlsx == true, ct);
        }).AllowAnonymous();

        app.MapGet("/bench/query/campaign-id", async (string jurisdiction, int year, AppDbContext db, CancellationToken ct) =>
            Results.Text((await db.EvaluationCampaigns.Where(c => c.JurisdictionId == jurisdiction && c.Year == year).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct))?.ToString() ?? "")).AllowAnonymous();

        app.MapGet("/bench/query/campaign", async (int id, bool? all, bool? xlsx, AppDbContext db, CancellationToken ct) =>
        {
            var q = CampaignView.Rows(db, id);
            System.Linq.Expressions.Expression<Func<CampaignView.Row, object?[]>> columns = r => new object?[]
            {
                r.CenterId, r.CenterName, r.LeadUnit, r.ApprovedOn, r.Included, r.Reason, r.Article, r.Type, r.StageId, r.Score, r.Grade, r.FinalGrade, r.Consequence, r.Funds,
            };
            if (all == true) return await Write(q, q.OrderBy(r => r.CenterId).Select(columns), MaxRows, xlsx == true, ct);
            // The page's way (CampaignView.PageKeys): its 50 center ids by the narrow keys-first sort, then those rows in
            // full — so the page's ratio is against the same sort, not flattered by a wide sort in the baseline.
            var count = xlsx == true ? 0 : await q.CountAsync(ct);
            var ids = await CampaignView.PageKeys(db, id).Take(50).ToListAsync(ct);
            var rows = (await q.Where(r => ids.Contains(r.CenterId)).Select(columns).ToListAsync(ct)).OrderBy(r => ids.IndexOf((int)r[0]!)).ToList();
            if (xlsx == true) return await Xlsx(rows, ct);
            var text = new StringBuilder().Append(count).Append('\n');
            foreach (var r in rows) text.AppendJoin(',', r).Append('\n');
            return Results.Text(text.ToString(), "text/plain; charset=utf-8");
        }).AllowAnonymous();
    }

    private static async Task<IResult> Write<T>(IQueryable<T> filtered, IQueryable<object?[]> rows, int take, bool xlsx, CancellationToken ct)
    {
        if (xlsx) return await Xlsx(rows.Take(take).AsEnumerable(), ct);
        var text = new StringBuilder();
        if (take < MaxRows) text.Append(await filtered.CountAsync(ct)).Append('\n');
        await foreach (var r in rows.Take(take).AsAsyncEnumerable().WithCancellation(ct)) text.AppendJoin(',', r).Append('\n');
        return Results.Text(text.ToString(), "text/plain; charset=utf-8");
    }

    /// <summary>
    /// The rows written as XLSX through the exports' writer (ListExport, MiniExcel) with no names, masking or audit:
    /// separates what the workbook costs from what the export adds (docs/performance.md).
    /// </summary>
    private static async Task<IResult> Xlsx(IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var file = await Features.Lists.ListExport.WriteAsync(rows
            .Select(r => (IDictionary<string, object?>)r.Select((v, i) => (v, i)).ToDictionary(x => $"c{x.i}", x => x.v)), "bare", ct);
        return Results.File(file, Features.Lists.ListExport.ContentType, "bare.xlsx");
    }
}
