using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Features.Applications;

/// <summary>
/// Load-test helpers, mapped only when <c>Bench:Enabled=true</c> (never in production): make draft applications for a
/// user's unit, insert a version row through the same DbContext with no workflow (the bare baseline), count versions.
/// </summary>
public static class SubmissionBench
{
    private static int counter;

    public static void MapSubmissionBench(this WebApplication app)
    {
        app.MapPost("/bench/drafts/{count:int}", async (int count, string user, AppDbContext db, TimeProvider time, HttpContext http) =>
        {
            http.Items[AuditMiddleware.HandledKey] = true;
            var account = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == user);
            if (account?.UnitId is not { } unitId) return Results.BadRequest("user 不是申报单位账号");
            var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == unitId);
            var now = time.GetUtcNow();
            var call = (await db.Calls.AsNoTracking().Where(c => c.JurisdictionId == unit.JurisdictionId).ToListAsync()).FirstOrDefault(c => c.IsOpen(now));
            if (call is null) return Results.BadRequest("该辖区没有受理中的申报通知");
            var catalog = http.RequestServices.GetRequiredService<TechCenters.Policy.PolicyCatalog>();
            var pack = catalog.Versions(call.JurisdictionId).First(p => p.Version == call.PackVersion);
            var stages = pack.Stages!;
            var start = stages.Next(stages.Start!.Id, TechCenters.Policy.Facts.Empty.With("lead.reports_to_bureau_directly", unit.DepartmentId is null))
                .Select(t => stages.Stage(t.To)!).FirstOrDefault(s => s.Step == TechCenters.Policy.Rules.StageSteps.Application) ?? stages.Start;
            var naming = pack.Rules.OfType<TechCenters.Policy.Rules.NamingRule>().FirstOrDefault();
            var apps = Enumerable.Range(0, Math.Clamp(count, 1, 100_000)).Select(i => new Application
            {
                CallId = call.Id, CenterName = $"{naming?.Prefix}压测{i:D5}{naming?.Suffix ?? "技术创新中心"}",
                Case = new Case
                {
                    Kind = TechCenters.Policy.Rules.ProcessKinds.Application, JurisdictionId = call.JurisdictionId, LeadUnitId = unit.Id,
                    DepartmentId = unit.DepartmentId, Title = $"压测{i:D5}技术创新中心", StageId = start.Id, Step = start.Step,
                    Holder = TechCenters.Policy.Rules.Actors.LeadUnit, PackVersion = pack.Version, PackDocument = pack.Document,
                    CreatedAt = now, UpdatedAt = now, Revision = 1,
                    Parties = [new CaseParty { UnitId = unit.Id, Role = CaseParty.Lead }],
                },
            }).ToList();
            db.Applications.AddRange(apps);
            await db.SaveChangesAsync();
            // Drafts as a unit has prepared them: the attachments the pack's form requires are uploaded (one small PDF
            // each, through the store), so a submission is checked and refused only for what the load test posts.
            var required = SubmissionCheck.RequiredAttachments(pack);
            if (required.Count > 0)
            {
                var store = http.RequestServices.GetRequiredService<AttachmentStore>();
                var pdf = "%PDF-1.4\n% bench\n%%EOF\n"u8.ToArray();
                foreach (var a in apps)
                    foreach (var (label, _) in required)
                    {
                        using var stream = new MemoryStream(pdf);
                        var saved = (await store.SaveAsync(new FormFile(stream, 0, pdf.Length, "files", "bench.pdf"), label, user)).Attachment!;
                        saved.ApplicationId = a.Id;
                        db.Attachments.Add(saved);
                    }
                await db.SaveChangesAsync();
            }
            return Results.Json(apps.Select(a => a.Id));
        }).AllowAnonymous();

        // What a complete submission of these drafts posts: the pack's name prefix and suffix and its plan outline.
        app.MapGet("/bench/form/{id:int}", async (int id, AppDbContext db, CaseKernel kernel) =>
        {
            var c = await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
            if (c is null) return Results.NotFound();
            var pack = kernel.PackOf(c);
            var naming = pack.Rules.OfType<TechCenters.Policy.Rules.NamingRule>().FirstOrDefault();
            return Results.Json(new { prefix = naming?.Prefix ?? "", suffix = naming?.Suffix ?? "技术创新中心", plan = ApplicationForm.PlanSections(pack) });
        }).AllowAnonymous();

        // The bare baseline: the same version row a submission writes, through the same DbContext, nothing else.
        app.MapPost("/bench/insert/{id:int}", async (int id, AppDbContext db, TimeProvider time, HttpContext http) =>
        {
            http.Items[AuditMiddleware.HandledKey] = true;
            var n = Interlocked.Increment(ref counter);
            db.ApplicationVersions.Add(new ApplicationVersion
            {
                ApplicationId = id, Number = 1_000_000 + n, ReceiptNumber = $"BENCH-{Guid.NewGuid():N}", IdempotencyKey = Guid.NewGuid().ToString("N"),
                SubmittedAt = time.GetUtcNow(), SubmittedBy = "bench", StageId = "bench", PackVersion = "bench",
                FactsJson = "{}", FormJson = "{}", PlanJson = "{}", CoBuildersJson = "[]",
            });
            await db.SaveChangesAsync();
            return Results.Ok();
        }).AllowAnonymous();

        app.MapGet("/bench/versions", async (int from, int to, AppDbContext db) =>
            Results.Json(new
            {
                Submitted = await db.ApplicationVersions.CountAsync(v => v.ApplicationId >= from && v.ApplicationId <= to && v.Number < 1_000_000),
                Applications = await db.Applications.CountAsync(a => a.Id >= from && a.Id <= to && a.VersionCount > 0),
            })).AllowAnonymous();
    }
}
