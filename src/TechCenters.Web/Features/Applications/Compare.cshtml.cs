using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TechCenters.Web.Features.Applications;

/// <summary>版本对比: what changed between two submitted versions (typically what the applicant changed after a return).</summary>
public sealed class CompareModel : PageModel
{
    public VersionModel Before { get; private set; } = null!;
    public VersionModel After { get; private set; } = null!;
    public IReadOnlyList<(string Section, string Label, string? Before, string? After)> Changes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, int from, int to, [FromServices] IServiceProvider services, CancellationToken ct)
    {
        if (from == to) return BadRequest("请选择两个不同的版本进行对比。");
        Before = ActivatorUtilities.CreateInstance<VersionModel>(services);
        Before.PageContext = PageContext;
        After = ActivatorUtilities.CreateInstance<VersionModel>(services);
        After.PageContext = PageContext;
        if (!await Before.LoadAsync(id, Math.Min(from, to), ct) || !await After.LoadAsync(id, Math.Max(from, to), ct)) return NotFound();
        Changes = SubmittedDocument.Compare(Before.Sections, After.Sections);
        return Page();
    }
}
