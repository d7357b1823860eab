using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Features.Shared;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Features.AnnualReports;

/// <summary>
/// 年度报告 by status for one year (应报未发起、填报中、审核中、退回修改、审核通过、逾期提交、逾期未报、无需报送), every center in
/// the account's scope; filters in the URL, paging, XLSX export; the bureau opens the year's reports for its centers.
/// </summary>
public sealed class IndexModel(AppDbContext db, CaseKernel kernel, AnnualReportActions actions, AuditLog audit) : PageModel
{
    public static readonly Dictionary<string, string> Statuses = new()
    {
        ["owed"] = "应报未发起", ["draft"] = "填报中", ["returned"] = "退回修改", ["review"] = "审核中", ["accepted"] = "审核通过",
        ["late"] = "逾期提交", ["missing"] = "逾期未报", ["none"] = "无需报送",
    };

    public sealed record Row(int CenterId, string Center, string LeadUnit, int Year, string Status, string StatusName, int? CaseId, string? Stage,
        DateOnly? DueOn, DateOnly? SubmittedOn, string? Receipt, bool Overdue, string Note);

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public Page<Row> Rows { get; private set; } = new([], 1, 20, 0);
    public Dictionary<string, int> Counts { get; private set; } = [];
    public bool IsBureau { get; private set; }
    public string? Flash { get; set; }
    public string? Error { get; private set; }
    public int SelectedYear => Year ?? kernel.Clock.Today.Year - 1;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Valid()) return Invalid();
        var all = await LoadAsync(ct);
        Show(all);
        Flash = TempData["Flash"] as string;
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (!Valid()) return Lists.ListExport.Refuse(this, Error!);
        var rows = Filter(await LoadAsync(ct));
        var ms = new MemoryStream();
        await ms.SaveAsAsync(rows.Select(r => new Dictionary<string, object?>
        {
            ["技术创新中心"] = r.Center, ["牵头（依托）单位"] = r.LeadUnit, ["报告年度"] = r.Year, ["状态"] = r.StatusName, ["当前环节"] = r.Stage,
            ["报送期限"] = r.DueOn?.ToString("yyyy-MM-dd"), ["提交日期"] = r.SubmittedOn?.ToString("yyyy-MM-dd"), ["回执编号"] = r.Receipt, ["说明"] = r.Note,
        }), sheetName: "年度报告", cancellationToken: ct);
        await audit.AppendAsync(HttpContext, new AuditRecord("导出年度报告清单", AuditOutcome.Success, "年度报告", SelectedYear.ToString(), $"{rows.Count} 条"), ct: ct);
        return File(ms.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"年度报告-{SelectedYear}.xlsx");
    }

    /// <summary>发起: the bureau opens the year's report of every center of its that owes one and has none yet.</summary>
    public async Task<IActionResult> OnPostOpenAsync(int? center, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        if (!Valid()) return Invalid();
        var actor = WorkflowActor.From(HttpContext);
        var rows = await LoadAsync(ct);
        var targets = center is { } one ? [one] : rows.Where(r => r.Status == "owed").Select(r => r.CenterId).ToList();
        if (center is null && UserScope.From(User).Role != Roles.BureauOfficer)
            return await Refused(new(WorkflowStatus.Forbidden, "批量发起年度报告由科技局办理。"), ct);
        if (targets.Count == 0) return await Refused(new(WorkflowStatus.Conflict, $"{SelectedYear}年度没有应报未发起的年度报告。"), ct);
        var opened = 0;
        foreach (var id in targets)
        {
            var r = await actions.OpenAsync(actor, id, SelectedYear, ct);
            if (!r.Ok && targets.Count == 1) return await Refused(r, ct);
            if (r.Ok) opened++;
        }
        TempData["Flash"] = $"已发起 {opened} 份{SelectedYear}年度报告。";
        return center is { } c && opened == 1 && await db.AnnualReports.Where(x => x.CenterId == c && x.Year == SelectedYear).Select(x => (int?)x.Id).FirstOrDefaultAsync(ct) is { } rid
            ? Redirect($"/AnnualReports/{rid}") : Redirect($"/AnnualReports?year={SelectedYear}");
    }

    private async Task<IActionResult> Refused(WorkflowResult r, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        Show(await LoadAsync(ct));
        Error = r.Message;
        Response.StatusCode = r.HttpStatus;
        return Page();
    }

    /// <summary>Report years the list and 发起 accept: from the first year the platform knows to this year.</summary>
    public YearRange Years => YearRange.UpTo(kernel.Clock.Today.Year);

    /// <summary>A filter refused: the page with its message and nothing listed (400), as every list answers, not a bare text.</summary>
    private PageResult Invalid()
    {
        Show([]);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private bool Valid()
    {
        if (Year is { } y && !Years.Contains(y)) { Error = Years.Refusal("报告年度"); return false; }
        if (Status is { Length: > 0 } s && !Statuses.ContainsKey(s)) { Error = "状态筛选无效。"; return false; }
        if (Q is { Length: > 100 }) { Error = "关键词不能超过 100 字。"; return false; }
        PageNumber = Page<Row>.Clamp(PageNumber);
        return true;
    }

    private void Show(List<Row> all)
    {
        Counts = all.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count());
        Counts["late"] = all.Count(r => r.Note.StartsWith("逾期提交", StringComparison.Ordinal));
        var rows = Filter(all);
        Rows = new(rows.Skip((PageNumber - 1) * 20).Take(20).ToList(), PageNumber, 20, rows.Count);
    }

    private List<Row> Filter(List<Row> all) => all
        .Where(r => string.IsNullOrEmpty(Status) || r.Status == Status || (Status == "late" && r.Note.Contains("逾期提交")))
        .Where(r => string.IsNullOrWhiteSpace(Q) || r.Center.Contains(Q.Trim()) || r.LeadUnit.Contains(Q.Trim())).ToList();

    /// <summary>Every center in scope for the year, with its report (or what the pack's schedule says it owes).</summary>
    private async Task<List<Row>> LoadAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User);
        IsBureau = scope.Role == Roles.BureauOfficer;
        var year = SelectedYear;
        var today = kernel.Clock.Today;
        var centers = await db.Centers.AsNoTracking().VisibleTo(db, scope).Where(c => c.Status != CenterStatus.Revoked && c.ApprovedOn.Year <= year)
            .OrderBy(c => c.JurisdictionId).ThenBy(c => c.Id).ToListAsync(ct);
        var ids = centers.Select(c => c.Id).ToList();
        var visible = db.Cases.VisibleTo(db, scope).Select(c => c.Id);
        var reports = await db.AnnualReports.AsNoTracking().Include(r => r.Case).Where(r => r.Year == year && ids.Contains(r.CenterId) && visible.Contains(r.Id))
            .ToDictionaryAsync(r => r.CenterId, ct);
        var evaluated = await db.Cases.AsNoTracking().Where(c => c.Kind == ProcessKinds.Evaluation && c.CenterId != null && ids.Contains(c.CenterId.Value))
            .Select(c => new { c.CenterId, c.CreatedAt }).ToListAsync(ct);
        var rows = new List<Row>();
        foreach (var c in centers)
        {
            var pack = kernel.PackOf(c.JurisdictionId, c.PackVersion);
            if (!reports.TryGetValue(c.Id, out var r))
            {
                var deptEvaluated = evaluated.Any(e => e.CenterId == c.Id && kernel.Clock.DateOf(e.CreatedAt).Year == year);
                var owed = AnnualReportRules.Schedule(pack, year, deptEvaluated);
                rows.Add(new(c.Id, c.Name, c.LeadUnitName, year, owed.IsOwed ? "owed" : "none", owed.IsOwed ? Statuses["owed"] : Statuses["none"], null, null,
                    owed.DueOn, null, null, owed.DueOn is { } d && today > d, owed.Why));
                continue;
            }
            var process = pack.Process(ProcessKinds.AnnualReport)!;
            var stage = process.Stage(r.Case.StageId)!;
            var status = r.MissingRecordedAt is not null && r.FirstSubmittedOn is null ? "missing"
                : stage.IsApproval ? "accepted"
                : stage.Step == StageSteps.Draft ? (r.VersionCount > 0 ? "returned" : r.DueOn is { } due && today > due ? "missing" : "draft")
                : "review";
            var note = r.Late == true ? $"逾期提交（期限 {r.DueOn:yyyy-MM-dd}）" : r.Late == false ? "按时提交" : r.DueOn is null ? "管理办法未规定报送期限" : "";
            rows.Add(new(c.Id, c.Name, c.LeadUnitName, year, status, Statuses[status], r.Id, stage.Name, r.DueOn, r.FirstSubmittedOn, r.ReceiptNumber,
                stage.Step == StageSteps.Draft && r.DueOn is { } dd && today > dd, note));
        }
        return rows;
    }
}
