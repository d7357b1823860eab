using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace TechCenters.Web.Tests.Infrastructure;

/// <summary>
/// The tests' apps hash and check passwords with PBKDF2 at 1,000 iterations instead of the product's 210,000: the same
/// hasher, format and sign-in, but a test run signs in about two thousand times, and at 210,000 iterations those checks
/// were a tenth of the whole run's CPU. The product's own setting is tested on its own registration
/// (AccountTests.Passwords_are_hashed_with_PBKDF2_at_210000_iterations); the process-level tests run the product unchanged.
/// </summary>
public static class TestPasswords
{
    public const int Iterations = 1_000;

    public static void Use(IServiceCollection services) =>
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = Iterations);
}
