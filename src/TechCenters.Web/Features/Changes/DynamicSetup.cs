using Microsoft.AspNetCore.Mvc.RazorPages;
using TechCenters.Web.Features.ExpertReviews;
using TechCenters.Web.Features.Revocations;

namespace TechCenters.Web.Features.Changes;

/// <summary>Dynamic management (issue 13): change requests and revocations as case kinds, their actions and pages.</summary>
public static class DynamicSetup
{
    public static IServiceCollection AddDynamic(this IServiceCollection services)
    {
        services.AddSingleton<ICaseKind, ChangeRequestKind>();
        services.AddSingleton<ICaseKind, RevocationKind>();
        // They own every move of their processes (approval changes the center record; a revocation needs its hearing).
        services.AddStepHandler<ChangeRequests>();
        services.AddStepHandler<Revocations.Revocations>();
        services.AddScoped<Data.Seed.DemoDynamic>();
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Changes", TechCenters.Web.Policies.Units);
            o.Conventions.AuthorizeFolder("/Revocations", TechCenters.Web.Policies.Units);
            o.Conventions.AuthorizeFolder("/Integrity", TechCenters.Web.Policies.Units);
        });
        return services;
    }
}
