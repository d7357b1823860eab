using Microsoft.AspNetCore.Mvc.RazorPages;
using TechCenters.Policy;
using TechCenters.Web.Features.Accounts;

namespace TechCenters.Web.Features.Applications;

public static class ApplyingSetup
{
    /// <summary>The policy packs (loaded once, strictly), the workflow and the attachment store.</summary>
    public static IServiceCollection AddApplying(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(_ => PolicyCatalog.Load(config["Policies:Root"] is { Length: > 0 } root ? root : PolicyCatalog.FindPoliciesRoot()));
        services.AddScoped<ApplicationWorkflow>();
        services.AddScoped<CreateApplication>();
        services.AddScoped<SaveApplicationDraft>();
        services.AddScoped<SubmitApplication>();
        services.AddSingleton<AttachmentStore>();
        services.AddScoped<Calls.PublishCall>();
        services.Configure<RazorPagesOptions>(o =>
        {
            // Open calls are public; applications are for the three business roles (scope decides the rest).
            o.Conventions.AllowAnonymousToPage("/Calls/Index");
            o.Conventions.AllowAnonymousToPage("/Calls/Detail");
            o.Conventions.AuthorizeFolder("/Applications", TechCenters.Web.Policies.Units);
        });
        return services;
    }
}
