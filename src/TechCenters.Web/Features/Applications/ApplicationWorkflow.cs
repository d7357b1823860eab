using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Features.Applications;

public enum WorkflowStatus { Ok = 200, Invalid = 400, Forbidden = 403, NotFound = 404, Conflict = 409 }

/// <summary>The outcome of a workflow request; on anything but Ok nothing was changed.</summary>
public sealed record WorkflowResult(WorkflowStatus Status, string Message, ActivityEntry? Activity = null)
{
    public bool Ok => Status == WorkflowStatus.Ok;
    public int HttpStatus => (int)Status;
    public static WorkflowResult NotFound() => new(WorkflowStatus.NotFound, "申报书不存在或不在您的管辖范围内。");
    public static WorkflowResult StaleRevision() =>
        new(WorkflowStatus.Conflict, "该申报书已被他人修改或办理，您的操作未保存。请刷新页面查看最新内容后重试。");
}

/// <summary>Who is acting: the account's scope and where the request came from (for the audit trail).</summary>
public sealed record WorkflowActor(UserScope Scope, string ClientAddress, string? DisplayName = null)
{
    public static WorkflowActor From(HttpContext http) =>
        new(UserScope.From(http.User), http.Connection.RemoteIpAddress?.ToString() ?? "本机",
            http.User.FindFirst(UserScope.DisplayNameClaim)?.Value);
}

/// <summary>
/// Every change of an application's stage goes through here: the pack's stages and actors decide what may happen
/// (wrong stage → 409, wrong role → 403, out of scope → 404), the optimistic revision stops silent overwrites, and
/// the change, its activity entry and its audit row are written in one transaction — or nothing is.
/// </summary>
public sealed class ApplicationWorkflow(AppDbContext db, PolicyCatalog catalog, AuditLog audit, Clock clock)
{
    public PolicyCatalog Catalog => catalog;

    /// <summary>The pack version the application is pinned to.</summary>
    public PolicyPack PackOf(Application a) => PackOf(a.JurisdictionId, a.PackVersion);

    public PolicyPack PackOf(string jurisdiction, string version) =>
        catalog.Versions(jurisdiction).FirstOrDefault(p => p.Version == version)
        ?? throw new InvalidOperationException($"政策包 {jurisdiction}/{version} 不存在");

    public static StagesRule StagesOf(PolicyPack pack) =>
        pack.Stages ?? throw new InvalidOperationException($"政策包 {pack.Folder} 没有流程阶段");

    /// <summary>Loads an application the actor can see, with what its facts need (lead unit, co-builders).</summary>
    public Task<Application?> LoadAsync(int id, UserScope scope, CancellationToken ct = default) =>
        db.Applications.VisibleTo(scope)
            .Include(a => a.LeadUnit).Include(a => a.Call)
            .Include(a => a.CoBuilders.OrderBy(c => c.Position)).ThenInclude(c => c.Unit)
            .AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == id, ct);

    /// <summary>The facts of the application as it stands (registry data, plan, revocations of the lead unit).</summary>
    public async Task<Facts> FactsAsync(Application a, DateOnly? on = null, CancellationToken ct = default)
    {
        var rev = await db.Revocations.AsNoTracking().Where(r => r.UnitId == a.LeadUnitId)
            .OrderByDescending(r => r.RevokedOn).FirstOrDefaultAsync(ct);
        return FactsOf(a, rev, on ?? ApplicationDate(a));
    }

    public static Facts FactsOf(Application a, Revocation? rev, DateOnly date) =>
        ApplicationFacts.Build(ApplicationFacts.Parse(a.FactsJson), a.LeadUnit!,
            a.CoBuilders.Select(c => new ApplicationFacts.CoBuilderFact(c.Unit?.Name ?? "", c.Unit?.Type ?? Units.UnitType.Enterprise, c.Region, c.Core)),
            ApplicationFacts.Parse(a.PlanJson), a.CenterName, date, rev?.RevokedOn, rev?.Ground);

    /// <summary>The date the application is judged on: its (last) submission, else today (Asia/Shanghai).</summary>
    public DateOnly ApplicationDate(Application a) => clock.DateOf(a.SubmittedAt ?? clock.UtcNow);

    public Clock Clock => clock;

    /// <summary>
    /// Whose move it is in a stage: the lead unit while it holds the stage and has not submitted, else the actor of the
    /// open transitions (null in a final stage). Pure.
    /// </summary>
    public static string? HolderOf(StagesRule stages, Stage stage, Facts facts, bool submittedInStage)
    {
        if (stage.Final) return null;
        var open = stages.Next(stage.Id, facts).ToList();
        if (open.Any(t => t.Actor == ActorRoles.LeadUnit)) return ActorRoles.LeadUnit;
        if (stage.Actor == ActorRoles.LeadUnit && !submittedInStage) return ActorRoles.LeadUnit;
        return open.FirstOrDefault()?.Actor ?? stage.Actor;
    }

    /// <summary>
    /// Moves an application to another stage of its pack. Checks, in order: scope (404), revision (409), that the pack
    /// has this move from the current stage (409), the actor's role (403) and the move's conditions (409).
    /// </summary>
    public async Task<WorkflowResult> MoveAsync(int id, WorkflowActor actor, string toStage, int expectedRevision,
        string? note, string? action = null, Action<Application>? change = null, CancellationToken ct = default)
    {
        var app = await LoadAsync(id, actor.Scope, ct);
        if (app is null) return WorkflowResult.NotFound();
        return await MoveAsync(app, actor, toStage, expectedRevision, note, action, change, ct);
    }

    public async Task<WorkflowResult> MoveAsync(Application app, WorkflowActor actor, string toStage, int expectedRevision,
        string? note, string? action = null, Action<Application>? change = null, CancellationToken ct = default)
    {
        if (app.Revision != expectedRevision) return WorkflowResult.StaleRevision();
        var pack = PackOf(app);
        var stages = StagesOf(pack);
        var from = stages.Stage(app.StageId)!;
        var target = stages.Stage(toStage);
        var moves = stages.Transitions.Where(t => t.From == app.StageId && t.To == toStage).ToList();
        if (target is null || moves.Count == 0)
            return new(WorkflowStatus.Conflict,
                $"该申报书当前处于“{from.Name}”阶段，不能办理“{target?.Name ?? toStage}”（{pack.Document}）。");
        var byRole = moves.Where(t => ActorRoles.Allows(t.Actor, actor.Scope.Role)).ToList();
        if (byRole.Count == 0)
            return new(WorkflowStatus.Forbidden,
                $"“{from.Name} → {target.Name}”应由{pack.Env.Actor(moves[0].Actor)}办理（{moves[0].Article}），您的角色无权办理。");
        var facts = await FactsAsync(app, ct: ct);
        var open = stages.Next(app.StageId, facts).Where(t => t.To == toStage && byRole.Contains(t)).ToList();
        if (open.Count == 0)
            return new(WorkflowStatus.Conflict, $"不满足“{from.Name} → {target.Name}”的流转条件（{moves[0].Article}）。");
        if (target.IsRejection && string.IsNullOrWhiteSpace(note))
            return new(WorkflowStatus.Invalid, $"办理“{target.Name}”须填写理由。");

        var move = open[0];
        change?.Invoke(app);
        app.StageId = target.Id;
        app.Step = target.Step;
        app.SubmittedInStage = false;
        app.Holder = HolderOf(stages, target, facts, false);
        var entry = NewActivity(app, actor, action ?? (target.IsRejection ? target.Name : $"转入{target.Name}"), from, target, pack, move.Article, note);
        return await CommitAsync(app, actor, entry, ct);
    }

    /// <summary>退回修改: the holder of a review stage sends the application back to the stage the lead unit submitted from.</summary>
    public async Task<WorkflowResult> ReturnAsync(int id, WorkflowActor actor, int expectedRevision, string? reason, CancellationToken ct = default)
    {
        var app = await LoadAsync(id, actor.Scope, ct);
        if (app is null) return WorkflowResult.NotFound();
        if (app.Revision != expectedRevision) return WorkflowResult.StaleRevision();
        var pack = PackOf(app);
        var stages = StagesOf(pack);
        var current = stages.Stage(app.StageId)!;
        if (app.Holder is null || app.Holder == ActorRoles.LeadUnit || !ReturnableSteps.Contains(app.Step))
            return new(WorkflowStatus.Conflict, $"该申报书当前处于“{current.Name}”阶段，不能退回修改。");
        if (!ActorRoles.Allows(app.Holder, actor.Scope.Role))
            return new(WorkflowStatus.Forbidden, $"“{current.Name}”阶段应由{pack.Env.Actor(app.Holder)}办理，您的角色无权退回。");
        if (string.IsNullOrWhiteSpace(reason)) return new(WorkflowStatus.Invalid, "退回修改须填写理由，申报单位将看到该理由。");
        var submittedFrom = await db.Activities.AsNoTracking()
            .Where(x => x.ApplicationId == app.Id && x.Role == Roles.Applicant && x.FromStage != null)
            .OrderByDescending(x => x.Id).Select(x => x.FromStage).FirstOrDefaultAsync(ct);
        var back = stages.Stage(submittedFrom ?? "") ?? stages.FirstOf(StageSteps.Application)!;
        var facts = await FactsAsync(app, ct: ct);
        app.StageId = back.Id;
        app.Step = back.Step;
        app.SubmittedInStage = false;
        app.Holder = HolderOf(stages, back, facts, false);
        app.ReturnReason = reason.Trim();
        var entry = NewActivity(app, actor, "退回修改", current, back, pack, current.Article, reason.Trim());
        return await CommitAsync(app, actor, entry, ct);
    }

    /// <summary>Steps of the applying half in which a reviewer may send the application back for revision.</summary>
    public static readonly IReadOnlySet<string> ReturnableSteps = new HashSet<string>
        { StageSteps.Recommendation, StageSteps.EligibilityCheck, StageSteps.IntakeReview };

    public ActivityEntry NewActivity(Application app, WorkflowActor actor, string action, Stage? from, Stage? to, PolicyPack pack, string? article, string? note) => new()
    {
        ApplicationId = app.Id,
        OccurredAt = clock.UtcNow,
        UserId = actor.Scope.UserId,
        UserName = actor.Scope.UserName,
        Role = actor.Scope.Role,
        Action = action,
        FromStage = from?.Id,
        ToStage = to?.Id,
        FromStageName = from?.Name,
        ToStageName = to?.Name,
        PackVersion = pack.Version,
        PackDocument = pack.Document,
        Article = article,
        Note = note,
    };

    /// <summary>
    /// One act that touches several applications (a panel formed for them, a notice listing them): every application's
    /// revision, activity entry and audit row, and <paramref name="more"/>, in one transaction — or nothing.
    /// </summary>
    public async Task<WorkflowResult> CommitAllAsync(IReadOnlyList<(Application App, ActivityEntry Entry)> changes, WorkflowActor actor,
        Func<CancellationToken, Task>? more = null, CancellationToken ct = default)
    {
        foreach (var (app, _) in changes) { app.Revision++; app.UpdatedAt = clock.UtcNow; }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.Activities.AddRange(changes.Select(c => c.Entry));
            if (more is not null) await more(ct);
            await db.SaveChangesAsync(ct);
            foreach (var (app, entry) in changes)
                await audit.AppendAsync(actor.Scope.UserId, actor.Scope.UserName, actor.ClientAddress,
                    new AuditRecord(entry.Action, "成功", "申报书", app.Id.ToString(),
                        $"{entry.FromStageName ?? "—"} → {entry.ToStageName ?? "—"}；{entry.PackDocument}（{entry.PackVersion}）{entry.Article}" +
                        (entry.Note is null ? "" : $"；{entry.Note}")), ct);
            await tx.CommitAsync(ct);
            return new(WorkflowStatus.Ok, changes.Count > 0 ? changes[0].Entry.Action : "", changes.Count > 0 ? changes[0].Entry : null);
        }
        catch (DbUpdateConcurrencyException)
        {
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return WorkflowResult.StaleRevision();
        }
    }

    /// <summary>
    /// Saves the application (revision + 1), its activity entry and the audit row in one transaction.
    /// A concurrent change of the same application is a 409 and leaves nothing behind.
    /// </summary>
    public async Task<WorkflowResult> CommitAsync(Application app, WorkflowActor actor, ActivityEntry entry, CancellationToken ct = default,
        Func<CancellationToken, Task>? more = null)
    {
        app.Revision++;
        app.UpdatedAt = clock.UtcNow;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            if (app.Id == 0)
            {
                db.Applications.Add(app);
                await db.SaveChangesAsync(ct);
                entry.ApplicationId = app.Id;
            }
            db.Activities.Add(entry);
            if (more is not null) await more(ct);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(actor.Scope.UserId, actor.Scope.UserName, actor.ClientAddress,
                new AuditRecord(entry.Action, "成功", "申报书", app.Id.ToString(),
                    $"{entry.FromStageName ?? "—"} → {entry.ToStageName ?? "—"}；{entry.PackDocument}（{entry.PackVersion}）{entry.Article}" +
                    (entry.Note is null ? "" : $"；{entry.Note}")), ct);
            await tx.CommitAsync(ct);
            return new(WorkflowStatus.Ok, entry.Action, entry);
        }
        catch (DbUpdateConcurrencyException)
        {
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return WorkflowResult.StaleRevision();
        }
    }
}
