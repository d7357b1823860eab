using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;

namespace TechCenters.Web.Features.Security;

/// <summary>The verification line under a signed receipt or document: its code and where anyone can check it.</summary>
public sealed class SignatureBadge(AppDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string kind, string subject)
    {
        var s = await db.DocumentSignatures.AsNoTracking().FirstOrDefaultAsync(x => x.Kind == kind && x.Subject == subject);
        return View("~/Features/Security/_SignatureBadge.cshtml", s);
    }
}
