using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Features.Rectifications;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Features.Evaluations;

/// <summary>
/// The actions of an evaluation round: open a campaign (participants by the pack, with reasons), add or exclude a center
/// with a recorded reason, open the centers' evaluation cases (materials), entrust evaluators, score, confirm results
/// (quota, consequences, rectifications) and publish. Case changes go through the kernel; campaign rows are audited.
/// </summary>
public sealed class EvaluationActions(AppDbContext db, CaseKernel kernel, AuditLog audit, Clock clock)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private async Task<WorkflowResult> AuditedAsync(WorkflowActor actor, string action, int? campaignId, WorkflowResult result, string detail, CancellationToken ct)
    {
        await audit.AppendAsync(actor.Scope.UserId, actor.Scope.UserName, actor.ClientAddress,
            new AuditRecord(action, result.Ok ? AuditOutcome.Success : result.Status == WorkflowStatus.Forbidden ? AuditOutcome.Denied : AuditOutcome.Failure,
                "绩效评估工作", campaignId?.ToString(), result.Ok ? detail : $"HTTP {result.HttpStatus}：{result.Message}"), ct);
        return result;
    }

    /// <summary>The campaign the account may act on as the bureau (its jurisdiction), or null (a 404).</summary>
    public Task<EvaluationCampaign?> CampaignForBureauAsync(UserScope s, int id, CancellationToken ct) =>
        s.Role == Roles.BureauOfficer && s.JurisdictionId is { } j
            ? db.EvaluationCampaigns.Include(c => c.Participants).ThenInclude(p => p.Center).AsSplitQuery().FirstOrDefaultAsync(c => c.Id == id && c.JurisdictionId == j, ct)
            : Task.FromResult<EvaluationCampaign?>(null);

    /// <summary>The years a round can be opened for: any past year (补评) up to next year's.</summary>
    public YearRange RoundYears => YearRange.UpTo(clock.Today.Year + 1);

    /// <summary>
    /// The version a round opened today is opened under, as the 评估 page describes it: the one in force today, else the
    /// one nearest to it (新疆's has expired; it still governs its centers). Null for a jurisdiction without a pack.
    /// </summary>
    public PolicyPack? PackForNewRound(string jurisdiction) => kernel.Catalog.For(jurisdiction, clock.Today).Nearest;

    /// <summary>启动评估: the campaign for a year, each center of the jurisdiction listed with the pack's reason.</summary>
    public async Task<(WorkflowResult Result, int? Id)> OpenCampaignAsync(WorkflowActor actor, int year, CancellationToken ct = default)
    {
        const string action = "启动绩效评估";
        var s = actor.Scope;
        if (s.Role != Roles.BureauOfficer || s.JurisdictionId is not { } j)
            return (await AuditedAsync(actor, action, null, new(WorkflowStatus.Forbidden, "启动绩效评估应由科技主管部门办理，您无权办理。"), "", ct), null);
        if (!RoundYears.Contains(year))
            return (await AuditedAsync(actor, action, null, new(WorkflowStatus.Invalid, RoundYears.Refusal("评估年度")), "", ct), null);
        if (await db.EvaluationCampaigns.AnyAsync(c => c.JurisdictionId == j && c.Year == year, ct))
            return (await AuditedAsync(actor, action, null, new(WorkflowStatus.Conflict, $"{year}年度的绩效评估已经启动，不能重复启动。"), "", ct), null);
        var pack = PackForNewRound(j);
        if (pack is null || pack.Process(ProcessKinds.Evaluation) is null)
            return (await AuditedAsync(actor, action, null, new(WorkflowStatus.Conflict, "适用的管理办法未规定绩效评估流程，不能启动。"), "", ct), null);
        var centers = await db.Centers.AsNoTracking().Where(c => c.JurisdictionId == j && c.Status != CenterStatus.Revoked).OrderBy(c => c.Id).ToListAsync(ct);
        var campaign = new EvaluationCampaign
        {
            JurisdictionId = j, Year = year, Title = $"{year}年度技术创新中心绩效评估", PackVersion = pack.Version, PackDocument = pack.Document,
            OpenedAt = clock.UtcNow, OpenedBy = s.UserName, Revision = 1,
        };
        foreach (var c in centers)
        {
            var p = EvaluationRules.For(pack, c.ApprovedOn, year);
            campaign.Participants.Add(new EvaluationParticipant
            {
                CenterId = c.Id, Included = p.Included, Reason = p.Reason, Article = p.Article, Source = EvaluationParticipant.ByPack, EvaluationType = p.Type,
            });
        }
        db.EvaluationCampaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        var n = campaign.Participants.Count(p => p.Included);
        var r = new WorkflowResult(WorkflowStatus.Ok, $"已启动{campaign.Title}：按{pack.Document}须参评 {n} 家，共列出 {centers.Count} 家。");
        return (await AuditedAsync(actor, action, campaign.Id, r, $"{campaign.Title}；{pack.Document}（{pack.Version}）；须参评 {n} 家", ct), campaign.Id);
    }

    /// <summary>增列或不列入参评: the bureau's change to the pack's list, only with a reason (kept with who and when).</summary>
    public async Task<WorkflowResult> SetParticipationAsync(WorkflowActor actor, int campaignId, int centerId, bool include, string? reason, CancellationToken ct = default)
    {
        var action = include ? "增列参评中心" : "不列入参评";
        var campaign = await CampaignForBureauAsync(actor.Scope, campaignId, ct);
        if (campaign is null) return await AuditedAsync(actor, action, campaignId, WorkflowResult.NotFound("评估工作"), "", ct);
        var p = campaign.Participants.FirstOrDefault(x => x.CenterId == centerId);
        WorkflowResult? refused =
            p is null ? WorkflowResult.NotFound("该中心")
            : campaign.Status != CampaignStatus.Open ? new(WorkflowStatus.Conflict, "评估结果已确认，不能再调整参评范围。")
            : p.CaseId is not null ? new(WorkflowStatus.Conflict, "该中心的评估材料已开始报送，不能再调整其参评。")
            : p.Included == include ? new(WorkflowStatus.Conflict, include ? "该中心已在参评范围内。" : "该中心已不在参评范围内。")
            : string.IsNullOrWhiteSpace(reason) ? new(WorkflowStatus.Invalid, include ? "增列参评中心须填写理由（如万州提前评估的申请）。" : "不列入参评须填写理由。")
            : reason.Trim().Length > 1000 ? new(WorkflowStatus.Invalid, "理由不能超过 1000 字。")
            : null;
        if (refused is not null) return await AuditedAsync(actor, action, campaignId, refused, "", ct);
        p!.Included = include;
        p.Reason = (include ? "科技局增列：" : "科技局不列入：") + reason!.Trim();
        p.Source = EvaluationParticipant.ByBureau;
        p.Article = null;
        p.ChangedBy = actor.Scope.UserName;
        p.ChangedAt = clock.UtcNow;
        campaign.Revision++;
        await db.SaveChangesAsync(ct);
        return await AuditedAsync(actor, action, campaignId, new(WorkflowStatus.Ok, $"已{action}：{p.Center!.Name}。"), $"{p.Center!.Name}：{reason.Trim()}", ct);
    }

    /// <summary>
    /// 通知报送评估材料: an evaluation case for each included center without one, in the process's first stage with the
    /// center, its self-evaluation pre-filled from the center record and its latest accepted annual report (source named).
    /// </summary>
    public async Task<WorkflowResult> OpenCasesAsync(WorkflowActor actor, int campaignId, CancellationToken ct = default)
    {
        const string action = "通知报送评估材料";
        var campaign = await CampaignForBureauAsync(actor.Scope, campaignId, ct);
        if (campaign is null) return await AuditedAsync(actor, action, campaignId, WorkflowResult.NotFound("评估工作"), "", ct);
        if (campaign.Status != CampaignStatus.Open)
            return await AuditedAsync(actor, action, campaignId, new(WorkflowStatus.Conflict, "评估结果已确认，不能再开启评估事项。"), "", ct);
        // In the centers' order, so case numbers follow the participant list whatever order the database returns rows in.
        var pending = campaign.Participants.Where(p => p.Included && p.CaseId is null).OrderBy(p => p.CenterId).ToList();
        if (pending.Count == 0)
            return await AuditedAsync(actor, action, campaignId, new(WorkflowStatus.Conflict, "没有待通知的参评中心。"), "", ct);
        var pack = kernel.PackOf(campaign.JurisdictionId, campaign.PackVersion);
        var process = CaseKernel.ProcessOf(pack, ProcessKinds.Evaluation);
        var start = process.Start!;
        var centerIds = pending.Select(p => p.CenterId).ToList();
        var centers = await db.Centers.AsNoTracking().Include(c => c.CoBuilders).ThenInclude(b => b.Unit).AsSplitQuery()
            .Where(c => centerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var reports = await Prefill.LatestAcceptedAsync(db, centerIds, campaign.Year, ct);
        var opened = new List<NewCase>();
        var details = new List<(EvaluationParticipant P, Evaluation E)>();
        foreach (var p in pending)
        {
            var center = centers[p.CenterId];
            var c = new Case
            {
                Kind = ProcessKinds.Evaluation, JurisdictionId = campaign.JurisdictionId, DepartmentId = center.DepartmentId, LeadUnitId = center.LeadUnitId,
                ApplicationId = center.ApplicationId, CenterId = center.Id, Title = $"{campaign.Year}年度绩效评估：{center.Name}",
                PackVersion = campaign.PackVersion, PackDocument = campaign.PackDocument, StageId = start.Id, Step = start.Step,
            };
            c.Holder = process.HolderOf(start, EvaluationKind.FactsOf(c), false, CaseContext.FilerOf(process));
            var e = new Evaluation
            {
                Case = c, CampaignId = campaign.Id, CenterId = center.Id,
                SelfEvaluation = Prefill.SelfEvaluation(center, campaign.Year, reports.GetValueOrDefault(center.Id), pack),
                PrefillSource = Prefill.Source(reports.GetValueOrDefault(center.Id)),
            };
            opened.Add(new NewCase(c, e, action, $"{campaign.Title}：请按{pack.Document}报送评估材料（{p.Reason}）", start.Article, Audience.Parties)
            {
                Parties = [new CaseParty { UnitId = center.LeadUnitId, Role = CaseParty.Lead }],
            });
            details.Add((p, e));
        }
        var result = await kernel.FinishAsync(actor, action, null, new Decision($"已通知 {opened.Count} 家中心报送评估材料。") { Open = opened }, ct);
        if (result.Ok)
        {
            foreach (var (p, e) in details) p.CaseId = e.Id;
            campaign.Revision++;
            await db.SaveChangesAsync(ct);
        }
        return result;
    }

    /// <summary>委托评估机构: the chosen cases (in this campaign) are assigned to an organisation; its accounts then see them.</summary>
    public async Task<WorkflowResult> AssignAsync(WorkflowActor actor, int campaignId, int organisationId, IReadOnlyCollection<int> caseIds, CancellationToken ct = default)
    {
        const string action = "委托评估机构";
        var campaign = await CampaignForBureauAsync(actor.Scope, campaignId, ct);
        if (campaign is null) return await AuditedAsync(actor, action, campaignId, WorkflowResult.NotFound("评估工作"), "", ct);
        var org = await db.EvaluatorOrganisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId && o.JurisdictionId == campaign.JurisdictionId, ct);
        if (org is null) return await AuditedAsync(actor, action, campaignId, new(WorkflowStatus.Invalid, "请选择本辖区登记的评估机构。"), "", ct);
        var ids = caseIds.Count > 0 ? caseIds.ToList() : campaign.Participants.Where(p => p.CaseId is not null).Select(p => p.CaseId!.Value).ToList();
        if (ids.Count == 0) return await AuditedAsync(actor, action, campaignId, new(WorkflowStatus.Invalid, "请先通知中心报送评估材料，再委托评估机构。"), "", ct);
        if (ids.Any(id => campaign.Participants.All(p => p.CaseId != id)))
            return await AuditedAsync(actor, action, campaignId, WorkflowResult.NotFound("评估事项"), "", ct);
        var already = await db.CaseAssignments.Where(a => ids.Contains(a.CaseId) && a.OrganisationId == org.Id && a.EndedAt == null).Select(a => a.CaseId).ToListAsync(ct);
        // Its accounts still in use are told (a stopped account reads nothing).
        var inUse = db.Users.Active();
        var members = await db.EvaluatorMembers.AsNoTracking().Where(m => m.OrganisationId == org.Id)
            .Where(m => inUse.Any(u => u.Id == m.UserId)).Select(m => m.UserId).ToListAsync(ct);
        var now = clock.UtcNow;
        return await kernel.RunManyAsync(ids, actor, action, (contexts, _) =>
        {
            var scorer = contexts.Select(c => c.Process.Stages.FirstOrDefault(s => s.Step == StageSteps.Scoring)?.Actor).FirstOrDefault();
            if (scorer != Actors.ThirdParty)
                return Task.FromResult<CaseOutcome>(Refusal.Conflict($"{contexts[0].Pack.Document}未规定委托第三方评估机构评分，评分由{contexts[0].ActorName(scorer ?? Actors.Bureau)}办理。"));
            // Who scores is who holds the scoring (MayScore): a case the experts hold is not entrusted to an organisation that
            // could then not score it — refused when chosen, left out (and said) when the whole campaign is entrusted.
            var held = contexts.Where(c => c.Case.Holder == Actors.ExpertPanel).ToList();
            var expertsArticle = Assessors.ExpertConclusion(contexts[0].Process)?.Article;
            if (caseIds.Count > 0 && held.Count > 0)
                return Task.FromResult<CaseOutcome>(Refusal.Conflict(
                    $"{string.Join("、", held.Take(5).Select(c => $"“{c.Case.Title}”"))}已指派{contexts[0].ActorName(Actors.ExpertPanel)}评分（{expertsArticle}），不能再委托评估机构。", expertsArticle));
            var fresh = contexts.Where(c => !already.Contains(c.Case.Id) && !held.Contains(c)).ToList();
            if (fresh.Count == 0) return Task.FromResult<CaseOutcome>(Refusal.Conflict(held.Count > 0 ? $"其余评估事项已指派{contexts[0].ActorName(Actors.ExpertPanel)}评分，没有可委托的评估事项。" : $"所选评估事项已委托{org.Name}。"));
            var article = contexts[0].Process.Stages.First(s => s.Step == StageSteps.Scoring).Article;
            return Task.FromResult<CaseOutcome>(new Decision($"已将 {fresh.Count} 家中心的评估委托{org.Name}。" + (held.Count > 0 ? $"另有 {held.Count} 家已指派{contexts[0].ActorName(Actors.ExpertPanel)}评分，未委托。" : ""))
            {
                Steps = fresh.Select(c => new CaseStep(c, action, $"委托{org.Name}评估", article) { Audience = Audience.Bureau | Audience.Reviewers }).ToList(),
                Add = fresh.Select(c => (object)new CaseAssignment
                {
                    CaseId = c.Case.Id, Role = CaseAssignment.EvaluatorRole, OrganisationId = org.Id, AssignedAt = now, AssignedBy = actor.Scope.UserName,
                }).Concat(members.Select(u => (object)new Notifications.Notification
                {
                    UserId = u, Kind = Notifications.NotificationKinds.Assigned, Title = $"{campaign.Title}：受托评估 {fresh.Count} 家中心",
                    Link = $"/Evaluations", CreatedAt = now,
                })).ToList(),
            });
        }, ct);
    }

    public const string WithdrawEntrustment = "撤回委托";

    /// <summary>
    /// 撤回委托: the bureau ends the entrustment of a case it gave an evaluator organisation (or account), with a reason kept on
    /// the assignment, the timeline and the audit log. The organisation no longer reads the case; what it recorded stays.
    /// </summary>
    public Task<WorkflowResult> WithdrawEntrustmentAsync(WorkflowActor actor, int id, string? reason, CancellationToken ct = default) =>
        kernel.RunAsync(id, actor, null, WithdrawEntrustment, async (ctx, token) =>
            DecideWithdrawEntrustment(ctx, await EvaluationKind.EntrustedOnAsync(db, [id], token), reason), ct); // tracked: the decision ends them

    public static CaseOutcome DecideWithdrawEntrustment(CaseContext ctx, IReadOnlyList<EvaluationKind.Entrustment> open, string? reason)
    {
        if (ctx.As(Actors.Bureau, WithdrawEntrustment) is { } notMine) return notMine;
        if (ctx.Case.ClosedAt is not null) return Refusal.Conflict("该中心的评估已办结，不能撤回委托。");
        if (open.Count == 0) return Refusal.Conflict("该评估事项目前没有委托评估机构，无需撤回。");
        var why = reason?.Trim();
        if (string.IsNullOrEmpty(why)) return Refusal.Invalid("请填写撤回委托的理由。");
        if (why.Length > 1000) return Refusal.Invalid("撤回委托的理由不能超过 1000 字。");
        var who = string.Join("、", open.Select(e => e.Name).Distinct());
        var note = $"撤回对{who}的委托：{why}";
        return new Decision($"已撤回对{who}的委托。")
        {
            Steps = [new CaseStep(ctx, WithdrawEntrustment, note, null) { Audience = Audience.Bureau | Audience.Reviewers }],
            Apply = open.Select(e => (Action)(() => { e.Assignment.EndedAt = ctx.Now; e.Assignment.EndReason = $"科技局撤回委托：{why}"; })).ToList(),
        };
    }

    /// <summary>登记评估机构: an organisation of the jurisdiction and the evaluator accounts that act for it (each belongs to one).</summary>
    public async Task<WorkflowResult> RegisterOrganisationAsync(WorkflowActor actor, string? name, IReadOnlyCollection<string> memberIds, CancellationToken ct = default)
    {
        const string action = "登记评估机构";
        var s = actor.Scope;
        if (s.Role != Roles.BureauOfficer || s.JurisdictionId is not { } j)
            return await AuditedAsync(actor, action, null, new(WorkflowStatus.Forbidden, "登记评估机构应由科技主管部门办理，您无权办理。"), "", ct);
        var n = name?.Trim();
        if (string.IsNullOrEmpty(n) || n.Length > 200) return await AuditedAsync(actor, action, null, new(WorkflowStatus.Invalid, "请填写评估机构名称（不超过 200 字）。"), "", ct);
        if (await db.EvaluatorOrganisations.AnyAsync(o => o.JurisdictionId == j && o.Name == n, ct))
            return await AuditedAsync(actor, action, null, new(WorkflowStatus.Conflict, $"评估机构“{n}”已登记。"), "", ct);
        var ids = memberIds.Distinct().ToList();
        var valid = await db.Users.Where(u => ids.Contains(u.Id) && u.JurisdictionId == j
                && db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(x => x.Id == r.RoleId && x.Name == Roles.Evaluator))
                && !db.EvaluatorMembers.Any(m => m.UserId == u.Id)).Select(u => u.Id).ToListAsync(ct);
        if (valid.Count != ids.Count)
            return await AuditedAsync(actor, action, null, new(WorkflowStatus.Invalid, "所选账号须为本辖区尚未归属评估机构的评估机构账号。"), "", ct);
        var org = new EvaluatorOrganisation { JurisdictionId = j, Name = n, CreatedAt = clock.UtcNow, CreatedBy = s.UserName };
        db.EvaluatorOrganisations.Add(org);
        await db.SaveChangesAsync(ct);
        db.EvaluatorMembers.AddRange(valid.Select(u => new EvaluatorMember { OrganisationId = org.Id, UserId = u }));
        await db.SaveChangesAsync(ct);
        return await AuditedAsync(actor, action, null, new(WorkflowStatus.Ok, $"已登记评估机构“{n}”（{valid.Count} 个账号）。"), n, ct);
    }

    /// <summary>提交评估材料: the center's self-evaluation (required) and evidence, then the pack's next move.</summary>
    public Task<WorkflowResult> SubmitMaterialsAsync(WorkflowActor actor, int id, int revision, string? selfEvaluation, string? evidence, bool submit, CancellationToken ct = default) =>
        kernel.RunAsync(id, actor, revision, submit ? "提交评估材料" : "保存评估材料", (ctx, _) => Task.FromResult(DecideMaterials(ctx, selfEvaluation, evidence, submit)), ct);

    public static CaseOutcome DecideMaterials(CaseContext ctx, string? selfEvaluation, string? evidence, bool submit)
    {
        if (ctx.Editable() is { } refused) return refused;
        var text = selfEvaluation?.Trim();
        if (string.IsNullOrEmpty(text)) return Refusal.Invalid("请填写自评价报告。", ctx.Stage.Article);
        if (text.Length > 20000) return Refusal.Invalid("自评价报告不能超过 20000 字。", ctx.Stage.Article);
        var ev = evidence?.Trim();
        if (ev is { Length: > 4000 }) return Refusal.Invalid("证明材料清单不能超过 4000 字。", ctx.Stage.Article);
        var e = ctx.DetailAs<Evaluation>();
        Action apply = () => { e.SelfEvaluation = text; e.Evidence = string.IsNullOrEmpty(ev) ? null : ev; };
        if (!submit)
            return new Decision("评估材料已保存。") { Steps = [new CaseStep(ctx, "保存评估材料", null, ctx.Stage.Article) { OnTimeline = false }], Apply = [apply] };
        var target = ctx.Target(rejection: false);
        if (target is null) return Refusal.Conflict($"该{ctx.What}当前不能提交。", ctx.Stage.Article);
        var (move, refusedMove) = ctx.Move(target.Id, null);
        if (refusedMove is not null) return refusedMove;
        return new Decision($"评估材料已提交，转{ctx.Name(target)}。")
        {
            Steps = [new CaseStep(ctx, "提交评估材料", null, move!.Article, target) { ClearReturn = true, Audience = Audience.Parties }],
            Apply = [apply],
        };
    }

    /// <summary>评分: the indicator scores (or, without a scoring rule, the grade and its reasons) graded by the library.</summary>
    public Task<WorkflowResult> ScoreAsync(WorkflowActor actor, int id, int? revision, IReadOnlyDictionary<string, string?> scores, string? grade, string? conclusion,
        CancellationToken ct = default) =>
        kernel.RunAsync(id, actor, revision, "提交评分", (ctx, _) => Task.FromResult(DecideScore(ctx, scores, grade, conclusion)), ct);

    public static CaseOutcome DecideScore(CaseContext ctx, IReadOnlyDictionary<string, string?> typed, string? grade, string? conclusion)
    {
        if (MayScore(ctx) is { } refused) return refused;
        // Where the pack lets experts assess, the move that records their conclusion is open once every assigned expert has
        // scored (Assessors.SheetsFact); the pack is silent on combining their sheets, so the conclusion states how.
        var experts = Assessors.ExpertConclusion(ctx.Process) is { } c && ctx.Facts.Bool(Assessors.ExpertsFact) == true && ctx.Relation.ActsAs(c.Actor) ? c : null;
        var move = ctx.Process.Next(ctx.Case.StageId, ctx.Facts).FirstOrDefault(t => ctx.Relation.ActsAs(t.Actor));
        if (move is null) return Refusal.Conflict("尚未指派评估专家，或指派的专家尚未全部提交评分表，不能记录评估结论。", experts?.Article);
        if (experts is not null && string.IsNullOrWhiteSpace(conclusion))
            return Refusal.Invalid($"请填写评估结论与理由，说明依据各专家评分表如何确定评估得分（{ctx.Pack.Document}未规定多名专家的评分如何合成）。", experts.Article);
        var (g, error) = Score(ctx.Pack, typed, grade, conclusion);
        if (error is not null) return Refusal.Invalid(error, ctx.Stage.Article);
        var target = ctx.Process.Stage(move.To)!;
        var e = ctx.DetailAs<Evaluation>();
        var who = ctx.Actor.Scope.UserName;
        var note = (experts is null ? "" : "依各专家评分表记录：") + (g.Score is { } s ? $"得分 {s:0.##}，等级“{g.Grade}”" : $"评估等级“{g.Grade}”");
        return new Decision($"评分已提交：{note}。")
        {
            Steps = [new CaseStep(ctx, "提交评分", note, move.Article, target)
                { Audience = Audience.Bureau | Audience.Reviewers, Verdict = ("评分", g.Verdict!, null) }],
            Apply = [() =>
            {
                e.ScoresJson = g.Scores is null ? null : JsonSerializer.Serialize(g.Scores, Json);
                e.Score = g.Score; e.Grade = g.Grade; e.Conclusion = string.IsNullOrWhiteSpace(conclusion) ? null : conclusion.Trim();
                e.ScoredBy = who; e.ScoredAt = ctx.Now;
            }],
        };
    }

    /// <summary>
    /// Who scores an evaluation case is who holds its scoring step, nothing else: the stage's actor (the entrusted third party,
    /// or the bureau where the pack has it score); the assigned experts while their sheets are due, then the actor of the pack's
    /// move recording their conclusion (<see cref="EvaluationKind.Holder"/>). Every way in — the case page, the XLSX upload,
    /// the list of what an account may score — asks this. Pure: 409 outside scoring (and for the conclusion's recorder while
    /// sheets are due), 403 with the article for anyone else — an organisation entrusted with a case the experts hold.
    /// </summary>
    public static Refusal? MayScore(CaseContext ctx)
    {
        if (ctx.InStep("评分", StageSteps.Scoring) is { } notNow) return notNow;
        var holder = ctx.Case.Holder ?? ctx.Stage.Actor;
        if (ctx.Relation.ActsAs(holder)) return null;
        if (holder == Actors.ExpertPanel && Assessors.ExpertConclusion(ctx.Process) is { } experts)
            return ctx.Relation.ActsAs(experts.Actor)
                ? Refusal.Conflict("指派的评估专家尚未全部提交评分表，不能记录评估结论。", experts.Article)
                : Refusal.Forbidden($"该中心的评估已指派{ctx.ActorName(Actors.ExpertPanel)}评分（{experts.Article}），评分应由指派的{ctx.ActorName(Actors.ExpertPanel)}办理，您无权评分。", experts.Article);
        return Refusal.Forbidden($"该中心的评分应由{ctx.ActorName(holder)}办理（{ctx.Stage.Article}），您无权评分。", ctx.Stage.Article);
    }

    public sealed record ScoreResult(Dictionary<string, decimal>? Scores, decimal? Score, string? Grade, Verdict? Verdict);

    /// <summary>
    /// Pure: the typed scores (or grade) graded, or the Chinese error. Without <paramref name="reasons"/> (checking a whole
    /// score sheet before it is imported) the library's batch path grades the scores: the same total and grade, no verdict.
    /// </summary>
    public static (ScoreResult Result, string? Error) Score(PolicyPack pack, IReadOnlyDictionary<string, string?> typed, string? grade, string? conclusion, bool reasons = true)
    {
        var empty = new ScoreResult(null, null, null, null);
        if (conclusion is { Length: > 4000 }) return (empty, "评估结论不能超过 4000 字。");
        Dictionary<string, decimal>? scores = null;
        if (EvaluationRules.Indicators(pack) is { } table)
        {
            var (parsed, error) = EvaluationRules.ParseScores(table, typed);
            if (error is not null) return (empty, error);
            scores = parsed;
            if (!reasons && Grader.For(pack, EvaluationRules.Area) is { } grader)
            {
                var b = grader.Grade(table.Leaves.Select(l => parsed![l.Id]).ToArray());
                if (b.Outcome != Outcome.Pass) return (empty, $"指标“{table.Leaves[Math.Max(0, b.OutOfRangeLeaf)].Name}”的得分超出范围");
                if (grader.Bands is null) return (empty, $"{pack.Document}未规定得分与等级的对应关系，请填写评估等级");
                return (new ScoreResult(scores, b.Total, b.Grade, null), null);
            }
        }
        else if (string.IsNullOrWhiteSpace(conclusion))
            return (empty, $"{pack.Document}未规定评分规则，评估等级为评估结论：请填写评估结论与理由。");
        var g = EvaluationRules.Grade(pack, scores, grade);
        if (g.Error is not null) return (empty, g.Error);
        return (new ScoreResult(scores, g.Score, g.Grade, g.Verdict), null);
    }

    /// <summary>A quota resolution: the evaluation cases that take the next grade down, and the bureau's reason.</summary>
    public sealed record QuotaResolution(IReadOnlyCollection<int> Lowered, string? Reason);

    /// <summary>
    /// 确认评估结果 (a decision record): every included center scored; the quota respected — only by the bureau's recorded
    /// choice, never by silent demotion; then each case closes with its grade and the pack's consequence happens.
    /// </summary>
    public async Task<WorkflowResult> ConfirmAsync(WorkflowActor actor, int campaignId, string? decisionRecord, QuotaResolution resolution, CancellationToken ct = default)
    {
        const string action = "确认评估结果";
        var campaign = await CampaignForBureauAsync(actor.Scope, campaignId, ct);
        if (campaign is null) return await AuditedAsync(actor, action, campaignId, WorkflowResult.NotFound("评估工作"), "", ct);
        if (campaign.Status != CampaignStatus.Open)
            return await AuditedAsync(actor, action, campaignId, new(WorkflowStatus.Conflict, "评估结果已经确认。"), "", ct);
        if (string.IsNullOrWhiteSpace(decisionRecord) || decisionRecord.Trim().Length > 2000)
            return await AuditedAsync(actor, action, campaignId, new(WorkflowStatus.Invalid, "请填写结果确认的决定记录（会议或文件、日期），不超过 2000 字。"), "", ct);
        var included = campaign.Participants.Where(p => p.Included).ToList();
        if (included.Count == 0 || included.Any(p => p.CaseId is null))
            return await AuditedAsync(actor, action, campaignId, new(WorkflowStatus.Conflict, "尚有参评中心未通知报送评估材料，不能确认结果。"), "", ct);
        var ids = included.Select(p => p.CaseId!.Value).ToList();
        var centers = await db.Centers.Where(c => included.Select(p => p.CenterId).Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var bureauUsers = await db.Users.Active().Where(u => u.JurisdictionId == campaign.JurisdictionId && db.UserRoles.Any(r => r.UserId == u.Id
            && db.Roles.Any(x => x.Id == r.RoleId && x.Name == Roles.BureauOfficer))).Select(u => u.Id).ToListAsync(ct);
        var record = decisionRecord.Trim();
        var today = clock.Today;
        var entrusted = await EvaluationKind.EntrustedOnAsync(db, ids, ct); // tracked: the confirmation ends them
        var result = await kernel.RunManyAsync(ids, actor, action, (contexts, _) =>
            Task.FromResult(DecideConfirm(contexts, campaign, centers, record, resolution, bureauUsers, today, entrusted)), ct);
        return await AuditedAsync(actor, action, campaignId, result, $"{campaign.Title}：{record}", ct);
    }

    public static CaseOutcome DecideConfirm(IReadOnlyList<CaseContext> contexts, EvaluationCampaign campaign, IReadOnlyDictionary<int, Center> centers,
        string record, QuotaResolution resolution, IReadOnlyList<string> bureauUsers, DateOnly today, IReadOnlyList<EvaluationKind.Entrustment> entrusted)
    {
        var unscored = contexts.Where(c => c.DetailAs<Evaluation>().Grade is null || c.ApprovalTarget is null).ToList();
        if (unscored.Count > 0)
            return Refusal.Conflict($"尚有 {unscored.Count} 家中心未完成评分（{string.Join("、", unscored.Take(5).Select(c => centers[c.Case.CenterId!.Value].Name))}），不能确认结果。");
        var pack = contexts[0].Pack;
        var grades = EvaluationRules.Grades(pack);
        var final = new Dictionary<int, string>();
        foreach (var c in contexts)
        {
            var g = c.DetailAs<Evaluation>().Grade!;
            if (resolution.Lowered.Contains(c.Case.Id))
            {
                var i = grades.ToList().IndexOf(g);
                if (i < 0 || i + 1 >= grades.Count) return Refusal.Invalid($"“{centers[c.Case.CenterId!.Value].Name}”的等级“{g}”不能再调低。");
                g = grades[i + 1];
            }
            final[c.Case.Id] = g;
        }
        if (resolution.Lowered.Count > 0 && string.IsNullOrWhiteSpace(resolution.Reason))
            return Refusal.Invalid("调整等级须填写理由（名额限制与并列的处理）。");
        if (EvaluationRules.CheckQuota(pack, final.Values) is { Exceeded: true } quota)
            return Refusal.Conflict($"{quota.Message}。请按得分排序确定调整为下一等级的中心，并填写理由；平台不自动降档。", quota.Rule.Article);
        var steps = new List<CaseStep>();
        var apply = new List<Action>();
        var open = new List<NewCase>();
        var add = new List<object>();
        foreach (var c in contexts)
        {
            var e = c.DetailAs<Evaluation>();
            var grade = final[c.Case.Id];
            var lowered = grade != e.Grade;
            var consequence = EvaluationRules.ConsequenceOf(pack, grade);
            var verdict = pack.Evaluate(Facts.From(new Dictionary<string, object?> { ["evaluation.grade"] = grade }), [EvaluationRules.Area],
                pack.Rules.Where(r => r.Area == EvaluationRules.Area && r is ConsequenceRule or GradesRule or DefinedValuesRule).Select(r => r.Id).ToList());
            var summary = consequence?.Summary() is { Length: > 0 } s ? s : "本办法未规定该等级的特别结果应用";
            var center = centers[c.Case.CenterId!.Value];
            var target = c.ApprovalTarget!;
            var note = $"评估等级“{grade}”{(lowered ? $"（评分等级“{e.Grade}”，依名额调整：{resolution.Reason!.Trim()}）" : "")}；{summary}；{record}";
            steps.Add(new CaseStep(c, "确认评估结果", note, consequence?.Article ?? target.Article, target) { Verdict = ("评估结果", verdict, null), Audience = Audience.Parties });
            // The organisation was entrusted to carry out the evaluation (沧州第二十五条, 万州第二十一条, 第十二师第二十条); with
            // the results confirmed that work is done: its entrustment ends, on the record, and it no longer reads the case.
            foreach (var en in entrusted.Where(x => x.Assignment.CaseId == c.Case.Id))
            {
                var ended = $"评估结果已确认，委托{en.Name}评估结束";
                steps.Add(new CaseStep(c, EvaluationAssessors.EndEntrustment, ended, null) { Audience = Audience.Bureau | Audience.Reviewers });
                apply.Add(() => { en.Assignment.EndedAt = c.Now; en.Assignment.EndReason = ended; });
            }
            var reason = lowered ? resolution.Reason!.Trim() : null;
            apply.Add(() =>
            {
                e.FinalGrade = grade; e.QuotaReason = reason; e.Consequence = summary; e.ConsequenceArticle = consequence?.Article;
                e.FundsYuan = consequence?.FundsYuan?.Value; e.Recommendation = consequence?.Recommend;
            });
            if (consequence?.RectificationMonths is not null)
            {
                var process = pack.Process(ProcessKinds.Rectification);
                if (process is null) return Refusal.Conflict($"{pack.Document}规定了整改，但政策包未给出整改流程。", consequence.Article);
                var deadline = EvaluationRules.RectificationDeadline(consequence, today)!.Value;
                var start = process.Start!;
                var rc = new Case
                {
                    Kind = ProcessKinds.Rectification, JurisdictionId = c.Case.JurisdictionId, DepartmentId = c.Case.DepartmentId, LeadUnitId = c.Case.LeadUnitId,
                    ApplicationId = c.Case.ApplicationId, CenterId = center.Id, Title = $"整改：{center.Name}（{campaign.Year}年度评估“{grade}”）",
                    PackVersion = c.Case.PackVersion, PackDocument = c.Case.PackDocument, StageId = start.Id, Step = start.Step, Holder = start.Actor, DueOn = deadline,
                };
                open.Add(new NewCase(rc, new Rectification
                {
                    Case = rc, CenterId = center.Id, EvaluationCaseId = c.Case.Id, Grade = grade, Deadline = deadline, Article = consequence.Article ?? "",
                    RevocationGround = consequence.Ground,
                }, "开启整改", $"评估等级“{grade}”，依{consequence.Article}限期整改，整改期限至{deadline:yyyy-MM-dd}", consequence.Article)
                {
                    Parties = [new CaseParty { UnitId = center.LeadUnitId, Role = CaseParty.Lead }],
                });
                apply.Add(() => { center.Status = CenterStatus.Rectifying; center.Revision++; });
                add.Add(new CenterHistory { CenterId = center.Id, ChangedAt = c.Now, ChangedBy = c.Actor.Scope.UserName, Field = "状态", From = "运行", To = "整改中", CaseId = c.Case.Id, Note = $"{campaign.Year}年度评估“{grade}”，限期整改至{deadline:yyyy-MM-dd}（{consequence.Article}）" });
            }
            if (consequence?.Revoke == true)
            {
                steps.Add(new CaseStep(c, "提出撤销建议", $"评估等级“{grade}”，依{consequence.Article}应撤销资格；请按撤销程序办理", consequence.Article) { Audience = Audience.Bureau });
                add.AddRange(bureauUsers.Select(u => (object)new Notifications.Notification
                {
                    UserId = u, CaseId = c.Case.Id, Kind = Notifications.NotificationKinds.Assigned, CreatedAt = c.Now,
                    Title = $"建议撤销：{center.Name}（{campaign.Year}年度评估“{grade}”）", Body = $"依{consequence.Article}：{summary}", Link = $"/Evaluations/Case?id={c.Case.Id}",
                }));
            }
        }
        apply.Add(() =>
        {
            campaign.Status = CampaignStatus.Confirmed; campaign.DecisionRecord = record; campaign.ConfirmedAt = contexts[0].Now;
            campaign.ConfirmedBy = contexts[0].Actor.Scope.UserName; campaign.Revision++;
        });
        return new Decision($"已确认 {contexts.Count} 家中心的评估结果。") { Steps = steps, Apply = apply, Open = open, Add = add };
    }

    /// <summary>公布评估结果: where the pack publishes results, the public page shows center, grade (no personal data).</summary>
    public async Task<WorkflowResult> PublishAsync(WorkflowActor actor, int campaignId, CancellationToken ct = default)
    {
        const string action = "公布评估结果";
        var campaign = await CampaignForBureauAsync(actor.Scope, campaignId, ct);
        if (campaign is null) return await AuditedAsync(actor, action, campaignId, WorkflowResult.NotFound("评估工作"), "", ct);
        var pack = kernel.PackOf(campaign.JurisdictionId, campaign.PackVersion);
        var publication = Publication(pack);
        WorkflowResult? refused = campaign.Status == CampaignStatus.Open ? new(WorkflowStatus.Conflict, "请先确认评估结果，再公布。")
            : campaign.Status == CampaignStatus.Published ? new(WorkflowStatus.Conflict, "评估结果已经公布。")
            : publication is null ? new(WorkflowStatus.Conflict, $"{pack.Document}未规定评估结果向社会公布，结果仅通知各中心。")
            : null;
        if (refused is not null) return await AuditedAsync(actor, action, campaignId, refused, "", ct);
        campaign.Status = CampaignStatus.Published;
        campaign.PublishedAt = clock.UtcNow;
        campaign.Revision++;
        await db.SaveChangesAsync(ct);
        return await AuditedAsync(actor, action, campaignId, new(WorkflowStatus.Ok, $"评估结果已公布（{publication!.Article}）。"), campaign.Title, ct);
    }

    /// <summary>The pack's duty to publish results (topic publication), if it has one.</summary>
    public static DutyRule? Publication(PolicyPack pack) => pack.RuleOf<DutyRule>(EvaluationRules.Area, "publication");
}

/// <summary>
/// What a center's self-evaluation starts from: the center record (approval, lead and co-builders, director) and its latest
/// accepted annual report up to the campaign's year — its sections and its figures, with the source named ("取自 2025 年度
/// 报告"). The center edits it freely before submitting. Without an accepted report (or where the pack has no annual
/// reports) the center record alone, and the source says so.
/// </summary>
public static class Prefill
{
    /// <summary>An accepted annual report: its year, sections (outline item → text) and figures (fact path → value).</summary>
    public sealed record Report(int Year, string ContentJson, string FiguresJson);

    public static string Source(Report? r) => r is null
        ? "中心档案（批准信息、牵头与共建单位、主任）；尚无审核通过的年度报告"
        : $"中心档案及年度报告：取自 {r.Year} 年度报告（已审核通过）";

    /// <summary>The latest accepted annual report of each center, up to <paramref name="year"/> (one query for all the centers).</summary>
    public static async Task<Dictionary<int, Report>> LatestAcceptedAsync(AppDbContext db, IReadOnlyCollection<int> centerIds, int year, CancellationToken ct)
    {
        var rows = await db.AnnualReports.AsNoTracking()
            .Where(r => centerIds.Contains(r.CenterId) && r.Year <= year && r.Case.Step == StageSteps.Approval)
            .Select(r => new { r.CenterId, r.Year, r.ContentJson, r.FiguresJson }).ToListAsync(ct);
        return rows.GroupBy(r => r.CenterId).Select(g => g.MaxBy(r => r.Year)!).ToDictionary(r => r.CenterId, r => new Report(r.Year, r.ContentJson, r.FiguresJson));
    }

    public static string SelfEvaluation(Center c, int year, Report? report, PolicyPack pack)
    {
        var text = new System.Text.StringBuilder();
        text.Append($"一、基本情况\n{c.Name}，{c.ApprovedOn:yyyy年M月d日}经批准（{c.ApprovalNumber}），牵头（依托）单位{c.LeadUnitName}")
            .Append(c.CoBuilders.Count > 0 ? $"，共建单位{string.Join("、", c.CoBuilderNames)}" : "")
            .Append(c.DirectorName is null ? "。" : $"，中心主任{c.DirectorName}。")
            .Append($"\n二、{year}年度建设运行情况\n");
        if (report is null) text.Append("（请填写重大任务承担、技术攻关、成果转化、人才培养、开放服务等情况。）\n三、存在的问题与下一步计划\n");
        else
        {
            text.Append($"（以下取自 {report.Year} 年度报告，请按本年度情况修改补充。）\n");
            var content = Applications.ApplicationFacts.Parse(report.ContentJson);
            var outline = AnnualReports.AnnualReportRules.Outline(pack);
            var sections = outline.Where(content.ContainsKey).Concat(content.Keys.Except(outline)).ToList();
            foreach (var (item, i) in sections.Select((x, i) => (x, i)))
                text.Append($"（{Numerals[Math.Min(i, Numerals.Length - 1)]}）{item}\n{content[item].Trim()}\n");
            text.Append($"三、建设运行客观数据（取自 {report.Year} 年度报告）\n");
            foreach (var line in AnnualReports.AnnualReportRules.FigureLines(pack.Env.Vocabulary, Applications.ApplicationFacts.Parse(report.FiguresJson)))
                text.Append(line.TrimEnd()).Append('\n');
            text.Append("四、存在的问题与下一步计划\n");
        }
        // The form takes at most MaxLength characters: a long report is cut, and says where the rest is.
        var cut = $"……（其余内容见 {report?.Year} 年度报告）\n";
        return text.Length <= MaxLength ? text.ToString() : text.ToString(0, MaxLength - cut.Length) + cut;
    }

    /// <summary>The self-evaluation's maximum length (the form's and the column's).</summary>
    public const int MaxLength = 20000;

    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "其他"];
}
