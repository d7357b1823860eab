using TechCenters.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Shared;

namespace TechCenters.Web.Features.Audit;

/// <summary>审计日志查询 (audit admin only): by time range, user, action, outcome; plus a chain check.</summary>
public sealed class IndexModel(AppDbContext db, AuditVerifier verifier, Clock clock) : PageModel
{
    public const int PageSize = 30;

    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? User_ { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? Outcome { get; set; }
    [BindProperty(SupportsGet = true)] public bool Verify { get; set; }
    /// <summary>"business" (业务操作), "request" (请求记录) or empty (全部).</summary>
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    public static readonly (string Value, string Label)[] Kinds = [("business", "业务操作"), ("request", "请求记录")];
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Page<AuditEntry> Result { get; private set; } = null!;
    public ChainVerdict? Verdict { get; private set; }
    public static readonly string[] Outcomes = [AuditOutcome.Success, AuditOutcome.Failure, AuditOutcome.Denied];

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "user")] string? user, CancellationToken ct)
    {
        var query = Filtered(user);
        PageNumber = Page<AuditEntry>.Clamp(PageNumber);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(a => a.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Result = new Page<AuditEntry>(rows, PageNumber, PageSize, total);
        Names = await AuditNames.ResolveAsync(db, rows, ct);
        if (Verify) Verdict = await verifier.VerifyAsync(ct);
        return Page();
    }

    public const int ExportLimit = 100_000;

    /// <summary>导出 (XLSX, MiniExcel): the entries the filter finds, oldest first, with their hashes; the export is audited too.</summary>
    public async Task<IActionResult> OnGetXlsxAsync([FromQuery(Name = "user")] string? user, [FromServices] AuditLog audit, CancellationToken ct)
    {
        var query = Filtered(user);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Result = new Page<AuditEntry>([], 1, PageSize, 0);
            return Page();
        }
        // Streamed from the query into the file (never all rows in memory); the count first, for the audit entry.
        var count = Math.Min(await query.CountAsync(ct), ExportLimit);
        var stream = await Lists.ListExport.WriteAsync(query.OrderBy(a => a.Id).Take(ExportLimit).AsEnumerable().Select(AuditExportRow.From), "审计日志", ct);
        await audit.AppendAsync(HttpContext, new AuditRecord("导出审计日志", AuditOutcome.Success, "审计日志", null,
            $"{count} 条；条件：{Describe(user)}"), ct: ct);
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"审计日志-{clock.Today:yyyyMMdd}.xlsx");
    }

    private string Describe(string? user) => string.Join("，", new[]
    {
        From is null ? null : $"起始 {From:yyyy-MM-dd}", To is null ? null : $"截止 {To:yyyy-MM-dd}",
        string.IsNullOrWhiteSpace(user) ? null : $"用户 {user.Trim()}", string.IsNullOrWhiteSpace(Action) ? null : $"操作含“{Action.Trim()}”",
        string.IsNullOrWhiteSpace(Outcome) ? null : $"结果 {Outcome}",
        Kinds.FirstOrDefault(k => k.Value == Kind).Label is { } kind ? $"类别 {kind}" : null,
    }.Where(x => x is not null).DefaultIfEmpty("全部"));

    /// <summary>The search form's conditions as a query (nothing, when they are invalid).</summary>
    private IQueryable<AuditEntry> Filtered(string? user)
    {
        User_ = user;
        if (From is not null && To is not null && From > To)
        {
            ModelState.AddModelError("", "起始日期不能晚于截止日期");
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        if (!string.IsNullOrWhiteSpace(Outcome) && !Outcomes.Contains(Outcome))
        {
            ModelState.AddModelError("", "结果只能是 成功、失败 或 拒绝");
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        if (!string.IsNullOrWhiteSpace(Kind) && !Kinds.Any(k => k.Value == Kind))
        {
            ModelState.AddModelError("", "类别只能是 业务操作 或 请求记录");
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        var query = db.AuditEntries.AsNoTracking();
        if (!ModelState.IsValid) return query.Where(a => false);
        query = AuditNames.OfKind(query, Kind);
        var offset = TimeSpan.FromMinutes(clock.OffsetMinutes(DateTimeOffset.UtcNow));
        if (From is not null) { var f = new DateTimeOffset(From.Value.ToDateTime(TimeOnly.MinValue), offset).ToUniversalTime(); query = query.Where(a => a.OccurredAt >= f); }
        if (To is not null) { var t = new DateTimeOffset(To.Value.AddDays(1).ToDateTime(TimeOnly.MinValue), offset).ToUniversalTime(); query = query.Where(a => a.OccurredAt < t); }
        if (!string.IsNullOrWhiteSpace(user)) { var u = user.Trim(); query = query.Where(a => a.UserName == u); }
        if (!string.IsNullOrWhiteSpace(Action)) { var s = Action.Trim(); query = query.Where(a => a.Action.Contains(s)); }
        if (!string.IsNullOrWhiteSpace(Outcome)) query = query.Where(a => a.Outcome == Outcome);
        return query;
    }

    public string XlsxUrl => "/Audit" + QueryString.Create(new Dictionary<string, string?>
    {
        ["handler"] = "Xlsx", ["from"] = From?.ToString("yyyy-MM-dd"), ["to"] = To?.ToString("yyyy-MM-dd"), ["user"] = User_,
        ["action"] = Action, ["outcome"] = Outcome, ["kind"] = Kind,
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();

    public string PageUrl(int page) => "/Audit" + QueryString.Create(new Dictionary<string, string?>
    {
        ["from"] = From?.ToString("yyyy-MM-dd"), ["to"] = To?.ToString("yyyy-MM-dd"), ["user"] = User_,
        ["action"] = Action, ["outcome"] = Outcome, ["kind"] = Kind, ["p"] = page.ToString(),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();
}

/// <summary>One exported audit row, with Chinese column headings.</summary>
public sealed class AuditExportRow
{
    [MiniExcelLibs.Attributes.ExcelColumnName("序号")] public long? Sequence { get; init; }
    [MiniExcelLibs.Attributes.ExcelColumnName("时间（含时区）")] public string Time { get; init; } = "";
    [MiniExcelLibs.Attributes.ExcelColumnName("用户")] public string UserName { get; init; } = "";
    [MiniExcelLibs.Attributes.ExcelColumnName("客户端地址")] public string ClientAddress { get; init; } = "";
    [MiniExcelLibs.Attributes.ExcelColumnName("操作")] public string Action { get; init; } = "";
    [MiniExcelLibs.Attributes.ExcelColumnName("对象类型")] public string? ObjectType { get; init; }
    [MiniExcelLibs.Attributes.ExcelColumnName("对象标识")] public string? ObjectId { get; init; }
    [MiniExcelLibs.Attributes.ExcelColumnName("结果")] public string Outcome { get; init; } = "";
    [MiniExcelLibs.Attributes.ExcelColumnName("详情")] public string? Detail { get; init; }
    // A row committed but not yet sealed into the chain (ADR 0010) has no sequence or hashes yet: exported as 待入链.
    [MiniExcelLibs.Attributes.ExcelColumnName("前序哈希（SM3）")] public string PreviousHash { get; init; } = "";
    [MiniExcelLibs.Attributes.ExcelColumnName("哈希（SM3）")] public string Hash { get; init; } = "";

    public static AuditExportRow From(AuditEntry a) => new()
    {
        Sequence = a.Sequence, Time = a.LocalTime.ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture),
        UserName = a.UserName, ClientAddress = a.ClientAddress, Action = a.Action, ObjectType = a.ObjectType, ObjectId = a.ObjectId,
        Outcome = a.Outcome, Detail = a.Detail, PreviousHash = a.PreviousHash ?? "待入链", Hash = a.Hash ?? "待入链",
    };
}
