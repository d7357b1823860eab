using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using TechCenters.Policy;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Features.Applying;

/// <summary>Submissions at once: none lost, none duplicated (each in its own request scope, as the web server runs them).</summary>
public abstract class SubmissionConcurrencyTests(AppFixture app)
{
    private async Task<List<(int Id, int UnitId)>> DraftsAsync(int count)
    {
        return await app.Db(async db =>
        {
            // A call of its own, so these drafts do not use up the units other tests apply with.
            var open = (await db.Calls.AsNoTracking().Where(c => c.JurisdictionId == "xpcc-12th-division").ToListAsync()).First(c => c.IsOpen(app.Time.GetUtcNow()));
            var call = new TechCenters.Web.Features.Calls.Call
            {
                JurisdictionId = open.JurisdictionId, Title = "并发测试通知", OpensAt = open.OpensAt, ClosesAt = open.ClosesAt,
                PackVersion = open.PackVersion, PackDocument = open.PackDocument, PublishedAt = open.PublishedAt,
            };
            db.Calls.Add(call);
            await db.SaveChangesAsync();
            var units = await db.Units.AsNoTracking().Where(u => u.JurisdictionId == call.JurisdictionId && u.DepartmentId != null).Select(u => new { u.Id, u.DepartmentId }).ToListAsync();
            var now = app.Time.GetUtcNow();
            // Complete drafts: every section of the plan, and the attachments the pack requires (the submission checks them).
            PolicyPack pack;
            await using (var scope = app.Scope()) pack = scope.ServiceProvider.GetRequiredService<CaseKernel>().PackOf(call.JurisdictionId, call.PackVersion);
            var plan = ApplicationFacts.ToJson(ApplyingHelpers.Plan(ApplicationForm.PlanSections(pack)).ToDictionary(p => p.Item1[ApplicationInput.PlanPrefix.Length..], p => p.Item2));
            var apps = Enumerable.Range(0, count).Select(i => new Application
            {
                CallId = call.Id, CenterName = $"第十二师并发测试{i:D3}技术创新中心", PlanJson = plan,
                Case = new TechCenters.Web.Features.Cases.Case
                {
                    Kind = "application", JurisdictionId = call.JurisdictionId, LeadUnitId = units[i % units.Count].Id, DepartmentId = units[i % units.Count].DepartmentId,
                    Title = $"第十二师并发测试{i:D3}技术创新中心", StageId = "application", Step = "application", Holder = "lead_unit",
                    PackVersion = call.PackVersion, PackDocument = call.PackDocument, CreatedAt = now, UpdatedAt = now, Revision = 1,
                    Parties = [new CaseParty { UnitId = units[i % units.Count].Id, Role = CaseParty.Lead }],
                },
            }).ToList();
            db.Applications.AddRange(apps);
            await db.SaveChangesAsync();
            db.Attachments.AddRange(apps.SelectMany(a => SubmissionCheck.RequiredAttachments(pack).Select(r => new Attachment
            {
                ApplicationId = a.Id, Kind = r.Label, FileName = $"{r.Label}.pdf", StoredName = Guid.NewGuid().ToString("N"), ContentType = "application/pdf",
                Size = ApplyingHelpers.TinyPdf.Length, Sm3 = new string('0', 64), UploadedAt = now,
            })));
            await db.SaveChangesAsync();
            return apps.Select(a => (a.Id, a.Case.LeadUnitId!.Value)).ToList();
        });
    }

    private async Task<SubmitApplication.Result> SubmitAsync(int id, int unitId, string key)
    {
        await using var scope = app.Scope();
        var actor = new WorkflowActor(new UserScope("bench", "并发测试", Roles.Applicant, "xpcc-12th-division", null, unitId, null), "127.0.0.1");
        return await scope.ServiceProvider.GetRequiredService<SubmitApplication>().RunAsync(id, actor, 1, key, confirmed: true);
    }

    [Fact]
    public async Task Two_hundred_different_applications_submitted_at_once_are_all_kept_once()
    {
        var drafts = await DraftsAsync(200);
        var results = await Task.WhenAll(drafts.Select(d => SubmitAsync(d.Id, d.UnitId, $"k200-{d.Id}")));
        results.ShouldAllBe(r => r.Outcome.Ok);
        var ids = drafts.Select(d => d.Id).ToList();
        var versions = await app.Db(db => db.ApplicationVersions.AsNoTracking().Where(v => ids.Contains(v.ApplicationId)).ToListAsync());
        versions.Count.ShouldBe(200);
        versions.Select(v => v.ReceiptNumber).Distinct().Count().ShouldBe(200);
        (await app.Db(db => db.Applications.CountAsync(a => ids.Contains(a.Id) && a.VersionCount == 1 && a.Case.Step == "recommendation"))).ShouldBe(200);
        (await app.Db(db => db.Activities.CountAsync(a => ids.Contains(a.CaseId)))).ShouldBe(200);
        await using var scope = app.Scope();
        (await scope.ServiceProvider.GetRequiredService<TechCenters.Web.Features.Audit.AuditVerifier>().VerifyAsync()).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task The_same_submission_retried_three_times_at_once_gives_one_receipt()
    {
        var d = (await DraftsAsync(1))[0];
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SubmitAsync(d.Id, d.UnitId, $"retry-{d.Id}")));
        results.ShouldAllBe(r => r.Outcome.Ok);
        results.Select(r => r.Receipt!.Number).Distinct().Count().ShouldBe(1);
        results.Count(r => !r.Receipt!.Replayed).ShouldBe(1);
        (await app.Db(db => db.ApplicationVersions.CountAsync(v => v.ApplicationId == d.Id))).ShouldBe(1);
        (await app.Db(db => db.Activities.CountAsync(a => a.CaseId == d.Id))).ShouldBe(1);
    }
}

// A fixture of their own: the 200 drafts use up the division's units that other applying tests draw new applicants from.
// 200 submissions at once saturate two cores: run these alone, so browser tests elsewhere do not time out beside them.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConcurrencySqliteCollection : ICollectionFixture<SqliteAppFixture> { public const string Name = "Concurrency SQLite"; }

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConcurrencyPostgresCollection : ICollectionFixture<PostgresAppFixture> { public const string Name = "Concurrency PostgreSQL"; }

[Collection(ConcurrencySqliteCollection.Name)]
public sealed class SubmissionConcurrencyTests_Sqlite(SqliteAppFixture app) : SubmissionConcurrencyTests(app);

[Collection(ConcurrencyPostgresCollection.Name)]
public sealed class SubmissionConcurrencyTests_Postgres(PostgresAppFixture app) : SubmissionConcurrencyTests(app);
