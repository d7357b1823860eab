using System.Security.Claims;
using TechCenters.Web.Features.Accounts;

namespace TechCenters.Web.Features.Organisation;

/// <summary>单位管理员: an applicant account flagged to manage its own unit's staff accounts (and import its people).</summary>
public static class UnitAdmin
{
    public const string Claim = "tc:unit-admin";

    public static bool Is(ClaimsPrincipal user) => user.IsInRole(Roles.Applicant) && user.HasClaim(Claim, "true");
}
