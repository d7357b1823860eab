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
        return (e, FactsOf(c));
    }

    public static Facts FactsOf(Case c) => Facts.From(new Dictionary<string, object?> { ["lead.reports_to_bureau_directly"] = c.DepartmentId is null });

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
