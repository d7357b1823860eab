using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace TechCenters.Web.Infrastructure;

/// <summary>
/// A page handler's refusal with a message — <c>NotFound("…")</c>, <c>BadRequest("…")</c>, <c>StatusCode(403, "…")</c>, a
/// refused export — is answered as the status page with that message, in the layout with its way back, not as a bare
/// line of text on a white page (Bug 0822). The status is kept; a client asking for JSON still gets the text as it is.
/// </summary>
public sealed class RefusalPages : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is not ObjectResult { Value: string message, StatusCode: >= 400 and < 500 and var status }) return;
        if (context.HttpContext.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Value == "application/json")) return;
        Show(context.HttpContext, message);
        context.Result = new StatusCodeResult(status);
    }

    public void OnResultExecuted(ResultExecutedContext context) { }

    /// <summary>The reason the status page gives (it is re-executed on the same request).</summary>
    public static void Show(HttpContext http, string message) => http.Items[InputGuard.MessageKey] = message;

    /// <summary>Where the status page's second button leads (the list an export was refused from).</summary>
    public const string BackKey = "status.back";

    /// <summary>A refusal with its reason, shown on the status page, with a way back to <paramref name="back"/> (a local URL).</summary>
    public static IActionResult Refuse(HttpContext http, int status, string message, string? back = null)
    {
        Show(http, message);
        if (back is not null) http.Items[BackKey] = back;
        return new StatusCodeResult(status);
    }

    /// <summary>This request's own page without its handler (the list a 导出 was asked from, with its filters).</summary>
    public static string PageOf(HttpRequest request) =>
        // One leading slash: a path of "//host" would be a link to another site.
        "/" + request.Path.Value?.TrimStart('/') + QueryString.Create(request.Query.Where(q => !q.Key.Equals("handler", StringComparison.OrdinalIgnoreCase)));
}
