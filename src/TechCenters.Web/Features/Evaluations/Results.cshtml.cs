using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;

namespace TechCenters.Web.Features.Evaluations;

/// <summary>评估结果公示 (public): a published campaign's centers and grades — no scores of persons, no names of people.</summary>
public sealed class ResultsModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    public EvaluationCampaign Campaign { get; private set; } = null!;
    public string Jurisdiction { get; private set; } = "";
    public List<(string Center, string Lead, string Grade)> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var c = await db.EvaluationCampaigns.AsNoTracking().FirstOrDefaultAsync(x => x.Id == Id && x.Status == CampaignStatus.Published, ct);
        if (c is null) return NotFound();
        Campaign = c;
        Jurisdiction = await db.Jurisdictions.Where(j => j.Id == c.JurisdictionId).Select(j => j.Name).FirstAsync(ct);
        Rows = (await db.Evaluations.AsNoTracking().Where(e => e.CampaignId == Id && e.FinalGrade != null)
                .Join(db.Centers, e => e.CenterId, x => x.Id, (e, x) => new { x.Name, x.LeadUnitName, e.FinalGrade })
                .OrderBy(x => x.Name).ToListAsync(ct))
            .Select(x => (x.Name, x.LeadUnitName, x.FinalGrade!)).ToList();
        return Page();
    }
}
