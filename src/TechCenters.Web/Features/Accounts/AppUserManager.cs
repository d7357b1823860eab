using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace TechCenters.Web.Features.Accounts;

/// <summary>
/// Identity 10's UserManager reads the wall clock for lockout; this one asks the injected TimeProvider,
/// so lockout and unlock follow the same clock as the rest of the app (and FakeTimeProvider in tests).
/// </summary>
public sealed class AppUserManager(
    IUserStore<AppUser> store, IOptions<IdentityOptions> options, IPasswordHasher<AppUser> hasher,
    IEnumerable<IUserValidator<AppUser>> userValidators, IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer normalizer, IdentityErrorDescriber errors, IServiceProvider services,
    ILogger<UserManager<AppUser>> logger, TimeProvider time)
    : UserManager<AppUser>(store, options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger)
{
    private IUserLockoutStore<AppUser> LockoutStore => (IUserLockoutStore<AppUser>)Store;

    public override async Task<bool> IsLockedOutAsync(AppUser user)
    {
        if (!SupportsUserLockout || !await LockoutStore.GetLockoutEnabledAsync(user, CancellationToken)) return false;
        var end = await LockoutStore.GetLockoutEndDateAsync(user, CancellationToken);
        return end is not null && end.Value > time.GetUtcNow();
    }

    public override async Task<IdentityResult> AccessFailedAsync(AppUser user)
    {
        var count = await LockoutStore.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (count >= Options.Lockout.MaxFailedAccessAttempts)
        {
            await LockoutStore.SetLockoutEndDateAsync(user, time.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
            await LockoutStore.ResetAccessFailedCountAsync(user, CancellationToken);
        }
        return await UpdateUserAsync(user);
    }
}
