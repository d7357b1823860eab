using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Shared;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Experts;

/// <summary>新增或修改专家 (bureau, its own pool). Bad input changes nothing and is answered 400 with the field's message; audited.</summary>
[Authorize(Roles = Roles.BureauOfficer)]
public sealed class EditModel(AppDbContext db, AuditLog audit) : PageModel
{
    public sealed class ExpertInput
    {
        [Required(ErrorMessage = "请输入姓名"), StringLength(50, ErrorMessage = "姓名不超过50个字")] public string Name { get; set; } = "";
        [Required(ErrorMessage = "请选择专家类别")] public ExpertiseKind? Kind { get; set; }
        [Required(ErrorMessage = "请输入专业领域"), StringLength(100, ErrorMessage = "专业领域不超过100个字")] public string Field { get; set; } = "";
        [StringLength(100, ErrorMessage = "学科代码不超过100个字符")] public string? FieldCode { get; set; }
        [StringLength(50, ErrorMessage = "职称不超过50个字")] public string? Title { get; set; }
        [Required(ErrorMessage = "请输入工作单位"), StringLength(200, ErrorMessage = "工作单位不超过200个字")] public string Employer { get; set; } = "";
        /// <summary>The employer's credit code when it is a unit of the platform (makes the same-employer conflict).</summary>
        [StringLength(18, ErrorMessage = "统一社会信用代码为18位")] public string? EmployerCreditCode { get; set; }
        [StringLength(20, ErrorMessage = "手机号码不超过20位")] public string? Phone { get; set; }
        public bool InPool { get; set; } = true;
        public bool Available { get; set; } = true;
        public DateOnly? UnavailableUntil { get; set; }
        [StringLength(200, ErrorMessage = "暂停参评原因不超过200个字")] public string? AvailabilityNote { get; set; }
        [StringLength(500, ErrorMessage = "科研诚信记录不超过500个字")] public string? IntegrityFinding { get; set; }
        public DateOnly? IntegrityFindingUntil { get; set; }
    }

    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public ExpertInput Input { get; set; } = new();
    /// <summary>The phone as stored, masked, for the form (never shown in clear).</summary>
    public string? MaskedPhone { get; private set; }

    private string Jurisdiction => UserScope.From(User).JurisdictionId!;


    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is null) return Page();
        var e = await db.Experts.AsNoTracking().Include(x => x.Unit).FirstOrDefaultAsync(x => x.Id == Id && x.JurisdictionId == Jurisdiction, ct);
        if (e is null) return NotFound("专家不存在或不在本辖区专家库中。");
        MaskedPhone = Masking.Phone(e.Phone);
        Input = new()
        {
            Name = e.Name, Kind = e.Kind, Field = e.Field, FieldCode = e.FieldCode, Title = e.Title, Employer = e.Employer,
            EmployerCreditCode = e.Unit?.CreditCode, InPool = e.InPool, Available = e.Available, UnavailableUntil = e.UnavailableUntil,
            AvailabilityNote = e.AvailabilityNote, IntegrityFinding = e.IntegrityFinding, IntegrityFindingUntil = e.IntegrityFindingUntil,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        Expert? e = null;
        if (Id is not null)
        {
            e = await db.Experts.FirstOrDefaultAsync(x => x.Id == Id && x.JurisdictionId == Jurisdiction, ct);
            if (e is null) return NotFound("专家不存在或不在本辖区专家库中。");
            MaskedPhone = Masking.Phone(e.Phone);
        }
        if (Input.Kind is { } k && !Enum.IsDefined(k)) ModelState.AddModelError("Input.Kind", "专家类别无效");
        if (!string.IsNullOrWhiteSpace(Input.FieldCode) && !Formats.FieldCodePattern().IsMatch(Input.FieldCode.Trim()))
            ModelState.AddModelError("Input.FieldCode", "学科代码应为GB/T 13745格式，如 430.25，多个以顿号分隔");
        var phone = Input.Phone?.Replace(" ", "").Replace("-", "");
        if (!string.IsNullOrEmpty(phone) && !Formats.PhonePattern().IsMatch(phone)) ModelState.AddModelError("Input.Phone", "手机号码应为11位数字");
        int? unitId = null;
        if (!string.IsNullOrWhiteSpace(Input.EmployerCreditCode))
        {
            var code = Input.EmployerCreditCode.Trim().ToUpperInvariant();
            unitId = await db.Units.Where(u => u.CreditCode == code && u.JurisdictionId == Jurisdiction).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
            if (unitId is null) ModelState.AddModelError("Input.EmployerCreditCode", "本辖区没有该统一社会信用代码的单位（平台外单位可不填）");
        }
        if (!Input.Available && Input.UnavailableUntil is { } until && until.Year > 2100) ModelState.AddModelError("Input.UnavailableUntil", "暂停参评日期无效");
        if (!ModelState.IsValid)
        {
            await audit.AppendAsync(HttpContext, new AuditRecord(Id is null ? "新增专家" : "修改专家信息", AuditOutcome.Failure, "专家", Id?.ToString(),
                string.Join("；", ModelState.Values.SelectMany(v => v.Errors).Select(x => x.ErrorMessage))), ct: ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (e is null)
        {
            e = new Expert { JurisdictionId = Jurisdiction, Name = "", Field = "", Employer = "" };
            db.Experts.Add(e);
        }
        e.Name = Input.Name.Trim();
        e.Kind = Input.Kind!.Value;
        e.Field = Input.Field.Trim();
        e.FieldCode = string.IsNullOrWhiteSpace(Input.FieldCode) ? null : Input.FieldCode.Trim();
        e.Title = string.IsNullOrWhiteSpace(Input.Title) ? null : Input.Title.Trim();
        e.Employer = Input.Employer.Trim();
        e.UnitId = unitId;
        // An empty phone box keeps the number on record (it is never shown in clear to be edited).
        if (!string.IsNullOrEmpty(phone)) e.Phone = phone;
        e.InPool = Input.InPool;
        e.Available = Input.Available;
        e.UnavailableUntil = Input.Available ? null : Input.UnavailableUntil;
        e.AvailabilityNote = Input.Available || string.IsNullOrWhiteSpace(Input.AvailabilityNote) ? null : Input.AvailabilityNote.Trim();
        e.IntegrityFinding = string.IsNullOrWhiteSpace(Input.IntegrityFinding) ? null : Input.IntegrityFinding.Trim();
        e.IntegrityFindingUntil = e.IntegrityFinding is null ? null : Input.IntegrityFindingUntil;
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(HttpContext, new AuditRecord(Id is null ? "新增专家" : "修改专家信息", AuditOutcome.Success, "专家", e.Id.ToString(),
            $"{e.Name}（{e.Kind.ToChinese()}，{e.Field}）{(e.InPool ? "" : "，已出库")}{(e.Available ? "" : "，暂停参评")}"), ct: ct);
        TempData["Flash"] = "专家信息已保存。";
        return Redirect($"/Experts/Detail?id={e.Id}");
    }
}
