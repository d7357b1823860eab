using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;

namespace TechCenters.Web.Features.Applications;

/// <summary>A submission's receipt: number and server time (written in the same transaction as the version).</summary>
public sealed record Receipt(int ApplicationId, int Version, string Number, DateTimeOffset SubmittedAt, bool Replayed);

/// <summary>
/// 提交申报书: saves a version (full facts, form, plan, co-builders) with a receipt number and the server time, and
/// makes the lead unit's move of the pack. The form's idempotency key makes a retried POST return the same receipt.
/// </summary>
public sealed class SubmitApplication(AppDbContext db, ApplicationWorkflow workflow, SaveApplicationDraft drafts, TimeProvider time,
    Security.DocumentSigner signer)
{
    public sealed record Result(WorkflowResult Outcome, Receipt? Receipt = null);

    public async Task<Result> RunAsync(int id, WorkflowActor actor, int expectedRevision, string? idempotencyKey, ApplicationInput? input = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 64)
            return new(new(WorkflowStatus.Invalid, "提交缺少有效的防重复提交标识，请刷新页面后重新提交。"));
        if (await ReplayAsync(id, actor, idempotencyKey, ct) is { } replay) return replay;

        var app = await workflow.LoadAsync(id, actor.Scope, ct);
        if (app is null) return new(WorkflowResult.NotFound());
        var editable = await drafts.EditableAsync(app, actor, ct);
        if (!editable.Ok) return new(editable);
        if (app.Revision != expectedRevision) return await ReplayAsync(id, actor, idempotencyKey, ct) ?? new(WorkflowResult.StaleRevision());
        // The form is saved and submitted in one go (the same transaction).
        if (input is not null && await drafts.ApplyAsync(app, input, ct) is { Count: > 0 } errors)
            return new(new(WorkflowStatus.Invalid, string.Join("\n", errors)));

        var now = time.GetUtcNow();
        var today = workflow.Clock.DateOf(now);
        var pack = workflow.PackOf(app);
        // Judged by the version in force on the submission date when it has the same stage (else the call's version stays).
        if (workflow.Catalog.For(app.JurisdictionId, today) is { InForce: true, Pack: { } current } && current.Version != app.PackVersion
            && current.Stages?.Stage(app.StageId) is not null)
        {
            pack = current;
            app.PackVersion = current.Version;
            app.PackDocument = current.Document;
        }
        var stages = ApplicationWorkflow.StagesOf(pack);
        var facts = await workflow.FactsAsync(app, today, ct);
        if (ApplicationRules.Bans(pack, facts) is { Count: > 0 } bans)
            return new(new(WorkflowStatus.Conflict, "本单位处于不得再行申报期限内，不能提交：" + string.Join("；", bans.Select(b => $"{b.Message}（{b.Article}）"))));

        var from = stages.Stage(app.StageId)!;
        var resubmit = app.Holder != ActorRoles.LeadUnit;
        var move = resubmit ? null : stages.Next(from.Id, facts).FirstOrDefault(t => t.Actor == ActorRoles.LeadUnit && !stages.Stage(t.To)!.Final);
        var to = move is null ? from : stages.Stage(move.To)!;
        var number = app.VersionCount + 1;
        var receipt = $"SB{today:yyyyMMdd}-{app.Id:D6}-{number:D2}";
        var version = new ApplicationVersion
        {
            ApplicationId = app.Id, Number = number, ReceiptNumber = receipt, IdempotencyKey = idempotencyKey, SubmittedAt = now,
            SubmittedBy = actor.Scope.UserName, StageId = from.Id, PackVersion = pack.Version,
            FactsJson = app.FactsJson, FormJson = app.FormJson, PlanJson = app.PlanJson,
            CoBuildersJson = JsonSerializer.Serialize(app.CoBuilders.Select(c => new { c.UnitId, c.Unit?.CreditCode, c.Unit?.Name, c.WorkShare, c.Core, c.Region })),
        };
        var returned = app.ReturnReason is not null;
        app.VersionCount = number;
        app.ReceiptNumber = receipt;
        app.SubmittedAt = now;
        app.ReturnReason = null;
        app.StageId = to.Id;
        app.Step = to.Step;
        app.SubmittedInStage = move is null;
        app.Holder = ApplicationWorkflow.HolderOf(stages, to, facts, app.SubmittedInStage);
        var action = resubmit ? "重新提交申报书" : returned ? "修改后重新提交申报书" : "提交申报书";
        var entry = workflow.NewActivity(app, actor, action, from, to, pack, move?.Article ?? from.Article, $"回执编号 {receipt}，第 {number} 版");
        try
        {
            var outcome = await workflow.CommitAsync(app, actor, entry, ct, c => { db.ApplicationVersions.Add(version); signer.SignReceipt(version); return Task.CompletedTask; });
            if (!outcome.Ok) return await ReplayAsync(id, actor, idempotencyKey, ct) ?? new(outcome);
            return new(outcome, new Receipt(app.Id, number, receipt, now, false));
        }
        catch (DbUpdateException)
        {
            // The same key committed by a concurrent retry (unique index): answer with that receipt.
            db.ChangeTracker.Clear();
            return await ReplayAsync(id, actor, idempotencyKey, ct) ?? new(WorkflowResult.StaleRevision());
        }
    }

    public async Task<Result?> ReplayAsync(int id, WorkflowActor actor, string key, CancellationToken ct)
    {
        var v = await db.ApplicationVersions.AsNoTracking().FirstOrDefaultAsync(x => x.IdempotencyKey == key, ct);
        if (v is null) return null;
        if (v.ApplicationId != id || !await db.Applications.VisibleTo(actor.Scope).AnyAsync(a => a.Id == id, ct))
            return new(new(WorkflowStatus.Conflict, "该提交标识已用于其他申报书，请刷新页面后重新提交。"));
        return new(new(WorkflowStatus.Ok, "该申报书已提交（重复提交未再次处理）。"), new Receipt(id, v.Number, v.ReceiptNumber, v.SubmittedAt, true));
    }
}
