using TechCenters.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Applications;

/// <summary>填写申报书: the form the pack describes, the eligibility panel beside it, draft saving, attachments and submission.</summary>
public sealed class EditModel(AppDbContext db, CaseKernel kernel, SaveApplicationDraft drafts, SubmitApplication submit,
    AttachmentStore store, PolicyCatalog catalog, Clock clock) : PageModel
{
    public Application App { get; private set; } = null!;
    public PolicyPack Pack { get; private set; } = null!;
    public Stage Stage { get; private set; } = null!;
    public string StageName { get; private set; } = "";
    public IReadOnlyList<FormGroup> Groups { get; private set; } = [];
    public IReadOnlyList<string> PlanSections { get; private set; } = [];
    public Dictionary<string, string> Facts { get; private set; } = [];
    public Dictionary<string, string> Form { get; private set; } = [];
    public Dictionary<string, string> Plan { get; private set; } = [];
    public Verdict Verdict { get; private set; } = null!;
    public List<Attachment> Files { get; private set; } = [];
    public string? ReadOnlyReason { get; private set; }
    /// <summary>Errors by field (f:path, CenterName …) after a refused save: shown at the field, with what was typed kept.</summary>
    public Dictionary<string, string> FieldErrors { get; private set; } = [];
    public string CenterName { get; private set; } = "";
    public string? Error { get; private set; }
    public string? Notice { get; private set; }
    public string IdempotencyKey { get; private set; } = Guid.NewGuid().ToString("N");
    public NamingRule? Naming { get; private set; }
    public SignaturePagesRule? Signatures { get; private set; }
    public IEnumerable<ListRule> Checklists { get; private set; } = [];
    public Vocabulary Vocabulary => catalog.Vocabulary;
    /// <summary>What submitting now would meet: field errors that block it, eligibility doubts to confirm.</summary>
    public SubmissionCheck.Result Check { get; private set; } = new(new Dictionary<string, string>(), []);
    public IReadOnlyList<(string Label, string? Article)> RequiredAttachments { get; private set; } = [];
    /// <summary>Units of the jurisdiction whose name or credit code holds the query (co-builder search), at most 20.</summary>
    public const int SearchLimit = 20;

    public async Task<IActionResult> OnGetAsync(int id, string? saved, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (saved is not null) Notice = "草稿已保存。";
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var ctx = await kernel.LoadAsync(id, WorkflowActor.From(HttpContext), ct);
        if (ctx is null || ctx.Detail is not Application app) return false;
        App = app;
        CenterName = app.CenterName;
        Pack = ctx.Pack;
        Stage = ctx.Stage;
        StageName = ctx.Name(ctx.Stage);
        Groups = ApplicationForm.Groups(Pack, catalog.Vocabulary);
        PlanSections = ApplicationForm.PlanSections(Pack);
        Facts = ApplicationFacts.Parse(app.FactsJson);
        Form = ApplicationFacts.Parse(app.FormJson);
        Plan = ApplicationFacts.Parse(app.PlanJson);
        Naming = ApplicationRules.Naming(Pack);
        Signatures = ApplicationRules.SignaturePages(Pack);
        Checklists = ApplicationRules.Checklists(Pack).ToList();
        Verdict = ApplicationRules.Panel(Pack, ctx.Facts);
        Files = await db.Attachments.AsNoTracking().Where(a => a.ApplicationId == app.Id).OrderBy(a => a.Id).ToListAsync(ct);
        ReadOnlyReason = SaveApplicationDraft.Editable(ctx)?.Message;
        RequiredAttachments = SubmissionCheck.RequiredAttachments(Pack);
        Check = SubmissionCheck.Check(Pack, app, Verdict, Files.Select(f => f.Kind));
        return true;
    }

    private async Task<IActionResult> Fail(int id, WorkflowResult r, CancellationToken ct, ApplicationInput? posted = null, bool submitting = false)
    {
        db.ChangeTracker.Clear();
        if (!await LoadAsync(id, ct)) return NotFound();
        Error = r.Message;
        Response.StatusCode = r.HttpStatus;
        if (posted is not null && r.Status == WorkflowStatus.Invalid)
        {
            // Nothing typed is lost: the form shows what was posted, each error at its field.
            DraftChange? change;
            (change, _, FieldErrors) = await drafts.CheckAsync(App, posted, ct);
            if (change is not null)
            {
                // What the posted form would meet if submitted: its own field errors and doubts, shown where they belong.
                var preview = change.Preview(App);
                Verdict = ApplicationRules.Panel(Pack, await ApplicationCase.FactsAsync(db, preview, kernel.Clock.Today, ct));
                Check = SubmissionCheck.Check(Pack, preview, Verdict, Files.Select(f => f.Kind));
                if (submitting) foreach (var (k, v) in Check.FieldErrors) FieldErrors.TryAdd(k, v);
            }
            foreach (var (k, v) in posted.Facts) Facts[k] = v;
            foreach (var (k, v) in posted.Form) Form[k] = v;
            foreach (var (k, v) in posted.Plan) Plan[k] = v;
            CenterName = posted.CenterName ?? "";
            Typed = true;
        }
        return Page();
    }

    /// <summary>The form shows what was posted (after a refusal) rather than the stored, canonical values.</summary>
    public bool Typed { get; private set; }

    /// <summary>A stored value as the form shows it: ratios as percentages (0.65 → 65%).</summary>
    public string Shown(string path, FactType type)
    {
        var v = Facts.GetValueOrDefault(path) ?? "";
        if (Typed || v.Length == 0) return v;
        return type == FactType.Ratio && decimal.TryParse(v, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var r)
            ? (r * 100).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) + "%" : v;
    }

    /// <summary>How a stored figure reads (12000000 元 → 1,200万元), so the user sees what was understood.</summary>
    public string? Understood(string path, FactType type)
    {
        if (Typed || type != FactType.Number || !decimal.TryParse(Facts.GetValueOrDefault(path), System.Globalization.NumberStyles.Number,
                System.Globalization.CultureInfo.InvariantCulture, out var n)) return null;
        var unit = Vocabulary.Fact(path)?.Unit ?? "";
        return n >= 100_000_000 ? $"{n / 100_000_000m:0.####}亿{unit}" : n >= 10_000 ? $"{n / 10_000m:#,0.####}万{unit}" : null;
    }

    public async Task<IActionResult> OnPostSaveAsync(int id, int revision, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        var input = ApplicationInput.From(Request.Form);
        var r = await drafts.RunAsync(id, WorkflowActor.From(HttpContext), revision, input, ct);
        if (r.Ok) return Redirect($"/Applications/{id}/Edit?saved=1");
        return await Fail(id, r, ct, input);
    }

    public async Task<IActionResult> OnPostSubmitAsync(int id, int revision, string? idempotencyKey, bool confirmed, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        var input = ApplicationInput.From(Request.Form);
        var r = await submit.RunAsync(id, WorkflowActor.From(HttpContext), revision, idempotencyKey, input, confirmed, ct);
        if (r.Outcome.Ok) return Redirect($"/Applications/{id}?receipt={r.Receipt!.Number}");
        return await Fail(id, r.Outcome, ct, input, submitting: true);
    }

    /// <summary>共建单位检索: units of the application's jurisdiction by name or 统一社会信用代码 (JSON for the form's search box).</summary>
    public async Task<IActionResult> OnGetUnitsAsync(int id, string? q, CancellationToken ct)
    {
        var ctx = await kernel.LoadAsync(id, WorkflowActor.From(HttpContext), ct);
        if (ctx?.Detail is not Application) return NotFound();
        // The search serves the form that names co-builders: only whoever may edit the application now.
        if (ctx.Editable() is { } refused) return new JsonResult(new { error = refused.Message }) { StatusCode = (int)refused.Status };
        var term = (q ?? "").Trim();
        if (term.Length < 2) return new JsonResult(Array.Empty<object>());
        var code = term.ToUpperInvariant();
        var units = await db.Units.AsNoTracking()
            .Where(u => u.JurisdictionId == ctx.Case.JurisdictionId && u.Id != ctx.Case.LeadUnitId && (u.Name.Contains(term) || u.CreditCode.StartsWith(code)))
            .OrderBy(u => u.Name).Take(SearchLimit).Select(u => new { u.CreditCode, u.Name, u.Type }).ToListAsync(ct);
        return new JsonResult(units.Select(u => new { code = u.CreditCode, name = u.Name, type = u.Type.ToChinese() }));
    }

    /// <summary>自动保存: the page saves the draft every half minute while it changes; the answer carries the new revision.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(int id, int revision, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        var r = await drafts.RunAsync(id, WorkflowActor.From(HttpContext), revision, ApplicationInput.From(Request.Form), ct);
        if (!r.Ok) return new JsonResult(new { ok = false, message = r.Message }) { StatusCode = r.HttpStatus };
        var now = await db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Revision, c.UpdatedAt }).FirstAsync(ct);
        return new JsonResult(new { ok = true, revision = now.Revision, message = $"已自动保存（{clock.Format(now.UpdatedAt)}）" });
    }

    /// <summary>The eligibility panel for what is on the form now (nothing is saved).</summary>
    public async Task<IActionResult> OnPostPanelAsync(int id, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        var ctx = await kernel.LoadAsync(id, WorkflowActor.From(HttpContext), ct);
        if (ctx?.Detail is not Application app) return NotFound();
        var (change, errors) = await drafts.PrepareAsync(app, ApplicationInput.From(Request.Form), ct);
        var facts = change is null ? ctx.Facts : await ApplicationCase.FactsAsync(db, change.Preview(app), ctx.Today, ct);
        return Partial("_EligibilityPanel", new EligibilityPanelModel(ApplicationRules.Panel(ctx.Pack, facts), ctx.Pack, errors));
    }

    public async Task<IActionResult> OnPostUploadAsync(int id, string? kind, List<IFormFile> files, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        var actor = WorkflowActor.From(HttpContext);
        var ctx = await kernel.LoadAsync(id, actor, ct);
        if (ctx?.Detail is not Application) return NotFound();
        if (SaveApplicationDraft.Editable(ctx) is { } locked)
            return await Fail(id, await kernel.RefuseAsync(actor, "上传附件", id, locked, ct), ct);
        if (files.Count == 0) return await Fail(id, new(WorkflowStatus.Invalid, "请选择要上传的文件。"), ct);
        var saved = new List<Attachment>();
        foreach (var f in files)
        {
            var r = await store.SaveAsync(f, string.IsNullOrWhiteSpace(kind) ? "佐证材料" : kind.Trim(), actor.Scope.UserName, ct);
            if (r.Error is not null)
            {
                foreach (var s in saved) store.Delete(s);
                var audit = HttpContext.RequestServices.GetRequiredService<AuditLog>();
                await audit.AppendAsync(HttpContext, new AuditRecord("上传附件", AuditOutcome.Failure, "申报书", id.ToString(), r.Error), ct: ct);
                return await Fail(id, new(WorkflowStatus.Invalid, r.Error), ct);
            }
            r.Attachment!.ApplicationId = id;
            saved.Add(r.Attachment);
        }
        db.Attachments.AddRange(saved);
        await db.SaveChangesAsync(ct);
        var log = HttpContext.RequestServices.GetRequiredService<AuditLog>();
        await log.AppendAsync(HttpContext, new AuditRecord("上传附件", AuditOutcome.Success, "申报书", id.ToString(),
            string.Join("；", saved.Select(s => $"{s.FileName}（{s.ContentType}，SM3 {s.Sm3[..16]}…）"))), ct: ct);
        return Redirect($"/Applications/{id}/Edit#attachments");
    }
}

public sealed record EligibilityPanelModel(Verdict Verdict, PolicyPack Pack, IReadOnlyList<string> Errors);
