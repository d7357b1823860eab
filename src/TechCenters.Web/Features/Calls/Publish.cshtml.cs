using TechCenters.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TechCenters.Policy;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Features.Calls;

/// <summary>
/// 发布（或更正，<c>?id=</c>）申报通知: fill in → 预览 (the call as applicants will read it, with what blocks it and the pack
/// it falls under) → 确认发布 (asks once more). Publishing without the preview's confirmation is refused.
/// </summary>
[Authorize(Roles = Roles.BureauOfficer)]
public sealed class PublishModel(PublishCall publish, AttachmentStore store, PolicyCatalog catalog, Clock clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? PriorityFields { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public DateTime? OpensLocal { get; set; }
    [BindProperty] public DateTime? ClosesLocal { get; set; }
    public string? Error { get; private set; }
    /// <summary>The call can no longer be corrected (withdrawn, or applications made under it): no form.</summary>
    public bool Locked { get; private set; }
    public string PackInForce { get; private set; } = "";
    /// <summary>Set on the preview step: what the call will say, what blocks it, and notes.</summary>
    public PublishCall.Checked? Preview { get; private set; }

    private CallInput Input => new(Title, PriorityFields, Body, OpensLocal, ClosesLocal);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var (call, refusal) = await publish.ChangeableAsync(WorkflowActor.From(HttpContext), id, "更正", ct);
            if (refusal is not null)
            {
                if (refusal.Status == WorkflowStatus.NotFound) return NotFound();
                Error = refusal.Message; Locked = true;
                Response.StatusCode = refusal.HttpStatus;
                return Page();
            }
            Title = call!.Title; PriorityFields = call.PriorityFields; Body = call.Body;
            OpensLocal = clock.ToLocal(call.OpensAt).DateTime; ClosesLocal = clock.ToLocal(call.ClosesAt).DateTime;
        }
        var now = clock.ToLocal(clock.UtcNow);
        OpensLocal ??= now.Date.AddHours(now.Hour + 1);
        ClosesLocal ??= now.Date.AddDays(31).AddHours(17).AddMinutes(30);
        Describe();
        return Page();
    }

    private void Describe()
    {
        var s = UserScope.From(User);
        var day = DateOnly.FromDateTime(OpensLocal ?? clock.ToLocal(clock.UtcNow).DateTime);
        PackInForce = catalog.For(s.JurisdictionId ?? "", day).Message;
    }

    /// <summary>预览: checks the call and shows it as it will be published; errors keep the form (400).</summary>
    public IActionResult OnPostPreview()
    {
        Describe();
        var check = publish.Check(UserScope.From(User).JurisdictionId ?? "", Input);
        if (check.Errors.Count > 0)
        {
            Error = string.Join("\n", check.Errors);
            Response.StatusCode = 400;
            return Page();
        }
        Preview = check;
        return Page();
    }

    /// <summary>返回修改: back to the form with what was typed.</summary>
    public IActionResult OnPostEdit()
    {
        Describe();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(bool confirmed, List<IFormFile> files, CancellationToken ct)
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
        if (!confirmed)
        {
            foreach (var s in saved) store.Delete(s);
            Error = "请先预览通知内容，核对无误后点击“确认发布”。";
            Describe();
            Response.StatusCode = 400;
            return Page();
        }
        var actor = WorkflowActor.From(HttpContext);
        var result = Id is { } id
            ? await publish.CorrectAsync(actor, id, Input, saved, ct)
            : await publish.RunAsync(actor, Input, saved, ct);
        if (result.Outcome.Ok)
        {
            TempData["Flash"] = result.Outcome.Message;
            return Redirect($"/Calls/{result.Call!.Id}");
        }
        foreach (var s in saved) store.Delete(s);
        Error = result.Outcome.Message;
        Describe();
        Response.StatusCode = result.Outcome.HttpStatus;
        return Page();
    }
}
