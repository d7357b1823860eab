using TechCenters.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TechCenters.Policy;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Features.Calls;

[Authorize(Roles = Roles.BureauOfficer)]
public sealed class PublishModel(PublishCall publish, AttachmentStore store, PolicyCatalog catalog, Clock clock) : PageModel
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? PriorityFields { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public DateTime? OpensLocal { get; set; }
    [BindProperty] public DateTime? ClosesLocal { get; set; }
    public string? Error { get; private set; }
    public string PackInForce { get; private set; } = "";

    public void OnGet()
    {
        var now = clock.ToLocal(clock.UtcNow);
        OpensLocal ??= now.Date.AddHours(now.Hour + 1);
        ClosesLocal ??= now.Date.AddDays(31).AddHours(17).AddMinutes(30);
        Describe();
    }

    private void Describe()
    {
        var s = UserScope.From(User);
        var day = DateOnly.FromDateTime(OpensLocal ?? clock.ToLocal(clock.UtcNow).DateTime);
        PackInForce = catalog.For(s.JurisdictionId ?? "", day).Message;
    }

    public async Task<IActionResult> OnPostAsync(List<IFormFile> files, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        var saved = new List<Attachment>();
        foreach (var f in files)
        {
            var r = await store.SaveAsync(f, "通知附件", User.Identity?.Name, ct);
            if (r.Error is not null)
            {
                foreach (var s in saved) store.Delete(s);
                Error = r.Error;
                Describe();
                Response.StatusCode = 400;
                return Page();
            }
            saved.Add(r.Attachment!);
        }
        var result = await publish.RunAsync(WorkflowActor.From(HttpContext), new CallInput(Title, PriorityFields, Body, OpensLocal, ClosesLocal), saved, ct);
        if (result.Outcome.Ok) return Redirect($"/Calls/{result.Call!.Id}");
        foreach (var s in saved) store.Delete(s);
        Error = result.Outcome.Message;
        Describe();
        Response.StatusCode = result.Outcome.HttpStatus;
        return Page();
    }
}
