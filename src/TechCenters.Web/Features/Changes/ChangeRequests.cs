using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Changes;

/// <summary>
/// The change_request kind: its detail, and the facts its process and rules read — the center's record as it would be
/// after the change (the recognizing application's facts with the new name, host unit or core co-builders) and the matter
/// asked for (<c>change.kind</c>).
/// </summary>
public sealed class ChangeRequestKind(Infrastructure.Clock clock) : ICaseKind
{
    public string Kind => ProcessKinds.ChangeRequest;

    public async Task<(object? Detail, Facts Facts)> LoadAsync(AppDbContext db, Case c, CancellationToken ct)
    {
        var r = await db.Set<ChangeRequest>().Include(x => x.NewUnit)
            .Include(x => x.Center!).ThenInclude(x => x.CoBuilders).ThenInclude(b => b.Unit).AsSplitQuery().FirstAsync(x => x.Id == c.Id, ct);
        return (r, await ChangeRequests.FactsAfterAsync(db, r, clock.Today, ct));
    }

    public string Url(Case c, UserScope scope) => $"/Changes/{c.Id}";
}

/// <summary>
/// Filing, moving and approving change requests. Each is load → pure decide → the kernel's one writer; an approval applies
/// the change to the center's record with a history row per field, after the verdict of the topics the change concerns.
/// </summary>
public sealed class ChangeRequests(AppDbContext db, CaseKernel kernel, AttachmentStore store) : IStepHandler
{
    public const string EvidenceKind = "变更佐证材料";

    /// <summary>The pack's change_kinds rule (the matters, what each changes, the evidence asked).</summary>
    public static ChangeKindsRule? KindsOf(PolicyPack pack) => pack.Rules.OfType<ChangeKindsRule>().FirstOrDefault();

    // ---- IStepHandler: approval changes the center record, so the generic move never makes this process's moves.
    public bool Handles(StagesRule process, Stage stage) => process.Process == ProcessKinds.ChangeRequest;
    public string PageName => "变更申请页面";
    public string Waiting => "等待审核";
    public string PageUrl(Case c) => $"/Changes/{c.Id}";

    /// <summary>The record after the change, as facts (the recognizing application's facts with the new values) + change.kind.</summary>
    public static async Task<Facts> FactsAfterAsync(AppDbContext db, ChangeRequest r, DateOnly today, CancellationToken ct)
    {
        var center = r.Center!;
        var app = await db.Applications.AsNoTracking().Include(a => a.CoBuilders).ThenInclude(b => b.Unit).FirstOrDefaultAsync(a => a.Id == center.ApplicationId, ct);
        var lead = r.Target == ChangeTargets.HostUnit && r.NewUnit is not null ? r.NewUnit
            : await db.Units.AsNoTracking().FirstAsync(u => u.Id == center.LeadUnitId, ct);
        var coreIds = r.Target == ChangeTargets.CoreCoBuilders ? r.CoreUnitIds : null;
        var newCore = coreIds is null ? [] : await db.Units.AsNoTracking().Where(u => coreIds.Contains(u.Id)).ToListAsync(ct);
        return FactsAfter(r, app, lead, center, newCore, today);
    }

    /// <summary>Pure: the facts of the record after the change.</summary>
    public static Facts FactsAfter(ChangeRequest r, Application? app, Unit lead, Center center, IReadOnlyList<Unit> newCore, DateOnly today)
    {
        var typed = ApplicationFacts.Parse(app?.FactsJson);
        // A new host: what the old host declared about itself no longer describes the host; the registry says what it knows.
        if (r.Target == ChangeTargets.HostUnit) foreach (var k in typed.Keys.Where(k => k.StartsWith("lead.", StringComparison.Ordinal)).ToList()) typed.Remove(k);
        var regions = app?.CoBuilders.ToDictionary(b => b.UnitId, b => b.Region) ?? [];
        var builders = r.Target == ChangeTargets.CoreCoBuilders
            ? center.CoBuilders.Where(b => !b.Core && !newCore.Any(u => u.Id == b.UnitId)).Select(b => Fact(b.Unit!, regions, false))
                .Concat(newCore.Select(u => Fact(u, regions, true)))
            : center.CoBuilders.OrderBy(b => b.Position).Select(b => Fact(b.Unit!, regions, b.Core));
        var name = r.Target == ChangeTargets.Name && !string.IsNullOrWhiteSpace(r.ToValue) ? r.ToValue! : center.Name;
        var facts = ApplicationFacts.Build(typed, lead, builders.ToList(), ApplicationFacts.Parse(app?.PlanJson), name, today, null, null);
        return facts.With("change.kind", r.Matter);
    }

    private static ApplicationFacts.CoBuilderFact Fact(Unit u, IReadOnlyDictionary<int, string> regions, bool core) =>
        new(u.Name, u.Type, regions.GetValueOrDefault(u.Id, u.Region), core);

    /// <summary>
    /// The verdict a change is approved under: the pack's change_kinds rule (is it a matter the text lists?) and the rules of
    /// the topics the changed record is judged by (a new name by the naming pattern, a new host by the host conditions…).
    /// </summary>
    public static Verdict VerdictOf(PolicyPack pack, ChangeRequest r, Facts facts)
    {
        var topics = ChangeTargets.Topics(r.Target);
        var ids = pack.Rules.Where(x => x.Evaluable && (x is ChangeKindsRule
                || (topics.Contains(x.Topic) && (x.Area == ApplicationRules.EligibilityArea || x is NamingRule))))
            .Select(x => x.Id).ToList();
        return pack.Evaluate(facts, null, ids);
    }

    /// <summary>What the record says now for a target, as shown.</summary>
    public static string? Current(Center c, string target) => target switch
    {
        ChangeTargets.Name => c.Name,
        ChangeTargets.RegisteredAddress => c.RegisteredAddress ?? c.LeadUnit?.RegisteredAddress,
        ChangeTargets.HostUnit or ChangeTargets.HostUnitName => c.LeadUnitName,
        ChangeTargets.CoreCoBuilders => string.Join("、", c.CoBuilders.Where(b => b.Core).OrderBy(b => b.Position).Select(b => b.Unit?.Name)),
        _ => null,
    };

    public sealed record Filing(int CenterId, string? Matter, string? ToValue, int? NewUnitId, IReadOnlyList<int> CoreUnitIds, string? Reason);

    private const string FileAttempt = "提出变更申请";

    /// <summary>提出变更申请: the center's lead unit opens a change_request case at its pack's first stage.</summary>
    public async Task<WorkflowResult> FileAsync(WorkflowActor actor, Filing f, CancellationToken ct = default)
    {
        var center = await db.Centers.VisibleTo(db, actor.Scope).Include(c => c.CoBuilders).ThenInclude(b => b.Unit).Include(c => c.LeadUnit)
            .AsSplitQuery().FirstOrDefaultAsync(c => c.Id == f.CenterId, ct);
        var units = center is null ? [] : await db.Units.AsNoTracking()
            .Where(u => u.JurisdictionId == center.JurisdictionId && (u.Id == f.NewUnitId || f.CoreUnitIds.Contains(u.Id))).ToListAsync(ct);
        var found = center is null ? null : kernel.Catalog.For(center.JurisdictionId, kernel.Clock.Today);
        var pack = found is { InForce: true, Pack: { } inForce } ? inForce : center is null ? null : kernel.PackOf(center.JurisdictionId, center.PackVersion);
        var outcome = DecideFiling(actor, center, pack, units, f, kernel.Clock);
        return await kernel.FinishAsync(actor, FileAttempt, null, outcome, ct);
    }

    /// <summary>Pure: the new case, or why it cannot be filed.</summary>
    public static CaseOutcome DecideFiling(WorkflowActor actor, Center? center, PolicyPack? pack, IReadOnlyList<Unit> units, Filing f, Infrastructure.Clock clock)
    {
        if (center is null || pack is null) return Refusal.NotFound("技术创新中心不存在或不在您的管辖范围内。");
        var process = pack.Process(ProcessKinds.ChangeRequest);
        var kinds = KindsOf(pack);
        if (process is null || kinds is null) return Refusal.Conflict($"{pack.Document}未规定重大事项变更的程序。");
        var filer = CaseContext.FilerOf(process);
        if (actor.Scope.Role != Roles.Applicant || actor.Scope.UnitId != center.LeadUnitId)
            return Refusal.Forbidden($"变更申请由技术创新中心的{pack.Env.Actor(filer)}提出（{kinds.Article}），您无权提出。", kinds.Article);
        if (center.Status == CenterStatus.Revoked) return Refusal.Conflict($"{center.Name}已被撤销，不能申请变更。");
        var item = f.Matter is null ? null : kinds.ItemNamed(f.Matter.Trim());
        if (item is null)
            return Refusal.Invalid($"请选择{kinds.Article}所列的变更事项（{string.Join("、", kinds.Items.Select(i => i.Name))}）。", kinds.Article);
        var reason = f.Reason?.Trim();
        if (string.IsNullOrWhiteSpace(reason)) return Refusal.Invalid("请填写变更理由。");
        if (reason.Length > 4000) return Refusal.Invalid("变更理由不能超过 4000 字。");
        var to = f.ToValue?.Trim();
        if (to is { Length: > 2000 }) return Refusal.Invalid("申请变更的内容不能超过 2000 字。");
        Unit? newUnit = null;
        var core = new List<Unit>();
        switch (item.Changes)
        {
            case ChangeTargets.HostUnit:
                newUnit = units.FirstOrDefault(u => u.Id == f.NewUnitId);
                if (newUnit is null) return Refusal.Invalid("请选择本辖区登记的新依托（牵头）单位。", kinds.Article);
                if (newUnit.Id == center.LeadUnitId) return Refusal.Invalid("新依托单位与现依托单位相同。", kinds.Article);
                to = newUnit.Name;
                break;
            case ChangeTargets.CoreCoBuilders:
                core = units.Where(u => f.CoreUnitIds.Contains(u.Id)).ToList();
                if (core.Count == 0 || core.Count != f.CoreUnitIds.Distinct().Count()) return Refusal.Invalid("请选择本辖区登记的核心共建单位（至少一家）。", kinds.Article);
                if (core.Any(u => u.Id == center.LeadUnitId)) return Refusal.Invalid("依托（牵头）单位不能同时作为核心共建单位。", kinds.Article);
                to = string.Join("、", core.Select(u => u.Name));
                break;
            default:
                if (string.IsNullOrWhiteSpace(to)) return Refusal.Invalid($"请填写申请变更的{ChangeTargets.Labels[item.Changes]}。", kinds.Article);
                if (to == Current(center, item.Changes)) return Refusal.Invalid($"申请变更的{ChangeTargets.Labels[item.Changes]}与现有记录相同。", kinds.Article);
                break;
        }
        var start = process.Start!;
        var c = new Case
        {
            Kind = ProcessKinds.ChangeRequest, JurisdictionId = center.JurisdictionId, DepartmentId = center.DepartmentId, LeadUnitId = center.LeadUnitId,
            ApplicationId = center.ApplicationId, CenterId = center.Id, Title = $"{center.Name}：变更{item.Name}",
            PackVersion = pack.Version, PackDocument = pack.Document, StageId = start.Id, Step = start.Step, Holder = filer,
        };
        var detail = new ChangeRequest
        {
            Case = c, CenterId = center.Id, Matter = item.Name, Target = item.Changes, FromValue = Current(center, item.Changes), ToValue = to,
            NewUnitId = newUnit?.Id, NewCoreUnitIds = core.Count == 0 ? null : string.Join(",", core.Select(u => u.Id)), Reason = reason,
        };
        return new Decision($"已创建变更申请“{c.Title}”，请上传佐证材料后提交。")
        {
            Open = [new NewCase(c, detail, FileAttempt, $"{item.Name}：{detail.FromValue ?? "—"} → {to}", kinds.Article)],
        };
    }

    /// <summary>Evidence uploaded to a request its filer may still edit.</summary>
    public async Task<WorkflowResult> AttachAsync(int id, WorkflowActor actor, int revision, IFormFile? file, CancellationToken ct = default)
    {
        Attachment? saved = null;
        var result = await kernel.RunAsync(id, actor, revision, "上传变更佐证材料", async (ctx, token) =>
        {
            if (ctx.Case.Kind != ProcessKinds.ChangeRequest) return Refusal.NotFound(WorkflowResult.NotFound().Message);
            if (ctx.Editable() is { } refused) return refused;
            if (file is null) return Refusal.Invalid("请选择要上传的文件（PDF、PNG 或 JPEG）。");
            var s = await store.SaveAsync(file, EvidenceKind, actor.Scope.UserName, token);
            if (s.Error is not null) return Refusal.Invalid(s.Error);
            saved = s.Attachment!;
            saved.CaseId = id;
            return new Decision($"已上传“{saved.FileName}”。")
            {
                Add = [saved],
                Steps = [new CaseStep(ctx, "上传变更佐证材料", saved.FileName, ctx.Stage.Article) { Audience = Audience.Parties }],
            };
        }, ct);
        if (!result.Ok && saved is not null) store.Delete(saved);
        return result;
    }

    /// <summary>办理: the filer's submission or withdrawal, a reviewer's pass-on or rejection, the bureau's approval.</summary>
    public Task<WorkflowResult> MoveAsync(int id, WorkflowActor actor, int revision, string? to, string? note, CancellationToken ct = default) =>
        kernel.RunAsync(id, actor, revision, "办理变更申请", async (ctx, token) =>
        {
            if (ctx.Case.Kind != ProcessKinds.ChangeRequest) return Refusal.NotFound(WorkflowResult.NotFound().Message);
            var evidence = await db.Attachments.CountAsync(a => a.CaseId == id, token);
            var center = await db.Centers.Include(c => c.LeadUnit).Include(c => c.CoBuilders).ThenInclude(b => b.Unit).AsSplitQuery().FirstAsync(c => c.Id == ctx.Case.CenterId, token);
            var r = ctx.DetailAs<ChangeRequest>();
            var core = r.CoreUnitIds.Count == 0 ? [] : await db.Units.Where(u => r.CoreUnitIds.Contains(u.Id)).ToListAsync(token);
            return DecideMove(ctx, to ?? "", note, evidence, center, core, db);
        }, ct);

    public Task<WorkflowResult> ReturnAsync(int id, WorkflowActor actor, int revision, string? reason, CancellationToken ct = default) =>
        kernel.RunAsync(id, actor, revision, "退回修改", (ctx, _) => Task.FromResult(ctx.Case.Kind != ProcessKinds.ChangeRequest
            ? Refusal.NotFound(WorkflowResult.NotFound().Message) : MoveCase.DecideReturn(ctx, reason)), ct);

    /// <summary>
    /// Pure: the pack's move; leaving the draft needs the evidence the pack asks for; approval needs a verdict that does
    /// not fail (a doubt needs the approver's note) and applies the change to the center with its history.
    /// </summary>
    public static CaseOutcome DecideMove(CaseContext ctx, string to, string? note, int evidence, Center center, IReadOnlyList<Unit> core, AppDbContext? db)
    {
        var moved = MoveCase.Decide(ctx, to, note, null);
        if (moved is not Decision d) return moved;
        var target = ctx.Process.Stage(to)!;
        var kinds = KindsOf(ctx.Pack);
        if (ctx.Stage.Step == StageSteps.Draft && !target.IsWithdrawal && kinds is { Evidence.Count: > 0 } && evidence == 0)
            return Refusal.Invalid($"请先上传{string.Join("、", kinds.Evidence.Select(e => e.Name))}（{kinds.Evidence[0].Article ?? kinds.Article}）。", kinds.Evidence[0].Article ?? kinds.Article);
        if (center.Status == CenterStatus.Revoked && !target.IsWithdrawal && !target.IsRejection)
            return Refusal.Conflict($"{center.Name}已被撤销，变更申请只能撤回或不予变更。");
        var step = d.Steps[0];
        if (ctx.Stage.Step == StageSteps.Draft && !target.IsWithdrawal)
            step = step with { Action = ctx.Case.ReturnReason is null ? "提交变更申请" : "修改后重新提交变更申请", ClearReturn = true };
        if (!target.IsApproval) return d with { Steps = [step] };

        var r = ctx.DetailAs<ChangeRequest>();
        var verdict = VerdictOf(ctx.Pack, r, ctx.Facts);
        var failed = verdict.Reasons.Where(x => x.Outcome == Outcome.Fail).ToList();
        if (failed.Count > 0)
            return Refusal.Conflict("变更后的记录不符合管理办法，不能批准：" + string.Join("；", failed.Select(x => $"{x.Message}（{x.Article}）")), failed[0].Article);
        var doubts = verdict.Reasons.Where(x => x.Outcome == Outcome.NeedsJudgement).ToList();
        if (doubts.Count > 0 && string.IsNullOrWhiteSpace(note))
            return Refusal.Invalid("以下事项需经办人判断，批准时须写明判断理由：" + string.Join("；", doubts.Select(x => $"{x.Message}（{x.Article}）")), doubts[0].Article);
        var history = Changes(r, center, core, ctx.Case.Id, ctx.Now, ctx.Actor.Scope.UserName);
        return d with
        {
            Message = $"已批准变更，{center.Name}的记录已更新。",
            Steps = [step with { Action = "批准变更", Verdict = ("批准变更", verdict, null), Note = note?.Trim() ?? $"{r.Matter}：{r.FromValue ?? "—"} → {r.ToValue}" }],
            Add = history,
            Apply = [() => ApplyTo(center, r, core), () => { if (db is not null) RenameCases(db, center, r); }],
        };
    }

    /// <summary>The history rows of the change (what, from, to), before it is applied.</summary>
    public static IReadOnlyList<CenterHistory> Changes(ChangeRequest r, Center center, IReadOnlyList<Unit> core, int caseId, DateTimeOffset now, string? by)
    {
        var field = r.Target == ChangeTargets.Other ? r.Matter : ChangeTargets.Labels[r.Target];
        return [new CenterHistory { CenterId = center.Id, ChangedAt = now, ChangedBy = by, Field = field, From = Current(center, r.Target), To = r.ToValue, CaseId = caseId, Note = $"批准变更（{r.Matter}）" }];
    }

    /// <summary>The change applied to the record (an open matter changes nothing by itself: its history row records it).</summary>
    public static void ApplyTo(Center center, ChangeRequest r, IReadOnlyList<Unit> core)
    {
        switch (r.Target)
        {
            case ChangeTargets.Name: center.Name = r.ToValue!; break;
            case ChangeTargets.RegisteredAddress: center.RegisteredAddress = r.ToValue; break;
            case ChangeTargets.HostUnitName: center.LeadUnitName = r.ToValue!; break;
            case ChangeTargets.HostUnit:
                center.LeadUnitId = r.NewUnitId!.Value;
                center.LeadUnitName = r.ToValue!;
                break;
            case ChangeTargets.CoreCoBuilders:
                center.CoBuilders.RemoveAll(b => b.Core || core.Any(u => u.Id == b.UnitId));
                var next = center.CoBuilders.Count == 0 ? 0 : center.CoBuilders.Max(b => b.Position) + 1;
                center.CoBuilders.AddRange(core.Select((u, i) => new CenterCoBuilder { UnitId = u.Id, Core = true, Position = next + i }));
                break;
        }
        center.Revision++;
    }

    /// <summary>A new host is the lead unit of the center's open cases from now on (it files them and sees them).</summary>
    private static void RenameCases(AppDbContext db, Center center, ChangeRequest r)
    {
        if (r.Target != ChangeTargets.HostUnit) return;
        foreach (var c in db.Cases.Include(x => x.Parties).Where(x => x.CenterId == center.Id && x.ClosedAt == null && x.Id != r.Id))
        {
            c.LeadUnitId = center.LeadUnitId;
            foreach (var p in c.Parties.Where(p => p.Role == Cases.CaseParty.Lead)) p.UnitId = center.LeadUnitId;
        }
    }
}
