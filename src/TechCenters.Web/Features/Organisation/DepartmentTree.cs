using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Organisation;

/// <summary>One department in tree order: its depth below the bureau and its path of ids ("/3/7/").</summary>
public sealed record DepartmentNode(int Id, string Name, string Kind, int? ParentId, string Path, int Depth, bool Active = true)
{
    public const string InactiveMark = "（已停用）";

    /// <summary>The name indented by its depth, for a select list; a deactivated department is marked.</summary>
    public string Indented => new string('　', Depth) + (Depth > 0 ? "└ " : "") + Label;

    /// <summary>The name, marked 「（已停用）」 when the department is deactivated.</summary>
    public string Label => Active ? Name : Name + InactiveMark;
}

/// <summary>
/// The departments an account can see, as a tree (the bureau: its jurisdiction's; a department officer: its own and
/// everything below it — the same subtree rule as <see cref="Cases.CaseScope"/>, by <see cref="Department.Path"/>).
/// </summary>
public static class DepartmentTree
{
    public static IQueryable<Department> VisibleTo(this IQueryable<Department> departments, UserScope s) => s.Role switch
    {
        Roles.BureauOfficer when s.JurisdictionId is not null => departments.Where(d => d.JurisdictionId == s.JurisdictionId),
        Roles.DepartmentOfficer when s.DepartmentId is { } d => departments.Where(x => x.Path.Contains(Department.SubtreeMarker(d))),
        _ => departments.Where(d => false),
    };

    public static async Task<List<DepartmentNode>> LoadAsync(AppDbContext db, UserScope s, CancellationToken ct = default)
    {
        var rows = await db.Departments.AsNoTracking().VisibleTo(s)
            .Select(d => new { d.Id, d.Name, d.Kind, d.ParentId, d.Path, d.Active }).ToListAsync(ct);
        return Order(rows.Select(d => new DepartmentNode(d.Id, d.Name, d.Kind, d.ParentId, d.Path, 0, d.Active)).ToList());
    }

    /// <summary>
    /// The departments a list offers as a filter: the active ones, and a deactivated one only while rows of the list still
    /// name it (<paramref name="referenced"/>: the list's department column) or the URL selects it — marked 「（已停用）」.
    /// </summary>
    public static async Task<List<DepartmentNode>> ForFilterAsync(AppDbContext db, UserScope s, IQueryable<int?> referenced, int? selected, CancellationToken ct = default)
    {
        var all = await LoadAsync(db, s, ct);
        var inactive = all.Where(d => !d.Active && d.Id != selected).Select(d => (int?)d.Id).ToList();
        if (inactive.Count == 0) return all;
        var used = await referenced.Where(id => inactive.Contains(id)).Distinct().ToListAsync(ct);
        return Order(all.Where(d => d.Active || d.Id == selected || used.Contains(d.Id)).ToList());
    }

    /// <summary>Parents before children, siblings by id; depth counted from the top of what is given.</summary>
    public static List<DepartmentNode> Order(IReadOnlyList<DepartmentNode> all)
    {
        var ids = all.Select(d => d.Id).ToHashSet();
        var children = all.ToLookup(d => d.ParentId is { } p && ids.Contains(p) ? p : (int?)null);
        var result = new List<DepartmentNode>(all.Count);
        void Walk(int? parent, int depth)
        {
            foreach (var d in children[parent].OrderBy(d => d.Id))
            {
                result.Add(d with { Depth = depth });
                Walk(d.Id, depth + 1);
            }
        }
        Walk(null, 0);
        return result;
    }
}
