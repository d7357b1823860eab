using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.AnnualReports;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Features.Centers;

/// <summary>
/// 中心工作台: the center's record, its governance bodies and director evaluated against its pack (every rule with its
/// article; the bureau's call on judgement words), filings, meetings, the year's duties and its annual reports.
/// </summary>
public sealed class WorkspaceModel(AppDbContext db, CenterWork work, CaseKernel kernel) : PageModel
{
    public CenterWork.Loaded L { get; private set; } = null!;
    public Center Center => L.Center;
    public PolicyPack Pack => L.Pack;
    public IReadOnlyList<GovernanceRules.Subject> Subjects { get; private set; } = [];
    public Verdict Governance { get; private set; } = null!;
    public List<BodyMeeting> Meetings { get; private set; } = [];
    public List<CenterHistory> History { get; private set; } = [];
    public List<AnnualReport> Reports { get; private set; } = [];
    public AnnualReportRules.Owed Owed { get; private set; } = null!;
    public int DutyYear { get; private set; }
    public Dictionary<string, string> Declared { get; private set; } = [];
    public Verdict YearVerdict { get; private set; } = null!;
    public IReadOnlyList<FactDefinition> DeclaredFacts { get; private set; } = [];
    /// <summary>The duty year's 服务台账 rows, where the pack's operation rules read the ledger.</summary>
    public List<ServiceLedgerEntry> Services { get; private set; } = [];
    public bool LedgerRead { get; private set; }
    public bool IsLead { get; private set; }
    public bool IsBureau { get; private set; }
    public string? Error { get; private set; }
    public string? Flash { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int? year, CancellationToken ct)
    {
        if (!await LoadAsync(id, year, ct)) return NotFound();
        Flash = TempData["Flash"] as string;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, int? year, CancellationToken ct)
    {
        var scope = UserScope.From(User);
        var l = await work.LoadAsync(scope, id, ct);
        if (l is null) return false;
        L = l;
        IsLead = CenterWork.IsLeadStaff(scope, l.Center);
        IsBureau = CenterWork.IsBureau(scope, l.Center);
        Subjects = GovernanceRules.Subjects(l.Pack);
        Governance = GovernanceRules.Evaluate(l.Pack, GovernanceRules.FactsOf(l.Pack, l.Center, l.Bodies, l.Filings, l.Judgements));
        Meetings = await db.BodyMeetings.AsNoTracking().Include(m => m.Matters.OrderBy(x => x.Position)).Where(m => m.CenterId == id).OrderByDescending(m => m.HeldOn).ToListAsync(ct);
        History = await db.CenterHistory.AsNoTracking().Where(h => h.CenterId == id).OrderByDescending(h => h.Id).Take(50).ToListAsync(ct);
        var visible = db.Cases.VisibleTo(db, scope).Select(c => c.Id);
        Reports = await db.AnnualReports.AsNoTracking().Include(r => r.Case).Where(r => r.CenterId == id && visible.Contains(r.Id)).OrderByDescending(r => r.Year).ToListAsync(ct);
        var today = kernel.Clock.Today;
        DutyYear = year is { } y && y >= Center.ApprovedOn.Year && y <= today.Year ? y : today.Year - 1 < Center.ApprovedOn.Year ? today.Year : today.Year - 1;
        Owed = AnnualReportRules.Schedule(l.Pack, today.Year - 1, false);
        DeclaredFacts = CenterWork.DeclaredFacts(l.Pack);
        var decl = await db.YearlyDeclarations.AsNoTracking().FirstOrDefaultAsync(d => d.CenterId == id && d.Year == DutyYear, ct);
        Declared = ApplicationFacts.Parse(decl?.FactsJson);
        LedgerRead = CenterWork.LedgerFacts.Read(l.Pack);
        var (from, to) = (new DateOnly(DutyYear, 1, 1), new DateOnly(DutyYear, 12, 31));
        Services = await db.ServiceLedger.AsNoTracking().Where(s => s.CenterId == id && s.ServedOn >= from && s.ServedOn <= to)
            .OrderBy(s => s.ServedOn).ThenBy(s => s.Id).ToListAsync(ct);
        YearVerdict = CenterWork.EvaluateYear(l.Pack, CenterWork.YearFacts(l.Pack, Declared, Meetings.Where(m => m.HeldOn.Year == DutyYear), Services.Count));
        return true;
    }

    private async Task<IActionResult> Result(int id, WorkflowResult r, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        if (r.Ok)
        {
            TempData["Flash"] = r.Message;
            return Redirect($"/Centers/Workspace?id={id}");
        }
        db.ChangeTracker.Clear();
        if (!await LoadAsync(id, null, ct)) return NotFound();
        Error = r.Message;
        Response.StatusCode = r.HttpStatus;
        return Page();
    }

    public async Task<IActionResult> OnPostBodyAsync(int id, string? body, int? version, CancellationToken ct)
    {
        var members = new List<MemberInput>();
        for (var i = 0; i < 100 && Request.Form.ContainsKey($"m{i}.name"); i++)
        {
            string? F(string k) => Request.Form[$"m{i}.{k}"].FirstOrDefault();
            members.Add(new(F("name"), F("employer"), F("affiliation"), F("title"), F("role"), F("fulltime") is { } ft ? ft == "true" : null));
        }
        return await Result(id, await work.SaveBodyAsync(HttpContext, id, body ?? "", version, members, ct), ct);
    }

    public async Task<IActionResult> OnPostFileAsync(int id, string? body, string? recipient, CancellationToken ct) =>
        await Result(id, await work.FileAsync(HttpContext, id, body ?? "", recipient ?? "", ct), ct);

    public async Task<IActionResult> OnPostJudgeAsync(int id, string? rule, string? answer, string? reason, CancellationToken ct) =>
        await Result(id, await work.JudgeAsync(HttpContext, id, rule ?? "", answer, reason, ct), ct);

    public async Task<IActionResult> OnPostMeetingAsync(int id, string? body, DateOnly? heldOn, string? attendees, string? minutes, CancellationToken ct)
    {
        var matters = new List<MatterInput>();
        for (var i = 0; i < 20 && Request.Form.ContainsKey($"x{i}.title"); i++)
        {
            int N(string k) => int.TryParse(Request.Form[$"x{i}.{k}"].FirstOrDefault(), out var n) ? n : 0;
            matters.Add(new(Request.Form[$"x{i}.title"].FirstOrDefault(), Request.Form[$"x{i}.major"].FirstOrDefault() == "true", N("for"), N("against"), N("abstain")));
        }
        return await Result(id, await work.RecordMeetingAsync(HttpContext, id, body ?? "", heldOn, attendees, minutes, matters, ct), ct);
    }

    public async Task<IActionResult> OnPostServiceAsync(int id, DateOnly? servedOn, string? client, string? content, string? outcome, CancellationToken ct) =>
        await Result(id, await work.RecordServiceAsync(HttpContext, id, servedOn, client, content, outcome, ct), ct);

    /// <summary>The whole ledger as XLSX, for whoever sees the center (audited).</summary>
    public async Task<IActionResult> OnGetLedgerAsync(int id, [FromServices] AuditLog audit, CancellationToken ct)
    {
        if (await work.LoadAsync(UserScope.From(User), id, ct) is not { } l) return NotFound();
        var rows = await db.ServiceLedger.AsNoTracking().Where(s => s.CenterId == id).OrderBy(s => s.ServedOn).ThenBy(s => s.Id).ToListAsync(ct);
        using var ms = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(ms, rows.Select(s => new Dictionary<string, object?>
        {
            ["服务日期"] = s.ServedOn.ToString("yyyy-MM-dd"), ["服务对象"] = s.Client, ["服务内容"] = s.Content, ["服务成效"] = s.Outcome,
            ["登记人"] = s.RecordedBy, ["登记时间"] = kernel.Clock.Format(s.RecordedAt),
        }), cancellationToken: ct);
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        await audit.AppendAsync(HttpContext, new AuditRecord("导出服务台账", AuditOutcome.Success, "技术创新中心", id.ToString(), $"{rows.Count} 条"), ct: ct);
        return File(ms.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"服务台账-{l.Center.Name}.xlsx");
    }

    public async Task<IActionResult> OnPostYearAsync(int id, int year, CancellationToken ct)
    {
        var typed = Request.Form.Where(k => k.Key.StartsWith("op:", StringComparison.Ordinal)).ToDictionary(k => k.Key[3..], k => (string?)k.Value.ToString());
        return await Result(id, await work.DeclareYearAsync(HttpContext, id, year, typed, ct), ct);
    }
}
