using Microsoft.AspNetCore.Identity;

namespace TechCenters.Web.Features.Accounts;

/// <summary>停用/启用 and 重置口令 of a business account, the same for the system admin (账号管理) and a unit administrator (本单位账号).</summary>
public static class AccountActions
{
    /// <summary>A stopped account cannot sign in (locked out for good); starting it again also clears a lockout. Open sessions end at the next stamp check.</summary>
    public static async Task SetDisabledAsync(UserManager<AppUser> users, AppUser user, bool disable)
    {
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, disable ? DateTimeOffset.MaxValue : null);
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
