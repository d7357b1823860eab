using Microsoft.AspNetCore.Mvc.RazorPages;
using TechCenters.Policy;
using TechCenters.Web.Features.Policies;
using TechCenters.Web.Features.Accounts;

namespace TechCenters.Web.Features.Applications;

public static class ApplyingSetup
{
    /// <summary>The policy packs (loaded once, strictly), the workflow and the attachment store.</summary>
    public static IServiceCollection AddApplying(this IServiceCollection services, IConfiguration config)
    {
        // One resolution of the packs folder for the app and the CLI (configured, the repository, or the copy next to the binaries).
        services.AddSingleton(_ => PolicyFiles.LoadCatalog(PolicyFiles.Root(config)));
        services.AddScoped<CaseKernel>();
        services.AddScoped<MoveCase>();
        services.AddScoped<AnswerJudgement>();
        services.AddSingleton<ICaseKind, ApplicationKind>();
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
            o.Conventions.AuthorizePage("/Applications/Index", TechCenters.Web.Policies.Units);
            o.Conventions.AuthorizePage("/Applications/Detail", TechCenters.Web.Policies.Units);
            o.Conventions.AuthorizePage("/Applications/Edit", TechCenters.Web.Policies.Units);
            // A submitted version is read by everyone the case's scope lets see it, the experts reviewing it included.
        });
        return services;
    }
}
