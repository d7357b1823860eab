namespace TechCenters.Web.Features.Experts;

public static class ExpertsSetup
{
    /// <summary>专家库: panel drawing and an expert's withdrawal from a case.</summary>
    public static IServiceCollection AddExperts(this IServiceCollection services)
    {
        services.AddScoped<DrawPanel>();
        services.AddScoped<WithdrawFromCase>();
        services.AddScoped<DeclareRelation>();
        return services;
    }
}
