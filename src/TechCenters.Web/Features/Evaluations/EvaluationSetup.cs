using Microsoft.AspNetCore.Mvc.RazorPages;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.ExpertReviews;
using TechCenters.Web.Features.Rectifications;

namespace TechCenters.Web.Features.Evaluations;

public static class EvaluationSetup
{
    /// <summary>Evaluation campaigns and their cases, rectifications; the public results page.</summary>
    public static IServiceCollection AddEvaluations(this IServiceCollection services)
    {
        services.AddSingleton<ICaseKind, EvaluationKind>();
        services.AddSingleton<ICaseKind, RectificationKind>();
        services.AddStepHandler<ScoringSteps>();
        services.AddScoped<EvaluationActions>();
        services.AddScoped<ScoreSheet>();
        services.AddScoped<EvaluationAssessors>();
        services.AddScoped<RectificationActions>();
        services.AddScoped<Data.Seed.DemoEvaluations>();
        services.AddScoped<ResultsNoticeSource>();
        services.AddScoped<Security.ISignedDocumentSource>(sp => sp.GetRequiredService<ResultsNoticeSource>());
        // Published results and their notice are public; the notice page itself decides who reads an unpublished one.
        services.Configure<RazorPagesOptions>(o => o.Conventions.AllowAnonymousToPage("/Evaluations/Results").AllowAnonymousToPage("/Evaluations/ResultsNotice"));
        return services;
    }
}
