using TechCenters.Policy;

namespace TechCenters.Web.Features.Applications;

public static class ApplyingSetup
{
    /// <summary>The policy packs (loaded once, strictly), the workflow and the attachment store.</summary>
    public static IServiceCollection AddApplying(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(_ => PolicyCatalog.Load(config["Policies:Root"] is { Length: > 0 } root ? root : PolicyCatalog.FindPoliciesRoot()));
        services.AddScoped<ApplicationWorkflow>();
        return services;
    }
}
