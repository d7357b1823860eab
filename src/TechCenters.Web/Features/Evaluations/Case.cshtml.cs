using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.ExpertReviews;

namespace TechCenters.Web.Features.Evaluations;

/// <summary>
/// One evaluation case: the center fills and submits its materials, reviewers pass or return them, the scorer scores each
/// indicator (or records the grade and reasons), and everyone sees the confirmed result and its consequence.
/// </summary>
public sealed class CaseModel(AppDbContext db, CaseKernel kernel, EvaluationActions actions, MoveCase move) : ActionPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public int Revision { get; set; }
    [BindProperty] public string? SelfEvaluation { get; set; }
    [BindProperty] public string? Evidence { get; set; }
    [BindProperty] public Dictionary<string, string?> Scores { get; set; } = [];
    [BindProperty] public string? Grade { get; set; }
    [BindProperty] public string? Conclusion { get; set; }
    [BindProperty] public string? Note { get; set; }

    public CaseContext Ctx { get; private set; } = null!;
    public Evaluation Detail { get; private set; } = null!;
    public Centers.Center Center { get; private set; } = null!;
    public List<TimelineItem> Timeline { get; private set; } = [];
    public IndicatorsRule? Indicators { get; private set; }
    public IReadOnlyList<string> Grades { get; private set; } = [];
    public Dictionary<string, decimal> SavedScores { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public bool CanScore { get; private set; }
    public bool CanReview { get; private set; }
    public Stage? ReviewTarget { get; private set; }
    /// <summary>Scores and grade before confirmation are for the bureau and the evaluators only.</summary>
    public bool SeesScores => Ctx.Relation.Audience.HasFlag(Audience.Bureau) || Ctx.Relation.Audience.HasFlag(Audience.Reviewers)
        || Ctx.Relation.ActsAs(Actors.Bureau) || Detail.FinalGrade is not null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await Found(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct) =>
        await DoneAsync(await actions.SubmitMaterialsAsync(Actor, Id, Revision, SelfEvaluation, Evidence, submit: false, ct), Here, null, ct);

    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken ct) =>
        await DoneAsync(await actions.SubmitMaterialsAsync(Actor, Id, Revision, SelfEvaluation, Evidence, submit: true, ct), Here, null, ct);

    public async Task<IActionResult> OnPostPassAsync(CancellationToken ct)
    {
        var ctx = await kernel.LoadAsync(Id, Actor, ct);
        var to = ctx?.Target(rejection: false)?.Id;
        return await DoneAsync(await move.MoveAsync(Id, Actor, to, Revision, Note, ct), Here, null, ct);
    }

    public async Task<IActionResult> OnPostReturnAsync(CancellationToken ct) =>
        await DoneAsync(await move.ReturnAsync(Id, Actor, Revision, Note, ct), Here, null, ct);

    public async Task<IActionResult> OnPostScoreAsync(CancellationToken ct) =>
        await DoneAsync(await actions.ScoreAsync(Actor, Id, Revision, Scores, Grade, Conclusion, ct), Here, null, ct);

    private string Here => $"/Evaluations/Case?id={Id}";

    protected override async Task LoadAsync(CancellationToken ct)
    {
        if (!await Found(ct)) throw new InvalidOperationException("评估事项不存在");
    }

    private async Task<bool> Found(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var ctx = await kernel.LoadAsync(Id, Actor, ct);
        if (ctx is null || ctx.Case.Kind != ProcessKinds.Evaluation) return false;
        Ctx = ctx;
        Detail = ctx.DetailAs<Evaluation>();
        Center = await db.Centers.AsNoTracking().FirstAsync(c => c.Id == ctx.Case.CenterId, ct);
        Timeline = await TimelineView.LoadAsync(db, ctx, ct);
        Indicators = EvaluationRules.Indicators(ctx.Pack);
        Grades = EvaluationRules.Grades(ctx.Pack);
        SavedScores = Detail.ScoresJson is null ? [] : JsonSerializer.Deserialize<Dictionary<string, decimal>>(Detail.ScoresJson) ?? [];
        CanEdit = ctx.Editable() is null;
        CanScore = ctx.Stage.Step == StageSteps.Scoring && ctx.Relation.ActsAs(ctx.Stage.Actor);
        CanReview = ctx.Stage.Step == StageSteps.Review && ctx.Stage.ReturnTo is not null && ctx.Case.Holder is { } h && ctx.Relation.ActsAs(h);
        ReviewTarget = CanReview ? ctx.Target(rejection: false) : null;
        if (Revision == 0) Revision = ctx.Case.Revision;
        else if (Error is null) Revision = ctx.Case.Revision;
        SelfEvaluation ??= Detail.SelfEvaluation;
        Evidence ??= Detail.Evidence;
        return true;
    }
}
