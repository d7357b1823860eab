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
public sealed class CaseModel(AppDbContext db, CaseKernel kernel, EvaluationActions actions, EvaluationAssessors assessors, MoveCase move,
    Experts.WithdrawFromCase withdraw) : ActionPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public int Revision { get; set; }
    [BindProperty] public string? SelfEvaluation { get; set; }
    [BindProperty] public string? Evidence { get; set; }
    [BindProperty] public Dictionary<string, string?> Scores { get; set; } = [];
    [BindProperty] public string? Grade { get; set; }
    [BindProperty] public string? Conclusion { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Reason { get; set; }

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
    /// <summary>An assigned expert's own sheet (experts score on their own sheet, never on the case's result).</summary>
    public ExpertSheet? MySheet { get; private set; }
    public bool IsAssessor { get; private set; }
    /// <summary>For the bureau: every assigned expert's sheet (or none yet), with the expert's name.</summary>
    public List<(string Name, bool Active, ExpertSheet? Sheet)> ExpertSheets { get; private set; } = [];
    /// <summary>The pack's move recording the experts' conclusion (its note says how the pack reads several sheets).</summary>
    public Transition? ExpertConclusion { get; private set; }
    public bool CanConclude { get; private set; }
    /// <summary>The department asked to assist (协助开展绩效评估) and the article, when the account is that department.</summary>
    public DutyRule? Assist { get; private set; }
    public bool CanAssist { get; private set; }
    /// <summary>For the bureau: who the case is entrusted to now, and since when (撤回委托 ends it).</summary>
    public List<(string Name, DateTimeOffset Since)> Entrusted { get; private set; } = [];
    public string? SheetGrade { get; private set; }
    public decimal? SheetScore { get; private set; }
    public string? SheetConclusion { get; private set; }
    /// <summary>Scores and grade before confirmation are for the bureau and the evaluators only.</summary>
    public bool SeesScores => Ctx.Relation.Audience.HasFlag(Audience.Bureau) || Ctx.Relation.Audience.HasFlag(Audience.Reviewers)
        || Ctx.Relation.ActsAs(Actors.Bureau) || Detail.FinalGrade is not null;
    /// <summary>The scoring card shows a sheet: the expert's own, or the case's score.</summary>
    public bool ShowsSheet => CanScore || (IsAssessor ? MySheet is not null : SeesScores && Detail.Grade is not null);

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

    /// <summary>评分: an assigned expert's own sheet; anyone else the case's score (the scorer, or the bureau recording the experts' conclusion).</summary>
    public async Task<IActionResult> OnPostScoreAsync(CancellationToken ct) =>
        await DoneAsync(Scope.Role == Accounts.Roles.Expert
            ? await assessors.ScoreAsync(Actor, Id, Scores, Grade, Conclusion, ct)
            : await actions.ScoreAsync(Actor, Id, Revision, Scores, Grade, Conclusion, ct), Here, null, ct);

    /// <summary>撤回委托 (the bureau, with a reason).</summary>
    public async Task<IActionResult> OnPostWithdrawEntrustmentAsync(CancellationToken ct) =>
        await DoneAsync(await actions.WithdrawEntrustmentAsync(Actor, Id, Reason, ct), Here, null, ct);

    public async Task<IActionResult> OnPostAssistNoteAsync(CancellationToken ct) =>
        await DoneAsync(await assessors.NoteAsync(Actor, Id, Note, ct), Here, null, ct);

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct) =>
        await DoneAsync(await withdraw.RunAsync(Id, Actor, Reason, ct), "/Experts/Mine", "已申请回避，该中心的评估不再分配给您。", ct);

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
        CanScore = EvaluationActions.MayScore(ctx) is null;
        IsAssessor = Scope.Role == Accounts.Roles.Expert && ctx.Relation.ActsAs(Actors.ExpertPanel);
        ExpertConclusion = Assessors.ExpertConclusion(ctx.Process);
        (SheetGrade, SheetScore, SheetConclusion) = (Detail.Grade, Detail.Score, Detail.Conclusion);
        if (IsAssessor)
        {
            MySheet = await db.Set<ExpertSheet>().AsNoTracking().FirstOrDefaultAsync(x => x.CaseId == Id && x.ExpertId == Scope.ExpertId, ct);
            CanScore = ctx.Stage.Step == StageSteps.Scoring && MySheet is null;
            (SheetGrade, SheetScore, SheetConclusion) = (MySheet?.Grade, MySheet?.Score, MySheet?.Conclusion);
            SavedScores = MySheet?.ScoresJson is { } mine ? JsonSerializer.Deserialize<Dictionary<string, decimal>>(mine) ?? [] : [];
        }
        if (ctx.Relation.ActsAs(Actors.Bureau))
        {
            var assigned = await db.CaseAssignments.AsNoTracking().Where(a => a.CaseId == Id && a.Role == CaseAssignment.ExpertRole && a.ExpertId != null)
                .Join(db.Experts, a => a.ExpertId, e => e.Id, (a, e) => new { e.Id, e.Name, Active = a.EndedAt == null }).ToListAsync(ct);
            var sheets = await db.Set<ExpertSheet>().AsNoTracking().Where(x => x.CaseId == Id).ToDictionaryAsync(x => x.ExpertId, ct);
            ExpertSheets = assigned.Select(a => (a.Name, a.Active, sheets.GetValueOrDefault(a.Id))).ToList();
            Entrusted = (await EvaluationKind.EntrustedOnAsync(db, [Id], ct)).Select(e => (e.Name, e.Assignment.AssignedAt)).ToList();
            CanConclude = ExpertConclusion is { } t && ctx.Stage.Step == StageSteps.Scoring && ctx.OpenMoves().Contains(t);
            CanScore |= CanConclude;
        }
        if (ctx.Relation.ActsAs(Actors.Department) && Assessors.DepartmentAssist(ctx.Pack) is { } assist
            && await db.CaseAssignments.AnyAsync(a => a.CaseId == Id && a.Role == CaseAssignment.DepartmentRole && a.EndedAt == null, ct))
        {
            Assist = assist;
            CanAssist = ctx.Case.ClosedAt is null;
        }
        CanReview = ctx.Stage.Step == StageSteps.Review && ctx.Stage.ReturnTo is not null && ctx.Case.Holder is { } h && ctx.Relation.ActsAs(h);
        ReviewTarget = CanReview ? ctx.Target(rejection: false) : null;
        if (Revision == 0) Revision = ctx.Case.Revision;
        else if (Error is null) Revision = ctx.Case.Revision;
        SelfEvaluation ??= Detail.SelfEvaluation;
        Evidence ??= Detail.Evidence;
        return true;
    }
}
