using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.Evaluations;
using TechCenters.Web.Features.Rectifications;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Data.Seed;

/// <summary>
/// Demo evaluations, made by the real actions as the demo accounts would: for 第十二师、新疆、沧州 last year's round with
/// confirmed results (沧州's published; rectifications opened where a grade requires one, one already reported), for
/// 万州 and 呼和浩特 this year's round under way (materials with the center, under review, scores awaiting confirmation); where the pack lets
/// experts assess (沧州), also this year's round with the demo expert: one center to score, one whose sheets are in and
/// waits for the bureau's conclusion. Where the pack has a third party score (第十二师、万州、沧州), one center of this year's
/// round waits at scoring for the demo evaluator's organisation it is entrusted to (受托评估任务). Runs once.
/// </summary>
public sealed class DemoEvaluations(AppDbContext db, EvaluationActions actions, EvaluationAssessors assessors, CaseKernel kernel, MoveCase move, RectificationActions rectifications,
    DemoCases cases, Clock clock, ILogger<DemoEvaluations> log)
{
    private static readonly string[] Completed = ["xpcc-12th-division", "xinjiang", "cangzhou"];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (await db.EvaluationCampaigns.AnyAsync(ct)) return;
        foreach (var j in DemoCatalog.Jurisdictions)
        {
            if (!kernel.Catalog.Jurisdictions.Contains(j.Id) || !await db.Centers.AnyAsync(c => c.JurisdictionId == j.Id, ct)) continue;
            try { await SeedJurisdictionAsync(j, Completed.Contains(j.Id), ct); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "演示评估数据（{J}）未能全部写入", j.Id); }
            db.ChangeTracker.Clear();
        }
    }

    private async Task<WorkflowActor?> ActorAsync(string userName, CancellationToken ct)
    {
        var u = await db.Users.AsNoTracking().FirstOrDefaultAsync(x => x.UserName == userName, ct);
        if (u is null) return null;
        var role = await db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, x => x.Id, (r, x) => x.Name).FirstAsync(ct);
        return new WorkflowActor(new UserScope(u.Id, u.UserName!, role, u.JurisdictionId, u.DepartmentId, u.UnitId, u.ExpertId), "演示数据");
    }

    private async Task SeedJurisdictionAsync(DemoCatalog.JurisdictionSeed j, bool complete, CancellationToken ct)
    {
        var bureau = await ActorAsync(j.Short + "-bureau", ct);
        var applicant = await ActorAsync(j.Short + "-applicant", ct);
        var dept = await ActorAsync(j.Short + "-dept", ct);
        var evaluatorUser = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == j.Short + "-evaluator", ct);
        if (bureau is null || applicant is null) return;
        if (evaluatorUser is not null)
            await actions.RegisterOrganisationAsync(bureau, $"{j.City}科创绩效评估咨询有限公司（演示）", [evaluatorUser.Id], ct);
        var evaluator = await ActorAsync(j.Short + "-evaluator", ct);
        var year = clock.Today.Year - (complete ? 1 : 0);
        // A first round where a third party scores has four points to show before the bureau's confirmation (materials with
        // the center, under review, entrusted and waiting for scores, scores to confirm) and the demo three centers: one more,
        // the applicant's, recognized 28 months ago (Bug 0815: the entrusted case had taken the one under review).
        if (!complete && evaluatorUser is not null && ThirdPartyScores(cases.PackFor(j.Id).Pack))
            await cases.RecognizeAsync(await cases.CreateInExpertReviewAsync(j.Id, ordinal: 94, ct: ct), 28, ct);
        var (opened, id) = await actions.OpenCampaignAsync(bureau, year, ct);
        if (!opened.Ok || id is null) return;
        // Only centers that existed in the campaign's year: a center approved since is not graded for a year before it.
        var yearEnd = new DateOnly(year, 12, 31);
        foreach (var p in await db.EvaluationParticipants.AsNoTracking().Where(p => p.CampaignId == id && !p.Included && p.Center!.ApprovedOn <= yearEnd).ToListAsync(ct))
            await actions.SetParticipationAsync(bureau, id.Value, p.CenterId, true, "演示数据：纳入本轮评估（如中心申请提前评估）", ct);
        await actions.OpenCasesAsync(bureau, id.Value, ct);
        var caseIds = await db.EvaluationParticipants.AsNoTracking().Where(p => p.CampaignId == id && p.CaseId != null).OrderBy(p => p.CenterId)
            .Select(p => p.CaseId!.Value).ToListAsync(ct);
        var org = await db.EvaluatorOrganisations.AsNoTracking().Where(o => o.JurisdictionId == j.Id).Select(o => (int?)o.Id).FirstOrDefaultAsync(ct);
        var pack = kernel.PackOf(j.Id, (await db.EvaluationCampaigns.AsNoTracking().FirstAsync(c => c.Id == id, ct)).PackVersion);
        var grades = EvaluationRules.Grades(pack);
        var entrusts = org is not null && ThirdPartyScores(pack);
        for (var i = 0; i < caseIds.Count; i++)
        {
            var cid = caseIds[i];
            // This year's round: the first center's materials still with the center, the second's under review.
            if (!complete && i == 0) continue;
            await ToScoringAsync(cid, applicant, dept, bureau, review: complete || i != 1, ct);
        }
        if (entrusts) await actions.AssignAsync(bureau, id.Value, org!.Value, [], ct);
        // Where the pack lets the department assist, it is asked to (and says something on one case); where it lets experts
        // assess, the demo expert is designated for one center (the first without a conflict), scores, and the bureau records the conclusion.
        if (Assessors.DepartmentAssist(pack) is not null && await StepAsync(() => assessors.AssistAsync(bureau, id.Value, [], ct)) && dept is not null)
            foreach (var cid in caseIds)
                if (await QuietAsync(() => assessors.NoteAsync(dept, cid, "经核实，中心报送的运行数据与本部门掌握的情况一致（演示数据）。", ct))) break;
        var expert = await ActorAsync(j.Short + "-expert", ct);
        int? assessed = null;
        if (expert?.Scope.ExpertId is { } expertId && Assessors.NoExperts(pack, pack.Process(ProcessKinds.Evaluation)!) is null)
            foreach (var cid in caseIds)
                if (await Case(cid) is { Step: StageSteps.Scoring } && await QuietAsync(() => assessors.AssignExpertsAsync(bureau, id.Value, [cid], new([expertId], null, null, Designate: true), ct)))
                { assessed = cid; break; }
        var table = EvaluationRules.Indicators(pack);
        int? waiting = null;
        for (var i = 0; i < caseIds.Count; i++)
        {
            var cid = caseIds[i];
            if (await Case(cid) is not { Step: StageSteps.Scoring } c) continue;
            // This year's round: the first case the organisation holds waits for its scores.
            if (!complete && c.Holder == Actors.ThirdParty && waiting is null) { waiting = cid; continue; }
            var scorer = c.Holder == Actors.ThirdParty ? evaluator : bureau;
            if (scorer is null) continue;
            if (cid == assessed)
            {
                var sheet = table?.Leaves.ToDictionary(l => l.Id, l => (string?)(table.MaxScore(l) * 0.92m).ToString("0.##", CultureInfo.InvariantCulture)) ?? [];
                if (!await StepAsync(() => assessors.ScoreAsync(expert!, cid, sheet, grades.FirstOrDefault(), "材料翔实，重大任务和成果转化成效突出（演示数据）。", ct))) continue;
                scorer = bureau;
            }
            // Best, middle, and the grade that has a consequence to show (rectification or revocation).
            var fraction = new[] { 0.95m, 0.78m, 0.5m }[i % 3];
            var grade = grades.Count == 0 ? null : i % 3 == 0 ? grades[0] : i % 3 == 1 ? grades[Math.Min(1, grades.Count - 1)] : grades[^1];
            if (i % 3 == 2 && grades.FirstOrDefault(g => EvaluationRules.ConsequenceOf(pack, g)?.Rectifies == true) is { } rect) grade = rect;
            var scores = table?.Leaves.ToDictionary(l => l.Id, l => (string?)(table.MaxScore(l) * fraction).ToString("0.##", CultureInfo.InvariantCulture)) ?? [];
            if (cid == assessed) scores = table?.Leaves.ToDictionary(l => l.Id, l => (string?)(table.MaxScore(l) * 0.92m).ToString("0.##", CultureInfo.InvariantCulture)) ?? [];
            await StepAsync(() => actions.ScoreAsync(scorer, cid, RevisionOf(cid), scores, cid == assessed ? grades.FirstOrDefault() : grade,
                cid == assessed ? "指派的评估专家一人评分，按其评分表记录（演示数据）。" : "依据自评价报告、证明材料和现场核查，评估组形成评估结论（演示数据）。", ct));
        }
        if (!complete) return;
        await ConfirmAsync(j, id.Value, year, pack, bureau, applicant, ct);
        // This year's round is under way: where experts may assess, one center for the demo expert to score and one whose
        // sheets are all in and waits for the bureau's conclusion; where a third party scores, one center entrusted to the
        // organisation waiting for its scores; the rest with the centers.
        var experts = expert is not null && Assessors.NoExperts(pack, pack.Process(ProcessKinds.Evaluation)!) is null ? expert : null;
        if (experts is not null || entrusts)
            await SeedThisRoundAsync(year + 1, bureau, applicant, dept, experts, org, ct);
    }

    private static bool ThirdPartyScores(PolicyPack pack) =>
        pack.Process(ProcessKinds.Evaluation)!.Stages.Any(s => s.Step == StageSteps.Scoring && s.Actor == Actors.ThirdParty);

    private async Task SeedThisRoundAsync(int year, WorkflowActor bureau, WorkflowActor applicant, WorkflowActor? dept, WorkflowActor? expert, int? org, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var (opened, id) = await actions.OpenCampaignAsync(bureau, year, ct);
        if (!opened.Ok || id is null) { log.LogWarning("演示评估数据：{M}", opened.Message); return; }
        foreach (var p in await db.EvaluationParticipants.AsNoTracking().Where(p => p.CampaignId == id && !p.Included).ToListAsync(ct))
            await actions.SetParticipationAsync(bureau, id.Value, p.CenterId, true, "演示数据：纳入本轮评估（如中心申请提前评估）", ct);
        await actions.OpenCasesAsync(bureau, id.Value, ct);
        var caseIds = await db.EvaluationParticipants.AsNoTracking().Where(p => p.CampaignId == id && p.CaseId != null).OrderBy(p => p.CenterId)
            .Select(p => p.CaseId!.Value).ToListAsync(ct);
        var pack = kernel.PackOf(bureau.Scope.JurisdictionId!, (await db.EvaluationCampaigns.AsNoTracking().FirstAsync(c => c.Id == id, ct)).PackVersion);
        var table = EvaluationRules.Indicators(pack);
        var grades = EvaluationRules.Grades(pack);
        var toScore = 0;
        var scored = 0;
        var touched = new List<int>();
        foreach (var cid in caseIds)
        {
            if (expert is null) break;
            if (toScore == 1 && scored == 1) break; // the rest stay with the center
            touched.Add(cid);
            if (!await ToScoringAsync(cid, applicant, dept, bureau, review: true, ct)) continue;
            if (!await QuietAsync(() => assessors.AssignExpertsAsync(bureau, id.Value, [cid], new([expert.Scope.ExpertId!.Value], null, null, Designate: true), ct))) continue;
            if (toScore == 0) { toScore++; continue; }
            var sheet = table?.Leaves.ToDictionary(l => l.Id, l => (string?)(table.MaxScore(l) * 0.93m).ToString("0.##", CultureInfo.InvariantCulture)) ?? [];
            if (await StepAsync(() => assessors.ScoreAsync(expert, cid, sheet, grades.FirstOrDefault(), "研发投入和成果转化成效较好，开放共享有待加强（演示数据）。", ct))) scored++;
        }
        // The next center's materials pass review and the case is entrusted to the organisation, which has yet to score it.
        if (org is null || !ThirdPartyScores(pack)) return;
        foreach (var cid in caseIds.Except(touched))
            if (await ToScoringAsync(cid, applicant, dept, bureau, review: true, ct))
            {
                await StepAsync(() => actions.AssignAsync(bureau, id.Value, org.Value, [cid], ct));
                break;
            }
    }

    /// <summary>The center submits its materials and (with <paramref name="review"/>) every reviewer passes them: the case waits for scoring.</summary>
    private async Task<bool> ToScoringAsync(int cid, WorkflowActor applicant, WorkflowActor? dept, WorkflowActor bureau, bool review, CancellationToken ct)
    {
        if (!await StepAsync(() => actions.SubmitMaterialsAsync(applicant, cid, RevisionOf(cid), DemoSelfEvaluation, "1. 年度运行数据统计表\n2. 知识产权证书清单\n3. 成果转化合同", true, ct))) return false;
        if (!review) return false;
        while (await Case(cid) is { Step: StageSteps.Review } c)
        {
            var actor = c.Holder == Actors.Department ? dept : bureau;
            if (actor is null) break;
            var ctx = await kernel.LoadAsync(cid, actor, ct);
            if (ctx?.Target(false) is not { } to || !await StepAsync(() => move.MoveAsync(cid, actor, to.Id, RevisionOf(cid), "材料完整、真实，同意报送。", ct))) break;
        }
        return await Case(cid) is { Step: StageSteps.Scoring };
    }

    private async Task ConfirmAsync(DemoCatalog.JurisdictionSeed j, int campaignId, int year, PolicyPack pack, WorkflowActor bureau, WorkflowActor applicant, CancellationToken ct)
    {
        var id = (int?)campaignId;
        var quota = EvaluationRules.CheckQuota(pack, await db.Evaluations.AsNoTracking().Where(e => e.CampaignId == id).Select(e => e.Grade).ToListAsync(ct));
        var lowered = quota is { Exceeded: true }
            ? await db.Evaluations.AsNoTracking().Where(e => e.CampaignId == id && e.Grade == quota.Rule.Grade).OrderBy(e => e.Score).Take(quota.Count - quota.Allowed).Select(e => e.Id).ToListAsync(ct)
            : [];
        var confirmed = await actions.ConfirmAsync(bureau, id.Value, $"{year + 1}年1月局长办公会研究确定（演示数据）",
            new(lowered, lowered.Count > 0 ? "优秀名额所限，按得分排序确定（演示数据）" : null), ct);
        if (!confirmed.Ok) { log.LogWarning("演示评估结果未能确认（{J}）：{M}", j.Id, confirmed.Message); return; }
        if (EvaluationActions.Publication(pack) is not null) await actions.PublishAsync(bureau, id.Value, ct);
        // One rectification already reported, waiting for the re-check.
        var rectification = await db.Cases.AsNoTracking().Where(c => c.JurisdictionId == j.Id && c.Kind == ProcessKinds.Rectification).OrderBy(c => c.Id).FirstOrDefaultAsync(ct);
        if (rectification is not null && j.Id == "xinjiang")
            await rectifications.SubmitAsync(applicant, rectification.Id, rectification.Revision, "已按评估意见完成整改：完善了理事会议事规则，新增研发人员 6 名，研发投入同比增长 18%（演示数据）。", ct);
    }

    private const string DemoSelfEvaluation = "一、基本情况\n中心按建设方案推进各项任务，运行机制健全。\n二、年度建设运行情况\n承担省级以上科技项目 3 项，攻克关键技术 2 项，转化科技成果 5 项，培养青年科技人才 12 名，对外开放服务 40 余次。\n三、存在的问题与下一步计划\n进一步加强产学研协同。";

    private int RevisionOf(int id) => db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => c.Revision).First();
    private Task<Case?> Case(int id) => db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id);

    /// <summary>A step tried on several cases until one fits (a refusal is expected, not logged).</summary>
    private async Task<bool> QuietAsync(Func<Task<WorkflowResult>> step)
    {
        db.ChangeTracker.Clear();
        return (await step()).Ok;
    }

    private async Task<bool> StepAsync(Func<Task<WorkflowResult>> step)
    {
        db.ChangeTracker.Clear();
        var r = await step();
        if (!r.Ok) log.LogWarning("演示评估数据：{M}", r.Message);
        return r.Ok;
    }
}
