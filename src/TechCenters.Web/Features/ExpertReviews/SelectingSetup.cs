using TechCenters.Web.Features.Policies;
using TechCenters.Policy;
using TechCenters.Policy.Calendar;
using TechCenters.Web.Features.Approvals;
using TechCenters.Web.Features.Decisions;
using TechCenters.Web.Features.PublicNotices;

namespace TechCenters.Web.Features.ExpertReviews;

public static class SelectingSetup
{
    public static IServiceCollection AddStepHandler<T>(this IServiceCollection services) where T : class, IStepHandler
    {
        services.AddScoped<T>();
        services.AddScoped<IStepHandler>(sp => sp.GetRequiredService<T>());
        return services;
    }

    /// <summary>The working-day calendar (for 公示期) and the actions of expert review, decision, public notice and approval.</summary>
    public static IServiceCollection AddSelecting(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(_ => PolicyFiles.LoadCalendar(PolicyFiles.Root(config)));
        services.AddScoped<FormPanel>();
        services.AddScoped<RecordReview>();
        // The actions that own the moves out of their steps (the generic move points to their pages).
        services.AddStepHandler<ConcludeReview>();
        services.AddStepHandler<RevisePlan>();
        services.AddStepHandler<RecordDecision>();
        services.AddStepHandler<ApproveApplication>();
        services.AddScoped<PublishNotice>();
        services.AddScoped<RaiseObjection>();
        services.AddScoped<ResolveObjection>();
        services.AddScoped<RejectApplication>();
        services.AddScoped<Data.Seed.DemoCases>();
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
        {
            // 公示 and the public directory of centers are open to everyone (社会公众).
            o.Conventions.AllowAnonymousToFolder("/Notices");
            o.Conventions.AllowAnonymousToPage("/Centers/Index");
            o.Conventions.AllowAnonymousToPage("/Centers/Detail");
        });
        return services;
    }
}
