using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TechCenters.Web.Features;

/// <summary>
/// Error and status pages are re-executed with the original method (a failed POST is re-executed as a POST),
/// so they answer every method and never ask for an antiforgery token themselves.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public void OnGet() { }
    public void OnPost() { }
}

[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public void OnGet() { }
    public void OnPost() { }
}

/// <summary>The site root opens the workbench.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect("/Inbox");
}
