using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Applications;

namespace TechCenters.Web.Features.ExpertReviews;

/// <summary>A page whose POSTs run a workflow action: success redirects with a notice, a refusal re-renders with its status and Chinese message.</summary>
public abstract class ActionPage : PageModel
{
    [TempData] public string? Flash { get; set; }
    /// <summary>A committed action that did not do what was asked (a draw that fell short): shown as a warning.</summary>
    [TempData] public string? Warning { get; set; }
    public string? Error { get; protected set; }
    public UserScope Scope => UserScope.From(User);
    public WorkflowActor Actor => WorkflowActor.From(HttpContext);

    protected abstract Task LoadAsync(CancellationToken ct);

    protected async Task<IActionResult> DoneAsync(WorkflowResult result, string redirect, string? success, CancellationToken ct)
    {
        // The kernel wrote the audit row with the case's details, for a refusal as for a success.
        HttpContext.Items[Audit.AuditMiddleware.HandledKey] = true;
        if (result.Ok)
        {
            // One notice per action: a warning replaces any success notice still waiting.
            if (result.Warning)
            {
                Warning = result.Message;
                TempData.Remove(nameof(Flash));
            }
            else Flash = success ?? result.Message;
            return Redirect(redirect);
        }
        if (result.Status == WorkflowStatus.NotFound) return NotFound(result.Message);
        Error = result.Message;
        Response.StatusCode = result.HttpStatus;
        await LoadAsync(ct);
        return Page();
    }
}
