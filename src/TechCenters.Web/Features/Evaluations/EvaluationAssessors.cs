using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Features.ExpertReviews;
using TechCenters.Web.Features.Experts;
using TechCenters.Web.Features.Notifications;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Evaluations;

/// <summary>评估专家评分表: one assigned expert's scores for one center (same sheet as the evaluators'), kept beside the case's own result.</summary>
public sealed class ExpertSheet
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public int ExpertId { get; set; }
    public Expert? Expert { get; set; }
    public string? ScoresJson { get; set; }
    public decimal? Score { get; set; }
    public string? Grade { get; set; }
    public string? Conclusion { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public string? SubmittedBy { get; set; }
}

public sealed class ExpertSheetMap : IEntityTypeConfiguration<ExpertSheet>
{
    public void Configure(EntityTypeBuilder<ExpertSheet> e)
    {
        e.ToTable("EvaluationExpertSheets", t => t.HasComment("评估专家评分表（每位指派专家对一家中心的评分）"));
        e.Property(x => x.CaseId).HasComment("评估事项");
        e.Property(x => x.ExpertId).HasComment("专家");
        e.Property(x => x.ScoresJson).HasComment("各指标得分（JSON）");
        e.Property(x => x.Score).HasPrecision(9, 4).HasComment("评估得分（按政策包计算）");
        e.Property(x => x.Grade).HasMaxLength(20).HasComment("评定等级");
        e.Property(x => x.Conclusion).HasMaxLength(4000).HasComment("评估意见与理由");
        e.Property(x => x.SubmittedAt).HasComment("提交时间");
        e.Property(x => x.SubmittedBy).HasMaxLength(256).HasComment("提交账号");
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Expert).WithMany().HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.CaseId, x.ExpertId }).IsUnique();
        e.HasIndex(x => x.ExpertId);
    }
}

/// <summary>
/// Who assesses an evaluation besides a third-party organisation, as the pack says: experts of the pool (where the pack's
/// scoring stage has a move guarded by <see cref="SheetsFact"/>, e.g. 沧州 第二十五条 委托专家), drawn with the expert pool's
/// drawing and recusal (<see cref="PanelDrawing"/>, <see cref="Recusal"/>) or designated by name under the same recusal; and the
/// competent department assisting where the pack has a department duty in the evaluator topic (协助开展绩效评估).
/// </summary>
public static class Assessors
{
    /// <summary>The fact the expert-conclusion move of a pack reads: every assigned expert has submitted a sheet.</summary>
    public const string SheetsFact = "evaluation.expert_sheets_complete";
    /// <summary>The fact that experts are assigned to assess the case (they hold its scoring until their sheets are in).</summary>
    public const string ExpertsFact = "evaluation.experts_assigned";

    /// <summary>The move out of scoring that records the experts' conclusion (its actor, article and note), where the pack lets experts assess.</summary>
    public static Transition? ExpertConclusion(StagesRule process) =>
        process.Transitions.FirstOrDefault(t => process.Stage(t.From)?.Step == StageSteps.Scoring && t.When.Any(c => c.Fact == SheetsFact));

    /// <summary>The pack's duty of the department to assist the evaluation (协助开展绩效评估), if it has one.</summary>
    public static DutyRule? DepartmentAssist(PolicyPack pack) =>
        pack.Rules.OfType<DutyRule>().FirstOrDefault(r => r.Area == EvaluationRules.Area && r.Topic == "evaluator" && r.Actor == Actors.Department);

    /// <summary>The pack's number of assessing experts (a threshold on expert_panel.size in the evaluation area), if it gives one.</summary>
    public static ThresholdRule? PanelSize(PolicyPack pack) =>
        pack.Rules.OfType<ThresholdRule>().FirstOrDefault(r => r.Area == EvaluationRules.Area && r.Fact == "expert_panel.size");

    /// <summary>Why experts may not assess under this pack (its evaluator rule cited), or null when they may.</summary>
    public static string? NoExperts(PolicyPack pack, StagesRule process)
    {
        if (ExpertConclusion(process) is not null) return null;
        var scorer = process.Stages.FirstOrDefault(s => s.Step == StageSteps.Scoring)?.Actor ?? Actors.Bureau;
        var rule = pack.Rules.FirstOrDefault(r => r.Area == EvaluationRules.Area && r.Id == "evaluator");
        return $"{pack.Document}未规定委托专家评估" + (rule?.Article is { } a ? $"（{a}：{rule.Title}）" : "") + $"，评分由{pack.Env.Actor(scorer)}办理。";
    }

    /// <summary>The experts assigned to assess a case now, each with whether their sheet is in.</summary>
    public sealed record SheetState(IReadOnlyList<(int ExpertId, bool Scored)> Experts)
    {
        /// <summary>Experts are assigned (<see cref="ExpertsFact"/>).</summary>
        public bool Assigned => Experts.Count > 0;
        /// <summary>How many of them have not submitted a sheet.</summary>
        public int Unscored => Experts.Count(e => !e.Scored);
        /// <summary>Every assigned expert has submitted a sheet (<see cref="SheetsFact"/>).</summary>
        public bool Complete => Assigned && Unscored == 0;
    }

    /// <summary>
    /// The one reading of "are experts assigned, are their sheets in" (the case's facts, an expert's own sheet and who
    /// else still scores): the experts assigned to the case now (active expert assignments), each with whether their
    /// sheet is in — one query.
    /// </summary>
    public static async Task<SheetState> SheetStateAsync(AppDbContext db, int caseId, CancellationToken ct = default)
    {
        var assigned = db.CaseAssignments.AsNoTracking().Where(a => a.CaseId == caseId && a.Role == CaseAssignment.ExpertRole && a.EndedAt == null && a.ExpertId != null);
        var rows = await assigned.Select(a => new { Expert = a.ExpertId!.Value, Scored = db.Set<ExpertSheet>().Any(s => s.CaseId == caseId && s.ExpertId == a.ExpertId) })
            .ToListAsync(ct);
        return new([.. rows.Select(r => (r.Expert, r.Scored))]);
    }

    public static IReadOnlyList<Recusal.Party> PartiesOf(Center c) =>
        [new(c.LeadUnitId, c.LeadUnitName, "牵头单位"), .. c.CoBuilders.Select(b => new Recusal.Party(b.UnitId, b.Unit?.Name ?? "", "共建单位"))];

    /// <summary>The stage of scoring comes before (or is) the case's stage: assessors can still be assigned.</summary>
    public static bool BeforeResults(CaseContext ctx)
    {
        if (ctx.Case.ClosedAt is not null) return false;
        var stages = ctx.Process.Stages.ToList();
        var scoring = stages.FindIndex(s => s.Step == StageSteps.Scoring);
        return scoring >= 0 && stages.FindIndex(s => s.Id == ctx.Stage.Id) <= scoring;
    }
}

/// <summary>The actions of assessing with experts and of the department's assistance (on the kernel; every one audited and on the timeline).</summary>
public sealed class EvaluationAssessors(AppDbContext db, CaseKernel kernel, EvaluationActions actions)
{
    public const string AssignAttempt = "指派评估专家";
    public const string EndEntrustment = "结束委托";
    public const string ScoreAttempt = "提交专家评分";
    public const string AssistAttempt = "请归口管理部门协助评估";
    public const string NoteAttempt = "协助评估意见";

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>What the assignment needs besides the cases: the request and what the database says.</summary>
    /// <param name="Designate">指定专家 (the experts named) rather than a random draw.</param>
    public sealed record AssignInput(IReadOnlyList<int> ExpertIds, string? Field, int? Size, bool Designate = false);
    public sealed record AssignFacts(IReadOnlyList<Expert> Pool, IReadOnlyDictionary<int, Center> Centers, IReadOnlyDictionary<int, string> Excluded,
        IReadOnlyDictionary<int, string> Findings, IReadOnlyList<FormPanel.ExpertAccount> Accounts, string Seed, IReadOnlyList<EvaluationKind.Entrustment>? Entrusted = null);

    /// <summary>
    /// 指派评估专家: the chosen evaluation cases of a campaign (all with a case when none chosen) are assigned to experts —
    /// drawn at random (seed, candidates, exclusions with reasons, shortfall recorded as a <see cref="PanelDraw"/>) or
    /// designated by name — none with a conflict to any of the centers.
    /// </summary>
    public async Task<WorkflowResult> AssignExpertsAsync(WorkflowActor actor, int campaignId, IReadOnlyCollection<int> caseIds, AssignInput input, CancellationToken ct = default)
    {
        var campaign = await actions.CampaignForBureauAsync(actor.Scope, campaignId, ct);
        if (campaign is null) return await kernel.RefuseAsync(actor, AssignAttempt, null, Refusal.NotFound("评估工作不存在。"), ct);
        if (campaign.Status != CampaignStatus.Open) return await kernel.RefuseAsync(actor, AssignAttempt, null, Refusal.Conflict("评估结果已确认，不能再指派评估专家。"), ct);
        var ids = caseIds.Count > 0 ? caseIds.Distinct().ToList() : campaign.Participants.Where(p => p.CaseId is not null).Select(p => p.CaseId!.Value).ToList();
        if (ids.Count == 0) return await kernel.RefuseAsync(actor, AssignAttempt, null, Refusal.Invalid("请先通知中心报送评估材料，再指派评估专家。"), ct);
        if (ids.Any(id => campaign.Participants.All(p => p.CaseId != id))) return await kernel.RefuseAsync(actor, AssignAttempt, null, Refusal.NotFound("评估事项不存在。"), ct);
        return await kernel.RunManyAsync(ids, actor, AssignAttempt, async (contexts, token) =>
        {
            var j = campaign.JurisdictionId;
            var pool = await db.Experts.AsNoTracking().Include(e => e.Relations).ThenInclude(r => r.Unit).Where(e => e.JurisdictionId == j).ToListAsync(token);
            var centerIds = contexts.Select(c => c.Case.CenterId!.Value).ToList();
            var centers = await db.Centers.AsNoTracking().Include(c => c.CoBuilders).ThenInclude(b => b.Unit).AsSplitQuery()
                .Where(c => centerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, token);
            // Everyone assigned to these cases before, still or no longer (a withdrawal), is out of this draw with the reason.
            var before = await db.CaseAssignments.AsNoTracking().Where(a => ids.Contains(a.CaseId) && a.Role == CaseAssignment.ExpertRole && a.ExpertId != null)
                .Select(a => new { a.CaseId, Expert = a.ExpertId!.Value, a.EndedAt, a.EndReason }).ToListAsync(token);
            var titles = contexts.ToDictionary(c => c.Case.Id, c => centers[c.Case.CenterId!.Value].Name);
            var excluded = before.GroupBy(a => a.Expert).ToDictionary(g => g.Key, g => string.Join("；", g.Select(a => a.EndedAt is null
                ? $"已指派评估“{titles[a.CaseId]}”" : $"已申请回避“{titles[a.CaseId]}”的评估（{a.EndReason}）")));
            var findings = await Integrity.IntegrityRecord.ExpertFindingsAsync(db, j, contexts[0].Today, token);
            var accounts = await db.Users.Where(u => u.ExpertId != null && u.JurisdictionId == j)
                .Select(u => new FormPanel.ExpertAccount(u.Id, u.ExpertId!.Value)).ToListAsync(token);
            // Tracked: the hand-over to experts ends them.
            var entrusted = await EvaluationKind.EntrustedOnAsync(db, ids, token);
            return DecideAssign(contexts, campaign, input, new(pool, centers, excluded, findings, accounts, PanelDrawing.NewSeed(), entrusted));
        }, ct);
    }

    public static CaseOutcome DecideAssign(IReadOnlyList<CaseContext> contexts, EvaluationCampaign campaign, AssignInput input, AssignFacts facts)
    {
        var first = contexts[0];
        var pack = first.Pack;
        foreach (var ctx in contexts)
        {
            if (ctx.As(Actors.Bureau, "指派评估专家") is { } notMine) return notMine;
            if (!Assessors.BeforeResults(ctx)) return Refusal.Conflict($"“{ctx.Case.Title}”已完成评分，不能再指派评估专家。");
        }
        if (Assessors.NoExperts(pack, first.Process) is { } no) return Refusal.Conflict(no);
        var conclusion = Assessors.ExpertConclusion(first.Process)!;
        if (input.Field is { Length: > 100 }) return Refusal.Invalid("专业领域不超过100个字。");
        var designated = input.Designate ? input.ExpertIds.Distinct().ToList() : [];
        if (input.Designate && designated.Count == 0) return Refusal.Invalid("请选择要指派的评估专家。");
        var pool = facts.Pool;
        var sizeRule = Assessors.PanelSize(pack);
        int size;
        string sizeNote;
        if (designated.Count > 0)
        {
            if (designated.Count > DrawPanel.MaxSize) return Refusal.Invalid($"一次指定的专家不超过{DrawPanel.MaxSize}人。");
            if (designated.Any(id => pool.All(e => e.Id != id))) return Refusal.Invalid("所选专家不在本辖区专家库中。");
            pool = pool.Where(e => designated.Contains(e.Id)).ToList();
            size = designated.Count;
            sizeNote = "科技局指定";
        }
        else
        {
            var n = input.Size ?? (sizeRule is null ? null : (int)sizeRule.Value.Value);
            if (n is not { } count || count < 1 || count > DrawPanel.MaxSize)
                return Refusal.Invalid($"请填写拟抽取的评估专家人数（1至{DrawPanel.MaxSize}人）" +
                    (sizeRule is null ? $"：{pack.Document}未规定评估专家人数，由科技局确定。" : "。"));
            size = count;
            sizeNote = sizeRule is null ? $"{pack.Document}未规定评估专家人数，人数由科技局确定" : $"{pack.Document}{sizeRule.Article}规定{sizeRule.Title}";
        }
        var terms = Recusal.Terms.Of(pack, first.Today) with { Findings = facts.Findings };
        var cases = contexts.Select(c => new PanelDrawing.CaseParties(facts.Centers[c.Case.CenterId!.Value].Name, Assessors.PartiesOf(facts.Centers[c.Case.CenterId!.Value]))).ToList();
        var field = designated.Count > 0 ? null : input.Field;
        var r = PanelDrawing.Draw(facts.Seed, pool, cases, pack, terms, field, size, facts.Excluded, composition: false);
        if (designated.Count > 0 && r.Exclusions.Count > 0)
            return Refusal.Conflict("所选专家不能评估：" + string.Join("；", r.Exclusions.Select(x => $"{x.Name}（{x.Reason}）")) + "。", terms.Article);
        var shortfall = r.Shortfall is null ? null : $"{r.Shortfall.TrimEnd('。')}（{sizeNote}）。";
        var byId = facts.Pool.ToDictionary(e => e.Id);
        var names = string.Join("、", r.Selected.Select(id => byId[id].Name));
        var article = conclusion.Article;
        var now = first.Now;
        var who = first.Actor.Scope.UserName;
        PanelDraw? draw = null;
        if (designated.Count == 0)
            draw = new PanelDraw
            {
                JurisdictionId = campaign.JurisdictionId, CaseIds = string.Join(",", contexts.Select(c => c.Case.Id)), CampaignId = campaign.Id,
                Field = string.IsNullOrWhiteSpace(field) ? null : field.Trim(), Size = size, Seed = facts.Seed,
                CandidatesJson = JsonSerializer.Serialize(r.Candidates, DrawPanel.Json), ExclusionsJson = JsonSerializer.Serialize(r.Exclusions, DrawPanel.Json),
                SelectedIds = string.Join(",", r.Selected), Shortfall = shortfall, DrawnAt = now, DrawnBy = who,
            };
        var note = designated.Count > 0
            ? $"科技局指定评估专家：{names}（均经回避审查）"
            : $"随机抽取评估专家{size}人（{sizeNote}）；随机种子{facts.Seed}；候选{r.Candidates.Count}人，排除{r.Exclusions.Count}人；" +
              (shortfall is null ? $"指派：{names}" : $"未能满足：{shortfall}未指派专家");
        // Who assesses is the bureau's to know, like a review panel: the centers never read the experts' names.
        if (shortfall is not null)
            return new Decision($"抽取未能满足要求，未指派专家：{shortfall}")
            {
                Add = [draw!], Warning = true,
                Steps = contexts.Select(c => new CaseStep(c, AssignAttempt, note, article) { Audience = Audience.Bureau }).ToList(),
            };
        // The experts now hold the case's scoring (until their sheets are in): the holder follows the assignment.
        var steps = contexts.Select(c => new CaseStep(c, AssignAttempt, note, article)
            { Audience = Audience.Bureau, FactsAfter = c.Facts.With(Assessors.ExpertsFact, true).With(Assessors.SheetsFact, false) }).ToList();
        var add = new List<object>();
        if (draw is not null) add.Add(draw);
        // The bureau entrusts experts or a third party (沧州第二十五条): giving the case to experts ends the organisation's
        // entrustment, on the record, so an expert who later withdraws does not hand the case back to it (Bug 0657).
        var apply = new List<Action>();
        foreach (var c in contexts)
            foreach (var e in (facts.Entrusted ?? []).Where(e => e.Assignment.CaseId == c.Case.Id))
            {
                var reason = $"科技局改为指派评估专家评分（{article}），委托{e.Name}评估结束";
                steps.Insert(0, new CaseStep(c, EndEntrustment, reason, article) { Audience = Audience.Bureau | Audience.Reviewers });
                apply.Add(() => { e.Assignment.EndedAt = now; e.Assignment.EndReason = reason; });
            }
        foreach (var c in contexts)
            foreach (var id in r.Selected)
            {
                add.Add(new CaseAssignment { CaseId = c.Case.Id, Role = CaseAssignment.ExpertRole, ExpertId = id, AssignedAt = now, AssignedBy = who });
                add.AddRange(facts.Accounts.Where(a => a.ExpertId == id).Select(a => new Notification
                {
                    UserId = a.UserId, CaseId = c.Case.Id, Kind = NotificationKinds.Assigned, CreatedAt = now, Link = $"/Evaluations/Case?id={c.Case.Id}",
                    Title = $"待您评估：{c.Case.Title}",
                    Body = "科技局指派您参加该中心的绩效评估；如与中心的牵头或共建单位存在利害关系，请在“我的专家信息”中申请回避。",
                }));
            }
        var ended = apply.Count > 0 ? $"{apply.Count} 家中心原委托评估机构的委托已结束。" : "";
        return new Decision($"已指派{r.Selected.Count}名专家评估{contexts.Count}家中心：{names}。{ended}") { Add = add, Steps = steps, Apply = apply };
    }

    /// <summary>What an expert's sheet is judged against: the expert, the center's parties, the recusal terms, a sheet already given, who else still scores.</summary>
    public sealed record SheetFacts(Expert? Expert, IReadOnlyList<Recusal.Party> Parties, Recusal.Terms Terms, bool Submitted, int Others, IReadOnlyList<string> Bureau);

    public async Task<SheetFacts> SheetFactsAsync(CaseContext ctx, CancellationToken ct)
    {
        var me = ctx.Actor.Scope.ExpertId;
        var expert = me is null ? null : await db.Experts.AsNoTracking().Include(e => e.Relations).ThenInclude(r => r.Unit).FirstOrDefaultAsync(e => e.Id == me, ct);
        var center = await db.Centers.AsNoTracking().Include(c => c.CoBuilders).ThenInclude(b => b.Unit).AsSplitQuery().FirstAsync(c => c.Id == ctx.Case.CenterId, ct);
        var findings = await Integrity.IntegrityRecord.ExpertFindingsAsync(db, ctx.Case.JurisdictionId, ctx.Today, ct);
        // One reading gives both the expert's own sheet (their row) and who else still scores; only an expert no longer
        // assigned (their assignment ended, a sheet perhaps given before) is not among the rows, and is looked up alone.
        var state = await Assessors.SheetStateAsync(db, ctx.Case.Id, ct);
        var mine = state.Experts.Where(e => e.ExpertId == me).ToList();
        var submitted = mine.Count > 0 ? mine.Any(e => e.Scored)
            : me is { } x && await db.Set<ExpertSheet>().AnyAsync(s => s.CaseId == ctx.Case.Id && s.ExpertId == x, ct);
        var others = state.Experts.Count(e => e.ExpertId != me && !e.Scored);
        var bureau = await CaseRecipients.OfAsync(db, ctx.Case, Actors.Bureau, ct);
        return new(expert, Assessors.PartiesOf(center), Recusal.Terms.Of(ctx.Pack, ctx.Today) with { Findings = findings }, submitted, others, bureau);
    }

    /// <summary>提交专家评分: an assigned expert's own sheet (the form or one row of the XLSX), graded by the library like an evaluator's.</summary>
    public Task<WorkflowResult> ScoreAsync(WorkflowActor actor, int id, IReadOnlyDictionary<string, string?> scores, string? grade, string? conclusion, CancellationToken ct = default) =>
        kernel.RunAsync(id, actor, null, ScoreAttempt, async (ctx, token) =>
            ctx.Case.Kind != ProcessKinds.Evaluation ? Refusal.NotFound("评估事项不存在。") : DecideScore(ctx, await SheetFactsAsync(ctx, token), scores, grade, conclusion), ct);

    public static CaseOutcome DecideScore(CaseContext ctx, SheetFacts facts, IReadOnlyDictionary<string, string?> typed, string? grade, string? conclusion)
    {
        if (!ctx.Relation.ActsAs(Actors.ExpertPanel) || facts.Expert is null) return Refusal.Forbidden("只有指派评估该中心的专家可以提交专家评分。");
        if (ctx.InStep("提交专家评分", StageSteps.Scoring) is { } notNow) return notNow;
        if (facts.Submitted) return Refusal.Conflict("您已提交该中心的评分表，不能重复提交。");
        if (Recusal.Conflict(facts.Expert, facts.Parties, facts.Terms) is { } why) return Refusal.Conflict($"{why}，请申请回避，不能评分。", facts.Terms.Article);
        var (g, error) = EvaluationActions.Score(ctx.Pack, typed, grade, conclusion);
        if (error is not null) return Refusal.Invalid(error, ctx.Stage.Article);
        var result = g.Score is { } s ? $"得分 {s:0.##}，等级“{g.Grade}”" : $"评估等级“{g.Grade}”";
        var now = ctx.Now;
        var add = new List<object>
        {
            new ExpertSheet
            {
                CaseId = ctx.Case.Id, ExpertId = facts.Expert.Id, ScoresJson = g.Scores is null ? null : JsonSerializer.Serialize(g.Scores, Json), Score = g.Score,
                Grade = g.Grade, Conclusion = string.IsNullOrWhiteSpace(conclusion) ? null : conclusion.Trim(), SubmittedAt = now, SubmittedBy = ctx.Actor.Scope.UserName,
            },
        };
        if (facts.Others == 0)
            add.AddRange(facts.Bureau.Select(u => new Notification
            {
                UserId = u, CaseId = ctx.Case.Id, Kind = NotificationKinds.Assigned, CreatedAt = now, Link = $"/Evaluations/Case?id={ctx.Case.Id}",
                Title = $"专家评分已齐：{ctx.Case.Title}", Body = "指派的评估专家均已提交评分表，请据以记录评估得分和结论。",
            }));
        var article = Assessors.ExpertConclusion(ctx.Process)?.Article ?? ctx.Stage.Article;
        return new Decision($"评分表已提交：{result}。")
        {
            Add = add,
            // The last sheet in: the holder becomes whoever records the experts' conclusion (the pack's move guarded by SheetsFact).
            Steps = [new CaseStep(ctx, ScoreAttempt, $"{facts.Expert.Name}：{result}", article)
                { Audience = Audience.Bureau, FactsAfter = ctx.Facts.With(Assessors.ExpertsFact, true).With(Assessors.SheetsFact, facts.Others == 0) }],
        };
    }

    /// <summary>请归口管理部门协助评估: where the pack says the department assists, the bureau asks the cases' departments to.</summary>
    public async Task<WorkflowResult> AssistAsync(WorkflowActor actor, int campaignId, IReadOnlyCollection<int> caseIds, CancellationToken ct = default)
    {
        var campaign = await actions.CampaignForBureauAsync(actor.Scope, campaignId, ct);
        if (campaign is null) return await kernel.RefuseAsync(actor, AssistAttempt, null, Refusal.NotFound("评估工作不存在。"), ct);
        if (campaign.Status != CampaignStatus.Open) return await kernel.RefuseAsync(actor, AssistAttempt, null, Refusal.Conflict("评估结果已确认，不能再请归口管理部门协助。"), ct);
        var ids = caseIds.Count > 0 ? caseIds.Distinct().ToList() : campaign.Participants.Where(p => p.CaseId is not null).Select(p => p.CaseId!.Value).ToList();
        if (ids.Count == 0) return await kernel.RefuseAsync(actor, AssistAttempt, null, Refusal.Invalid("请先通知中心报送评估材料，再请归口管理部门协助。"), ct);
        if (ids.Any(id => campaign.Participants.All(p => p.CaseId != id))) return await kernel.RefuseAsync(actor, AssistAttempt, null, Refusal.NotFound("评估事项不存在。"), ct);
        return await kernel.RunManyAsync(ids, actor, AssistAttempt, async (contexts, token) =>
        {
            var already = await db.CaseAssignments.AsNoTracking().Where(a => ids.Contains(a.CaseId) && a.Role == CaseAssignment.DepartmentRole && a.EndedAt == null)
                .Select(a => a.CaseId).ToListAsync(token);
            var recipients = new Dictionary<int, IReadOnlyList<string>>();
            foreach (var c in contexts) recipients[c.Case.Id] = await CaseRecipients.OfAsync(db, c.Case, Actors.Department, token);
            return DecideAssist(contexts, already, recipients);
        }, ct);
    }

    public static CaseOutcome DecideAssist(IReadOnlyList<CaseContext> contexts, IReadOnlyCollection<int> already, IReadOnlyDictionary<int, IReadOnlyList<string>> recipients)
    {
        var pack = contexts[0].Pack;
        if (Assessors.DepartmentAssist(pack) is not { } rule) return Refusal.Conflict($"{pack.Document}未规定归口管理部门协助绩效评估。");
        foreach (var ctx in contexts)
        {
            if (ctx.As(Actors.Bureau, "请归口管理部门协助评估") is { } notMine) return notMine;
            if (ctx.Case.ClosedAt is not null) return Refusal.Conflict($"“{ctx.Case.Title}”已办结，不能再请归口管理部门协助。");
            if (ctx.Case.DepartmentId is null) return Refusal.Conflict($"“{ctx.Case.Title}”的牵头单位直接报科技主管部门，没有归口管理部门，不能请其协助。");
        }
        var fresh = contexts.Where(c => !already.Contains(c.Case.Id)).ToList();
        if (fresh.Count == 0) return Refusal.Conflict("所选评估事项已请归口管理部门协助。");
        var now = contexts[0].Now;
        var who = contexts[0].Actor.Scope.UserName;
        return new Decision($"已请归口管理部门协助 {fresh.Count} 家中心的评估（{rule.Article}）。")
        {
            Steps = fresh.Select(c => new CaseStep(c, AssistAttempt, $"依{rule.Article}请{c.ActorName(Actors.Department)}协助评估：{rule.Text}", rule.Article)
                { Audience = Audience.Bureau | Audience.Department }).ToList(),
            Add = fresh.SelectMany(c => new object[] { new CaseAssignment { CaseId = c.Case.Id, Role = CaseAssignment.DepartmentRole, AssignedAt = now, AssignedBy = who } }
                .Concat(recipients.GetValueOrDefault(c.Case.Id, []).Select(u => new Notification
                {
                    UserId = u, CaseId = c.Case.Id, Kind = NotificationKinds.Assigned, CreatedAt = now, Link = $"/Evaluations/Case?id={c.Case.Id}",
                    Title = $"请协助评估：{c.Case.Title}", Body = $"科技局依{rule.Article}请您协助该中心的绩效评估，可在评估事项中填写协助评估意见。",
                }))).ToList(),
        };
    }

    /// <summary>协助评估意见: the assisting department's note on the case's timeline, read by the center, the bureau and the assessors.</summary>
    public Task<WorkflowResult> NoteAsync(WorkflowActor actor, int id, string? note, CancellationToken ct = default) =>
        kernel.RunAsync(id, actor, null, NoteAttempt, async (ctx, token) =>
        {
            if (ctx.Case.Kind != ProcessKinds.Evaluation) return Refusal.NotFound("评估事项不存在。");
            var asked = await db.CaseAssignments.AnyAsync(a => a.CaseId == id && a.Role == CaseAssignment.DepartmentRole && a.EndedAt == null, token);
            return DecideNote(ctx, asked, note);
        }, ct);

    public static CaseOutcome DecideNote(CaseContext ctx, bool asked, string? note)
    {
        if (ctx.As(Actors.Department, "填写协助评估意见") is { } notYou) return notYou;
        if (!asked) return Refusal.Conflict("科技局未请归口管理部门协助该中心的评估，请先由科技局在评估工作中提出。");
        if (ctx.Case.ClosedAt is not null) return Refusal.Conflict("评估已办结，不能再填写协助评估意见。");
        var text = note?.Trim();
        if (string.IsNullOrEmpty(text)) return Refusal.Invalid("请填写协助评估意见。");
        if (text.Length > 2000) return Refusal.Invalid("协助评估意见不超过2000个字。");
        var article = Assessors.DepartmentAssist(ctx.Pack)?.Article ?? ctx.Stage.Article;
        return new Decision("协助评估意见已记录。") { Steps = [new CaseStep(ctx, NoteAttempt, text, article) { Audience = Audience.Parties }] };
    }
}
