using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.ExpertReviews;

namespace TechCenters.Web.Features.Evaluations;

/// <summary>评分表: download the XLSX template of the evaluations this account scores in a campaign, upload it filled.</summary>
public sealed class SheetModel(AppDbContext db, ScoreSheet sheet) : ActionPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    public EvaluationCampaign Campaign { get; private set; } = null!;
    public int Scorable { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await Found(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken ct)
    {
        if (!await Found(ct)) return NotFound();
        var bytes = await sheet.TemplateAsync(Scope, Id, ct);
        return bytes is null ? NotFound() : File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{Campaign.Title}-评分表.xlsx");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await Found(ct)) return NotFound();
        if (Upload is null || Upload.Length == 0) { Error = "请选择要上传的评分表（.xlsx）。"; Response.StatusCode = 400; return Page(); }
        if (Upload.Length > 10 * 1024 * 1024) { Error = "评分表不能超过 10 MB。"; Response.StatusCode = 400; return Page(); }
        await using var stream = Upload.OpenReadStream();
        var (result, errors) = await sheet.UploadAsync(Actor, Id, stream, ct);
        Errors = errors;
        return await DoneAsync(result, $"/Evaluations/Sheet?id={Id}", null, ct);
    }

    protected override async Task LoadAsync(CancellationToken ct) => await Found(ct);

    /// <summary>The campaign, when the account is an evaluator or expert assigned some of its evaluations, or its bureau (Bug 0205: a department or a center's staff reached the score sheet).</summary>
    private async Task<bool> Found(CancellationToken ct)
    {
        var campaign = await db.EvaluationCampaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == Id, ct);
        if (campaign is null) return false;
        var mine = Scope.Role == Accounts.Roles.BureauOfficer && Scope.JurisdictionId == campaign.JurisdictionId
            || Scope.Role is Accounts.Roles.Evaluator or Accounts.Roles.Expert
               && await db.Cases.VisibleTo(db, Scope).AnyAsync(c => db.Evaluations.Any(e => e.Id == c.Id && e.CampaignId == Id), ct);
        if (!mine) return false;
        Campaign = campaign;
        Scorable = (await sheet.ScorableAsync(Scope, Id, ct)).Count;
        return true;
    }
}
