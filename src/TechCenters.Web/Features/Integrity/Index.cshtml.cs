using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Security;
using TechCenters.Web.Features.Shared;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Features.Integrity;

/// <summary>
/// 科研诚信记录: the bureau lists (filters in the URL, XLSX export, ID numbers masked), records, corrects and withdraws
/// findings — never deletes, every change audited; a department reads the findings against its subtree's units.
/// </summary>
public sealed class IndexModel(AppDbContext db, Clock clock, AuditLog audit, AttachmentStore store, PersonalDataProtector protector) : PageModel
{
    public const int PageSize = 20;
    public static readonly string[] States = ["in_effect", "pending", "expired", "withdrawn"];
    public static readonly string[] Subjects = ["unit", "person"];

    [BindProperty(SupportsGet = true)] public string? Subject { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int P { get; set; } = 1;
    /// <summary>GET ?correct=ID: the record form prefilled to correct that finding.</summary>
    [BindProperty(SupportsGet = true)] public int? Correct { get; set; }

    [BindProperty] public FindingInput Input { get; set; } = new();
    [BindProperty] public int? FindingId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public IFormFile? Document { get; set; }

    public Page<IntegrityFinding> Rows { get; private set; } = null!;
    public bool CanRecord { get; private set; }
    public List<Unit> UnitChoices { get; private set; } = [];
    public List<Expert> Experts { get; private set; } = [];
    public DateOnly Today => clock.Today;
    public string? Error { get; private set; }
    public string? FilterError { get; private set; }
    public string? Done { get; private set; }
    public IntegrityFinding? Correcting { get; private set; }

    public sealed class FindingInput
    {
        public string? SubjectKind { get; set; }
        public int? UnitId { get; set; }
        public string? CreditCode { get; set; }
        public string? UnitName { get; set; }
        public string? PersonName { get; set; }
        public string? PersonIdNumber { get; set; }
        public int? ExpertId { get; set; }
        public string? Category { get; set; }
        public string? What { get; set; }
        public string? LegalBasis { get; set; }
        public string? DocumentNumber { get; set; }
        public DateOnly? FoundOn { get; set; }
        public DateOnly? EffectiveFrom { get; set; }
        public DateOnly? EffectiveTo { get; set; }
        /// <summary>有效期（年）: the last day is computed by the periods convention (<see cref="IntegrityRules.LastDayOf"/>).</summary>
        public int? Years { get; set; }
    }

    private UserScope Scope => UserScope.From(User);

    private static bool Reads(UserScope s) => s.Role is Roles.BureauOfficer or Roles.DepartmentOfficer;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Reads(Scope)) return StatusCode(403, "科研诚信记录仅限科技局和归口管理部门查看。");
        if (BadFilter() is { } bad)
        {
            // Like every list: the page with the reason above an empty list, answered 400.
            State = Subject = Category = Q = null;
            await LoadAsync(ct);
            Rows = new([], 1, PageSize, 0);
            FilterError = bad;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await LoadAsync(ct);
        if (Correct is { } id)
        {
            if (!CanRecord) return StatusCode(403, "科研诚信记录由科技局更正。");
            Correcting = await db.IntegrityFindings.AsNoTracking().VisibleTo(Scope).FirstOrDefaultAsync(f => f.Id == id && f.WithdrawnAt == null, ct);
            if (Correcting is null) return NotFound("未找到该条在册的科研诚信记录（可能已撤回或更正）。");
            Input = InputOf(Correcting);
        }
        return Page();
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        if (!Reads(Scope)) return StatusCode(403, "科研诚信记录仅限科技局和归口管理部门查看。");
        if (BadFilter() is { } bad) return Lists.ListExport.Refuse(this, bad);
        var rows = await Filtered().OrderByDescending(f => f.FoundOn).ThenByDescending(f => f.Id).Take(10_000).ToListAsync(ct);
        var today = clock.Today;
        var sheet = rows.Select(f => new Dictionary<string, object?>
        {
            ["编号"] = f.Id, ["对象类型"] = f.Subject == FindingSubject.Unit ? "单位" : "个人", ["单位名称或姓名"] = f.SubjectName,
            ["统一社会信用代码"] = f.CreditCode, ["身份证号（脱敏）"] = f.PersonIdNumber is null ? null : Masking.IdNumber(f.PersonIdNumber),
            ["类别"] = FindingCategories.Name(f.Category), ["认定的行为"] = f.What, ["处理依据"] = f.LegalBasis, ["来源文书文号"] = f.DocumentNumber,
            ["认定日期"] = f.FoundOn.ToString("yyyy-MM-dd"), ["有效期起"] = f.EffectiveFrom.ToString("yyyy-MM-dd"),
            ["有效期止"] = f.EffectiveTo?.ToString("yyyy-MM-dd") ?? "长期", ["状态"] = IntegrityRules.State(f, today),
            ["记录人"] = f.RecordedBy, ["记录时间"] = clock.Format(f.RecordedAt), ["撤回（更正）理由"] = f.WithdrawalReason,
        }).ToList();
        using var ms = new MemoryStream();
        await ms.SaveAsAsync(sheet, sheetName: "科研诚信记录", cancellationToken: ct);
        return File(ms.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"科研诚信记录-{today:yyyyMMdd}.xlsx");
    }

    public async Task<IActionResult> OnPostRecordAsync(CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        if (Scope.Role != Roles.BureauOfficer) return await RefuseAsync(403, "记录科研诚信", "科研诚信记录由科技局记录、更正和撤回，您无权操作。", ct);
        var (finding, error) = await BuildAsync(ct);
        if (finding is null) return await RefuseAsync(400, "记录科研诚信", error!, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.IntegrityFindings.Add(finding);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(HttpContext, new AuditRecord("记录科研诚信", "成功", nameof(IntegrityFinding), finding.Id.ToString(), Describe(finding)), ct: ct);
        await tx.CommitAsync(ct);
        return Redirect($"/Integrity?done=recorded#finding-{finding.Id}");
    }

    public async Task<IActionResult> OnPostCorrectAsync(CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        if (Scope.Role != Roles.BureauOfficer) return await RefuseAsync(403, "更正科研诚信记录", "科研诚信记录由科技局记录、更正和撤回，您无权操作。", ct);
        var old = await db.IntegrityFindings.VisibleTo(Scope).FirstOrDefaultAsync(f => f.Id == FindingId, ct);
        if (old is null) return await RefuseAsync(404, "更正科研诚信记录", "未找到要更正的科研诚信记录。", ct);
        if (old.Withdrawn) return await RefuseAsync(409, "更正科研诚信记录", $"第{old.Id}号记录已于{clock.Format(old.WithdrawnAt!.Value)}撤回或更正，不能再更正。", ct);
        if (ReasonError() is { } bad) return await RefuseAsync(400, "更正科研诚信记录", bad, ct);
        var (finding, error) = await BuildAsync(ct);
        if (finding is null) return await RefuseAsync(400, "更正科研诚信记录", error!, ct);
        finding.CorrectsId = old.Id;
        finding.AttachmentId ??= old.AttachmentId;
        old.WithdrawnAt = clock.UtcNow;
        old.WithdrawnBy = Scope.UserName;
        old.WithdrawalReason = IntegrityRules.Correction + Reason!.Trim();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.IntegrityFindings.Add(finding);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(HttpContext, new AuditRecord("更正科研诚信记录", "成功", nameof(IntegrityFinding), old.Id.ToString(),
            $"第{old.Id}号更正为第{finding.Id}号，理由：{Reason!.Trim()}；{Describe(finding)}"), ct: ct);
        await tx.CommitAsync(ct);
        return Redirect($"/Integrity?done=corrected#finding-{finding.Id}");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        if (Scope.Role != Roles.BureauOfficer) return await RefuseAsync(403, "撤回科研诚信记录", "科研诚信记录由科技局记录、更正和撤回，您无权操作。", ct);
        var f = await db.IntegrityFindings.VisibleTo(Scope).FirstOrDefaultAsync(x => x.Id == FindingId, ct);
        if (f is null) return await RefuseAsync(404, "撤回科研诚信记录", "未找到要撤回的科研诚信记录。", ct);
        if (f.Withdrawn) return await RefuseAsync(409, "撤回科研诚信记录", $"第{f.Id}号记录已于{clock.Format(f.WithdrawnAt!.Value)}撤回或更正。", ct);
        if (ReasonError() is { } bad) return await RefuseAsync(400, "撤回科研诚信记录", bad, ct);
        f.WithdrawnAt = clock.UtcNow;
        f.WithdrawnBy = Scope.UserName;
        f.WithdrawalReason = Reason!.Trim();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(HttpContext, new AuditRecord("撤回科研诚信记录", "成功", nameof(IntegrityFinding), f.Id.ToString(), $"理由：{f.WithdrawalReason}"), ct: ct);
        await tx.CommitAsync(ct);
        return Redirect($"/Integrity?done=withdrawn#finding-{f.Id}");
    }

    private string? ReasonError() =>
        string.IsNullOrWhiteSpace(Reason) ? "请写明撤回（更正）的理由。" : Reason.Trim().Length > 500 ? "理由不超过500个字。" : null;

    /// <summary>A refusal: audited, the page shown again with the Chinese message and the status.</summary>
    private async Task<IActionResult> RefuseAsync(int status, string action, string message, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await audit.AppendAsync(HttpContext, new AuditRecord(action, "拒绝", nameof(IntegrityFinding), FindingId?.ToString(), message), ct: ct);
        if (!Reads(Scope)) return StatusCode(status, message);
        State = Subject = Category = Q = null;
        await LoadAsync(ct);
        Error = message;
        Response.StatusCode = status;
        return Page();
    }

    private string? BadFilter()
    {
        if (!string.IsNullOrEmpty(State) && !States.Contains(State)) return $"筛选条件“状态”的值“{State}”无效：只能是在效、未生效、已失效或已撤回。";
        if (!string.IsNullOrEmpty(Subject) && !Subjects.Contains(Subject)) return $"筛选条件“对象类型”的值“{Subject}”无效：只能是单位或个人。";
        if (!string.IsNullOrEmpty(Category) && FindingCategories.Of(Category) is null) return $"筛选条件“类别”的值“{Category}”无效。";
        if (Q is { Length: > 100 }) return "查询内容不超过100个字。";
        return null;
    }

    private IQueryable<IntegrityFinding> Filtered()
    {
        var today = clock.Today;
        var q = db.IntegrityFindings.AsNoTracking().VisibleTo(Scope);
        if (Subject == "unit") q = q.Where(f => f.Subject == FindingSubject.Unit);
        else if (Subject == "person") q = q.Where(f => f.Subject == FindingSubject.Person);
        if (!string.IsNullOrEmpty(Category)) q = q.Where(f => f.Category == Category);
        q = State switch
        {
            "in_effect" => q.Where(f => f.WithdrawnAt == null && f.EffectiveFrom <= today && (f.EffectiveTo == null || f.EffectiveTo >= today)),
            "pending" => q.Where(f => f.WithdrawnAt == null && f.EffectiveFrom > today),
            "expired" => q.Where(f => f.WithdrawnAt == null && f.EffectiveTo < today),
            "withdrawn" => q.Where(f => f.WithdrawnAt != null),
            _ => q,
        };
        if (Q?.Trim() is { Length: > 0 } text)
        {
            // An ID number is looked up by its keyed hash (never by decrypting); anything else by name, code or document number.
            if (PersonalDataProtector.IsLookup(text)) { var h = protector.LookupHash(text); q = q.Where(f => f.PersonIdNumberHash == h); }
            else q = q.Where(f => f.SubjectName.Contains(text) || (f.CreditCode != null && f.CreditCode.Contains(text)) || f.DocumentNumber.Contains(text));
        }
        return q;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var s = Scope;
        CanRecord = s.Role == Roles.BureauOfficer;
        Done = Request.Query["done"].ToString() switch { "recorded" => "已记录。", "corrected" => "已更正，原记录保留并标明更正理由。", "withdrawn" => "已撤回，记录保留并标明撤回理由。", _ => null };
        var query = Filtered();
        var total = await query.CountAsync(ct);
        var page = Page<IntegrityFinding>.Clamp(P);
        var items = await query.Include(f => f.Attachment).OrderByDescending(f => f.FoundOn).ThenByDescending(f => f.Id)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Rows = new(items, page, PageSize, total);
        if (CanRecord)
        {
            UnitChoices = await db.Units.AsNoTracking().VisibleTo(s).OrderBy(u => u.Name).Take(1000).ToListAsync(ct);
            Experts = await db.Experts.AsNoTracking().Where(e => e.JurisdictionId == s.JurisdictionId).OrderBy(e => e.Name).Take(1000).ToListAsync(ct);
        }
    }

    private static FindingInput InputOf(IntegrityFinding f) => new()
    {
        SubjectKind = f.Subject == FindingSubject.Unit ? "unit" : "person", UnitId = f.UnitId, CreditCode = f.CreditCode,
        UnitName = f.Subject == FindingSubject.Unit ? f.SubjectName : null, PersonName = f.Subject == FindingSubject.Person ? f.SubjectName : null,
        ExpertId = f.ExpertId, Category = f.Category, What = f.What, LegalBasis = f.LegalBasis, DocumentNumber = f.DocumentNumber,
        FoundOn = f.FoundOn, EffectiveFrom = f.EffectiveFrom, EffectiveTo = f.EffectiveTo,
    };

    private static string Describe(IntegrityFinding f) =>
        $"{(f.Subject == FindingSubject.Unit ? "单位" : "个人")}{f.SubjectName}" + (f.PersonIdNumber is { } id ? $"（{Masking.IdNumber(id)}）" : "") +
        $"，{FindingCategories.Name(f.Category)}，{f.DocumentNumber}，认定于{f.FoundOn:yyyy-MM-dd}，有效期{IntegrityRules.Period(f)}";

    /// <summary>The finding the form describes (subject resolved in the bureau's scope, dates checked), or the first thing wrong.</summary>
    private async Task<(IntegrityFinding? Finding, string? Error)> BuildAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            var bad = ModelState.Where(m => m.Value?.Errors.Count > 0).Select(m => m.Key).ToList();
            return (null, $"填写的内容格式不正确（{string.Join("、", bad.Select(FieldName))}），请检查日期和数字。");
        }
        var i = Input;
        var s = Scope;
        var finding = new IntegrityFinding
        {
            JurisdictionId = s.JurisdictionId!, SubjectName = "", Category = i.Category ?? "", What = (i.What ?? "").Trim(),
            LegalBasis = (i.LegalBasis ?? "").Trim(), DocumentNumber = (i.DocumentNumber ?? "").Trim(), RecordedAt = clock.UtcNow, RecordedBy = s.UserName,
        };
        if (i.SubjectKind == "unit")
        {
            finding.Subject = FindingSubject.Unit;
            Unit? unit = null;
            if (i.UnitId is { } uid && (unit = await db.Units.AsNoTracking().VisibleTo(s).FirstOrDefaultAsync(u => u.Id == uid, ct)) is null)
                return (null, "所选单位不在本辖区。");
            var code = i.CreditCode?.Trim().ToUpperInvariant();
            if (unit is null)
            {
                if (string.IsNullOrEmpty(code)) return (null, "请选择单位，或填写统一社会信用代码。");
                if (TechCenters.Web.Features.Units.CreditCode.Validate(code) is { } codeError) return (null, codeError);
                unit = await db.Units.AsNoTracking().VisibleTo(s).FirstOrDefaultAsync(u => u.CreditCode == code, ct);
            }
            if (unit is null && string.IsNullOrWhiteSpace(i.UnitName)) return (null, "该统一社会信用代码不是本辖区登记的单位，请填写单位名称。");
            finding.UnitId = unit?.Id;
            finding.CreditCode = unit?.CreditCode ?? code;
            finding.SubjectName = unit?.Name ?? i.UnitName!.Trim();
        }
        else if (i.SubjectKind == "person")
        {
            finding.Subject = FindingSubject.Person;
            if (string.IsNullOrWhiteSpace(i.PersonName) || i.PersonName.Trim().Length > 50) return (null, "请填写个人姓名（不超过50个字）。");
            var id = PersonalDataProtector.Normalize(i.PersonIdNumber ?? "");
            if (!IntegrityRules.IdNumberValid(id)) return (null, "请填写18位居民身份证号码（校验码须正确）。");
            finding.SubjectName = i.PersonName.Trim();
            finding.PersonIdNumber = id;
            if (i.ExpertId is { } eid)
            {
                if (!await db.Experts.AnyAsync(e => e.Id == eid && e.JurisdictionId == s.JurisdictionId, ct)) return (null, "所选专家不在本辖区专家库中。");
                finding.ExpertId = eid;
            }
            if (i.UnitId is { } uid)
            {
                if (!await db.Units.VisibleTo(s).AnyAsync(u => u.Id == uid, ct)) return (null, "所选单位不在本辖区。");
                finding.UnitId = uid;
            }
        }
        else return (null, "请选择记录对象：单位或个人。");
        if (FindingCategories.Of(i.Category) is null) return (null, "请选择记录类别。");
        if (finding.What.Length is 0 or > 1000) return (null, "请填写认定的行为（不超过1000个字）。");
        if (finding.LegalBasis.Length is 0 or > 500) return (null, "请填写处理依据（不超过500个字）。");
        if (finding.DocumentNumber.Length is 0 or > 100) return (null, "请填写来源文书文号（不超过100个字）。");
        if (i.FoundOn is not { } found) return (null, "请填写认定日期。");
        if (found > clock.Today) return (null, $"认定日期{found:yyyy-MM-dd}晚于今天，不能记录尚未作出的认定。");
        finding.FoundOn = found;
        finding.EffectiveFrom = i.EffectiveFrom ?? found;
        if (i.Years is { } years)
        {
            if (years is < 1 or > 50) return (null, "有效期年数应为1至50年。");
            if (i.EffectiveTo is not null) return (null, "有效期止日与有效期年数只填其一。");
            finding.EffectiveTo = IntegrityRules.LastDayOf(finding.EffectiveFrom, years);
        }
        else finding.EffectiveTo = i.EffectiveTo;
        if (finding.EffectiveTo is { } to && to < finding.EffectiveFrom) return (null, $"有效期止日{to:yyyy-MM-dd}早于起始日{finding.EffectiveFrom:yyyy-MM-dd}。");
        if (Document is { } file)
        {
            var saved = await store.SaveAsync(file, "科研诚信记录来源文书", s.UserName, ct);
            if (saved.Attachment is null) return (null, saved.Error);
            finding.Attachment = saved.Attachment;
        }
        return (finding, null);
    }

    private static string FieldName(string key) => key switch
    {
        "Input.FoundOn" => "认定日期", "Input.EffectiveFrom" => "有效期起", "Input.EffectiveTo" => "有效期止", "Input.Years" => "有效期年数",
        "Input.UnitId" => "单位", "Input.ExpertId" => "专家", "FindingId" => "记录编号", _ => key,
    };

    public async Task<IActionResult> OnGetFileAsync(int file, CancellationToken ct)
    {
        if (!Reads(Scope)) return StatusCode(403, "科研诚信记录仅限科技局和归口管理部门查看。");
        var f = await db.IntegrityFindings.AsNoTracking().VisibleTo(Scope).Include(x => x.Attachment).FirstOrDefaultAsync(x => x.AttachmentId == file, ct);
        if (f?.Attachment is not { } a) return NotFound("未找到该来源文书。");
        var bytes = await store.ReadVerifiedAsync(a, ct);
        if (bytes is null) return StatusCode(409, "来源文书与登记时的SM3摘要不一致或已丢失，请联系管理员。");
        return File(bytes, a.ContentType, a.FileName);
    }
}
