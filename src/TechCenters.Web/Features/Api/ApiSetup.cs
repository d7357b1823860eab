using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TechCenters.Web.Features.Api;

public static class ApiSetup
{
    /// <summary>The read API (endpoints, OpenAPI, rate limit) and its client management page, for the bureau only.</summary>
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Api", Web.Policies.ApiClients));
        services.AddAuthorizationBuilder().AddPolicy(Web.Policies.ApiClients, p => p.RequireRole(Accounts.Roles.BureauOfficer));
        return services.AddReadApi();
    }
}
