using System.ComponentModel.DataAnnotations;
using System.Globalization;
using TechCenters.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs.Attributes;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Lists;

namespace TechCenters.Web.Features.Audit;

/// <summary>One audit row as the log lists and exports it (with the local time and its offset, and the SM3 hashes).</summary>
public sealed class AuditRow
{
    [ExcelColumnName("序号")] public long Sequence { get; init; }
    [ExcelColumnName("时间（含时区）")] public string Time { get; init; } = "";
    [ExcelColumnName("用户")] public string UserName { get; init; } = "";
    [ExcelColumnName("客户端地址")] public string ClientAddress { get; init; } = "";
    [ExcelColumnName("操作")] public string Action { get; init; } = "";
    [ExcelColumnName("对象类型")] public string? ObjectType { get; init; }
    [ExcelColumnName("对象标识")] public string? ObjectId { get; init; }
    [ExcelColumnName("结果")] public string Outcome { get; init; } = "";
    [ExcelColumnName("详情")] public string? Detail { get; init; }
    [ExcelColumnName("前序哈希（SM3）")] public string PreviousHash { get; init; } = "";
    [ExcelColumnName("哈希（SM3）")] public string Hash { get; init; } = "";

    public static string LocalTime(DateTimeOffset at, int offsetMinutes) =>
        at.ToOffset(TimeSpan.FromMinutes(offsetMinutes)).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
}

/// <summary>审计日志查询 (audit admin only): by time range, user, action, outcome; sort, paging, XLSX export (audited too); a chain check.</summary>
public sealed class IndexModel(AppDbContext db, AuditVerifier verifier, Clock clock) : ListPageModel
{
    [BindProperty(SupportsGet = true), Display(Name = "起始日期")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "截止日期")] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "user")] public string? User_ { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? Outcome { get; set; }
    [BindProperty(SupportsGet = true)] public bool Verify { get; set; }

    public IReadOnlyList<AuditRow> Rows { get; private set; } = [];
    public ChainVerdict? Verdict { get; private set; }
    public static readonly string[] Outcomes = [AuditOutcome.Success, AuditOutcome.Failure, AuditOutcome.Denied];

    public static readonly ListDefinition<AuditEntry, AuditRow> List = new()
    {
        Name = "审计日志",
        PageSize = 30,
        Sorts = [SortOption<AuditEntry>.By("seq", "序号", a => a.Sequence)],
        DefaultSort = "seq",
        DefaultDescending = true,
        ThenById = q => q,
        Row = a => new AuditRow
        {
            Sequence = a.Sequence, Time = AuditRow.LocalTime(a.OccurredAt, a.UtcOffsetMinutes), UserName = a.UserName, ClientAddress = a.ClientAddress,
            Action = a.Action, ObjectType = a.ObjectType, ObjectId = a.ObjectId, Outcome = a.Outcome, Detail = a.Detail,
            PreviousHash = a.PreviousHash, Hash = a.Hash,
        },
    };

    private IQueryable<AuditEntry> Filtered()
    {
        if (From is not null && To is not null && From > To) ModelState.AddModelError("", "起始日期不能晚于截止日期");
        if (!string.IsNullOrWhiteSpace(Outcome) && !Outcomes.Contains(Outcome)) ModelState.AddModelError("outcome", "结果只能是 成功、失败 或 拒绝");
        var query = db.AuditEntries.AsNoTracking();
        var offset = TimeSpan.FromMinutes(clock.OffsetMinutes(clock.UtcNow));
        if (From is not null) { var f = new DateTimeOffset(From.Value.ToDateTime(TimeOnly.MinValue), offset).ToUniversalTime(); query = query.Where(a => a.OccurredAt >= f); }
        if (To is not null) { var t = new DateTimeOffset(To.Value.AddDays(1).ToDateTime(TimeOnly.MinValue), offset).ToUniversalTime(); query = query.Where(a => a.OccurredAt < t); }
        if (!string.IsNullOrWhiteSpace(User_)) { var u = User_.Trim(); query = query.Where(a => a.UserName == u); }
        if (!string.IsNullOrWhiteSpace(Action)) { var s = Action.Trim(); query = query.Where(a => a.Action.Contains(s)); }
        if (!string.IsNullOrWhiteSpace(Outcome)) query = query.Where(a => a.Outcome == Outcome);
        return query;
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = await PageAsync(Filtered(), List, ct);
        if (Verify) Verdict = await verifier.VerifyAsync(ct);
    }

    public Task<IActionResult> OnGetXlsxAsync([FromServices] AuditLog audit, CancellationToken ct) =>
        ExportAsync(Filtered(), List, audit, Describe(("起始", From?.ToString("yyyy-MM-dd")), ("截止", To?.ToString("yyyy-MM-dd")), ("用户", User_?.Trim()),
            ("操作含", Action?.Trim()), ("结果", Outcome)), ct);
}
