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
        YearVerdict = CenterWork.EvaluateYear(l.Pack, CenterWork.YearFacts(l.Pack, Declared, Meetings.Where(m => m.HeldOn.Year == DutyYear)));
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

    public async Task<IActionResult> OnPostYearAsync(int id, int year, CancellationToken ct)
    {
        var typed = Request.Form.Where(k => k.Key.StartsWith("op:", StringComparison.Ordinal)).ToDictionary(k => k.Key[3..], k => (string?)k.Value.ToString());
        return await Result(id, await work.DeclareYearAsync(HttpContext, id, year, typed, ct), ct);
    }
}
