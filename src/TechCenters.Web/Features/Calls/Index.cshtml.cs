using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;

namespace TechCenters.Web.Features.Calls;

/// <summary>申报通知: open calls of every jurisdiction are public; a bureau officer also sees its own closed and future calls.</summary>
[AllowAnonymous]
public sealed class IndexModel(AppDbContext db, TimeProvider time) : PageModel
{
    public sealed record Row(Call Call, string JurisdictionName, string BureauName);
    public List<Row> Open { get; private set; } = [];
    public List<Row> Others { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public UserScope Scope { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Scope = UserScope.From(User);
        Now = time.GetUtcNow();
        var now = Now;
        var rows = await db.Calls.AsNoTracking()
            .Join(db.Jurisdictions, c => c.JurisdictionId, j => j.Id, (c, j) => new { c, j.Name, j.BureauName })
            .OrderBy(x => x.c.ClosesAt).ToListAsync(ct);
        Open = rows.Where(x => x.c.IsOpen(now)).Select(x => new Row(x.c, x.Name, x.BureauName)).ToList();
        if (Scope.Role == Roles.BureauOfficer)
            Others = rows.Where(x => x.c.JurisdictionId == Scope.JurisdictionId && !x.c.IsOpen(now))
                .OrderByDescending(x => x.c.OpensAt).Select(x => new Row(x.c, x.Name, x.BureauName)).ToList();
        if (Scope.Role == Roles.Applicant && Scope.JurisdictionId is not null)
            Open = Open.OrderByDescending(r => r.Call.JurisdictionId == Scope.JurisdictionId).ToList();
    }

}
