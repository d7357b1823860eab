using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Cases;

namespace TechCenters.Web.Features.Evaluations;

/// <summary>The `evaluation` kind on the kernel: its detail row and the facts its process reads (who the center reports to).</summary>
public sealed class EvaluationKind : ICaseKind
{
    public string Kind => ProcessKinds.Evaluation;

    public async Task<(object? Detail, Facts Facts)> LoadAsync(AppDbContext db, Case c, CancellationToken ct)
    {
        var e = await db.Evaluations.Include(x => x.Campaign).FirstAsync(x => x.Id == c.Id, ct);
        var assigned = await db.CaseAssignments.AsNoTracking().Where(a => a.CaseId == c.Id && a.Role == CaseAssignment.ExpertRole && a.EndedAt == null && a.ExpertId != null)
            .Select(a => a.ExpertId!.Value).ToListAsync(ct);
        var sheets = assigned.Count == 0 ? [] : await db.Set<ExpertSheet>().AsNoTracking().Where(s => s.CaseId == c.Id).Select(s => s.ExpertId).ToListAsync(ct);
        return (e, FactsOf(c, assigned.Count > 0, assigned.Count > 0 && assigned.All(sheets.Contains)));
    }

    /// <param name="expertsAssigned">Experts are assigned to assess the case (<see cref="Assessors.ExpertsFact"/>).</param>
    /// <param name="sheetsComplete">Every expert assigned to assess the case has submitted a sheet (<see cref="Assessors.SheetsFact"/>).</param>
    public static Facts FactsOf(Case c, bool expertsAssigned = false, bool sheetsComplete = false) => Facts.From(new Dictionary<string, object?>
    {
        ["lead.reports_to_bureau_directly"] = c.DepartmentId is null, [Assessors.ExpertsFact] = expertsAssigned, [Assessors.SheetsFact] = sheetsComplete,
    });

    /// <summary>
    /// Scoring assigned to experts (where the pack lets them assess) is held by the experts until every sheet is in, then by
    /// the actor of the pack's move that records their conclusion; otherwise the pack's holder rule (the scoring stage's actor).
    /// </summary>
    public string? Holder(CaseContext ctx, Stage stage, Facts facts) =>
        stage.Step == StageSteps.Scoring && facts.Bool(Assessors.ExpertsFact) == true && Assessors.ExpertConclusion(ctx.Process) is { } conclusion
            ? facts.Bool(Assessors.SheetsFact) == true ? conclusion.Actor : Actors.ExpertPanel
            : null;

    public string Url(Case c, UserScope scope) => $"/Evaluations/Case?id={c.Id}";
}

/// <summary>
/// Scoring and the confirmation of results own the moves out of the evaluation's scoring stage and its results stage: the
/// generic move refuses them (scores need the indicator table, a confirmation the whole campaign and its quota).
/// </summary>
public sealed class ScoringSteps : IStepHandler
{
    public bool Handles(StagesRule process, Stage stage) =>
        process.Process == ProcessKinds.Evaluation && (stage.Step == StageSteps.Scoring || process.Transitions.Any(t => t.From == stage.Id && process.Stage(t.To)!.IsApproval));
    public string PageName => "绩效评估页面（评分、结果确认）";
    public string Waiting => "等待评分和结果确认";
    public string PageUrl(Case c) => $"/Evaluations/Case?id={c.Id}";
}
