using Microsoft.AspNetCore.Mvc.RazorPages;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Features.Audit;

/// <summary>The crypto seam and the audit chain: appending, verifying, and the audit admin's pages.</summary>
public static class AuditSetup
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<ICryptoProvider>(_ => new BouncyCastleCryptoProvider());
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditVerifier>();
        // ADR 0010: appends take no lock; the sealer gives committed rows their place in the chain.
        services.AddSingleton<AuditSealSignal>();
        services.AddSingleton<AuditCommitInterceptor>();
        services.AddSingleton<AuditChain>();
        services.AddSettings<AuditSettings>((o, c, _) => o.Read(c));
        services.AddHostedService<AuditSealer>();
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Audit", Web.Policies.Audit));
        return services;
    }
}
