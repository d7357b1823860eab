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

/// <summary>
/// An unhandled exception: a database that is gone for now (stopped, restarting, failing over) is a 503 with Retry-After
/// and a page saying so — the request changed nothing and can be repeated —, anything else a 500. Never a stack trace.
/// The page itself touches no database (bare layout).
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public bool DatabaseUnavailable { get; private set; }

    public void OnGet() => Classify();
    public void OnPost() => Classify();

    private void Classify()
    {
        var error = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
        DatabaseUnavailable = Infrastructure.DatabaseFailures.IsUnavailable(error);
        if (DatabaseUnavailable)
        {
            Infrastructure.DatabaseFailures.OnUnavailable(error);
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = Infrastructure.DatabaseFailures.RetryAfterSeconds.ToString();
        }
        else Response.StatusCode = StatusCodes.Status500InternalServerError;
    }
}

/// <summary>The site root opens the workbench.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect("/Inbox");
}
