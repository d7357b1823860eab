using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Centers;

namespace TechCenters.Web.Features.Revocations;

/// <summary>A revocation case: grounds as the text words them and how each is met, the hearing, the decision and its document.</summary>
public sealed class DetailModel(AppDbContext db, CaseKernel kernel, Revocations revocations, AuditLog audit) : PageModel
{
    public CaseContext Ctx { get; private set; } = null!;
    public RevocationCase Revocation { get; private set; } = null!;
    public Verdict Verdict { get; private set; } = null!;
    public IReadOnlyList<GroundRule> Grounds { get; private set; } = [];
    public List<TimelineItem> Timeline { get; private set; } = [];
    public List<(Transition Transition, Stage To)> Moves { get; private set; } = [];
    public IReadOnlyList<(BanRule Rule, DateOnly LastDay)> Bans { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var ctx = await kernel.LoadAsync(id, WorkflowActor.From(HttpContext), ct);
        if (ctx is null || ctx.Case.Kind != ProcessKinds.Revocation) return false;
        Ctx = ctx;
        Revocation = ctx.DetailAs<RevocationCase>();
        Grounds = Revocations.GroundsOf(ctx.Pack).Where(g => Revocation.GroundIds.Contains(g.Id)).ToList();
        var kept = await db.CaseVerdicts.AsNoTracking().Where(v => v.CaseId == id && v.Purpose == "撤销决定").OrderByDescending(v => v.Id).FirstOrDefaultAsync(ct);
        Verdict = kept is not null ? Verdict.FromJson(kept.VerdictJson) : Revocations.VerdictOf(ctx.Pack, Revocation);
        if (Revocation.DecidedOn is { } on)
            Bans = Revocations.BansOf(ctx.Pack, Verdict.Reasons.Where(r => r.Outcome == Outcome.Fail).Select(r => r.RuleId).ToList(), on);
        Timeline = await TimelineView.LoadAsync(db, ctx, ct);
        Moves = ctx.OpenMoves().Select(t => (t, ctx.Process.Stage(t.To)!)).ToList();
        return true;
    }

    public async Task<IActionResult> OnPostMoveAsync(int id, int revision, string? to, string? note, DateOnly? hearingDueOn, string? statement, bool waive,
        string? decisionNumber, Dictionary<string, string>? judgement, Dictionary<string, string>? judgementReason, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true; // the kernel audited it, refusals included
        var answers = (judgement ?? []).Where(x => x.Value is "pass" or "fail")
            .ToDictionary(x => x.Key, x => new RevocationCase.Answer(x.Value, judgementReason?.GetValueOrDefault(x.Key) ?? ""));
        var r = await revocations.MoveAsync(id, WorkflowActor.From(HttpContext), revision,
            new(to, note, hearingDueOn, statement, waive, decisionNumber, answers), ct);
        if (r.Ok) return Redirect($"/Revocations/{id}");
        db.ChangeTracker.Clear();
        if (!await LoadAsync(id, ct)) return NotFound();
        Error = r.Message;
        Response.StatusCode = r.HttpStatus;
        return Page();
    }

    public async Task<IActionResult> OnGetDocxAsync(int id, CancellationToken ct)
    {
        if (await DocumentAsync(id, ct) is not { } doc) return NotFound();
        await audit.AppendAsync(HttpContext, new AuditRecord("下载撤销决定书（DOCX）", AuditOutcome.Success, "撤销认定", id.ToString()), ct: ct);
        return File(doc.ToDocx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"撤销决定-{id}.docx");
    }

    public async Task<IActionResult> OnGetPdfAsync(int id, CancellationToken ct)
    {
        if (await DocumentAsync(id, ct) is not { } doc) return NotFound();
        var bytes = await doc.ToPdfAsync();
        await audit.AppendAsync(HttpContext, new AuditRecord("下载撤销决定书（PDF）", AuditOutcome.Success, "撤销认定", id.ToString()), ct: ct);
        return File(bytes, "application/pdf", $"撤销决定-{id}.pdf");
    }

    /// <summary>The decision document, for those who see the case, once the center is revoked.</summary>
    private async Task<Documents.OfficialDocument?> DocumentAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Revocation.DecisionNumber is null) return null;
        var center = await db.Centers.AsNoTracking().FirstAsync(c => c.Id == Revocation.CenterId, ct);
        var bureau = await db.Jurisdictions.AsNoTracking().Where(j => j.Id == center.JurisdictionId).Select(j => j.BureauName).FirstAsync(ct);
        return Revocations.DecisionDocument(Revocation, center, Ctx.Pack, bureau);
    }
}
