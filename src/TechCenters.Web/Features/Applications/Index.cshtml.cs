using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Shared;

namespace TechCenters.Web.Features.Applications;

/// <summary>申报管理: the applications this account can see, what waits for it first.</summary>
public sealed class IndexModel(AppDbContext db, PolicyCatalog catalog) : PageModel
{
    public sealed record Row(Application App, string LeadName, string StageName, string? HolderName, bool Mine);
    public List<Row> Rows { get; private set; } = [];
    public UserScope Scope { get; private set; } = null!;
    public int PageNumber { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;
    public int Total { get; private set; }
    public const int PageSize = 20;
    public string PageUrl(int n) => $"/Applications?p={n}";

    public async Task OnGetAsync(int p = 1, CancellationToken ct = default)
    {
        Scope = UserScope.From(User);
        var mine = CaseRelation.ActorsOfRole(Scope.Role).ToList();
        var q = db.Applications.AsNoTracking().VisibleTo(db, Scope);
        Total = await q.CountAsync(ct);
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(p, 1, PageCount);
        var apps = await q.Include(a => a.Case).ThenInclude(c => c.LeadUnit).Include(a => a.Call)
            .OrderByDescending(a => a.Case.Holder != null && mine.Contains(a.Case.Holder)).ThenByDescending(a => a.Case.UpdatedAt).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        foreach (var a in apps)
        {
            var c = a.Case;
            var pack = catalog.Versions(c.JurisdictionId).First(v => v.Version == c.PackVersion);
            var stage = pack.Process(c.Kind)!.Stage(c.StageId)!;
            Rows.Add(new Row(a, c.LeadUnit!.Name, stage.NameFor(CaseRelation.Listed(Scope, c, null).Acts), c.Holder is null ? null : pack.Env.Actor(c.Holder),
                c.Holder is not null && mine.Contains(c.Holder)));
        }
    }
}
