using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Calls;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.ExpertReviews;

/// <summary>
/// Demo (and test) cases for the selecting half: applications that have gone through the applying half and wait for
/// expert review, and one recognized center per jurisdiction for the public directory. Runs once (when no center exists).
/// </summary>
public sealed class SelectingDemo(AppDbContext db, PolicyCatalog catalog, TechCenters.Web.Infrastructure.Clock clock)
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (await db.Centers.AnyAsync(ct)) return;
        foreach (var j in await db.Jurisdictions.AsNoTracking().OrderBy(j => j.Id).Select(j => j.Id).ToListAsync(ct))
        {
            if (!catalog.Jurisdictions.Contains(j)) continue;
            await CreateInExpertReviewAsync(j, ct: ct);
            var done = await CreateInExpertReviewAsync(j, ordinal: 1, ct: ct);
            await RecognizeAsync(done, ct);
        }
    }

    /// <summary>The pack a demo case is judged by: the latest version, on a date inside its period of force.</summary>
    public (PolicyPack Pack, DateTimeOffset SubmittedAt) PackFor(string jurisdiction)
    {
        var pack = catalog.Versions(jurisdiction).Last();
        var now = clock.UtcNow;
        var last = pack.EffectiveTo is { } to ? new DateTimeOffset(to.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero).AddDays(-20) : now;
        return (pack, last < now ? last : now.AddDays(-30));
    }

    /// <summary>
    /// An application of the jurisdiction's demo applicant unit (or <paramref name="leadUnitId"/>) that was submitted,
    /// recommended (and accepted) and now waits in the pack's expert-review stage.
    /// </summary>
    public async Task<int> CreateInExpertReviewAsync(string jurisdiction, int? leadUnitId = null, int ordinal = 0, CancellationToken ct = default)
    {
        var (pack, submittedAt) = PackFor(jurisdiction);
        var stages = pack.Stages!;
        var stage = stages.FirstOf(StageSteps.ExpertReview)!;
        var units = await db.Units.AsNoTracking().Where(u => u.JurisdictionId == jurisdiction).OrderBy(u => u.Id).ToListAsync(ct);
        var applicantUnit = await db.Users.Where(u => u.JurisdictionId == jurisdiction && u.UnitId != null).OrderBy(u => u.UserName).Select(u => u.UnitId).FirstOrDefaultAsync(ct);
        var lead = units.First(u => u.Id == (leadUnitId ?? applicantUnit ?? units.First(x => x.Type == UnitType.Enterprise).Id));
        var coBuilder = units.Where(u => u.Id != lead.Id && u.Type != UnitType.Enterprise).Skip(ordinal).First();
        // An earlier, closed call of its own: the open demo calls stay free for the applying walk.
        const string by = "演示数据（上一批次）";
        var call = await db.Calls.Where(c => c.JurisdictionId == jurisdiction && c.PublishedBy == by).OrderBy(c => c.Id).FirstOrDefaultAsync(ct);
        if (call is null)
        {
            call = new Call
            {
                JurisdictionId = jurisdiction, Title = $"{submittedAt.Year}年度技术创新中心建设申报通知（上一批次）",
                PriorityFields = "新材料\n智能制造\n现代农业", Body = "请符合条件的单位按管理办法要求编制申报书和建设方案。",
                OpensAt = submittedAt.AddDays(-30), ClosesAt = submittedAt.AddDays(5), PackVersion = pack.Version, PackDocument = pack.Document,
                PublishedAt = submittedAt.AddDays(-30), PublishedBy = by,
            };
            db.Calls.Add(call);
            await db.SaveChangesAsync(ct);
        }
        var naming = SelectionSteps.Naming(pack);
        string[] fields = ["新材料", "智能装备", "现代农业", "生物医药"];
        var field = fields[(ordinal + lead.Id) % fields.Length];
        var name = naming is null ? $"{lead.Name[..Math.Min(2, lead.Name.Length)]}{field}技术创新中心" : $"{naming.Prefix}{field}技术创新中心";
        var n = await db.Applications.CountAsync(ct);
        var app = new Application
        {
            CallId = call.Id, JurisdictionId = jurisdiction, LeadUnitId = lead.Id, DepartmentId = lead.DepartmentId, CenterName = name,
            StageId = stage.Id, Step = stage.Step, Holder = stage.Actor, SubmittedInStage = true,
            PackVersion = pack.Version, PackDocument = pack.Document,
            FactsJson = "{}",
            PlanJson = ApplicationFacts.ToJson(new Dictionary<string, string>
            {
                ["建设目标"] = $"围绕{field}领域关键共性技术，建成区域一流的技术创新中心。",
                ["主要任务"] = "开展关键核心技术攻关，推动成果转化和产业化，服务中小企业技术创新。",
                ["组织管理"] = "实行理事会领导下的主任负责制，设立技术专家委员会。",
            }),
            FormJson = ApplicationFacts.ToJson(new Dictionary<string, string>
            {
                ["联系人"] = "王晓东", ["联系电话"] = "13912345678", ["电子邮箱"] = "wangxd@example.cn", ["拟任主任"] = "李建华",
            }),
            ReceiptNumber = $"SB{submittedAt:yyyyMMdd}{n + 1:D5}", SubmittedAt = submittedAt, VersionCount = 1,
            CreatedAt = submittedAt, UpdatedAt = submittedAt, CreatedBy = "演示数据", Revision = 1,
            CoBuilders = [new ApplicationCoBuilder { UnitId = coBuilder.Id, Region = "local", Core = true, Position = 0, WorkShare = 0.3m }],
        };
        db.Applications.Add(app);
        await db.SaveChangesAsync(ct);
        db.Activities.Add(new ActivityEntry
        {
            ApplicationId = app.Id, OccurredAt = submittedAt, UserName = "演示数据", Action = "申报已提交并通过推荐（演示数据）",
            ToStage = stage.Id, ToStageName = stage.Name, PackVersion = pack.Version, PackDocument = pack.Document, Article = stage.Article,
        });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return app.Id;
    }

    /// <summary>Fast-forwards a demo case to recognition (for the public directory).</summary>
    private async Task RecognizeAsync(int applicationId, CancellationToken ct)
    {
        var app = await db.Applications.Include(a => a.LeadUnit).Include(a => a.CoBuilders).ThenInclude(c => c.Unit).FirstAsync(a => a.Id == applicationId, ct);
        var pack = catalog.Versions(app.JurisdictionId).First(p => p.Version == app.PackVersion);
        var approval = pack.Stages!.FirstOf(StageSteps.Approval)!;
        var approvedOn = clock.DateOf(app.SubmittedAt!.Value.AddDays(60));
        var terms = ApprovalTerms.For(pack, approvedOn);
        var years = terms.ConstructionYears;
        db.Activities.Add(new ActivityEntry
        {
            ApplicationId = app.Id, OccurredAt = app.SubmittedAt.Value.AddDays(60), UserName = "演示数据", Action = "批准（演示数据）",
            FromStage = app.StageId, ToStage = approval.Id, ToStageName = approval.Name, PackVersion = pack.Version, PackDocument = pack.Document, Article = approval.Article,
        });
        app.StageId = approval.Id;
        app.Step = approval.Step;
        app.Holder = null;
        app.Revision++;
        db.Centers.Add(new Center
        {
            JurisdictionId = app.JurisdictionId, ApplicationId = app.Id, Name = app.CenterName, LeadUnitId = app.LeadUnitId, LeadUnitName = app.LeadUnit!.Name,
            CoBuilderNames = string.Join("\n", app.CoBuilders.Select(c => c.Unit!.Name)),
            ApprovalNumber = $"演示〔{approvedOn.Year}〕{app.Id}号", ApprovedOn = approvedOn, ConstructionYears = years,
            ConstructionEndsOn = terms.ConstructionEnds,
            SubsidyYuan = SelectionSteps.Subsidy(pack) is { } s ? s.Value.Value : null,
            PackVersion = pack.Version, PackDocument = pack.Document, CreatedAt = clock.UtcNow, CreatedBy = "演示数据",
        });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
