using System.Globalization;
using Bogus;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Calls;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Features.Evaluations;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Data.Seed;

/// <summary>
/// A large generated set for the list benchmarks (bench/http/lists-wrk.sh): in one jurisdiction, <c>n</c> applications
/// (cases with their detail), <c>n</c> centers approved from them, <c>n</c> experts, <c>n</c> audit rows (sealed into the
/// chain), and one confirmed evaluation campaign of those <c>n</c> centers with scores and grades (an evaluation case each).
/// </summary>
public sealed class SyntheticLists(AppDbContext db, DemoSeeder demo, AuditChain chain, TimeProvider time, PolicyCatalog catalog)
{
    public const int BatchSize = 2000;
    public const int CampaignYear = 2020;

    public async Task SeedAsync(string jurisdiction, int n, Action<string, int>? progress = null, CancellationToken ct = default)
    {
        await demo.EnsureReferenceDataAsync(ct);
        var pack = catalog.Versions(jurisdiction).Last();
        var application = pack.Process(ProcessKinds.Application)!;
        var evaluation = pack.Process(ProcessKinds.Evaluation)!;
        var appStages = application.Stages.ToList();
        var accepted = evaluation.Stages.First(s => s.IsApproval);
        var grades = EvaluationRules.Grades(pack);
        var depts = await db.Departments.AsNoTracking().Where(d => d.JurisdictionId == jurisdiction).Select(d => d.Id).ToListAsync(ct);
        var units = await db.Units.AsNoTracking().Where(u => u.JurisdictionId == jurisdiction).OrderBy(u => u.Id).Select(u => new { u.Id, u.Name, u.DepartmentId }).ToListAsync(ct);
        var now = time.GetUtcNow();
        var rnd = new Randomizer(11);
        var call = await db.Calls.AsNoTracking().Where(c => c.JurisdictionId == jurisdiction).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        if (call is null)
        {
            var c = new Call { JurisdictionId = jurisdiction, Title = "合成申报通知（性能测试）", PackVersion = pack.Version, PackDocument = pack.Document };
            db.Calls.Add(c);
            await db.SaveChangesAsync(ct);
            call = c.Id;
        }
        var campaign = new EvaluationCampaign
        {
            JurisdictionId = jurisdiction, Year = CampaignYear, Title = $"{CampaignYear}年度技术创新中心绩效评估（合成{n:N0}个中心）", PackVersion = pack.Version,
            PackDocument = pack.Document, Status = CampaignStatus.Confirmed, OpenedAt = now, ConfirmedAt = now, DecisionRecord = "合成数据", Revision = 1,
        };
        db.EvaluationCampaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        var fields = DemoCatalog.Industries;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var done = 0; done < n;)
        {
            var size = Math.Min(BatchSize, n - done);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var cases = new List<Case>(size);
            for (var i = 0; i < size; i++)
            {
                var k = done + i;
                var unit = units[k % units.Count];
                var stage = appStages[k % appStages.Count];
                var created = now.AddMinutes(-k * 7);
                cases.Add(new Case
                {
                    Kind = ProcessKinds.Application, JurisdictionId = jurisdiction, DepartmentId = unit.DepartmentId, LeadUnitId = unit.Id,
                    Title = $"{unit.Name}{fields[k % fields.Length]}技术创新中心（合成{k + 1:D6}）", PackVersion = pack.Version, PackDocument = pack.Document,
                    StageId = stage.Id, Step = stage.Step, Holder = stage.Final ? null : stage.Actor,
                    DueOn = stage.Final ? null : DateOnly.FromDateTime(now.UtcDateTime).AddDays(k % 90 - 30),
                    CreatedAt = created, UpdatedAt = created.AddDays(k % 30), Revision = 1,
                });
            }
            db.Cases.AddRange(cases);
            await db.SaveChangesAsync(ct);
            var centers = new List<Center>(size);
            for (var i = 0; i < size; i++)
            {
                var k = done + i;
                var c = cases[i];
                c.ApplicationId = c.Id;
                db.Entry(c).Property(x => x.ApplicationId).IsModified = true;
                db.Applications.Add(new Application { Id = c.Id, CallId = call.Value, CenterName = c.Title });
                var approved = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-(k % 3650) - 400);
                centers.Add(new Center
                {
                    JurisdictionId = jurisdiction, ApplicationId = c.Id, Name = c.Title.Replace("（合成", "（合成中心"), LeadUnitId = c.LeadUnitId!.Value,
                    LeadUnitName = units[k % units.Count].Name, DepartmentId = c.DepartmentId, Field = fields[k % fields.Length],
                    ApprovalNumber = $"合成〔{approved.Year}〕{k + 1}号", ApprovedOn = approved, ConstructionYears = 3, ConstructionEndsOn = approved.AddYears(3),
                    Status = k % 50 == 0 ? CenterStatus.Rectifying : CenterStatus.Active, DirectorName = rnd.ArrayElement(["王", "李", "张", "刘", "陈"]) + "主任",
                    PackVersion = pack.Version, PackDocument = pack.Document, CreatedAt = now, Revision = 1,
                });
                db.Experts.Add(new Expert
                {
                    JurisdictionId = jurisdiction, Name = $"合成专家{k + 1:D6}", Field = fields[k % fields.Length], Kind = (ExpertiseKind)(k % 3 + 1),
                    Title = k % 2 == 0 ? "教授" : "高级工程师", Employer = units[(k * 31) % units.Count].Name, Phone = $"139{k:D8}",
                });
                db.AuditEntries.Add(new AuditEntry
                {
                    OccurredAt = now.AddSeconds(-k), UtcOffsetMinutes = 480, UserName = "cz-bureau", ClientAddress = "127.0.0.1",
                    Action = k % 2 == 0 ? "查看申报书" : "提交审核意见", ObjectType = "申报书", ObjectId = c.Id.ToString(CultureInfo.InvariantCulture),
                    Outcome = k % 17 == 0 ? AuditOutcome.Failure : AuditOutcome.Success, Detail = "合成数据",
                });
            }
            db.Centers.AddRange(centers);
            await db.SaveChangesAsync(ct);
            var evaluations = new List<Case>(size);
            for (var i = 0; i < size; i++)
            {
                var center = centers[i];
                evaluations.Add(new Case
                {
                    Kind = ProcessKinds.Evaluation, JurisdictionId = jurisdiction, DepartmentId = center.DepartmentId, LeadUnitId = center.LeadUnitId,
                    ApplicationId = center.ApplicationId, CenterId = center.Id, Title = $"{CampaignYear}年度绩效评估：{center.Name}", PackVersion = pack.Version,
                    PackDocument = pack.Document, StageId = accepted.Id, Step = accepted.Step, CreatedAt = now, UpdatedAt = now, ClosedAt = now, Revision = 3,
                });
            }
            db.Cases.AddRange(evaluations);
            await db.SaveChangesAsync(ct);
            for (var i = 0; i < size; i++)
            {
                var k = done + i;
                var score = Math.Round(40m + (k * 37 % 600) / 10m, 1);
                var grade = grades.Count == 0 ? null : score >= 90 ? grades[0] : score >= 60 ? grades[Math.Min(1, grades.Count - 1)] : grades[^1];
                db.Evaluations.Add(new Evaluation
                {
                    Id = evaluations[i].Id, CampaignId = campaign.Id, CenterId = centers[i].Id, Score = score, Grade = grade, FinalGrade = grade,
                    Conclusion = "合成数据", ScoredAt = now,
                });
                db.EvaluationParticipants.Add(new EvaluationParticipant
                {
                    CampaignId = campaign.Id, CenterId = centers[i].Id, Included = k % 40 != 0, Reason = "认定满三年（合成数据）", Article = "第二十条",
                    Source = EvaluationParticipant.ByPack, EvaluationType = "综合评估", CaseId = evaluations[i].Id,
                });
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            done += size;
            progress?.Invoke("写入", done);
        }
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        await chain.SealPendingAsync(ct);
        progress?.Invoke("审计入链", n);
    }
}
