using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Approvals;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Features.Documents;

namespace TechCenters.Web.Features.Revocations;

/// <summary>The revocation kind: its detail and facts (the incidents of the grounds named, the officer's judgements).</summary>
public sealed class RevocationKind : ICaseKind
{
    public string Kind => ProcessKinds.Revocation;

    public async Task<(object? Detail, Facts Facts)> LoadAsync(AppDbContext db, Case c, CancellationToken ct)
    {
        var r = await db.Set<RevocationCase>().Include(x => x.Center).FirstAsync(x => x.Id == c.Id, ct);
        return (r, Facts.From(new Dictionary<string, object?>()));
    }

    public string Url(Case c, UserScope scope) => $"/Revocations/{c.Id}";
}

/// <summary>
/// 撤销认定 on the grounds a pack enumerates: the bureau names grounds and the facts it found, tells the center and sets a
/// period for its statement, then decides. The platform says for each ground whether the facts meet it literally or the
/// text leaves it to judgement; it never revokes by itself. A revocation sets the center's status, keeps the history and
/// the revocation record the re-application bans read, and is issued as an official document.
/// </summary>
public sealed class Revocations(AppDbContext db, CaseKernel kernel) : IStepHandler
{
    public bool Handles(StagesRule process, Stage stage) => process.Process == ProcessKinds.Revocation;
    public string PageName => "撤销认定页面";
    public string Waiting => "撤销认定办理中";
    public string PageUrl(Case c) => $"/Revocations/{c.Id}";

    /// <summary>The grounds a revocation may rest on: the pack's ground rules that revoke (撤销) or remove (不再列入序列).</summary>
    public static IReadOnlyList<GroundRule> GroundsOf(PolicyPack pack) =>
        pack.Rules.OfType<GroundRule>().Where(g => g.Evaluable && g.Effect is "revoke" or "remove").ToList();

    /// <summary>Facts: each named ground's incident occurred, and the officer's answers to judgement words.</summary>
    public static Facts FactsOf(PolicyPack pack, IEnumerable<string> groundIds, IReadOnlyDictionary<string, RevocationCase.Answer> answers)
    {
        var values = new Dictionary<string, object?>();
        foreach (var g in GroundsOf(pack).Where(g => groundIds.Contains(g.Id)))
            foreach (var fact in g.Fact is not null ? [g.Fact] : g.When.SelectMany(c => c.FactsRead))
                values[fact] = true;
        foreach (var (id, a) in answers)
        {
            values[Rule.AnswerPrefix + id] = a.Outcome;
            values[Rule.AnswerReasonPrefix + id] = a.Reason;
        }
        return Facts.From(values);
    }

    /// <summary>Each named ground judged: Fail = met literally (or as the officer judged), NeedsJudgement = the text's word is the officer's.</summary>
    public static Verdict VerdictOf(PolicyPack pack, RevocationCase r, IReadOnlyDictionary<string, RevocationCase.Answer>? answers = null) =>
        pack.Evaluate(FactsOf(pack, r.GroundIds, answers ?? r.Judgements), null, r.GroundIds.ToList());

    /// <summary>The bans a revocation on these grounds carries, with the last barred day (the library's computation).</summary>
    public static IReadOnlyList<(BanRule Rule, DateOnly LastDay)> BansOf(PolicyPack pack, IReadOnlyList<string> grounds, DateOnly revokedOn) =>
        pack.Rules.OfType<BanRule>().Where(b => b.Grounds.Count == 0 || grounds.Any(b.Grounds.Contains))
            .Select(b => (b, b.LastBarredDay(revokedOn))).ToList();

    public sealed record Opening(int CenterId, IReadOnlyList<string> Grounds, string? FactsFound);

    private const string OpenAttempt = "启动撤销认定";

    /// <summary>启动撤销认定: the bureau opens a revocation case for a center on grounds of its pack.</summary>
    public async Task<WorkflowResult> OpenAsync(WorkflowActor actor, Opening o, CancellationToken ct = default)
    {
        var center = await db.Centers.VisibleTo(db, actor.Scope).FirstOrDefaultAsync(c => c.Id == o.CenterId, ct);
        var open = center is not null && await db.Cases.AnyAsync(c => c.CenterId == center.Id && c.Kind == ProcessKinds.Revocation && c.ClosedAt == null, ct);
        var found = center is null ? null : kernel.Catalog.For(center.JurisdictionId, kernel.Clock.Today);
        var pack = found is { InForce: true, Pack: { } inForce } ? inForce : center is null ? null : kernel.PackOf(center.JurisdictionId, center.PackVersion);
        return await kernel.FinishAsync(actor, OpenAttempt, null, DecideOpen(actor, center, pack, open, o), ct);
    }

    public static CaseOutcome DecideOpen(WorkflowActor actor, Center? center, PolicyPack? pack, bool alreadyOpen, Opening o)
    {
        if (center is null || pack is null) return Refusal.NotFound("技术创新中心不存在或不在您的管辖范围内。");
        var process = pack.Process(ProcessKinds.Revocation);
        if (process is null) return Refusal.Conflict($"{pack.Document}未规定撤销认定的程序。");
        if (actor.Scope.Role != Roles.BureauOfficer || actor.Scope.JurisdictionId != center.JurisdictionId)
            return Refusal.Forbidden($"撤销认定由{pack.Env.Actor(Actors.Bureau)}启动（{process.Article}），您无权办理。", process.Article);
        if (center.Status == CenterStatus.Revoked) return Refusal.Conflict($"{center.Name}已于 {center.RevokedOn:yyyy-MM-dd} 被撤销。");
        if (alreadyOpen) return Refusal.Conflict($"{center.Name}已有正在办理的撤销认定，不能重复启动。");
        var known = GroundsOf(pack);
        var grounds = o.Grounds.Distinct().ToList();
        if (grounds.Count == 0) return Refusal.Invalid($"请至少选择一项{pack.Document}所列的撤销情形。", process.Article);
        if (grounds.FirstOrDefault(g => known.All(k => k.Id != g)) is { } unknown)
            return Refusal.Invalid($"“{unknown}”不是{pack.Document}所列的撤销情形。", process.Article);
        var facts = o.FactsFound?.Trim();
        if (string.IsNullOrWhiteSpace(facts)) return Refusal.Invalid("请写明认定的事实与证据。", process.Article);
        if (facts.Length > 4000) return Refusal.Invalid("认定的事实不能超过 4000 字。");
        var start = process.Start!;
        var c = new Case
        {
            Kind = ProcessKinds.Revocation, JurisdictionId = center.JurisdictionId, DepartmentId = center.DepartmentId, LeadUnitId = center.LeadUnitId,
            ApplicationId = center.ApplicationId, CenterId = center.Id, Title = $"撤销认定：{center.Name}",
            PackVersion = pack.Version, PackDocument = pack.Document, StageId = start.Id, Step = start.Step, Holder = start.Actor,
        };
        var detail = new RevocationCase { Case = c, CenterId = center.Id, Grounds = string.Join(",", grounds), FactsFound = facts };
        var names = known.Where(k => grounds.Contains(k.Id)).Select(k => $"{k.Text}（{k.Article}）");
        return new Decision($"已启动对“{center.Name}”的撤销认定。")
        {
            Open = [new NewCase(c, detail, OpenAttempt, "撤销情形：" + string.Join("；", names), start.Article, ActorAudience.OfStage(start))],
        };
    }

    /// <summary>The inputs of a move on a revocation case (what each move needs).</summary>
    public sealed record MoveInput(string? To, string? Note, DateOnly? HearingDueOn = null, string? Statement = null, bool Waive = false,
        string? DecisionNumber = null, IReadOnlyDictionary<string, RevocationCase.Answer>? Answers = null);

    public Task<WorkflowResult> MoveAsync(int id, WorkflowActor actor, int revision, MoveInput input, CancellationToken ct = default) =>
        kernel.RunAsync(id, actor, revision, "办理撤销认定", async (ctx, token) =>
        {
            if (ctx.Case.Kind != ProcessKinds.Revocation) return Refusal.NotFound(WorkflowResult.NotFound().Message);
            var center = await db.Centers.FirstAsync(c => c.Id == ctx.Case.CenterId, token);
            return DecideMove(ctx, center, input);
        }, ct);

    /// <summary>
    /// Pure: fact finding → hearing (the period the bureau sets), the center's statement (or the period run out) → decision,
    /// decision → revoked (every ground judged, at least one met, a document number) or not revoked (with reasons).
    /// </summary>
    public static CaseOutcome DecideMove(CaseContext ctx, Center center, MoveInput input)
    {
        var r = ctx.DetailAs<RevocationCase>();
        var to = input.To ?? "";
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        var (move, refused) = ctx.Move(to, note);
        if (refused is not null) return refused;
        var target = ctx.Process.Stage(to)!;
        var from = ctx.Stage;
        var apply = new List<Action>();
        var add = new List<object>();
        string action, message;
        DateOnly? due = null;
        (string, Verdict, int?)? kept = null;
        if (target.Step == StageSteps.Hearing)
        {
            if (input.HearingDueOn is not { } d) return Refusal.Invalid("请确定陈述、申辩的期限（截止日期）。", move!.Article);
            if (d <= ctx.Today) return Refusal.Invalid($"陈述、申辩的期限须晚于今天（{ctx.Today:yyyy-MM-dd}）。", move!.Article);
            if (d > ctx.Today.AddDays(90)) return Refusal.Invalid("陈述、申辩的期限不能超过 90 日。", move!.Article);
            due = d;
            apply.Add(() => r.HearingDueOn = d);
            action = "告知拟撤销的情形与依据";
            note = $"请于 {d:yyyy-MM-dd} 前提交陈述、申辩意见" + (note is null ? "" : $"。{note}");
            message = $"已告知技术创新中心，陈述、申辩期限至 {d:yyyy-MM-dd}。";
        }
        else if (from.Step == StageSteps.Hearing && move!.Actor != Actors.Bureau)
        {
            var statement = input.Statement?.Trim();
            if (!input.Waive && string.IsNullOrWhiteSpace(statement)) return Refusal.Invalid("请填写陈述、申辩意见，或选择放弃陈述、申辩。", move.Article);
            if (statement is { Length: > 8000 }) return Refusal.Invalid("陈述、申辩意见不能超过 8000 字。", move.Article);
            if (r.HearingDueOn is { } end && ctx.Today > end)
                return Refusal.Conflict($"陈述、申辩期限已于 {end:yyyy-MM-dd} 届满，不能再提交。", move.Article);
            apply.Add(() =>
            {
                r.Statement = input.Waive ? null : statement;
                r.StatementWaived = input.Waive;
                r.StatementAt = ctx.Now;
                r.StatementBy = ctx.Actor.Scope.UserName;
            });
            action = input.Waive ? "放弃陈述、申辩" : "提交陈述、申辩意见";
            note = input.Waive ? "技术创新中心放弃陈述、申辩" : statement;
            message = "陈述、申辩意见已提交。";
        }
        else if (from.Step == StageSteps.Hearing)
        {
            if (r.HearingDueOn is { } end && ctx.Today <= end)
                return Refusal.Conflict($"陈述、申辩期限至 {end:yyyy-MM-dd}，期限届满前不能转入决定。", move!.Article);
            action = "陈述、申辩期限届满";
            note ??= $"技术创新中心未在期限（{r.HearingDueOn:yyyy-MM-dd}）内提交陈述、申辩意见";
            message = "已转入决定。";
        }
        else if (target.IsApproval)
        {
            var answers = new Dictionary<string, RevocationCase.Answer>(r.Judgements);
            foreach (var (k, a) in input.Answers ?? new Dictionary<string, RevocationCase.Answer>())
            {
                if (!r.GroundIds.Contains(k)) return Refusal.Invalid($"“{k}”不是本次撤销认定的情形。");
                if (a.Outcome is not ("pass" or "fail")) continue;
                if (string.IsNullOrWhiteSpace(a.Reason)) return Refusal.Invalid("对条文判断用语作出判断须写明理由。", move!.Article);
                answers[k] = a with { Reason = a.Reason.Trim() };
            }
            var verdict = VerdictOf(ctx.Pack, r, answers);
            var open = verdict.Reasons.Where(x => x.Outcome == Outcome.NeedsJudgement).ToList();
            if (open.Count > 0)
                return Refusal.Invalid("以下情形的条文用语需经办人判断，请逐项作出判断并写明理由：" + string.Join("；", open.Select(x => $"{x.Message}（{x.Article}）")), open[0].Article);
            var met = verdict.Reasons.Where(x => x.Outcome == Outcome.Fail).Select(x => x.RuleId).ToList();
            if (met.Count == 0) return Refusal.Conflict("经判断，所列情形均不构成撤销情形，不能作出撤销决定；请办理“不予撤销”。", move!.Article);
            var number = input.DecisionNumber?.Trim();
            if (string.IsNullOrWhiteSpace(number)) return Refusal.Invalid("请填写撤销决定文号。", move!.Article);
            if (number.Length > 100) return Refusal.Invalid("撤销决定文号不能超过 100 字。");
            var today = ctx.Today;
            apply.Add(() =>
            {
                r.JudgementsJson = JsonSerializer.Serialize(answers);
                r.DecisionNumber = number;
                r.DecidedOn = today;
                center.Status = CenterStatus.Revoked;
                center.RevokedOn = today;
                center.Revision++;
            });
            add.Add(new CenterHistory { CenterId = center.Id, ChangedAt = ctx.Now, ChangedBy = ctx.Actor.Scope.UserName, Field = "状态", From = center.StatusName(today), To = "已撤销", CaseId = ctx.Case.Id, Note = $"撤销决定 {number}" });
            add.Add(new Revocation { UnitId = center.LeadUnitId, JurisdictionId = center.JurisdictionId, RevokedOn = today, Ground = string.Join(",", met), Document = number, CaseId = ctx.Case.Id, CenterId = center.Id, Note = r.FactsFound.Length > 2000 ? r.FactsFound[..2000] : r.FactsFound });
            kept = ("撤销决定", verdict, null);
            action = "作出撤销决定";
            var bans = BansOf(ctx.Pack, met, today);
            note = $"{number}" + (note is null ? "" : $"；{note}") + (bans.Count == 0 ? "；所依据的情形不适用禁止再行申报" : "；" + string.Join("；", bans.Select(b => $"{b.Rule.Article}：至 {b.LastDay:yyyy-MM-dd} 不得再行申报")));
            message = $"已作出撤销决定（{number}），{center.Name}的状态为已撤销。";
        }
        else
        {
            action = target.IsRejection ? target.Name : $"转入{target.Name}";
            message = $"已办理：{ctx.Name(from)} → {ctx.Name(target)}。";
        }
        return new Decision(message)
        {
            Steps = [new CaseStep(ctx, action, note, move!.Article, target) { DueOn = due, Verdict = kept, Audience = target.Step == StageSteps.Hearing || from.Step != StageSteps.Review ? Audience.Parties : null }],
            Apply = apply,
            Add = add,
        };
    }

    /// <summary>撤销决定书 as an official document: the grounds with their articles and wording, the hearing, the decision, the bans.</summary>
    public static OfficialDocument DecisionDocument(RevocationCase r, Center center, PolicyPack pack, string bureauName)
    {
        var grounds = GroundsOf(pack).Where(g => r.GroundIds.Contains(g.Id)).ToList();
        var verdict = VerdictOf(pack, r);
        var met = verdict.Reasons.Where(x => x.Outcome == Outcome.Fail).Select(x => x.RuleId).ToList();
        var decided = r.DecidedOn ?? center.RevokedOn ?? default;
        var body = new List<string>
        {
            $"经查，{r.FactsFound.TrimEnd('。')}。",
            "上述事实属于" + string.Join("；", grounds.Where(g => met.Contains(g.Id)).Select(g => $"《{pack.Title}》{g.Article}“{g.Text}”的情形")) + "。",
            r.StatementWaived ? "我局已依法告知你单位拟撤销的情形与依据，你单位放弃陈述、申辩。"
                : r.Statement is not null ? $"我局已依法告知你单位拟撤销的情形与依据，并听取了你单位的陈述、申辩（{r.StatementAt?.ToString("yyyy-MM-dd") ?? ""}提交）。"
                : $"我局已依法告知你单位拟撤销的情形与依据，你单位未在期限（{r.HearingDueOn:yyyy-MM-dd}）内提出陈述、申辩。",
            $"根据{Shared.Readable.Document(pack.Title, pack.Document)}{pack.Process(ProcessKinds.Revocation)?.Article}的规定，经研究，决定撤销{center.Name}的技术创新中心资格。",
        };
        foreach (var (rule, last) in BansOf(pack, met, decided))
            body.Add($"依照{rule.Article}“{rule.Text}”，自本决定作出之日次日起{rule.Value}内（至{OfficialDate.Format(last)}）不得再行申报。");
        body.Add("特此决定。");
        return new OfficialDocument(bureauName, r.DecisionNumber ?? "", $"{bureauName}关于撤销{center.Name}资格的决定", $"{center.LeadUnitName}：", body, bureauName, OfficialDate.Format(decided));
    }
}
