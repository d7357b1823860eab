using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.ExpertReviews;
using TechCenters.Web.Features.Shared;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Evaluations;

/// <summary>
/// One campaign, for the bureau: participants with the pack's reasons (add / exclude with a reason), the evaluation cases,
/// entrusting evaluators, the results ranked with the quota, confirmation and publication, the grade chart and the export.
/// </summary>
public sealed class CampaignModel(AppDbContext db, EvaluationActions actions, EvaluationAssessors assessors, CaseKernel kernel,
    Microsoft.Extensions.Caching.Memory.IMemoryCache cache, Infrastructure.Clock clock) : ActionPage
{
    public const int PageSize = 50;
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true)] public string? Filter { get; set; }

    public EvaluationCampaign Campaign { get; private set; } = null!;
    public PolicyPack Pack { get; private set; } = null!;
    public StagesRule Process { get; private set; } = null!;
    public Page<CampaignView.Row> Rows { get; private set; } = new([], 1, PageSize, 0);
    public int IncludedCount { get; private set; }
    public int WithoutCase { get; private set; }
    public int Scored { get; private set; }
    public List<(string Grade, int Count)> Distribution { get; private set; } = [];
    public EvaluationRules.QuotaCheck? Quota { get; private set; }
    /// <summary>The centers of the quota grade, best score first (those past the allowed number are the ones to decide on).</summary>
    public List<CampaignView.Row> QuotaRanking { get; private set; } = [];
    public List<EvaluatorOrganisation> Organisations { get; private set; } = [];
    public List<(string Id, string Name)> FreeEvaluators { get; private set; } = [];
    public string? Scorer { get; private set; }
    /// <summary>Why experts may not assess under the campaign's pack (null: they may, 指派专家).</summary>
    public string? NoExperts { get; private set; }
    public ThresholdRule? SizeRule { get; private set; }
    /// <summary>The pack's department duty to assist the evaluation, if any.</summary>
    public DutyRule? Assist { get; private set; }
    public List<string> Fields { get; private set; } = [];
    public List<(int Id, string Label)> PoolExperts { get; private set; } = [];
    /// <summary>This campaign's expert draws, latest first, and the names of everyone they name.</summary>
    public List<Experts.PanelDraw> Draws { get; private set; } = [];
    /// <summary>Per evaluation case: experts assigned (active), sheets given, the department asked to assist.</summary>
    public Dictionary<int, (int Experts, int Sheets, bool Department)> Assessing { get; private set; } = [];

    [BindProperty] public List<int> ExpertIds { get; set; } = [];
    [BindProperty] public string? Field { get; set; }
    [BindProperty] public int? Size { get; set; }
    [BindProperty] public string? Mode { get; set; }

    [BindProperty] public int CenterId { get; set; }
    [BindProperty] public bool Include { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int OrganisationId { get; set; }
    [BindProperty] public List<int> CaseIds { get; set; } = [];
    [BindProperty] public string? DecisionRecord { get; set; }
    [BindProperty] public List<int> Lowered { get; set; } = [];
    [BindProperty] public string? QuotaReason { get; set; }
    [BindProperty] public string? OrganisationName { get; set; }
    [BindProperty] public List<string> MemberIds { get; set; } = [];

    private string Here => $"/Evaluations/Campaign?id={Id}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await Found(ct) ? Page() : NotFound();

    /// <summary>导出 (XLSX): every participant with its result, streamed from the query (never all rows in memory), audited.</summary>
    public async Task<IActionResult> OnGetExportAsync([FromServices] Audit.AuditLog audit, CancellationToken ct)
    {
        if (!await OwnCampaignAsync(ct)) return NotFound();
        var count = await db.EvaluationParticipants.CountAsync(p => p.CampaignId == Id, ct);
        var file = await Lists.ListExport.WriteAsync(CampaignView.Rows(db, Id).OrderBy(r => r.CenterId).AsEnumerable().Select(CampaignView.ExportRow.From), "评估结果", ct);
        await audit.AppendAsync(HttpContext, new Audit.AuditRecord("导出绩效评估结果", Audit.AuditOutcome.Success, "评估工作", Id.ToString(),
            $"{Campaign.Title}：{count} 个中心"), ct: ct);
        return File(file, Lists.ListExport.ContentType, $"{Campaign.Title}.xlsx");
    }

    public async Task<IActionResult> OnPostParticipationAsync(CancellationToken ct) =>
        await DoneAsync(await actions.SetParticipationAsync(Actor, Id, CenterId, Include, Reason, ct), Here, null, ct);

    public async Task<IActionResult> OnPostOpenCasesAsync(CancellationToken ct) =>
        await DoneAsync(await actions.OpenCasesAsync(Actor, Id, ct), Here, null, ct);

    public async Task<IActionResult> OnPostAssignAsync(CancellationToken ct) =>
        await DoneAsync(await actions.AssignAsync(Actor, Id, OrganisationId, CaseIds, ct), Here, null, ct);

    /// <summary>指派专家: draw (or designate) experts for the chosen evaluation cases, with recusal.</summary>
    /// <remarks>The button says which: 随机抽取 (Mode=draw) ignores experts picked in the designation list; 指派所选专家 (Mode=designate) needs some.</remarks>
    public async Task<IActionResult> OnPostAssignExpertsAsync(CancellationToken ct) =>
        await ForeignOrganisationAsync(ct) ?? await DoneAsync(await assessors.AssignExpertsAsync(Actor, Id, CaseIds,
            new(Mode == "draw" ? [] : ExpertIds, Field, Size, Designate: Mode == "designate" || (Mode is null && ExpertIds.Count > 0)), ct), Here, null, ct);

    /// <summary>请归口管理部门协助评估, where the pack says the department assists.</summary>
    public async Task<IActionResult> OnPostAssistAsync(CancellationToken ct) =>
        await ForeignOrganisationAsync(ct) ?? await DoneAsync(await assessors.AssistAsync(Actor, Id, CaseIds, ct), Here, null, ct);

    /// <summary>
    /// 委托评估机构 travels with every button of the assign form. A value that is none of its options (this jurisdiction's
    /// organisations) is refused whichever button sent it (Bug 0212: posted with 协助, it was ignored and the departments
    /// were asked). The refusal is audited as a refused request.
    /// </summary>
    private Task<IActionResult?> ForeignOrganisationAsync(CancellationToken ct) =>
        Infrastructure.InputGuard.OfferedAsync(HttpContext, OrganisationId,
            db.EvaluatorOrganisations.Where(o => o.JurisdictionId == Actor.Scope.JurisdictionId).Select(o => o.Id), "委托评估机构", ct);

    public async Task<IActionResult> OnPostOrganisationAsync(CancellationToken ct)
    {
        // Registered from a campaign's page: without that campaign (or its bureau) there is no page to answer with (Bug 0204: was a 500).
        if (!await Found(ct)) return NotFound();
        return await DoneAsync(await actions.RegisterOrganisationAsync(Actor, OrganisationName, MemberIds, ct), Here, null, ct);
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct) =>
        await DoneAsync(await actions.ConfirmAsync(Actor, Id, DecisionRecord, new(Lowered, QuotaReason), ct), Here, null, ct);

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct) =>
        await DoneAsync(await actions.PublishAsync(Actor, Id, ct), Here, null, ct);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        if (!await Found(ct)) throw new InvalidOperationException("评估工作不存在");
    }

    /// <summary>The campaign, when it is the bureau's own (nothing else of the page is read).</summary>
    private async Task<bool> OwnCampaignAsync(CancellationToken ct)
    {
        var s = Scope;
        if (s.Role != Roles.BureauOfficer || s.JurisdictionId is not { } j) return false;
        var campaign = await db.EvaluationCampaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == Id && c.JurisdictionId == j, ct);
        if (campaign is null) return false;
        Campaign = campaign;
        return true;
    }

    private async Task<bool> Found(CancellationToken ct)
    {
        if (!await OwnCampaignAsync(ct)) return false;
        var j = Campaign.JurisdictionId;
        Pack = kernel.PackOf(j, Campaign.PackVersion);
        Process = CaseKernel.ProcessOf(Pack, ProcessKinds.Evaluation);
        Scorer = Process.Stages.FirstOrDefault(x => x.Step == StageSteps.Scoring)?.Actor;
        var all = CampaignView.Rows(db, Id);
        // The counts in two grouped reads (participants, evaluations by grade), not one scan of the campaign per figure.
        var participants = await db.EvaluationParticipants.Where(p => p.CampaignId == Id).GroupBy(p => new { p.Included, NoCase = p.CaseId == null })
            .Select(g => new { g.Key.Included, g.Key.NoCase, N = g.Count() }).ToListAsync(ct);
        IncludedCount = participants.Where(p => p.Included).Sum(p => p.N);
        WithoutCase = participants.Where(p => p.Included && p.NoCase).Sum(p => p.N);
        var graded = await db.Evaluations.Where(e => e.CampaignId == Id).GroupBy(e => new { Scored = e.Grade != null, Grade = e.FinalGrade ?? e.Grade })
            .Select(g => new { g.Key.Scored, g.Key.Grade, N = g.Count() }).ToListAsync(ct);
        Scored = graded.Where(g => g.Scored).Sum(g => g.N);
        bool? included = Filter switch { "included" => true, "excluded" => false, _ => null };
        var total = included is { } inc ? participants.Where(p => p.Included == inc).Sum(p => p.N) : participants.Sum(p => p.N);
        PageNumber = Shared.Page<int>.Clamp(PageNumber);
        // The page's centers first (the narrow keys-first sort), then those 50 rows in full.
        var pageIds = await CampaignView.PageKeys(db, Id, included).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var byId = await all.Where(r => pageIds.Contains(r.CenterId)).ToDictionaryAsync(r => r.CenterId, ct);
        // A participant gone between the two reads is left out of the page, never a 500.
        var items = pageIds.Select(id => byId.TryGetValue(id, out var row) ? row : null).OfType<CampaignView.Row>().ToList();
        Rows = new(items, PageNumber, PageSize, total);
        Distribution = EvaluationRules.Grades(Pack).Select(g => (g, graded.Where(c => c.Scored && c.Grade == g).Sum(c => c.N))).ToList();
        if (EvaluationRules.Quota(Pack) is { } quota)
        {
            var grades = graded.SelectMany(g => Enumerable.Repeat(g.Grade, g.N)).ToList();
            Quota = EvaluationRules.CheckQuota(Pack, grades.Count < IncludedCount ? grades.Concat(Enumerable.Repeat<string?>(null, IncludedCount - grades.Count)) : grades);
            QuotaRanking = await all.Where(r => r.Grade == quota.Grade).OrderByDescending(r => r.Score).ThenBy(r => r.CenterId).Take(500).ToListAsync(ct);
        }
        NoExperts = Assessors.NoExperts(Pack, Process);
        SizeRule = Assessors.PanelSize(Pack);
        Assist = Assessors.DepartmentAssist(Pack);
        // What only the open campaign's forms offer (fields and experts to draw or designate, organisations, free evaluator
        // accounts) is read only while it is open: a confirmed campaign of 50,000 centers does not read the expert pool.
        var open = Campaign.Status == CampaignStatus.Open;
        if (NoExperts is null)
        {
            if (open)
            {
                var inPool = true; // compared as a value, so SQLite walks (JurisdictionId, InPool, Kind, Name) in order and stops at 500
                // The technical experts' fields, kept a minute and shared with the draw page.
                Fields = await Experts.TechnicalFields.ChoicesAsync(db, cache, clock, j, ct);
                PoolExperts = (await db.Experts.AsNoTracking().Where(e => e.JurisdictionId == j && e.InPool == inPool).OrderBy(e => e.Kind).ThenBy(e => e.Name).Take(500)
                    .Select(e => new { e.Id, e.Name, e.Field, e.Employer }).ToListAsync(ct)).Select(e => (e.Id, $"{e.Name}（{e.Field}，{e.Employer}）")).ToList();
            }
            Draws = await db.Set<Experts.PanelDraw>().AsNoTracking().Where(d => d.CampaignId == Id).OrderByDescending(d => d.Id).Take(5).ToListAsync(ct);
        }
        var pageCases = items.Where(r => r.CaseId is not null).Select(r => r.CaseId!.Value).ToList();
        var assignments = await db.CaseAssignments.AsNoTracking().Where(a => pageCases.Contains(a.CaseId) && a.EndedAt == null
                && (a.Role == CaseAssignment.ExpertRole || a.Role == CaseAssignment.DepartmentRole))
            .Select(a => new { a.CaseId, a.Role }).ToListAsync(ct);
        var sheets = await db.Set<ExpertSheet>().AsNoTracking().Where(x => pageCases.Contains(x.CaseId)).GroupBy(x => x.CaseId)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        Assessing = pageCases.ToDictionary(c => c, c => (assignments.Count(a => a.CaseId == c && a.Role == CaseAssignment.ExpertRole), sheets.GetValueOrDefault(c),
            assignments.Any(a => a.CaseId == c && a.Role == CaseAssignment.DepartmentRole)));
        if (!open) return true;
        Organisations = await db.EvaluatorOrganisations.AsNoTracking().Where(o => o.JurisdictionId == j).OrderBy(o => o.Name).ToListAsync(ct);
        FreeEvaluators = (await db.Users.AsNoTracking().Where(u => u.JurisdictionId == j
                && db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(x => x.Id == r.RoleId && x.Name == Roles.Evaluator))
                && !db.EvaluatorMembers.Any(m => m.UserId == u.Id))
            .OrderBy(u => u.UserName).Select(u => new { u.Id, Name = u.DisplayName == "" ? u.UserName! : u.DisplayName + "（" + u.UserName + "）" }).ToListAsync(ct)).Select(u => (u.Id, u.Name)).ToList();
        return true;
    }

    public string PageUrl(int n) => $"/Evaluations/Campaign?id={Id}&filter={Filter}&p={n}";

    public string StageName(string? id) => id is null ? "未通知" : Process.StageName(id);
}
