using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TechCenters.Web.Features.Imports;

public static class ImportsSetup
{
    /// <summary>导入 (units, people, experts): signed-in accounts; who may import what is the kind's (<see cref="ImportScope.Of"/>).</summary>
    public static IServiceCollection AddImports(this IServiceCollection services)
    {
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Imports"));
        services.AddSingleton<ImportRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportRunner>());
        services.AddScoped<ImportSweep>();
        services.AddHostedService<ImportSweep.AtStartup>();
        return services;
    }
}
