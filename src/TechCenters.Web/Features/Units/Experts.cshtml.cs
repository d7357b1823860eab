using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TechCenters.Web.Features.Accounts;

namespace TechCenters.Web.Features.Units;

/// <summary>
/// The old address of the expert list: there is one expert list, the pool at /Experts (search, filters, paging, export,
/// status and panel history); this address and its export lead there with the same conditions.
/// </summary>
[Authorize(Roles = Roles.BureauOfficer)]
public sealed class ExpertsModel : PageModel
{
    public IActionResult OnGet() => Redirect("/Experts" + Request.QueryString);
    public IActionResult OnGetXlsx() => Redirect("/Experts" + Request.QueryString);
}
