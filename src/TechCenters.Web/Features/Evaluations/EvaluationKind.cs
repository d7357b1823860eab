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
        var sheets = await Assessors.SheetStateAsync(db, c.Id, ct: ct);
        return (e, FactsOf(c, sheets.Assigned, sheets.Complete));
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

    public IExpertWork ExpertWork => Assessing.Instance;

    /// <summary>
    /// 第三方评估机构 read an evaluation only while they are entrusted with it: the bureau entrusts experts or a third party
    /// (沧州第二十五条 委托专家或第三方专业机构; 第十二师第二十条, 万州第二十一条 委托第三方机构), so the organisation's accounts see
    /// the case while its assignment lasts. Giving the case to experts ends the assignment (Bug 0657), so an expert who later
    /// withdraws does not hand it back. What it recorded stays on the case, for the bureau.
    /// </summary>
    public IQueryable<int>? SeenBy(AppDbContext db, UserScope s)
    {
        if (s.Role != Roles.Evaluator || s.UserId is not { } id) return null;
        // The account's organisation first (one row by its unique index), then its assignments by (OrganisationId, CaseId).
        var organisation = db.EvaluatorMembers.Where(m => m.UserId == id).Select(m => (int?)m.OrganisationId);
        return Entrustments(db).Where(a => a.UserId == id || organisation.Contains(a.OrganisationId)).Select(a => a.CaseId);
    }

    /// <summary>
    /// The evaluator assignments in force: an organisation (or one account) entrusted with a case now. Whatever ends one —
    /// the hand-over to experts (Bug 0657), 撤回委托, the confirmation of results — sets its end; rows left open by a
    /// hand-over before Bug 0657 were ended by the migration EndLegacyEntrustments.
    /// </summary>
    public static IQueryable<CaseAssignment> Entrustments(AppDbContext db) =>
        db.CaseAssignments.Where(a => a.Role == CaseAssignment.EvaluatorRole && a.EndedAt == null);

    /// <summary>An evaluator assignment in force on a case (tracked: ending it is a change) and whom it entrusts, by name.</summary>
    public sealed record Entrustment(CaseAssignment Assignment, string Name);

    /// <summary>Whom an assignment without an organisation (one account) entrusts, as a timeline and the bureau read it.</summary>
    public const string UnnamedEntrustee = "受托的评估机构账号";

    /// <summary>The entrustments in force on <paramref name="caseIds"/>, each with its organisation's name (one query).</summary>
    public static async Task<List<Entrustment>> EntrustedOnAsync(AppDbContext db, IReadOnlyCollection<int> caseIds, CancellationToken ct)
    {
        var rows = await Entrustments(db).Where(a => caseIds.Contains(a.CaseId)).OrderBy(a => a.Id)
            .Select(a => new { Assignment = a, Name = db.EvaluatorOrganisations.Where(o => o.Id == a.OrganisationId).Select(o => o.Name).FirstOrDefault() })
            .ToListAsync(ct);
        return rows.Select(r => new Entrustment(r.Assignment, r.Name ?? UnnamedEntrustee)).ToList();
    }

    /// <summary>
    /// The evaluator accounts entrusted with <paramref name="caseId"/> now — the account assigned, or every account of the
    /// organisation assigned — exactly those whose <see cref="SeenBy"/> gives the case, so telling them tells nobody else.
    /// </summary>
    public static IQueryable<string> EntrustedAccounts(AppDbContext db, int caseId)
    {
        var entrusted = Entrustments(db).Where(a => a.CaseId == caseId);
        return db.EvaluatorMembers.Where(m => entrusted.Any(a => a.OrganisationId == m.OrganisationId)).Select(m => m.UserId)
            .Union(entrusted.Where(a => a.UserId != null).Select(a => a.UserId!));
    }
}

/// <summary>评估: an expert assigned to assess a center scores it on the indicator table; their part is in with their sheet.</summary>
public sealed class Assessing : IExpertWork
{
    public static readonly Assessing Instance = new();
    public string Name => "评估";
    public string Ask => "请按评估指标体系提交专家评分表";
    public string Given => "您已提交评分表，不能再申请回避；如有利害关系，请联系科技局处理。";
    public string Regroup => "请核对评估专家是否足够，必要时在绩效评估工作页面重新指派。";
    public string BureauUrl(Case c) => $"/Evaluations/Case?id={c.Id}";
    public IQueryable<int> GivenBy(AppDbContext db, int expertId) => db.Set<ExpertSheet>().Where(s => s.ExpertId == expertId).Select(s => s.CaseId);
    public Refusal? Withdrawable(CaseContext ctx) => Assessors.BeforeResults(ctx) ? null : Refusal.Conflict("该中心的评估已完成评分，不能再申请回避。");
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
