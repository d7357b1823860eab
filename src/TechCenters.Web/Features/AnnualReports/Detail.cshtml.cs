using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Features.AnnualReports;

/// <summary>
/// One annual report: the draft (the pack's outline, the year's figures beside last year's), its checks, submission with
/// receipt, the review chain's moves and returns, timeliness and what a late/missing report is, timeline, PDF and DOCX.
/// </summary>
public sealed class DetailModel(AppDbContext db, CaseKernel kernel, AnnualReportActions actions) : PageModel
{
    public sealed record Move(Transition Transition, Stage To);

    public CaseContext Ctx { get; private set; } = null!;
    public AnnualReport Report { get; private set; } = null!;
    public IReadOnlyList<string> Outline { get; private set; } = [];
    public IReadOnlyList<FactDefinition> Figures { get; private set; } = [];
    public Dictionary<string, string> Texts { get; private set; } = [];
    public Dictionary<string, string> Values { get; private set; } = [];
    public Dictionary<string, string>? LastYear { get; private set; }
    public AnnualReportRules.Check Check { get; private set; } = new([], []);
    public List<TimelineItem> Timeline { get; private set; } = [];
    public List<AnnualReportVersion> Versions { get; private set; } = [];
    public List<CaseVerdict> Verdicts { get; private set; } = [];
    public List<Move> Moves { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public bool CanSubmit { get; private set; }
    public bool CanReturn { get; private set; }
    public bool CanRecordMissing { get; private set; }
    public string? Error { get; private set; }
    public string? Flash { get; private set; }
    public string SubmitKey { get; } = Guid.NewGuid().ToString("N");

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Flash = TempData["Flash"] as string;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var ctx = await kernel.LoadAsync(id, WorkflowActor.From(HttpContext), ct);
        if (ctx is null || ctx.Case.Kind != ProcessKinds.AnnualReport) return false;
        Ctx = ctx;
        Report = ctx.DetailAs<AnnualReport>();
        Outline = AnnualReportRules.Outline(ctx.Pack);
        Figures = AnnualReportRules.Figures(ctx.Pack.Env.Vocabulary);
        Texts = ApplicationFacts.Parse(Report.ContentJson);
        Values = ApplicationFacts.Parse(Report.FiguresJson);
        var last = await db.AnnualReports.AsNoTracking().Where(r => r.CenterId == Report.CenterId && r.Year == Report.Year - 1 && r.VersionCount > 0)
            .Select(r => r.FiguresJson).FirstOrDefaultAsync(ct);
        LastYear = last is null ? null : ApplicationFacts.Parse(last);
        Check = AnnualReportRules.Consistency(ctx.Pack.Env.Vocabulary, Values, LastYear, Texts, Outline);
        Timeline = await TimelineView.LoadAsync(db, ctx, ct);
        Versions = await db.AnnualReportVersions.AsNoTracking().Where(v => v.ReportId == id).OrderByDescending(v => v.Number).ToListAsync(ct);
        Verdicts = await db.CaseVerdicts.AsNoTracking().Where(v => v.CaseId == id).OrderByDescending(v => v.Id).ToListAsync(ct);
        CanEdit = ctx.Editable() is null;
        CanSubmit = CanEdit && ctx.Stage.Step == StageSteps.Draft;
        if (ctx.Case.Holder is { } h && h != ctx.Filer)
            Moves = ctx.OpenMoves().Where(t => t.Actor != ctx.Filer && ctx.Process.Stage(t.To) is { IsWithdrawal: false })
                .Select(t => new Move(t, ctx.Process.Stage(t.To)!)).ToList();
        CanReturn = Moves.Count > 0 && ctx.Return("检查").Refusal is null;
        CanRecordMissing = AnnualReportActions.DecideMissing(ctx) is Decision;
        return true;
    }

    private async Task<IActionResult> Result(int id, WorkflowResult r, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true; // the kernel audited it, refusals included
        if (r.Ok)
        {
            TempData["Flash"] = r.Message;
            return Redirect($"/AnnualReports/{id}");
        }
        db.ChangeTracker.Clear();
        if (!await LoadAsync(id, ct)) return NotFound();
        Error = r.Message;
        Response.StatusCode = r.HttpStatus;
        return Page();
    }

    private (Dictionary<string, string?> Content, Dictionary<string, string?> Figures) Typed()
    {
        var content = new Dictionary<string, string?>();
        var figures = new Dictionary<string, string?>();
        foreach (var (k, v) in Request.Form)
        {
            if (k.StartsWith("content:", StringComparison.Ordinal)) content[k["content:".Length..]] = v.ToString();
            else if (k.StartsWith("fig:", StringComparison.Ordinal)) figures[k["fig:".Length..]] = v.ToString();
        }
        return (content, figures);
    }

    public async Task<IActionResult> OnPostSaveAsync(int id, int revision, CancellationToken ct)
    {
        var (content, figures) = Typed();
        return await Result(id, await actions.SaveAsync(id, WorkflowActor.From(HttpContext), revision, content, figures, ct), ct);
    }

    /// <summary>提交: what the form holds is saved first (one more revision), then submitted.</summary>
    public async Task<IActionResult> OnPostSubmitAsync(int id, int revision, string? key, CancellationToken ct)
    {
        var actor = WorkflowActor.From(HttpContext);
        var (content, figures) = Typed();
        if (content.Count > 0 || figures.Count > 0)
        {
            var saved = await actions.SaveAsync(id, actor, revision, content, figures, ct);
            if (!saved.Ok) return await Result(id, saved, ct);
            revision = await db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => c.Revision).FirstAsync(ct);
        }
        return await Result(id, await actions.SubmitAsync(id, actor, revision, key ?? "", ct), ct);
    }

    public async Task<IActionResult> OnPostMoveAsync(int id, int revision, string? to, string? note, CancellationToken ct) =>
        await Result(id, await actions.MoveAsync(id, WorkflowActor.From(HttpContext), to, revision, note, ct), ct);

    public async Task<IActionResult> OnPostReturnAsync(int id, int revision, string? note, CancellationToken ct) =>
        await Result(id, await actions.ReturnAsync(id, WorkflowActor.From(HttpContext), revision, note, ct), ct);

    public async Task<IActionResult> OnPostMissingAsync(int id, int revision, CancellationToken ct) =>
        await Result(id, await actions.RecordMissingAsync(id, WorkflowActor.From(HttpContext), revision, ct), ct);

    public async Task<IActionResult> OnGetDocxAsync(int id, [FromServices] AuditLog audit, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var bytes = (await DocumentAsync(ct)).ToDocx();
        await audit.AppendAsync(HttpContext, new AuditRecord("下载年度报告（DOCX）", AuditOutcome.Success, "年度报告", id.ToString()), ct: ct);
        return File(bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"年度报告-{Report.Year}-{id}.docx");
    }

    public async Task<IActionResult> OnGetPdfAsync(int id, [FromServices] AuditLog audit, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var bytes = await (await DocumentAsync(ct)).ToPdfAsync();
        await audit.AppendAsync(HttpContext, new AuditRecord("下载年度报告（PDF）", AuditOutcome.Success, "年度报告", id.ToString()), ct: ct);
        return File(bytes, "application/pdf", $"年度报告-{Report.Year}-{id}.pdf");
    }

    /// <summary>The report as a document: the lead unit reports to the bureau, with the outline's sections and the figures.</summary>
    private async Task<Documents.OfficialDocument> DocumentAsync(CancellationToken ct)
    {
        var bureau = await db.Jurisdictions.AsNoTracking().Where(j => j.Id == Ctx.Case.JurisdictionId).Select(j => j.BureauName).FirstAsync(ct);
        var body = new List<string>();
        foreach (var (item, i) in Outline.Select((x, i) => (x, i)))
        {
            body.Add($"{Chinese(i + 1)}、{item}");
            body.AddRange((Texts.GetValueOrDefault(item) ?? "（未填写）").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        body.Add($"{Chinese(Outline.Count + 1)}、建设运行客观数据");
        body.AddRange(AnnualReportRules.FigureLines(Ctx.Pack.Env.Vocabulary, Values));
        var date = Report.SubmittedAt is { } at ? kernel.Clock.DateOf(at) : kernel.Clock.Today;
        return new(Report.Center?.LeadUnitName ?? Ctx.Case.LeadUnit?.Name ?? "", Report.ReceiptNumber ?? "（未提交）", Ctx.Case.Title, $"{bureau}：", body,
            Report.Center?.LeadUnitName ?? "", $"{date:yyyy年M月d日}");
    }

    private static string Chinese(int n) => n switch { 1 => "一", 2 => "二", 3 => "三", 4 => "四", 5 => "五", 6 => "六", 7 => "七", 8 => "八", 9 => "九", _ => n.ToString() };
}
