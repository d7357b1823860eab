using System.Text;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;

namespace TechCenters.Web.Infrastructure;

/// <summary>
/// Load-test baselines for the list pages and the export (mapped with <c>Bench:BareEndpoint</c> only, never in
/// production): the same rows as the unit list and the people export of a bureau officer's jurisdiction, read with the
/// same query through the same DbContext and written as plain text — no sign-in, no scope, no page, no masking, no audit.
/// </summary>
public static class BareQueries
{
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
    }
}
