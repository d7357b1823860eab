using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TechCenters.Web.Features.Units;

public static class UnitsSetup
{
    /// <summary>Units, people and experts are for the bureau, the departments and applicants; scope decides the rest.</summary>
    public static IServiceCollection AddUnits(this IServiceCollection services) =>
        services.AddScoped<Organisation.UnitMoveService>()
            .Configure<RazorPagesOptions>(o =>
            {
                o.Conventions.AuthorizeFolder("/Units", Web.Policies.Units);
                o.Conventions.AuthorizeFolder("/Organisation", Web.Policies.Units);
            });
}
