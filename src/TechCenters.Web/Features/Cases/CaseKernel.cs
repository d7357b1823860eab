using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Features.Cases;

/// <summary>What one kind of case adds when loaded: its detail row and the facts its process and rules read.</summary>
public interface ICaseKind
{
    string Kind { get; }
    Task<(object? Detail, Facts Facts)> LoadAsync(AppDbContext db, Case c, CancellationToken ct);
    /// <summary>Where this account works on the case (an expert reviews it, others read its detail).</summary>
    string Url(Case c, Accounts.UserScope scope);
    /// <summary>The verdict the case is judged by for these facts (the one an officer answers judgement words of); null: none.</summary>
    Verdict? Judge(CaseContext ctx, Facts facts) => null;
    /// <summary>
    /// Who holds <paramref name="stage"/> for these facts when the case's assignment decides it rather than the pack's next
    /// move alone (评估: the experts assigned while their sheets are due); null: the pack's holder rule.
    /// </summary>
    string? Holder(CaseContext ctx, Stage stage, Facts facts) => null;
    /// <summary>What an assigned expert does on this kind's cases (评审, 评估); null: no expert is assigned to them.</summary>
    IExpertWork? ExpertWork => null;
    /// <summary>
    /// Who else reads this kind's cases, by a relation only this kind has (an evaluation: the organisation entrusted with it,
    /// while it is) — the bureau, departments, parties and assigned experts are <see cref="CaseScope"/>'s own, for every kind.
    /// The ids of the cases this account sees by it, as a query <see cref="CaseScope"/> composes into its one statement (the
    /// lists, the case's 404) and <see cref="CaseRelation"/> asks of one case (who the account is to it); null: none.
    /// </summary>
    IQueryable<int>? SeenBy(AppDbContext db, Accounts.UserScope s) => null;
}

/// <summary>
/// The part an assigned expert plays on one kind of case, for the places that serve every kind (待办, 专家申请回避): what
/// it is called, when the expert's part is in, and when the expert may still withdraw.
/// </summary>
public interface IExpertWork
{
    /// <summary>What the expert does, in one word (评审, 评估), as 待办 names it.</summary>
    string Name { get; }
    /// <summary>What 待办 asks of the expert when no due date is set.</summary>
    string Ask { get; }
    /// <summary>Why an expert whose part is in may no longer withdraw.</summary>
    string Given { get; }
    /// <summary>What the bureau is asked to check after a withdrawal (its notification).</summary>
    string Regroup { get; }
    /// <summary>Where the bureau forms the case's experts anew after a withdrawal.</summary>
    string BureauUrl(Case c);
    /// <summary>The cases of this kind on which the expert's part is in (a review, a sheet), as a query 待办 composes into its one statement.</summary>
    IQueryable<int> GivenBy(AppDbContext db, int expertId);
    /// <summary>Why an assigned expert may not withdraw from the case at its stage now; null: they may.</summary>
    Refusal? Withdrawable(CaseContext ctx);
}

/// <summary>
/// The lifecycle kernel (ADR 0006): every action on a case is load → a pure decide → one writer. <see cref="RunAsync"/>
/// is the preamble every action shares (scope 404, stale revision 409), <see cref="CommitAsync"/> the one writer that
/// puts a decision — stage, timeline entries, rows, verdicts, new cases — in one transaction with its audit rows, and
/// refusals are audited too.
/// </summary>
public sealed class CaseKernel(AppDbContext db, PolicyCatalog catalog, AuditLog audit, Clock clock, IEnumerable<ICaseKind> kinds,
    Notifications.NotificationMail mail)
{
    public PolicyCatalog Catalog => catalog;
    public Clock Clock => clock;

    public PolicyPack PackOf(Case c) => PackOf(c.JurisdictionId, c.PackVersion);

    public PolicyPack PackOf(string jurisdiction, string version) =>
        catalog.Versions(jurisdiction).FirstOrDefault(p => p.Version == version)
        ?? throw new InvalidOperationException($"政策包 {jurisdiction}/{version} 不存在");

    public static StagesRule ProcessOf(PolicyPack pack, string kind) =>
        pack.Process(kind) ?? throw new InvalidOperationException($"政策包 {pack.Folder} 没有“{kind}”的流程");

    /// <summary>Loads a case the actor can see, with its detail and facts; null when it cannot (a 404).</summary>
    public async Task<CaseContext?> LoadAsync(int caseId, WorkflowActor actor, CancellationToken ct = default)
    {
        // One round trip: the case with its parties and judgement answers (a handful of rows each, so one joined query).
        var c = await db.Cases.VisibleTo(db, actor.Scope).Include(x => x.LeadUnit).Include(x => x.Department).Include(x => x.Parties)
            .Include(x => x.Judgements).AsSingleQuery().FirstOrDefaultAsync(x => x.Id == caseId, ct);
        return c is null ? null : await ContextAsync(c, actor, ct);
    }

    /// <summary>A context for a case loaded without the actor's scope (a public objection reaches its case through the notice).</summary>
    public async Task<CaseContext> ContextAsync(Case c, WorkflowActor actor, CancellationToken ct = default)
    {
        var pack = PackOf(c);
        var process = ProcessOf(pack, c.Kind);
        var (detail, facts) = await LoadKindAsync(c, ct);
        return new CaseContext
        {
            Case = c, Pack = pack, Process = process, Stage = process.Stage(c.StageId)
                ?? throw new InvalidOperationException($"事项 {c.Id} 的阶段“{c.StageId}”不在 {pack.Folder} 的流程中"),
            Relation = await CaseRelation.ResolveAsync(db, actor.Scope, c, ct), Actor = actor, Facts = facts, Detail = detail,
            Clock = clock,
        };
    }

    /// <summary>The case's detail and facts as its kind loads them, with the officers' judgement answers and whether it has co-builders.</summary>
    private async Task<(object? Detail, Facts Facts)> LoadKindAsync(Case c, CancellationToken ct)
    {
        var kind = kinds.FirstOrDefault(k => k.Kind == c.Kind);
        var (detail, facts) = kind is null ? (null, Facts.From(new Dictionary<string, object?>())) : await kind.LoadAsync(db, c, ct);
        // The officers' answers to judgement words are facts of the case from then on (judgements.<rule>). Read from what was
        // loaded with the case; a caller that loaded it without them (a public objection) has them queried here.
        var entry = db.Entry(c);
        if (!entry.Collection(x => x.Judgements).IsLoaded) await entry.Collection(x => x.Judgements).LoadAsync(ct);
        facts = AnswerJudgement.WithAnswers(facts, c.Judgements.OrderBy(j => j.Id));
        // Whether the case has co-builders: a review chain's co-builder review is passed over when it has none.
        if (facts.Bool(StagesRule.HasCoBuildersFact) is null)
        {
            if (!entry.Collection(x => x.Parties).IsLoaded) await entry.Collection(x => x.Parties).LoadAsync(ct);
            facts = facts.With(StagesRule.HasCoBuildersFact, c.Parties.Any(p => p.Role == CaseParty.CoBuilder));
        }
        return (detail, facts);
    }

    /// <summary>
    /// The preamble every action on one case shares: load within scope (404), check the revision the form was made from
    /// (409), decide, then commit the decision or audit the refusal. <paramref name="attempt"/> names the action for the audit.
    /// </summary>
    public async Task<WorkflowResult> RunAsync(int caseId, WorkflowActor actor, int? revision, string attempt,
        Func<CaseContext, CancellationToken, Task<CaseOutcome>> decide, CancellationToken ct = default) =>
        await FinishAsync(actor, attempt, caseId, await DecideAsync(caseId, actor, revision, decide, ct), ct);

    /// <summary>
    /// The same for an action a retry may repeat (an idempotent submission): when the action would be refused,
    /// <paramref name="earlier"/> gives the answer it had when it was done, if it was. Then that answer is given and the
    /// refusal is not audited — the retry is no refused attempt. Asked only on a refusal: the look-up stays off the path of
    /// an action that goes through. <c>Refused</c> says whether it was asked.
    /// </summary>
    public async Task<(WorkflowResult Result, bool Refused, T? Earlier)> RunAsync<T>(int caseId, WorkflowActor actor, int? revision, string attempt,
        Func<CaseContext, CancellationToken, Task<CaseOutcome>> decide, Func<CancellationToken, Task<T?>> earlier, CancellationToken ct = default)
        where T : class
    {
        var outcome = await DecideAsync(caseId, actor, revision, decide, ct);
        if (outcome is not Refusal f) return (await FinishAsync(actor, attempt, caseId, outcome, ct), false, null);
        if (await earlier(ct) is { } answer) return (new(f.Status, f.Message, CaseId: caseId), true, answer);
        return (await RefuseAsync(actor, attempt, caseId, f, ct), true, null);
    }

    private async Task<CaseOutcome> DecideAsync(int caseId, WorkflowActor actor, int? revision,
        Func<CaseContext, CancellationToken, Task<CaseOutcome>> decide, CancellationToken ct)
    {
        var ctx = await LoadAsync(caseId, actor, ct);
        return ctx is null ? Refusal.NotFound(WorkflowResult.NotFound().Message)
            : revision is { } r && ctx.Case.Revision != r ? new Refusal(WorkflowStatus.Conflict, WorkflowResult.StaleRevision($"该{ctx.What}").Message)
            : await decide(ctx, ct);
    }

    /// <summary>The same for an act on several cases at once (a panel formed for them, a notice listing them).</summary>
    public async Task<WorkflowResult> RunManyAsync(IReadOnlyCollection<int> caseIds, WorkflowActor actor, string attempt,
        Func<IReadOnlyList<CaseContext>, CancellationToken, Task<CaseOutcome>> decide, CancellationToken ct = default)
    {
        var contexts = new List<CaseContext>();
        foreach (var id in caseIds.Distinct())
        {
            var ctx = await LoadAsync(id, actor, ct);
            if (ctx is null) return await RefuseAsync(actor, attempt, id, Refusal.NotFound(WorkflowResult.NotFound().Message), ct);
            contexts.Add(ctx);
        }
        return await FinishAsync(actor, attempt, caseIds.Count == 1 ? caseIds.First() : null, await decide(contexts, ct), ct);
    }

    public Task<WorkflowResult> FinishAsync(WorkflowActor actor, string attempt, int? caseId, CaseOutcome outcome, CancellationToken ct) =>
        outcome switch
        {
            Decision d => CommitAsync(actor, d, ct),
            Refusal f => RefuseAsync(actor, attempt, caseId, f, ct),
            _ => throw new InvalidOperationException("未知的办理结果"),
        };

    /// <summary>A refused action changes nothing but is kept in the audit chain, with its reason and article.</summary>
    public async Task<WorkflowResult> RefuseAsync(WorkflowActor actor, string attempt, int? caseId, Refusal refusal, CancellationToken ct = default)
    {
        db.ChangeTracker.Clear();
        await audit.AppendAsync(actor.Scope.UserId, actor.Scope.UserName, actor.ClientAddress,
            new AuditRecord(attempt, refusal.Status == WorkflowStatus.Forbidden ? AuditOutcome.Denied : AuditOutcome.Failure, "事项", caseId?.ToString(),
                $"HTTP {(int)refusal.Status}：{refusal.Message}" + (refusal.Article is null ? "" : $"（{refusal.Article}）")), ct);
        return new(refusal.Status, refusal.Message, CaseId: caseId);
    }

    /// <summary>
    /// The one writer: applies the decision's changes, moves each case (revision + 1), writes timeline entries, kept
    /// verdicts, added rows and opened cases, and an audit row per entry — in one transaction, or nothing (a concurrent
    /// change of the same case is a 409).
    /// </summary>
    public async Task<WorkflowResult> CommitAsync(WorkflowActor actor, Decision d, CancellationToken ct = default)
    {
        var now = clock.UtcNow;
        foreach (var apply in d.Apply) apply();
        var entries = new List<(Case Case, ActivityEntry Entry)>();
        var verdicts = new List<(Case Case, CaseVerdict Verdict)>();
        var audited = new List<(Case Case, ActivityEntry Entry)>(); // audited, not on the timeline
        foreach (var s in d.Steps)
        {
            var c = s.Ctx.Case;
            var from = s.Ctx.Stage;
            var to = s.To ?? from;
            if (s.To is not null)
            {
                c.StageId = to.Id;
                c.Step = to.Step;
                c.SubmittedInStage = s.SubmittedInStage ?? false;
                c.ClosedAt = to.Final ? now : null;
            }
            else if (s.SubmittedInStage is { } submitted) c.SubmittedInStage = submitted;
            // The lead unit moved while its old department held the step: the new department takes over from the next step on.
            var pendingApplied = s.To is not null && c.PendingMoveId is not null;
            if (pendingApplied)
            {
                c.DepartmentId = c.PendingDepartmentId;
                c.PendingMoveId = null;
                c.PendingDepartmentId = null;
            }
            // The holder follows a move, a submission, or a change of the facts it is worked out from (an assignment, a sheet).
            if (s.To is not null || s.SubmittedInStage is not null || s.FactsAfter is not null)
                c.Holder = HolderOf(s.Ctx, to, s.FactsAfter ?? s.Ctx.Facts);
            if (s.ReturnReason is not null) c.ReturnReason = s.ReturnReason;
            else if (s.ClearReturn) c.ReturnReason = null;
            // A due date belongs to the stage it was set in: a move clears it unless the step sets a new one.
            if (s.DueOn is not null) c.DueOn = s.DueOn;
            else if (s.To is not null) c.DueOn = null;
            c.Revision++;
            c.UpdatedAt = now;
            var entry = Entry(s.Ctx, actor, s.Action, from, s.To, s.Article, s.Note, s.Audience ?? ActorAudience.OfStage(from), now);
            if (s.OnTimeline) entries.Add((c, entry));
            else audited.Add((c, entry));
            if (pendingApplied)
                entries.Add((c, Entry(s.Ctx, actor, Organisation.UnitMoves.Applied, to, null, null,
                    "原归口管理部门办理的阶段已结束，自本阶段起由调整后的归口管理部门办理", Audience.Officials, now)));
            if (s.Verdict is { } v)
            {
                var kept = new CaseVerdict
                {
                    Purpose = v.Purpose, CaseRevision = c.Revision, Version = v.Version, PackVersion = v.Verdict.Version, PackDocument = v.Verdict.Document,
                    Outcome = Wire(v.Verdict.Outcome), VerdictJson = v.Verdict.ToJson(), RecordedAt = now, RecordedBy = actor.Scope.UserName,
                };
                // The case's last verdict goes with the case's own update (one UPDATE of the case, not a second one after it).
                c.VerdictOutcome = kept.Outcome;
                c.VerdictJson = kept.VerdictJson;
                verdicts.Add((c, kept));
            }
        }
        foreach (var o in d.Open)
        {
            o.Case.CreatedAt = o.Case.UpdatedAt = now;
            o.Case.Revision = 1;
            o.Case.CreatedBy ??= actor.Scope.UserName;
            o.Case.Parties.AddRange(o.Parties);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            foreach (var o in d.Open)
            {
                db.Cases.Add(o.Case);
                if (o.Detail is not null) db.Add(o.Detail);
            }
            foreach (var row in d.Add) db.Add(row);
            // New cases get their ids (their timeline entries and audit rows name them), and a holder worked out from the
            // decision's own changes needs them written first: only then a save of their own.
            var written = d.Open.Count > 0 || d.Steps.Any(s => s.Reassess);
            if (written) await db.SaveChangesAsync(ct);
            // The decision's own changes, now written, alter facts a holder is worked out from (an expert's assignment
            // ended): the case's facts are read again and the holder worked out anew, whatever the kind.
            foreach (var s in d.Steps.Where(s => s.Reassess))
                s.Ctx.Case.Holder = HolderOf(s.Ctx, s.To ?? s.Ctx.Stage, (await LoadKindAsync(s.Ctx.Case, ct)).Facts);
            foreach (var o in d.Open)
            {
                var pack = PackOf(o.Case);
                var stage = ProcessOf(pack, o.Case.Kind).Stage(o.Case.StageId);
                entries.Add((o.Case, new ActivityEntry
                {
                    CaseId = o.Case.Id, OccurredAt = now, UserId = actor.Scope.UserId, UserName = actor.Scope.UserName, Role = actor.Scope.Role,
                    Action = o.Action, ToStage = stage?.Id, ToStageName = stage?.Name, PackVersion = pack.Version, PackDocument = pack.Document,
                    Article = o.Article, Note = o.Note, Audience = o.Audience,
                }));
            }
            foreach (var (_, e) in entries) db.Activities.Add(e);
            foreach (var (c, v) in verdicts)
            {
                v.CaseId = c.Id;
                db.CaseVerdicts.Add(v);
            }
            // The audit rows go with the save that writes the timeline (one batch on PostgreSQL), not a save each.
            var rows = entries.Concat(audited).Select(x => audit.Add(actor.Scope.UserId, actor.Scope.UserName, actor.ClientAddress,
                new AuditRecord(x.Entry.Action, AuditOutcome.Success, KindName(x.Case.Kind), x.Case.Id.ToString(),
                    $"{x.Case.Title}：{StagePath(x.Entry.FromStageName, x.Entry.ToStageName)}；{x.Entry.PackDocument}（{x.Entry.PackVersion}）{x.Entry.Article}" +
                    (x.Entry.Note is null ? "" : $"；{x.Entry.Note}")))).ToList();
            // Who is told is read from what the decision wrote (a submission's co-builders as parties, an expert's
            // assignment): a decision that opened no case writes everything but its notifications in this one save.
            if (!written) await db.SaveChangesAsync(ct);
            await NotifyAsync(d, now, ct);
            // Every notification of this decision (the kernel's and any the action added, those already saved above with
            // the action's rows) by e-mail where its account asks.
            await mail.EnqueueAsync(db.ChangeTracker.Entries<Notifications.Notification>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)
                .Concat(d.Add.OfType<Notifications.Notification>()).Distinct().ToList(), ct);
            await db.SaveChangesAsync(ct);
            foreach (var row in rows) db.Entry(row).State = EntityState.Detached;
            await tx.CommitAsync(ct);
            var first = entries.Count > 0 ? entries[0] : audited.Count > 0 ? audited[0] : default;
            return new(WorkflowStatus.Ok, d.Message, first.Entry, first.Case?.Id) { Warning = d.Warning };
        }
        catch (DbUpdateConcurrencyException)
        {
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return WorkflowResult.StaleRevision();
        }
    }

    /// <summary>Who holds <paramref name="to"/> of the case for these facts: the kind's own rule where it has one, else the pack's.</summary>
    private string? HolderOf(CaseContext ctx, Stage to, Facts facts) =>
        (to.Final ? null : kinds.FirstOrDefault(k => k.Kind == ctx.Case.Kind)?.Holder(ctx, to, facts))
            ?? ctx.Process.HolderOf(to, facts, ctx.Case.SubmittedInStage, ctx.Filer);

    /// <summary>
    /// Case events as notifications, in the same transaction: the accounts that now hold a moved case (待您办理), the
    /// filer of a case returned to it (退回修改) or ended (办结). The actor is not told what it did itself.
    /// </summary>
    private async Task NotifyAsync(Decision d, DateTimeOffset now, CancellationToken ct)
    {
        var sent = new HashSet<(string, int)>();
        async Task Tell(CaseContext ctx, string actor, string kind, string title, string? body)
        {
            var c = ctx.Case;
            foreach (var user in await Notifications.CaseRecipients.OfAsync(db, c, actor, ct))
            {
                if (user == ctx.Actor.Scope.UserId || !sent.Add((user, c.Id))) continue;
                db.Notifications.Add(new Notifications.Notification
                {
                    UserId = user, CaseId = c.Id, Kind = kind, Title = title, Body = body, CreatedAt = now,
                    Link = LinkFor(kinds, c, actor),
                });
            }
        }
        foreach (var s in d.Steps.Where(s => s.To is not null || s.ReturnReason is not null || s.SubmittedInStage == true))
        {
            var c = s.Ctx.Case;
            var what = KindName(c.Kind);
            if (s.ReturnReason is not null)
                await Tell(s.Ctx, s.Ctx.Filer, Notifications.NotificationKinds.Returned, $"{what}“{c.Title}”已退回修改", s.ReturnReason);
            else if (s.To is { Final: true } end)
                await Tell(s.Ctx, s.Ctx.Filer, Notifications.NotificationKinds.Decided, $"{what}“{c.Title}”已办结：{end.NameFor([s.Ctx.Filer])}", s.Note);
            else if (c.Holder is { } holder && holder != Actors.Public)
                await Tell(s.Ctx, holder, Notifications.NotificationKinds.Assigned, $"待您办理：{what}“{c.Title}”（{(s.To ?? s.Ctx.Stage).NameFor([holder])}）",
                    c.DueOn is { } due ? $"办理期限 {due:yyyy-MM-dd}" : null);
        }
    }

    /// <summary>Where whoever acts as <paramref name="actor"/> works on the case (a notification's link).</summary>
    public static string LinkFor(IEnumerable<ICaseKind> kinds, Case c, string actor) =>
        kinds.FirstOrDefault(k => k.Kind == c.Kind)?.Url(c, ScopeOf(actor)) ?? $"/Cases/{c.Id}";

    /// <summary>A scope that stands for whoever acts as <paramref name="actor"/>, for building links.</summary>
    public static Accounts.UserScope ScopeOf(string actor) => new(null, "", actor switch
    {
        Actors.ExpertPanel => Accounts.Roles.Expert,
        Actors.ThirdParty => Accounts.Roles.Evaluator,
        Actors.Department => Accounts.Roles.DepartmentOfficer,
        Actors.LeadUnit or Actors.Center or Actors.Council or Actors.CoBuilders => Accounts.Roles.Applicant,
        _ => Accounts.Roles.BureauOfficer,
    }, null, null, null, null);

    private static ActivityEntry Entry(CaseContext ctx, WorkflowActor actor, string action, Stage from, Stage? to, string? article, string? note,
        Audience audience, DateTimeOffset now) => new()
    {
        CaseId = ctx.Case.Id, OccurredAt = now, UserId = actor.Scope.UserId, UserName = actor.Scope.UserName, Role = actor.Scope.Role,
        // An entry without a move records the stage it happened in as both ends, as the timeline shows it.
        Action = action, FromStage = from.Id, ToStage = (to ?? from).Id, FromStageName = from.Name, ToStageName = (to ?? from).Name,
        PackVersion = ctx.Pack.Version, PackDocument = ctx.Pack.Document, Article = article ?? (to ?? from).Article, Note = note, Audience = audience,
    };

    /// <summary>Where an entry left the case, as people read it: 进入 X, X → Y, or the stage it happened in.</summary>
    public static string StagePath(string? from, string? to) =>
        from is null ? $"进入“{to}”" : to is null || from == to ? $"“{from}”阶段" : $"{from} → {to}";

    /// <summary>The audit's object type for a kind (申报书, 年度报告 …).</summary>
    public string KindName(string kind) => kind == ProcessKinds.Application ? "申报书"
        : catalog.Vocabulary.Processes.TryGetValue(kind, out var d) ? d.Label : kind;

    public static string Wire(Outcome o) => o switch { Outcome.Pass => "pass", Outcome.Fail => "fail", _ => "needs_judgement" };
}
