using TechCenters.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Features.Applications;

/// <summary>填写申报书: the form the pack describes, the eligibility panel beside it, draft saving, attachments and submission.</summary>
public sealed class EditModel(AppDbContext db, ApplicationWorkflow workflow, SaveApplicationDraft drafts, SubmitApplication submit,
    AttachmentStore store, PolicyCatalog catalog, TechCenters.Web.Infrastructure.Clock clock) : PageModel
{
    public Application App { get; private set; } = null!;
    public PolicyPack Pack { get; private set; } = null!;
    public Stage Stage { get; private set; } = null!;
    public IReadOnlyList<FormGroup> Groups { get; private set; } = [];
    public IReadOnlyList<string> PlanSections { get; private set; } = [];
    public Dictionary<string, string> Facts { get; private set; } = [];
    public Dictionary<string, string> Form { get; private set; } = [];
    public Dictionary<string, string> Plan { get; private set; } = [];
    public Verdict Verdict { get; private set; } = null!;
    public List<Attachment> Files { get; private set; } = [];
    public string? ReadOnlyReason { get; private set; }
    public string? Error { get; private set; }
    public string? Notice { get; private set; }
    public string IdempotencyKey { get; private set; } = Guid.NewGuid().ToString("N");
    public NamingRule? Naming { get; private set; }
    public SignaturePagesRule? Signatures { get; private set; }
    public IEnumerable<ListRule> Checklists { get; private set; } = [];
    public Vocabulary Vocabulary => catalog.Vocabulary;

    public async Task<IActionResult> OnGetAsync(int id, string? saved, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (saved is not null) Notice = "草稿已保存。";
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct, Application? current = null)
    {
        var actor = WorkflowActor.From(HttpContext);
        var app = current ?? await workflow.LoadAsync(id, actor.Scope, ct);
        if (app is null) return false;
        App = app;
        Pack = workflow.PackOf(app);
        Stage = ApplicationWorkflow.StagesOf(Pack).Stage(app.StageId)!;
        Groups = ApplicationForm.Groups(Pack, catalog.Vocabulary);
        PlanSections = ApplicationForm.PlanSections(Pack);
        Facts = ApplicationFacts.Parse(app.FactsJson);
        Form = ApplicationFacts.Parse(app.FormJson);
        Plan = ApplicationFacts.Parse(app.PlanJson);
        Naming = ApplicationRules.Naming(Pack);
        Signatures = ApplicationRules.SignaturePages(Pack);
        Checklists = ApplicationRules.Checklists(Pack).ToList();
        Verdict = ApplicationRules.Panel(Pack, await workflow.FactsAsync(app, ct: ct));
        Files = await db.Attachments.AsNoTracking().Where(a => a.ApplicationId == app.Id).OrderBy(a => a.Id).ToListAsync(ct);
        var editable = await drafts.EditableAsync(app, actor, ct);
        ReadOnlyReason = editable.Ok ? null : editable.Message;
        return true;
    }

    private async Task<IActionResult> Fail(int id, WorkflowResult r, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        if (!await LoadAsync(id, ct)) return NotFound();
        Error = r.Message;
        Response.StatusCode = r.HttpStatus;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int id, int revision, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        var r = await drafts.RunAsync(id, WorkflowActor.From(HttpContext), revision, ApplicationInput.From(Request.Form), ct);
        if (r.Ok) return Redirect($"/Applications/{id}/Edit?saved=1");
        return await Fail(id, r, ct);
    }

    public async Task<IActionResult> OnPostSubmitAsync(int id, int revision, string? idempotencyKey, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        var r = await submit.RunAsync(id, WorkflowActor.From(HttpContext), revision, idempotencyKey, ApplicationInput.From(Request.Form), ct);
        if (r.Outcome.Ok) return Redirect($"/Applications/{id}?receipt={r.Receipt!.Number}");
        return await Fail(id, r.Outcome, ct);
    }

    /// <summary>自动保存: the page saves the draft every half minute while it changes; the answer carries the new revision.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(int id, int revision, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        var r = await drafts.RunAsync(id, WorkflowActor.From(HttpContext), revision, ApplicationInput.From(Request.Form), ct);
        if (!r.Ok) return new JsonResult(new { ok = false, message = r.Message }) { StatusCode = r.HttpStatus };
        var now = await db.Applications.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.Revision, a.UpdatedAt }).FirstAsync(ct);
        return new JsonResult(new { ok = true, revision = now.Revision, message = $"已自动保存（{clock.Format(now.UpdatedAt)}）" });
    }

    /// <summary>The eligibility panel for what is on the form now (nothing is saved).</summary>
    public async Task<IActionResult> OnPostPanelAsync(int id, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        var app = await workflow.LoadAsync(id, WorkflowActor.From(HttpContext).Scope, ct);
        if (app is null) return NotFound();
        var pack = workflow.PackOf(app);
        var errors = await drafts.ApplyAsync(app, ApplicationInput.From(Request.Form), ct);
        var verdict = ApplicationRules.Panel(pack, await workflow.FactsAsync(app, ct: ct));
        db.ChangeTracker.Clear();
        return Partial("_EligibilityPanel", new EligibilityPanelModel(verdict, pack, errors));
    }

    public async Task<IActionResult> OnPostUploadAsync(int id, string? kind, List<IFormFile> files, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        var actor = WorkflowActor.From(HttpContext);
        var app = await workflow.LoadAsync(id, actor.Scope, ct);
        if (app is null) return NotFound();
        var editable = await drafts.EditableAsync(app, actor, ct);
        if (!editable.Ok) return await Fail(id, editable, ct);
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
