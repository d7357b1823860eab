using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;

namespace TechCenters.Web.Features.Admin;

public sealed record AccountRow(string UserName, string DisplayName, string Role, string? Jurisdiction, DateTimeOffset? LockoutEnd);

/// <summary>系统管理员: accounts and their roles. The system admin never sees the audit log (三员分立).</summary>
public sealed class UsersModel(AppDbContext db, TimeProvider time) : PageModel
{
    public List<AccountRow> Accounts { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = time.GetUtcNow();
        Accounts = await (from u in db.Users.AsNoTracking()
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          join j in db.Jurisdictions on u.JurisdictionId equals j.Id into js
                          from j in js.DefaultIfEmpty()
                          orderby u.JurisdictionId, u.UserName
                          select new AccountRow(u.UserName!, u.DisplayName, r.Name!, j != null ? j.Name : null, u.LockoutEnd))
            .Take(500).ToListAsync(ct);
    }
}
