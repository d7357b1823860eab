using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TechCenters.Web.Features.AnnualReports;

public static class AnnualReportsSetup
{
    /// <summary>Annual reports as a kind of case, and the center's running record (governance, meetings, yearly duties).</summary>
    public static IServiceCollection AddCenterRunning(this IServiceCollection services)
    {
        services.AddSingleton<ICaseKind, AnnualReportKind>();
        services.AddScoped<AnnualReportActions>();
        services.AddScoped<Centers.CenterWork>();
        services.AddScoped<Data.Seed.DemoCenters>();
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/AnnualReports", TechCenters.Web.Policies.Units);
            o.Conventions.AuthorizePage("/Centers/Workspace", TechCenters.Web.Policies.Units);
            o.Conventions.AuthorizePage("/Centers/Manage", TechCenters.Web.Policies.Units);
        });
        return services;
    }
}
