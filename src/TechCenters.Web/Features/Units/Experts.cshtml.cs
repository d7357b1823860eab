using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TechCenters.Web.Features.Accounts;

namespace TechCenters.Web.Features.Units;

/// <summary>
/// The old address of the expert pool: the one list is <c>/Experts</c> (search, filters, paging, masked contacts); this
/// address keeps old links and bookmarks working by a permanent redirect with its kind filter.
/// </summary>
[Authorize(Roles = Roles.BureauOfficer)]
public sealed class ExpertsModel : PageModel
{
    [BindProperty(SupportsGet = true)] public ExpertiseKind? Kind { get; set; }

    public IActionResult OnGet() => RedirectPermanent(Kind is { } k ? $"/Experts?kind={k}" : "/Experts");
}
