using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;

namespace TechCenters.Web.Features.Applications;

/// <summary>A submission's receipt: number and server time (written in the same transaction as the version).</summary>
public sealed record Receipt(int ApplicationId, int Version, string Number, DateTimeOffset SubmittedAt, bool Replayed);

/// <summary>
/// 提交申报书: freezes the form as a version (full facts, form, plan, co-builders) with a receipt number and the server
/// time, keeps the verdict it was submitted under, and makes the lead unit's move of the pack. The form's idempotency key
/// makes a retried POST return the same receipt.
/// </summary>
public sealed class SubmitApplication(AppDbContext db, CaseKernel kernel, SaveApplicationDraft drafts, Security.DocumentSigner signer)
{
    public sealed record Result(WorkflowResult Outcome, Receipt? Receipt = null);

    private const string Attempt = "提交申报书";

    /// <param name="confirmed">The applicant confirmed the eligibility conditions that fail or cannot be judged (listed before submitting).</param>
    public async Task<Result> RunAsync(int id, WorkflowActor actor, int expectedRevision, string? idempotencyKey, ApplicationInput? input = null,
        bool confirmed = false, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 64)
            return new(await kernel.RefuseAsync(actor, Attempt, id, Refusal.Invalid("提交缺少有效的防重复提交标识，请刷新页面后重新提交。"), ct));
        // The key is not looked up first: a submission that goes through is kept once by the version's unique index on it,
        // and a retry is answered from the refusal it would meet (the case has moved on) or from the index's violation.
        Receipt? receipt = null;
        try
        {
            var (outcome, refused, replayed) = await kernel.RunAsync(id, actor, expectedRevision, Attempt, async (ctx, token) =>
            {
                // load what the decision needs beyond the case
                var app = ctx.DetailAs<Application>();
                DraftChange? change = null;
                if (input is not null)
                {
                    var (c, errors) = await drafts.PrepareAsync(app, input, token);
                    if (errors.Count > 0) return Refusal.Invalid(string.Join("\n", errors));
                    change = c;
                }
                var current = kernel.Catalog.For(ctx.Case.JurisdictionId, ctx.Today);
                var kinds = await db.Attachments.AsNoTracking().Where(a => a.ApplicationId == id).Select(a => a.Kind).Distinct().ToListAsync(token);
                var outcome = Decide(ctx, change, current.InForce ? current.Pack : null, idempotencyKey, db, kinds, confirmed);
                if (outcome is not Decision d) return outcome;
                var version = d.Add.OfType<ApplicationVersion>().Single();
                receipt = new Receipt(id, version.Number, version.ReceiptNumber, version.SubmittedAt, false);
                // The receipt is signed with the platform's SM2 key in the same transaction as the version it vouches for.
                return d with { Add = [.. d.Add, signer.ReceiptSignature(version)] };
            }, earlier: token => ReplayAsync(id, actor, idempotencyKey, token), ct);
            // A refusal of a submission already made with this key: its receipt.
            if (replayed is not null) return replayed;
            // Not refused but not written either: a concurrent change of the case (a retry racing its first attempt) is a 409,
            // unless that attempt's receipt is there now (a refusal has been looked up already).
            if (!outcome.Ok) return (refused ? null : await ReplayAsync(id, actor, idempotencyKey, ct)) ?? new(outcome);
            return new(outcome, receipt);
        }
        catch (DbUpdateException)
        {
            // The same key committed by a concurrent retry (unique index): answer with that receipt.
            if (await ReplayAsync(id, actor, idempotencyKey, ct) is { } raced) return raced;
            throw;
        }
    }

    /// <summary>
    /// Pure: what a submission does — the version with its receipt, the verdict it is judged by, the lead unit's move (or a
    /// submission in the stage), and the co-builders as parties — or why it cannot be made.
    /// </summary>
    public static CaseOutcome Decide(CaseContext ctx, DraftChange? change, PolicyPack? inForce, string key, AppDbContext db,
        IReadOnlyCollection<string> attachmentKinds, bool confirmed)
    {
        if (SaveApplicationDraft.Editable(ctx) is { } refused) return refused;
        var app = ctx.DetailAs<Application>();
        var now = ctx.Now;
        var pack = ctx.Pack;
        // Judged by the version in force on the submission date when it has the same stage (else the call's version stays).
        if (inForce is not null && inForce.Version != pack.Version && inForce.Stages?.Stage(ctx.Case.StageId) is not null) pack = inForce;
        var submitted = change?.Preview(app) ?? app;
        // Officers' earlier answers to judgement words stay with the case (a resubmission after a return keeps them).
        // The lead unit's revocation as the case's facts read it (ApplicationKind), not read again.
        var facts = AnswerJudgement.Carry(ctx.Facts, ApplicationCase.FactsOf(submitted, ApplicationCase.RevocationOf(ctx.Facts), ctx.Today));
        // The integrity record as loaded for the case (the kernel's facts) goes with the submission's verdict.
        if (ctx.Facts.Text(Integrity.IntegrityCheck.RecordFactPath) is { } record) facts = facts.With(Integrity.IntegrityCheck.RecordFactPath, record);
        if (ApplicationRules.Bans(pack, facts) is { Count: > 0 } bans)
            return Refusal.Conflict("本单位处于不得再行申报期限内，不能提交：" + string.Join("；", bans.Select(b => $"{b.Message}（{b.Article}）")), bans[0].Article);

        // Errors block at their fields; eligibility doubts need the applicant's explicit confirmation.
        var verdict = ApplicationRules.Panel(pack, facts);
        var check = SubmissionCheck.Check(pack, submitted, verdict, attachmentKinds);
        if (check.Blocked) return Refusal.Invalid("申报书尚不完整，不能提交：\n" + check.Message);
        if (check.Doubts.Count > 0 && !confirmed)
            return Refusal.Invalid($"有{check.Doubts.Count}项组建条件不符合或须经办人判断，请逐项核对后勾选“已核对，确认提交”再提交：\n" +
                string.Join("\n", check.Doubts.Select(d => $"{(d.Outcome == Outcome.Fail ? "不符合" : "须判断")}：{Shared.Readable.Text(d.Message)}（{d.Article}）")));

        var from = ctx.Stage;
        var move = ctx.Process.Next(from.Id, facts).FirstOrDefault(t => t.Actor == ctx.Filer && !ctx.Process.Stage(t.To)!.Final);
        var number = app.VersionCount + 1;
        var receipt = $"SB{ctx.Today:yyyyMMdd}-{app.Id:D6}-{number:D2}";
        var coBuilders = submitted.CoBuilders;
        var version = new ApplicationVersion
        {
            ApplicationId = app.Id, Number = number, ReceiptNumber = receipt, IdempotencyKey = key, SubmittedAt = now,
            SubmittedBy = ctx.Actor.Scope.UserName, StageId = from.Id, PackVersion = pack.Version,
            // The version keeps the name it was submitted under (a fact of the vocabulary: application.center_name).
            FactsJson = ApplicationFacts.ToJson(new Dictionary<string, string>(ApplicationFacts.Parse(submitted.FactsJson)) { ["application.center_name"] = submitted.CenterName }),
            FormJson = submitted.FormJson, PlanJson = submitted.PlanJson,
            CoBuildersJson = JsonSerializer.Serialize(coBuilders.Select(c => new { c.UnitId, c.Unit?.CreditCode, c.Unit?.Name, c.WorkShare, c.Core, c.Region })),
        };
        var action = ctx.Case.ReturnReason is not null ? "修改后重新提交申报书" : "提交申报书";
        return new Decision($"申报书已提交，回执编号 {receipt}。")
        {
            Add = [version],
            Apply =
            [
                () => change?.ApplyTo(db, app),
                () =>
                {
                    app.VersionCount = number;
                    app.ReceiptNumber = receipt;
                    app.SubmittedAt = now;
                    ctx.Case.PackVersion = pack.Version;
                    ctx.Case.PackDocument = pack.Document;
                    // Co-builders of the submitted version are parties to the case from now on (they see it).
                    ctx.Case.Parties.RemoveAll(p => p.Role == CaseParty.CoBuilder);
                    ctx.Case.Parties.AddRange(coBuilders.Select(c => new CaseParty { UnitId = c.UnitId, Role = CaseParty.CoBuilder }));
                },
            ],
            Steps =
            [
                new CaseStep(ctx, action, $"回执编号 {receipt}，第 {number} 版" + (check.Doubts.Count > 0 ? $"；申报单位确认提交时有{check.Doubts.Count(d => d.Outcome == Outcome.Fail)}项不符合、{check.Doubts.Count(d => d.Outcome != Outcome.Fail)}项须判断" : ""), move?.Article ?? from.Article, move is null ? null : ctx.Process.Stage(move.To))
                {
                    SubmittedInStage = move is null ? true : null, ClearReturn = true, FactsAfter = facts, Verdict = ("提交", verdict, number),
                },
            ],
        };
    }

    public async Task<Result?> ReplayAsync(int id, WorkflowActor actor, string key, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var v = await db.ApplicationVersions.AsNoTracking().FirstOrDefaultAsync(x => x.IdempotencyKey == key, ct);
        if (v is null) return null;
        if (v.ApplicationId != id || !await db.Applications.VisibleTo(db, actor.Scope).AnyAsync(a => a.Id == id, ct))
            return new(new(WorkflowStatus.Conflict, "该提交标识已用于其他申报书，请刷新页面后重新提交。"));
        return new(new(WorkflowStatus.Ok, "该申报书已提交（重复提交未再次处理）。"), new Receipt(id, v.Number, v.ReceiptNumber, v.SubmittedAt, true));
    }
}
