using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Features.Cases;

/// <summary>
/// 经办人判断: the reasons of a case's verdict the text leaves to an officer (严重、原则上…), each with the words quoted,
/// the answers given so far and, for the official holding the case, a form to answer with a reason.
/// </summary>
public sealed class JudgementModel(AppDbContext db, CaseKernel kernel, AnswerJudgement judgements, IEnumerable<ICaseKind> kinds) : PageModel
{
    public CaseContext Ctx { get; private set; } = null!;
    public Verdict? Verdict { get; private set; }
    public IReadOnlyList<Reason> Open { get; private set; } = [];
    public List<CaseJudgement> Answers { get; private set; } = [];
    /// <summary>Why this account cannot answer now (null: it can).</summary>
    public Refusal? Cannot { get; private set; }
    public string BackUrl { get; private set; } = "/";
    public string? Error { get; private set; }
    public string? Done { get; private set; }
    [BindProperty(SupportsGet = true)] public string? Rule { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, string? answered, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } no) return no;
        if (answered is not null && Answers.LastOrDefault(a => a.RuleId == answered) is { } a)
            Done = $"已就“{Title(a.RuleId)}”（{a.Article}）作出判断：{a.AnswerName}。判定已按您的判断重新得出：{Policy.Verdict.OutcomeLabel(Verdict!.Outcome)}。";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int revision, string? answer, string? reason, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true; // the kernel audits the answer and any refusal
        var r = await judgements.AnswerAsync(id, WorkflowActor.From(HttpContext), revision, Rule, answer, reason, ct);
        if (r.Ok) return Redirect($"/Cases/{id}/Judgement?answered={Uri.EscapeDataString(Rule ?? "")}");
        db.ChangeTracker.Clear();
        if (await LoadAsync(id, ct) is { } no) return no;
        Error = r.Message;
        Response.StatusCode = r.HttpStatus;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var ctx = await kernel.LoadAsync(id, WorkflowActor.From(HttpContext), ct);
        if (ctx is null) return NotFound();
        // Officials' page: the parties read the verdict on the case itself.
        if (!ctx.Relation.ActsAs(Actors.Bureau) && !ctx.Relation.ActsAs(Actors.Department)) return StatusCode(StatusCodes.Status403Forbidden);
        Ctx = ctx;
        Verdict = judgements.VerdictOf(ctx);
        Open = AnswerJudgement.Open(Verdict);
        Answers = await AnswerJudgement.OfAsync(db, id, ct);
        Cannot = AnswerJudgement.MayAnswer(ctx);
        BackUrl = kinds.FirstOrDefault(k => k.Kind == ctx.Case.Kind)?.Url(ctx.Case, ctx.Actor.Scope) ?? "/";
        return null;
    }

    public string Title(string ruleId) => Ctx.Pack.Rule(ruleId)?.Title ?? ruleId;
}
