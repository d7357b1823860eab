using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace TechCenters.Web.Features.Accounts;

/// <summary>Puts the account's scope and the sign-in instant (for the 8-hour absolute limit) into the cookie.</summary>
public sealed class ScopeClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, TimeProvider time,
    Infrastructure.SessionSettings sessions)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var id = await base.GenerateClaimsAsync(user);
        id.AddClaim(new Claim(UserScope.DisplayNameClaim, user.DisplayName));
        if (user.JurisdictionId is not null) id.AddClaim(new Claim(UserScope.JurisdictionClaim, user.JurisdictionId));
        if (user.DepartmentId is not null) id.AddClaim(new Claim(UserScope.DepartmentClaim, user.DepartmentId.Value.ToString(CultureInfo.InvariantCulture)));
        if (user.UnitId is not null) id.AddClaim(new Claim(UserScope.UnitClaim, user.UnitId.Value.ToString(CultureInfo.InvariantCulture)));
        if (user.ExpertId is not null) id.AddClaim(new Claim(UserScope.ExpertClaim, user.ExpertId.Value.ToString(CultureInfo.InvariantCulture)));
        id.AddClaim(new Claim(UserScope.IssuedAtClaim, time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        if (PasswordExpiry.IsExpired(user, sessions, time.GetUtcNow())) id.AddClaim(new Claim(PasswordExpiry.Claim, "1"));
        return id;
    }
}
