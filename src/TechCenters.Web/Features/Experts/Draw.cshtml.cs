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
public sealed class DrawModel(AppDbContext db, CaseKernel kernel, DrawPanel drawPanel, ReplaceDraw replaceDraw,
    Microsoft.Extensions.Caching.Memory.IMemoryCache cache) : ActionPage
{
    public sealed record Waiting(Application App, string Pack, int? PackSize, IReadOnlyList<string> Requirements);
    /// <summary>A formed panel still reviewing, with how many of its members withdrew (a conflict declared later is found when drawing).</summary>
    public sealed record Formed(int PanelId, string Name, IReadOnlyList<string> Applications, int Members, int Withdrawn);
    public List<Formed> Panels { get; private set; } = [];
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

    /// <summary>补抽专家: the replacement draw for a panel some of whose members withdrew or must now recuse.</summary>
    public async Task<IActionResult> OnPostReplaceAsync(int panelId, CancellationToken ct)
    {
        var (result, draw) = await replaceDraw.RunAsync(Actor, panelId, ct);
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
        Fields = await TechnicalFields.ChoicesAsync(db, cache, kernel.Clock, scope.JurisdictionId, ct);
        var reviewing = await db.Applications.VisibleTo(db, scope).AsNoTracking().Where(a => a.Case.Step == StageSteps.ExpertReview)
            .Join(db.PanelAssignments, a => a.Id, p => p.ApplicationId, (a, p) => new { p.PanelId, a.CenterName }).ToListAsync(ct);
        var panelIds = reviewing.Select(r => r.PanelId).Distinct().ToList();
        var panels = await db.ExpertPanels.AsNoTracking().Where(p => panelIds.Contains(p.Id)).Select(p => new { p.Id, p.Name, Members = p.Members.Select(m => m.ExpertId).ToList() })
            .OrderBy(p => p.Id).ToListAsync(ct);
        // Who left which panel, as the replacement draw reads it (a member is counted on the panel they left only).
        var left = await ReplaceDraw.LeftAsync(db, panelIds, ct);
        var onPanel = reviewing.ToLookup(r => r.PanelId, r => r.CenterName);
        Panels = panels.Select(p => new Formed(p.Id, p.Name, onPanel[p.Id].ToList(), p.Members.Count, p.Members.Count(m => left.ContainsKey((p.Id, m))))).ToList();
        Recent = await db.Set<PanelDraw>().AsNoTracking().Where(d => d.JurisdictionId == scope.JurisdictionId).OrderByDescending(d => d.Id).Take(20).ToListAsync(ct);
    }
}
