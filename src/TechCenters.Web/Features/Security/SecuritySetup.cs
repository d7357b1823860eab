using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TechCenters.Web.Features.Security;

/// <summary>Keys, personal-data encryption, signing of receipts and documents, sessions, alerts and the public verification page.</summary>
public static class SecuritySetup
{
    public static IServiceCollection AddSecurity(this IServiceCollection services)
    {
        services.AddSingleton<KeyRing>();
        services.AddSingleton<PersonalDataProtector>();
        services.AddSingleton<PersonalDataColumns.Hashes>();
        services.AddScoped<DocumentSigner>();
        services.AddScoped<ISignedDocumentSource, ReceiptSource>();
        services.AddScoped<ISignedDocumentSource, ApprovalNoticeSource>();
        services.AddScoped<SessionRegistry>();
        services.AddScoped<KeyRotation>();
        services.AddScoped<AuditChainCheck>();
        services.AddHostedService<AuditChainMonitor>();
        services.Configure<RazorPagesOptions>(o =>
        {
            // Anyone holding a receipt or a document can check it, without an account.
            o.Conventions.AllowAnonymousToPage("/Verify/Index");
            o.Conventions.AuthorizePage("/Admin/Sessions", Web.Policies.Security);
        });
        return services;
    }
}
