using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Calls;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Features.ExpertReviews;
using TechCenters.Web.Features.Notifications;
using TechCenters.Web.Features.PublicNotices;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Data.Seed;

/// <summary>
/// Demo (and test) cases mid-life, for every jurisdiction: an application at every stage of its pack's process — each
/// with the timeline of the path that led there, one in expert review whose panel has reviewed it, one waiting for a
/// panel — and recognized centers at different points of their life (approved months ago and in construction, approved
/// years ago and operating). The lead unit is the demo applicant's unit, so every role has something to open. Runs once.
/// </summary>
public sealed class DemoCases(AppDbContext db, PolicyCatalog catalog, Clock clock, IEnumerable<Features.Cases.ICaseKind> kinds)
{
    private const string Seeder = "演示数据";
    private int? receipts;

    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (await db.Centers.AnyAsync(ct)) return;
        foreach (var j in await db.Jurisdictions.AsNoTracking().OrderBy(j => j.Id).Select(j => j.Id).ToListAsync(ct))
        {
            if (!catalog.Jurisdictions.Contains(j)) continue;
            var (pack, _) = PackFor(j);
            var process = pack.Stages!;
            // The one the browser walks take through the selecting half: in expert review, no panel yet.
            await CreateInExpertReviewAsync(j, ct: ct);
            var ordinal = 1;
            foreach (var stage in process.Stages.Where(s => s.Step != StageSteps.Call && !s.IsApproval && s.Step != StageSteps.ExpertReview))
                if (!stage.IsRejection || stage == process.AllOf(StageSteps.Rejection).Last())
                    await CreateAtStageAsync(j, stage, ordinal: ordinal++, ct: ct);
            var reviewed = await CreateInExpertReviewAsync(j, ordinal: ordinal++, ct: ct);
            await ReviewedByPanelAsync(reviewed, ct);
            // Centers at different points of their life: approved recently (in construction), and years ago.
            foreach (var monthsAgo in new[] { 4, 20, 40 })
                await RecognizeAsync(await CreateInExpertReviewAsync(j, ordinal: ordinal++, ct: ct), monthsAgo, ct);
            // One more under review whose panel waits for one member: the demo expert (<short>-expert) has a review to do.
            await ReviewedByPanelAsync(await CreateInExpertReviewAsync(j, ordinal: ordinal++, ct: ct), ct, oneToCome: true);
            await DemoPool.SeedAsync(db, clock, kinds, j, ct);
            await DemoIntegrity.SeedAsync(db, clock, j, ct);
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

    /// <summary>An application (of the demo applicant's unit, or <paramref name="leadUnitId"/>) waiting in the pack's expert-review stage.</summary>
    public Task<int> CreateInExpertReviewAsync(string jurisdiction, int? leadUnitId = null, int ordinal = 0, CancellationToken ct = default)
    {
        var (pack, _) = PackFor(jurisdiction);
        return CreateAtStageAsync(jurisdiction, pack.Stages!.FirstOf(StageSteps.ExpertReview)!, leadUnitId, ordinal, ct);
    }

    /// <summary>
    /// An application brought to <paramref name="target"/> along the pack's own moves (the first path whose conditions
    /// hold for its lead unit), each move on its timeline as its actor would have made it.
    /// </summary>
    public async Task<int> CreateAtStageAsync(string jurisdiction, Stage target, int? leadUnitId = null, int ordinal = 0, CancellationToken ct = default)
    {
        var (pack, submittedAt) = PackFor(jurisdiction);
        var process = pack.Stages!;
        var short_ = DemoCatalog.Jurisdictions.FirstOrDefault(j => j.Id == jurisdiction)?.Short ?? jurisdiction;
        // Only the two units the case names are read, not every unit of the jurisdiction: the lead (the demo applicant
        // account's unit, <short>-applicant, unless one is given; else the first enterprise) and the co-builder the ordinal picks.
        var units = db.Units.AsNoTracking().Where(u => u.JurisdictionId == jurisdiction).OrderBy(u => u.Id);
        leadUnitId ??= await db.Users.Where(u => u.UserName == short_ + "-applicant").Select(u => u.UnitId).FirstOrDefaultAsync(ct);
        var lead = leadUnitId is { } leadId ? await units.FirstAsync(u => u.Id == leadId, ct) : await units.FirstAsync(u => u.Type == UnitType.Enterprise, ct);
        var coBuilder = await units.Where(u => u.Id != lead.Id && u.Type != UnitType.Enterprise).Skip(ordinal % 20).FirstAsync(ct);
        var call = await EarlierCallAsync(jurisdiction, pack, submittedAt, ct);
        var naming = SelectionSteps.Naming(pack);
        // The first field word, from one the ordinal picks, that no demo application of the jurisdiction is named for yet:
        // names read like a bureau's (沧州新能源技术创新中心), not numbered copies. Only the names this could give are read
        // (one per field word), not every application of the jurisdiction: tests call this hundreds of times on one database.
        var prefix = naming is null ? lead.Name[..Math.Min(2, lead.Name.Length)] : naming.Prefix;
        var candidates = FieldWords.Select(w => $"{prefix}{w.Word}技术创新中心").ToList();
        var taken = (await db.Applications.AsNoTracking().Where(a => a.Case.JurisdictionId == jurisdiction && candidates.Contains(a.CenterName))
            .Select(a => a.CenterName).Distinct().ToListAsync(ct)).ToHashSet();
        var start = (ordinal + lead.Id) % FieldWords.Length;
        var field = Enumerable.Range(0, FieldWords.Length).Select(k => FieldWords[(start + k) % FieldWords.Length].Word)
            .FirstOrDefault(w => !taken.Contains($"{prefix}{w}技术创新中心")) ?? FieldWords[start].Word;
        var name = $"{prefix}{field}" + (taken.Contains($"{prefix}{field}技术创新中心") ? $"（{ordinal}）" : "") + "技术创新中心";
        var facts = Facts.From(new Dictionary<string, object?> { ["lead.reports_to_bureau_directly"] = lead.DepartmentId is null });
        var path = PathTo(process, target, facts) ?? throw new InvalidOperationException($"{pack.Folder} 的流程无法到达“{target.Name}”");
        var draft = target.Step == StageSteps.Application || target.Edit.Contains(Actors.LeadUnit) && target.Step != StageSteps.PlanRevision;
        // Receipt numbers go on from the applications there are, counted once per seeding (this instance), not on every call.
        receipts ??= await db.Applications.CountAsync(ct);
        var n = receipts.Value;
        receipts = n + 1;
        var c = new Case
        {
            Kind = ProcessKinds.Application, JurisdictionId = jurisdiction, LeadUnitId = lead.Id, DepartmentId = lead.DepartmentId, Title = name,
            StageId = target.Id, Step = target.Step, PackVersion = pack.Version, PackDocument = pack.Document,
            CreatedAt = submittedAt.AddDays(-3), UpdatedAt = submittedAt.AddDays(path.Count), CreatedBy = Seeder, Revision = path.Count + 1,
            SubmittedInStage = !draft && target.Actor == Actors.LeadUnit && target.Step != StageSteps.PlanRevision,
            ClosedAt = target.Final ? submittedAt.AddDays(path.Count) : null,
            DueOn = draft ? clock.DateOf(call.ClosesAt) : null,
            Parties = draft ? [new CaseParty { UnitId = lead.Id, Role = CaseParty.Lead }]
                : [new CaseParty { UnitId = lead.Id, Role = CaseParty.Lead }, new CaseParty { UnitId = coBuilder.Id, Role = CaseParty.CoBuilder }],
        };
        c.Holder = process.HolderOf(target, facts, c.SubmittedInStage, Actors.LeadUnit);
        var app = new Application
        {
            CallId = call.Id, CenterName = name, Case = c,
            FactsJson = ApplicationFacts.ToJson(new Dictionary<string, string> { ["lead.independent_legal_person"] = "true", ["team.rd_staff"] = "28" }),
            PlanJson = ApplicationFacts.ToJson(new Dictionary<string, string>
            {
                ["建设目标"] = $"围绕{field}领域关键共性技术，建成区域一流的技术创新中心。",
                ["主要任务"] = "开展关键核心技术攻关，推动成果转化和产业化，服务中小企业技术创新。",
                ["组织管理"] = "实行理事会领导下的主任负责制，设立技术专家委员会。",
            }),
            FormJson = ApplicationFacts.ToJson(new Dictionary<string, string>
            {
                ["联系人"] = "王晓东", ["联系电话"] = "13912345678", ["电子邮箱"] = "wangxd@example.cn", ["拟任主任"] = DirectorOf(name),
            }),
            ReceiptNumber = draft ? null : $"SB{clock.DateOf(submittedAt):yyyyMMdd}-{n + 1:D6}-01", SubmittedAt = draft ? null : submittedAt, VersionCount = draft ? 0 : 1,
            CoBuilders = [new ApplicationCoBuilder { UnitId = coBuilder.Id, Region = "local", Core = true, Position = 0, WorkShare = 0.3m }],
        };
        db.Applications.Add(app);
        await db.SaveChangesAsync(ct);
        if (!draft)
            db.ApplicationVersions.Add(new ApplicationVersion
            {
                ApplicationId = app.Id, Number = 1, ReceiptNumber = app.ReceiptNumber!, IdempotencyKey = Guid.NewGuid().ToString("N"), SubmittedAt = submittedAt,
                SubmittedBy = short_ + "-applicant", StageId = process.FirstOf(StageSteps.Application)!.Id, PackVersion = pack.Version,
                FactsJson = app.FactsJson, FormJson = app.FormJson, PlanJson = app.PlanJson, CoBuildersJson = "[]",
            });
        db.Activities.Add(new ActivityEntry
        {
            CaseId = app.Id, OccurredAt = c.CreatedAt, UserName = short_ + "-applicant", Role = Roles.Applicant, Action = "创建申报书（演示数据）",
            ToStage = process.Start!.Id, ToStageName = process.Start.Name, PackVersion = pack.Version, PackDocument = pack.Document, Article = process.Start.Article,
            Note = $"申报通知：{call.Title}",
        });
        var at = c.CreatedAt;
        foreach (var t in path)
        {
            at = at.AddDays(1);
            var to = process.Stage(t.To)!;
            var (user, role) = t.Actor switch
            {
                Actors.LeadUnit => (short_ + "-applicant", Roles.Applicant),
                Actors.Department => (short_ + "-dept", Roles.DepartmentOfficer),
                Actors.Public => ("社会公众", (string?)null),
                _ => (short_ + "-bureau", Roles.BureauOfficer),
            };
            db.Activities.Add(new ActivityEntry
            {
                CaseId = app.Id, OccurredAt = at, UserName = user, Role = role,
                Action = t.Actor == Actors.LeadUnit && process.Stage(t.From)!.Step == StageSteps.Application ? "提交申报书（演示数据）"
                    : to.IsRejection ? $"{to.Name}（演示数据）" : $"转入{to.Name}（演示数据）",
                FromStage = t.From, ToStage = t.To, FromStageName = process.Stage(t.From)!.Name, ToStageName = to.Name,
                PackVersion = pack.Version, PackDocument = pack.Document, Article = t.Article,
                Note = to.IsRejection ? "经审核，申报材料不符合组建条件（演示数据）" : t.Note,
            });
        }
        await db.SaveChangesAsync(ct);
        await ExtrasAsync(app.Id, target, at, ct);
        db.ChangeTracker.Clear();
        return app.Id;
    }

    /// <summary>What a stage needs beside the case to be what it is: a notice being read, an objection to resolve.</summary>
    private async Task ExtrasAsync(int id, Stage stage, DateTimeOffset at, CancellationToken ct)
    {
        if (stage.Step != StageSteps.ObjectionReview) return;
        var app = await db.Applications.Include(a => a.Case).ThenInclude(c => c.LeadUnit).SingleAsync(a => a.Id == id, ct);
        var today = clock.Today;
        var notice = new PublicNotice
        {
            JurisdictionId = app.Case.JurisdictionId, Title = $"拟认定技术创新中心名单公示（{Policy.Calendar.ChineseDates.Format(today.AddDays(-2))}）",
            PublishedOn = today.AddDays(-2), WorkingDays = 5, EndsOn = today.AddDays(7), EndConfirmedByOfficer = true, EndBasis = "演示数据：经办人确认的截止日期",
            PublishedAt = at, PublishedBy = Seeder,
            Items = [new PublicNoticeItem { ApplicationId = id, CenterName = app.CenterName, LeadUnitName = app.Case.LeadUnit!.Name }],
        };
        db.PublicNotices.Add(notice);
        await db.SaveChangesAsync(ct);
        db.Objections.Add(new Objection
        {
            NoticeId = notice.Id, ItemId = notice.Items[0].Id, ApplicationId = id, Contact = "13800001111",
            Reason = "该中心申报材料中的研发场地面积与实际情况不符，请核查。（演示数据）", RaisedAt = at,
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The moves from the first stage to <paramref name="target"/> (breadth first, conditions as the facts say).</summary>
    private static List<Transition>? PathTo(StagesRule process, Stage target, Facts facts)
    {
        var start = process.Start!.Id;
        var prev = new Dictionary<string, Transition?> { [start] = null };
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var from = queue.Dequeue();
            if (from == target.Id) break;
            foreach (var t in process.Next(from, facts).Where(t => t.Actor != Actors.Public || process.Stage(t.To)!.Step == StageSteps.ObjectionReview))
                if (prev.TryAdd(t.To, t)) queue.Enqueue(t.To);
        }
        if (!prev.ContainsKey(target.Id)) return null;
        var path = new List<Transition>();
        for (var s = target.Id; prev[s] is { } t; s = t.From) path.Insert(0, t);
        return path;
    }

    private async Task<Call> EarlierCallAsync(string jurisdiction, PolicyPack pack, DateTimeOffset submittedAt, CancellationToken ct)
    {
        // An earlier, closed call of its own: the open demo calls stay free for the applying walk.
        const string by = "演示数据（上一批次）";
        var call = await db.Calls.Where(c => c.JurisdictionId == jurisdiction && c.PublishedBy == by).OrderBy(c => c.Id).FirstOrDefaultAsync(ct);
        if (call is not null) return call;
        call = new Call
        {
            JurisdictionId = jurisdiction, Title = $"{clock.ToLocal(submittedAt).Year}年度技术创新中心建设申报通知（上一批次）",
            PriorityFields = "新材料\n智能制造\n现代农业", Body = "请符合条件的单位按管理办法要求编制申报书和建设方案。",
            // At office hours, as a bureau would set them (not the seeding's time of day: 申报截止 15:48).
            OpensAt = At(submittedAt.AddDays(-30), 9, 0), ClosesAt = At(submittedAt.AddDays(5), 17, 30), PackVersion = pack.Version, PackDocument = pack.Document,
            PublishedAt = At(submittedAt.AddDays(-30), 9, 0), PublishedBy = by,
        };
        db.Calls.Add(call);
        await db.SaveChangesAsync(ct);
        return call;
    }

    /// <summary>
    /// A panel of the pool formed for a demo case (the panel the pack asks for, no conflicts), every member's review in, or
    /// with <paramref name="oneToCome"/> all but the demo expert login's (<c>&lt;j&gt;-expert</c>, the pool's first, when it sits on the panel).
    /// </summary>
    private async Task ReviewedByPanelAsync(int id, CancellationToken ct, bool oneToCome = false)
    {
        var app = await db.Applications.Include(a => a.Case).ThenInclude(c => c.LeadUnit).Include(a => a.CoBuilders).ThenInclude(c => c.Unit)
            .AsSplitQuery().SingleAsync(a => a.Id == id, ct);
        var pack = catalog.Versions(app.Case.JurisdictionId).First(p => p.Version == app.Case.PackVersion);
        var parties = Recusal.PartiesOf(app);
        var pool = await db.Experts.AsNoTracking().Include(e => e.Relations).Where(e => e.JurisdictionId == app.Case.JurisdictionId).OrderBy(e => e.Id).ToListAsync(ct);
        var free = pool.Where(e => Recusal.Conflict(e, parties, Recusal.Terms.Of(pack, clock.Today)) is null).ToList();
        var members = free.Where(e => e.Kind == ExpertiseKind.Technical).Take(3)
            .Concat(free.Where(e => e.Kind == ExpertiseKind.Management).Take(1)).Concat(free.Where(e => e.Kind == ExpertiseKind.Finance).Take(1)).ToList();
        if (PanelCheck.Refusal(pack, members) is not null) return;
        var formed = app.Case.UpdatedAt.AddDays(1);
        db.ExpertPanels.Add(new ExpertPanel
        {
            JurisdictionId = app.Case.JurisdictionId, Name = "演示专家组", FormedAt = formed, FormedBy = Seeder,
            Members = members.Select(m => new PanelMember { ExpertId = m.Id }).ToList(),
            Assignments = [new PanelAssignment { ApplicationId = id }],
        });
        var i = 0;
        // The member whose review is to come is the one the demo's expert login stands for (<j>-expert), if it sits on the panel.
        int? demoExpert = null;
        if (oneToCome)
        {
            var login = DemoSeeder.ExpertLogin(DemoCatalog.For(catalog).Single(j => j.Id == app.Case.JurisdictionId).Short, 1);
            demoExpert = await db.Users.Where(u => u.UserName == login).Select(u => u.ExpertId).FirstOrDefaultAsync(ct);
        }
        var toCome = members.FirstOrDefault(m => m.Id == demoExpert);
        foreach (var m in members)
        {
            db.CaseAssignments.Add(new CaseAssignment { CaseId = id, Role = CaseAssignment.ExpertRole, ExpertId = m.Id, AssignedAt = formed, AssignedBy = Seeder });
            if (m == toCome) continue;
            db.ExpertReviews.Add(new ExpertReview
            {
                ApplicationId = id, ExpertId = m.Id, Score = 78 + 3 * i++, Recommend = true, SubmittedAt = formed.AddDays(2),
                Opinion = "建设目标明确，技术路线可行，建议补充产业化指标后通过。（演示数据）",
                SiteVisit = SelectionSteps.SiteVisit(pack) == SelectionSteps.SiteVisitMode.None ? null : "实地查看研发场地和仪器设备，与申报材料一致。",
                SiteVisitOn = SelectionSteps.SiteVisit(pack) == SelectionSteps.SiteVisitMode.None ? null : clock.DateOf(formed.AddDays(1)),
            });
        }
        if (toCome is not null)
            foreach (var account in await db.Users.Where(u => u.ExpertId == toCome.Id).Select(u => u.Id).ToListAsync(ct))
                db.Notifications.Add(Notification.ToReview(account, id, app.Case.Title, formed, "科技局已将该申报分配给您评审"));
        db.Activities.Add(new ActivityEntry
        {
            CaseId = id, OccurredAt = formed, UserName = "演示数据", Action = "组建专家组", FromStage = app.Case.StageId, ToStage = app.Case.StageId,
            PackVersion = pack.Version, PackDocument = pack.Document, Note = "演示专家组：" + string.Join("、", members.Select(m => m.Name)), Audience = Audience.Bureau,
        });
        db.Activities.Add(new ActivityEntry
        {
            CaseId = id, OccurredAt = formed, UserName = "演示数据", Action = "专家评审开始", FromStage = app.Case.StageId, ToStage = app.Case.StageId,
            PackVersion = pack.Version, PackDocument = pack.Document, Note = "专家组已组建，评审进行中", Audience = Audience.Parties,
        });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>Fast-forwards a demo case to recognition <paramref name="monthsAgo"/> months ago (never in the future).</summary>
    public async Task<int> RecognizeAsync(int applicationId, int monthsAgo, CancellationToken ct = default)
    {
        var app = await db.Applications.Include(a => a.Case).ThenInclude(c => c.LeadUnit).Include(a => a.CoBuilders).ThenInclude(c => c.Unit).FirstAsync(a => a.Id == applicationId, ct);
        var pack = catalog.Versions(app.Case.JurisdictionId).First(p => p.Version == app.Case.PackVersion);
        var approval = pack.Stages!.FirstOf(StageSteps.Approval)!;
        var approvedAt = Min(clock.UtcNow.AddMonths(-monthsAgo), app.SubmittedAt!.Value.AddDays(60));
        var approvedOn = clock.DateOf(approvedAt);
        var terms = ApprovalTerms.For(pack, approvedOn);
        var years = terms.ConstructionYears;
        db.Activities.Add(new ActivityEntry
        {
            CaseId = app.Id, OccurredAt = approvedAt, UserName = "演示数据", Action = "批准（演示数据）",
            FromStage = app.Case.StageId, ToStage = approval.Id, FromStageName = pack.Stages.StageName(app.Case.StageId), ToStageName = approval.Name,
            PackVersion = pack.Version, PackDocument = pack.Document, Article = approval.Article,
        });
        app.Case.StageId = approval.Id;
        app.Case.Step = approval.Step;
        app.Case.Holder = null;
        app.Case.ClosedAt = approvedAt;
        app.Case.Revision++;
        var center = new Center
        {
            JurisdictionId = app.Case.JurisdictionId, ApplicationId = app.Id, Name = app.CenterName, LeadUnitId = app.Case.LeadUnitId!.Value, LeadUnitName = app.Case.LeadUnit!.Name,
            DepartmentId = app.Case.DepartmentId, Field = FieldWords.FirstOrDefault(f => app.CenterName.Contains(f.Word, StringComparison.Ordinal)).Field ?? "新材料",
            CoBuilders = app.CoBuilders.Select(c => new CenterCoBuilder { UnitId = c.UnitId, Core = c.Core, Position = c.Position }).ToList(),
            DirectorName = DirectorOf(app.CenterName), DirectorTitle = app.Id % 3 == 0 ? "研究员" : "正高级工程师",
            ApprovalNumber = $"演示〔{approvedOn.Year}〕{app.Id}号", ApprovedOn = approvedOn, ConstructionYears = years,
            ConstructionEndsOn = terms.ConstructionEnds,
            SubsidyYuan = SelectionSteps.Subsidy(pack) is { } s ? s.Value.Value : null,
            PackVersion = pack.Version, PackDocument = pack.Document, CreatedAt = approvedAt, CreatedBy = Seeder,
        };
        db.Centers.Add(center);
        app.Case.Center = center;
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return center.Id;
    }

    /// <summary>The words demo centers are named for, each with the technical field (所属领域) the overview groups it by.</summary>
    private static readonly (string Word, string Field)[] FieldWords =
    [
        ("新材料", "新材料"), ("智能装备", "装备制造"), ("现代农业", "现代农业"), ("生物医药", "生物医药"), ("节水灌溉", "现代农业"),
        ("食品加工", "现代农业"), ("新能源", "节能环保"), ("电子信息", "电子信息"), ("高端装备", "装备制造"), ("节能环保", "节能环保"),
        ("中医药", "生物医药"), ("现代煤化工", "新材料"), ("数字农业", "现代农业"), ("特色林果", "现代农业"), ("储能", "节能环保"),
        ("工业互联网", "电子信息"), ("绿色建材", "新材料"), ("智慧水利", "电子信息"), ("畜牧兽医", "现代农业"), ("精细化工", "新材料"),
    ];

    /// <summary>The proposed director a demo center is given, the same for its application and for the center.</summary>
    private static string DirectorOf(string centerName) =>
        Directors[(int)((uint)centerName.Aggregate(17, (h, ch) => unchecked(h * 31 + ch)) % (uint)Directors.Length)];

    private static readonly string[] Directors =
        ["李建华", "王志刚", "张海燕", "刘国栋", "陈晓明", "杨丽娟", "赵德胜", "黄文斌", "周玉梅", "吴振宇", "孙立新", "马建军", "胡晓燕", "郭永强"];

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>The local day of <paramref name="instant"/> at <paramref name="hour"/>:<paramref name="minute"/>.</summary>
    private DateTimeOffset At(DateTimeOffset instant, int hour, int minute) => clock.FromLocal(clock.DateOf(instant).ToDateTime(new TimeOnly(hour, minute)));
}
