using System.Security.Claims;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Accounts;

/// <summary>What an account may see. Built once per request from its claims; every query goes through VisibleTo.</summary>
public sealed record UserScope(string? UserId, string UserName, string? Role, string? JurisdictionId, int? DepartmentId, int? UnitId, int? ExpertId)
{
    public const string JurisdictionClaim = "tc:jurisdiction";
    public const string DepartmentClaim = "tc:department";
    public const string UnitClaim = "tc:unit";
    public const string ExpertClaim = "tc:expert";
    public const string DisplayNameClaim = "tc:display";
    public const string IssuedAtClaim = "tc:issued";

    public static UserScope From(ClaimsPrincipal p)
    {
        static int? Int(ClaimsPrincipal p, string t) => int.TryParse(p.FindFirstValue(t), out var v) ? v : null;
        return new UserScope(
            p.FindFirstValue(ClaimTypes.NameIdentifier), p.Identity?.Name ?? "匿名",
            Roles.All.FirstOrDefault(p.IsInRole), p.FindFirstValue(JurisdictionClaim),
            Int(p, DepartmentClaim), Int(p, UnitClaim), Int(p, ExpertClaim));
    }

    public bool CanSeeUnits => Role is Roles.BureauOfficer or Roles.DepartmentOfficer or Roles.Applicant;

    /// <summary>查看明文个人信息的权限: a bureau officer, for people inside its jurisdiction.</summary>
    public bool CanRevealPersonalData => Role is Roles.BureauOfficer;
}

public static class ScopeQueries
{
    /// <summary>The single place that decides which units an account can see. Anything else is a 404.</summary>
    public static IQueryable<Unit> VisibleTo(this IQueryable<Unit> units, UserScope s) => s.Role switch
    {
        Roles.BureauOfficer when s.JurisdictionId is not null => units.Where(u => u.JurisdictionId == s.JurisdictionId),
        // Its own department and every department below it (Department.Path holds the ancestors).
        Roles.DepartmentOfficer when s.DepartmentId is { } d => units.Where(u => u.DepartmentId != null && u.Department!.Path.Contains(Department.SubtreeMarker(d))),
        Roles.Applicant when s.UnitId is not null => units.Where(u => u.Id == s.UnitId),
        // Experts and evaluators see only what is assigned to them; nothing is assigned yet.
        _ => units.Where(u => false),
    };

    public static IQueryable<Person> VisibleTo(this IQueryable<Person> people, UserScope s) => s.Role switch
    {
        Roles.BureauOfficer when s.JurisdictionId is not null => people.Where(p => p.Unit!.JurisdictionId == s.JurisdictionId),
        Roles.DepartmentOfficer when s.DepartmentId is { } d => people.Where(p => p.Unit!.DepartmentId != null && p.Unit.Department!.Path.Contains(Department.SubtreeMarker(d))),
        Roles.Applicant when s.UnitId is not null => people.Where(p => p.UnitId == s.UnitId),
        _ => people.Where(p => false),
    };
}
