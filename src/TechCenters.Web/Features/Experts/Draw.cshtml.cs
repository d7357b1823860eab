using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.ExpertReviews;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Experts;

/// <summary>随机抽取专家组: choose the applications, the field and the size; the draw is recorded and shown whole.</summary>
[Authorize(Roles = Roles.BureauOfficer)]
public sealed class DrawModel(AppDbContext db, CaseKernel kernel, DrawPanel drawPanel) : ActionPage
{
    public sealed record Waiting(Application App, string Pack, int? PackSize, IReadOnlyList<string> Requirements);
    public List<Waiting> Applications { get; } = [];
    public List<string> Fields { get; private set; } = [];
    public List<PanelDraw> Recent { get; private set; } = [];

    [BindProperty] public List<int> ApplicationIds { get; set; } = [];
    [BindProperty] public string? Field { get; set; }
    [BindProperty] public int? Size { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (result, draw) = await drawPanel.RunAsync(Actor, ApplicationIds, Field, Size, ct);
        return draw is null
            ? await DoneAsync(result, "/Experts/Draw", null, ct)
            : await DoneAsync(result, $"/Experts/DrawRecord?id={draw.Id}", result.Message, ct);
    }

    protected override async Task LoadAsync(CancellationToken ct)
    {
        var scope = Scope;
        var apps = await db.Applications.VisibleTo(db, scope).AsNoTracking().Where(a => a.Case.Step == StageSteps.ExpertReview)
            .Where(a => !db.PanelAssignments.Any(p => p.ApplicationId == a.Id))
            .Include(a => a.Case).ThenInclude(c => c.LeadUnit).OrderBy(a => a.Id).ToListAsync(ct);
        foreach (var a in apps)
        {
            var pack = kernel.PackOf(a.Case);
            Applications.Add(new(a, pack.Document, PanelDrawing.PackSize(pack), PanelCheck.Requirements(pack).ToList()));
        }
        Fields = await db.Experts.AsNoTracking().Where(e => e.JurisdictionId == scope.JurisdictionId && e.Kind == ExpertiseKind.Technical && e.InPool)
            .Select(e => e.Field).Distinct().OrderBy(f => f).ToListAsync(ct);
        Recent = await db.Set<PanelDraw>().AsNoTracking().Where(d => d.JurisdictionId == scope.JurisdictionId).OrderByDescending(d => d.Id).Take(20).ToListAsync(ct);
    }
}
