using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace TechCenters.Web.Tests.Infrastructure;

/// <summary>
/// The tests' apps hash and check passwords with PBKDF2 at 1,000 iterations instead of the product's 210,000: the same
/// hasher, format and sign-in, but at 210,000 iterations (0.2–0.6 s of CPU a check here) the tests' sign-ins took 9.5 %
/// of a full run's CPU (perf record -a across scripts/test.sh). The product's own setting is tested on its own registration
/// (AccountTests.Passwords_are_hashed_with_PBKDF2_at_210000_iterations); the process-level tests run the product unchanged.
/// </summary>
public static class TestPasswords
{
    public const int Iterations = 1_000;

    public static void Use(IServiceCollection services) =>
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = Iterations);
}
