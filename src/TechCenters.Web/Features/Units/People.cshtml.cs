using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Shared;

namespace TechCenters.Web.Features.Units;

public sealed record PersonRow(int Id, string Name, string? Title, string? Position, string? Phone, string? IdNumber, int UnitId, string UnitName);

public sealed class PeopleModel(AppDbContext db) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Page<PersonRow> Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.People.AsNoTracking().VisibleTo(UserScope.From(User));
        var q = Q?.Trim();
        if (!string.IsNullOrEmpty(q))
        {
            if (q.Length > 50) q = q[..50];
            query = query.Where(p => p.Name.Contains(q) || p.Unit!.Name.Contains(q) || (p.Title != null && p.Title.Contains(q)));
        }
        PageNumber = Page<PersonRow>.Clamp(PageNumber);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(p => p.UnitId).ThenBy(p => p.Name).ThenBy(p => p.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(p => new PersonRow(p.Id, p.Name, p.Title, p.Position, p.Phone, p.IdNumber, p.UnitId, p.Unit!.Name))
            .ToListAsync(ct);
        Result = new Page<PersonRow>(rows, PageNumber, PageSize, total);
    }

    public string PageUrl(int page) => "/Units/People" + QueryString.Create(new Dictionary<string, string?> { ["q"] = Q, ["p"] = page.ToString() }
        .Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();
}
