using System.Text;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Evaluations;

namespace TechCenters.Web.Infrastructure;

/// <summary>
/// Load-test baselines for the lists (bench/http/lists-wrk.sh; mapped with <c>Bench:BareEndpoint</c> only, never in
/// production): the rows a bureau officer's list shows — the count and the first page in the list's default order — or,
/// with <c>all=true</c>, every row its export writes, read through the same DbContext and written as plain text: no
/// sign-in, scope, names from the pack, masking, XLSX or audit. <c>/bench/query/{cases|centers|experts|audit|campaign}</c>.
/// </summary>
public static class BareListQueries
{
    private const int MaxRows = 200_000;

    public static void MapBareListQueries(this WebApplication app)
    {
        app.MapGet("/bench/query/cases", (string jurisdiction, bool? all, AppDbContext db, CancellationToken ct) =>
        {
            var q = db.Cases.AsNoTracking().Where(c => c.JurisdictionId == jurisdiction);
            return Write(q, q.OrderByDescending(c => c.UpdatedAt).ThenBy(c => c.Id).Select(c => new object?[]
            {
                c.Id, c.Kind, c.Title, c.LeadUnit != null ? c.LeadUnit.Name : "", c.Department != null ? c.Department.Name : "", c.StageId, c.Holder,
                c.DueOn, c.PackVersion, c.PackDocument, c.CreatedAt, c.UpdatedAt,
            }), all == true ? MaxRows : 20, ct);
        }).AllowAnonymous();

        app.MapGet("/bench/query/centers", (string jurisdiction, bool? all, AppDbContext db, CancellationToken ct) =>
        {
            var q = db.Centers.AsNoTracking().Where(c => c.JurisdictionId == jurisdiction);
            return Write(q, q.OrderByDescending(c => c.ApprovedOn).ThenBy(c => c.Id).Select(c => new object?[]
            {
                c.Id, c.Name, c.LeadUnitName, c.DepartmentId, c.Field, c.Status, c.ApprovalNumber, c.ApprovedOn, c.ConstructionEndsOn, c.DirectorName, c.PackDocument,
            }), all == true ? MaxRows : 20, ct);
        }).AllowAnonymous();

        app.MapGet("/bench/query/experts", (string jurisdiction, bool? all, AppDbContext db, CancellationToken ct) =>
        {
            var q = db.Experts.AsNoTracking().Where(e => e.JurisdictionId == jurisdiction && e.InPool);
            return Write(q, q.OrderBy(e => e.Kind).ThenBy(e => e.Name).ThenBy(e => e.Id).Select(e => new object?[]
            {
                e.Id, e.Name, e.Kind, e.Field, e.FieldCode, e.Title, e.Employer, e.Phone, e.InPool, e.Available, e.UnavailableUntil,
            }), all == true ? MaxRows : 20, ct);
        }).AllowAnonymous();

        app.MapGet("/bench/query/audit", (bool? all, AppDbContext db, CancellationToken ct) =>
        {
            var q = db.AuditEntries.AsNoTracking();
            var ordered = all == true ? q.OrderBy(a => a.Id) : q.OrderByDescending(a => a.Id);
            return Write(q, ordered.Select(a => new object?[]
            {
                a.Sequence, a.OccurredAt, a.UserName, a.ClientAddress, a.Action, a.ObjectType, a.ObjectId, a.Outcome, a.Detail, a.PreviousHash, a.Hash,
            }), all == true ? 100_000 : 30, ct);
        }).AllowAnonymous();

        app.MapGet("/bench/query/campaign-id", async (string jurisdiction, int year, AppDbContext db, CancellationToken ct) =>
            Results.Text((await db.EvaluationCampaigns.Where(c => c.JurisdictionId == jurisdiction && c.Year == year).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct))?.ToString() ?? "")).AllowAnonymous();

        app.MapGet("/bench/query/campaign", (int id, bool? all, AppDbContext db, CancellationToken ct) =>
        {
            var q = CampaignView.Rows(db, id);
            var ordered = all == true ? q.OrderBy(r => r.CenterId) : q.OrderByDescending(r => r.Included).ThenByDescending(r => r.Score).ThenBy(r => r.CenterId);
            return Write(q, ordered.Select(r => new object?[]
            {
                r.CenterId, r.CenterName, r.LeadUnit, r.ApprovedOn, r.Included, r.Reason, r.Article, r.Type, r.StageId, r.Score, r.Grade, r.FinalGrade, r.Consequence, r.Funds,
            }), all == true ? MaxRows : 50, ct);
        }).AllowAnonymous();
    }

    private static async Task<IResult> Write<T>(IQueryable<T> filtered, IQueryable<object?[]> rows, int take, CancellationToken ct)
    {
        var text = new StringBuilder();
        if (take < MaxRows) text.Append(await filtered.CountAsync(ct)).Append('\n');
        await foreach (var r in rows.Take(take).AsAsyncEnumerable().WithCancellation(ct)) text.AppendJoin(',', r).Append('\n');
        return Results.Text(text.ToString(), "text/plain; charset=utf-8");
    }
}
