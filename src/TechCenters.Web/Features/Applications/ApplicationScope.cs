using TechCenters.Web.Features.Accounts;

namespace TechCenters.Web.Features.Applications;

public static class ApplicationScope
{
    /// <summary>Which applications an account can see (the same scope as units): anything else is a 404.</summary>
    public static IQueryable<Application> VisibleTo(this IQueryable<Application> apps, UserScope s) => s.Role switch
    {
        Roles.BureauOfficer when s.JurisdictionId is not null => apps.Where(a => a.JurisdictionId == s.JurisdictionId),
        Roles.DepartmentOfficer when s.DepartmentId is not null => apps.Where(a => a.DepartmentId == s.DepartmentId),
        Roles.Applicant when s.UnitId is not null => apps.Where(a => a.LeadUnitId == s.UnitId),
        _ => apps.Where(a => false),
    };
}

/// <summary>Pack actors → platform roles. 决策会议 is recorded by a bureau officer; 社会公众 is anyone.</summary>
public static class ActorRoles
{
    public const string Bureau = "bureau";
    public const string Department = "department";
    public const string LeadUnit = "lead_unit";
    public const string DecisionMeeting = "decision_meeting";
    public const string Public = "public";

    public static string? RoleFor(string actor) => actor switch
    {
        Bureau or DecisionMeeting => Roles.BureauOfficer,
        Department => Roles.DepartmentOfficer,
        LeadUnit => Roles.Applicant,
        _ => null,
    };

    public static bool Allows(string actor, string? role) => actor == Public || (RoleFor(actor) is { } r && r == role);

    /// <summary>The actors a role acts as.</summary>
    public static string[] ActorsOf(string? role) => role switch
    {
        Roles.BureauOfficer => [Bureau, DecisionMeeting],
        Roles.DepartmentOfficer => [Department],
        Roles.Applicant => [LeadUnit],
        _ => [],
    };
}
