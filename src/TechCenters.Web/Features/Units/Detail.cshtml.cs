using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Features.Units;

public sealed class DetailModel(AppDbContext db, AuditLog audit) : PageModel
{
    public Unit Unit { get; private set; } = null!;
    public UserScope Scope { get; private set; } = null!;
    public int? RevealedPersonId { get; private set; }
    /// <summary>归口管理部门调整记录, newest first.</summary>
    public List<Organisation.UnitMove> Moves { get; private set; } = [];
    [TempData] public string? Flash { get; set; }

    [BindProperty] public RevealInput Reveal { get; set; } = new();

    public sealed class RevealInput
    {
        public int PersonId { get; set; }

        [Required(ErrorMessage = "查看明文须填写事由")]
        [StringLength(200, MinimumLength = 4, ErrorMessage = "事由须为4至200个字")]
        public string? Reason { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await Load(id, ct) ? Page() : NotFound();

    /// <summary>查看明文: needs the permission, a written reason, and leaves an audit entry.</summary>
    public async Task<IActionResult> OnPostRevealAsync(int id, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        if (!await Load(id, ct) || Unit.People.All(p => p.Id != Reveal.PersonId))
        {
            await audit.AppendAsync(HttpContext, new AuditRecord("查看个人信息明文", AuditOutcome.Failure, "人员", Reveal.PersonId.ToString(), "对象不存在或不在管理范围内"), ct: ct);
            return NotFound();
        }
        if (!Scope.CanRevealPersonalData)
        {
            await audit.AppendAsync(HttpContext, new AuditRecord("查看个人信息明文", AuditOutcome.Denied, "人员", Reveal.PersonId.ToString(), "无查看明文权限"), ct: ct);
            return Forbid();
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var person = Unit.People.First(p => p.Id == Reveal.PersonId);
        await audit.AppendAsync(HttpContext, new AuditRecord("查看个人信息明文", AuditOutcome.Success, "人员", person.Id.ToString(),
            $"{Unit.Name} {person.Name}；事由：{Reveal.Reason!.Trim()}"), ct: ct);
        RevealedPersonId = person.Id;
        return Page();
    }

    private async Task<bool> Load(int id, CancellationToken ct)
    {
        Scope = UserScope.From(User);
        var unit = await db.Units.AsNoTracking().VisibleTo(Scope)
            .Include(u => u.Jurisdiction).Include(u => u.Department).Include(u => u.People.OrderBy(p => p.Id))
            .FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null) return false;
        Unit = unit;
        Moves = await db.Set<Organisation.UnitMove>().AsNoTracking().Where(m => m.UnitId == unit.Id)
            .Include(m => m.FromDepartment).Include(m => m.ToDepartment).OrderByDescending(m => m.MovedAt).ThenByDescending(m => m.Id).ToListAsync(ct);
        return true;
    }
}
