using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity;

namespace TechCenters.Web.Features.Accounts;

/// <summary>停用/启用 and 重置口令 of a business account, the same for the system admin (账号管理) and a unit administrator (本单位账号).</summary>
public static class AccountActions
{
    /// <summary>A stopped account (停用) is locked out for good; a lockout after failed logins ends earlier.</summary>
    public static readonly DateTimeOffset StoppedUntil = DateTimeOffset.MaxValue;

    public static bool IsStopped(DateTimeOffset? lockoutEnd) => lockoutEnd == StoppedUntil;

    /// <summary>An account in use (not stopped), as a query reads it: whom a notice may go to.</summary>
    public static readonly Expression<Func<AppUser, bool>> InUse = u => u.LockoutEnd == null || u.LockoutEnd != StoppedUntil;

    /// <summary>The accounts in use (<see cref="InUse"/>): a stopped account is told nothing.</summary>
    public static IQueryable<AppUser> Active(this IQueryable<AppUser> users) => users.Where(InUse);

    /// <summary>A stopped account cannot sign in (locked out for good); starting it again also clears a lockout. Open sessions end at the next stamp check.</summary>
    public static async Task SetDisabledAsync(UserManager<AppUser> users, AppUser user, bool disable)
    {
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, disable ? StoppedUntil : null);
        if (!disable) await users.ResetAccessFailedCountAsync(user);
        await users.UpdateSecurityStampAsync(user); // a stopped account's open sessions end at the next stamp check (30 minutes at most)
    }

    /// <summary>A new generated one-time password (the old one stops working), or why not.</summary>
    public static async Task<(string? Password, string? Error)> ResetPasswordAsync(UserManager<AppUser> users, AppUser user)
    {
        var password = Cli.AdminCli.GeneratePassword();
        // No reset-token providers are registered (no e-mailed reset links): the password is set directly.
        var result = await users.RemovePasswordAsync(user);
        if (result.Succeeded) result = await users.AddPasswordAsync(user, password);
        if (!result.Succeeded) return (null, string.Join("；", result.Errors.Select(e => e.Description)));
        await users.ResetAccessFailedCountAsync(user);
        return (password, null);
    }
}
