using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Rules;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.AnnualReports;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Data.Seed;

/// <summary>
/// Demo data for running centers (after <see cref="DemoCases"/> created them): governance bodies and the director for the
/// centers recognized longest ago, one filed, a meeting, and annual reports in several states — taken through the real
/// actions (open, save, submit, the pack's review moves) as their actors would. Runs once.
/// </summary>
public sealed class DemoCenters(AppDbContext db, CaseKernel kernel, AnnualReportActions reports, MoveCase mover, Clock clock)
{
    private const string Seeder = "演示数据";

    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (await db.GovernanceBodies.AnyAsync(ct)) return;
        var centers = await db.Centers.Include(c => c.CoBuilders).Where(c => c.Status == CenterStatus.Active).OrderBy(c => c.JurisdictionId).ThenBy(c => c.ApprovedOn).ToListAsync(ct);
        foreach (var group in centers.GroupBy(c => c.JurisdictionId))
        {
            var list = group.ToList();
            var oldest = list[0];
            await GovernAsync(oldest, ct);
            var lastYear = clock.Today.Year - 1;
            // The oldest center: the year before last accepted through the whole review chain; last year's still in draft.
            if (oldest.ApprovedOn.Year <= lastYear - 1 && await OpenAsync(oldest, lastYear - 1, ct) is { } accepted)
                await WalkAsync(accepted, toEnd: true, ct);
            await OpenAsync(oldest, lastYear, ct);
            // Another center: last year's report submitted and waiting for its first reviewer.
            if (list.Count > 1 && list[1].ApprovedOn.Year <= lastYear && await OpenAsync(list[1], lastYear, ct) is { } submitted)
                await WalkAsync(submitted, toEnd: false, ct);
        }
    }

    private static UserScope Bureau(Center c) => new(null, Seeder, Roles.BureauOfficer, c.JurisdictionId, null, null, null);
    private static UserScope Unit(int unitId) => new(null, Seeder, Roles.Applicant, null, null, unitId, null);

    private async Task<int?> OpenAsync(Center c, int year, CancellationToken ct)
    {
        var r = await reports.OpenAsync(new WorkflowActor(Bureau(c), "本机", Seeder), c.Id, year, ct);
        db.ChangeTracker.Clear();
        return r.Ok ? r.CaseId : null;
    }

    /// <summary>Fill in and submit as the lead unit, then each holder passes it on (to the end, or just the submission).</summary>
    private async Task WalkAsync(int id, bool toEnd, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().FirstAsync(x => x.Id == id, ct);
        var lead = new WorkflowActor(Unit(c.LeadUnitId!.Value), "本机", Seeder);
        var pack = kernel.PackOf(c);
        var content = AnnualReportRules.Outline(pack).ToDictionary(i => i, i => (string?)$"（演示）{i}：围绕关键核心技术攻关和成果转化开展工作，各项任务按计划推进。");
        var figures = new Dictionary<string, string?>
        {
            ["annual_report.funding_government"] = "300万", ["annual_report.funding_lead"] = "500万", ["annual_report.funding_co_builders"] = "200万",
            ["annual_report.funding_other"] = "100万", ["annual_report.funding_total"] = "1100万", ["annual_report.rd_spend"] = "650万",
            ["annual_report.staff_total"] = "48", ["annual_report.rd_staff"] = "36", ["annual_report.projects"] = "12", ["annual_report.major_projects"] = "2",
            ["annual_report.ip_applications"] = "9", ["annual_report.patents_granted"] = "3", ["annual_report.standards"] = "1", ["annual_report.transfers"] = "4",
            ["annual_report.transfer_income"] = "260万", ["annual_report.services"] = "35", ["annual_report.trainees"] = "120",
        };
        if (!(await reports.SaveAsync(id, lead, c.Revision, content, figures, ct)).Ok) return;
        db.ChangeTracker.Clear();
        c = await db.Cases.AsNoTracking().FirstAsync(x => x.Id == id, ct);
        if (!(await reports.SubmitAsync(id, lead, c.Revision, Guid.NewGuid().ToString("N"), ct)).Ok) return;
        db.ChangeTracker.Clear();
        for (var i = 0; toEnd && i < 10; i++)
        {
            c = await db.Cases.AsNoTracking().Include(x => x.Parties).FirstAsync(x => x.Id == id, ct);
            if (c.Holder is not { } holder) return;
            var scope = holder switch
            {
                Actors.CoBuilders => c.Parties.FirstOrDefault(p => p.Role == CaseParty.CoBuilder) is { } p ? Unit(p.UnitId) : null,
                Actors.Department => c.DepartmentId is { } d ? new UserScope(null, Seeder, Roles.DepartmentOfficer, c.JurisdictionId, d, null, null) : null,
                Actors.Bureau => new UserScope(null, Seeder, Roles.BureauOfficer, c.JurisdictionId, null, null, null),
                _ => null,
            };
            if (scope is null) return;
            var ctx = await kernel.LoadAsync(id, new WorkflowActor(scope, "本机", Seeder), ct);
            var next = ctx?.Target(false);
            if (ctx is null || next is null) return;
            var r = await mover.MoveAsync(id, ctx.Actor, next.Id, c.Revision, "（演示）审核通过", ct);
            db.ChangeTracker.Clear();
            if (!r.Ok) return;
        }
    }

    /// <summary>Each body and the director the pack speaks of, as a plausible composition; the first filed; one council meeting.</summary>
    private async Task GovernAsync(Center c, CancellationToken ct)
    {
        var pack = kernel.PackOf(c.JurisdictionId, c.PackVersion);
        var now = clock.UtcNow;
        string[] names = ["王建国", "李红梅", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周强"];
        GovernanceBody? first = null;
        foreach (var s in GovernanceRules.Subjects(pack))
        {
            var members = s.IsDirector
                ? [new BodyMember { Name = "孙立新", Employer = c.LeadUnitName, Affiliation = "center", Title = "研究员", Role = BodyMember.Chair, FullTime = true }]
                : names.Take(s.Topic == "advisory_body" ? 7 : 5).Select((n, i) => new BodyMember
                {
                    Name = n, Employer = i == 1 ? c.LeadUnitName : $"外部单位{i + 1}", Affiliation = i == 1 ? "lead" : "external",
                    Title = i == 0 ? "教授" : "高级工程师", Role = i == 0 ? BodyMember.Chair : BodyMember.Member, Position = i,
                }).ToList();
            var body = new GovernanceBody { CenterId = c.Id, Body = s.Key, Version = 1, EstablishedOn = c.ApprovedOn.AddMonths(2), UpdatedAt = now, UpdatedBy = Seeder, Members = members };
            db.GovernanceBodies.Add(body);
            db.CenterHistory.Add(new CenterHistory { CenterId = c.Id, ChangedAt = now, ChangedBy = Seeder, Field = s.Name, To = GovernanceRules.Describe(body, pack.Env.Vocabulary), Note = "第 1 版组成" });
            if (first is null && !s.IsDirector)
            {
                first = body;
                foreach (var f in s.FiledWith)
                    db.GovernanceFilings.Add(new GovernanceFiling
                    {
                        CenterId = c.Id, Body = s.Key, Version = 1, Recipient = f.Actor, FiledOn = c.ApprovedOn.AddMonths(3), FiledAt = now, FiledBy = Seeder,
                        Composition = GovernanceRules.Describe(body, pack.Env.Vocabulary), Article = f.Article,
                    });
                db.BodyMeetings.Add(new BodyMeeting
                {
                    CenterId = c.Id, Body = s.Key, HeldOn = clock.Today.AddMonths(-2), BodyVersion = 1, MembersTotal = members.Count, Attended = members.Count,
                    Attendees = string.Join("、", members.Select(m => m.Name)), Minutes = "（演示）审议年度工作计划和经费预算。", RecordedAt = now, RecordedBy = Seeder,
                    Matters = [new MeetingMatter { Title = "年度经费预算", Major = true, VotesFor = members.Count, Passed = true }],
                });
            }
        }
        // Where the pack reads a service ledger (第十二师 附2第七部分): one service of last year, so its count shows short.
        if (CenterWork.LedgerFacts.Read(pack) && clock.Today.Year - 1 >= c.ApprovedOn.Year)
            db.ServiceLedger.Add(new ServiceLedgerEntry
            {
                CenterId = c.Id, ServedOn = new[] { new DateOnly(clock.Today.Year - 1, 6, 18), c.ApprovedOn }.Max(), Client = "（演示）某农业机械制造有限公司",
                Content = "农机关键零部件材料检测与技术咨询", Outcome = "出具检测报告，协助企业改进热处理工艺", RecordedAt = now, RecordedBy = Seeder,
            });
        await db.SaveChangesAsync(ct);
    }
}
