using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.ExpertReviews;

namespace TechCenters.Web.Features.Experts;

/// <summary>One draw, whole: seed, candidates in the seed's order, exclusions with reasons, the panel or the shortfall; 复核 repeats it; 组建 forms the panel from it.</summary>
[Authorize(Roles = Roles.BureauOfficer)]
public sealed class DrawRecordModel(AppDbContext db, CaseKernel kernel, FormPanel formPanel) : ActionPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty(SupportsGet = true)] public bool Verify { get; set; }
    [BindProperty] public string? PanelName { get; set; }
    [BindProperty] public string? ExceptionReason { get; set; }

    public PanelDraw Draw { get; private set; } = null!;
    public List<(int Id, string Title)> Cases { get; private set; } = [];
    public IReadOnlyList<PanelDrawing.Candidate> Candidates { get; private set; } = [];
    public IReadOnlyList<PanelDrawing.Exclusion> Exclusions { get; private set; } = [];
    public (bool OrderMatches, IReadOnlyList<int> Selected, string? Shortfall)? Repeated { get; private set; }
    public bool RepeatAgrees => Repeated is { } r && r.OrderMatches && r.Selected.SequenceEqual(Draw.Selected) && r.Shortfall == Draw.Shortfall;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await FindAsync(ct)) return NotFound("抽取记录不存在。");
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await FindAsync(ct)) return NotFound("抽取记录不存在。");
        if (Draw.Selected.Count == 0)
        {
            Error = "本次抽取没有抽中专家，不能组建专家组。";
            Response.StatusCode = StatusCodes.Status409Conflict;
            await LoadAsync(ct);
            return Page();
        }
        var result = await formPanel.RunAsync(Actor, PanelName, Draw.Cases, Draw.Selected, ct, ExceptionReason);
        if (result.Ok)
        {
            var first = Draw.Cases[0];
            var panel = await db.PanelAssignments.Where(a => a.ApplicationId == first).Select(a => a.PanelId).FirstAsync(ct);
            await db.Set<PanelDraw>().Where(d => d.Id == Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.PanelId, panel), ct);
        }
        return await DoneAsync(result, "/ExpertReviews", "已按抽取结果组建专家组，评审任务已分配给专家。", ct);
    }

    private async Task<bool> FindAsync(CancellationToken ct)
    {
        var d = await db.Set<PanelDraw>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == Id && x.JurisdictionId == Scope.JurisdictionId, ct);
        if (d is null) return false;
        Draw = d;
        return true;
    }

    protected override async Task LoadAsync(CancellationToken ct)
    {
        var ids = Draw.Cases.ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(ct);
        Cases = cases.Select(c => (c.Id, c.Title)).ToList();
        Candidates = DrawPanel.CandidatesOf(Draw);
        Exclusions = DrawPanel.ExclusionsOf(Draw);
        if (Verify && cases.Count > 0) Repeated = DrawPanel.Repeat(Draw, kernel.PackOf(cases[0]));
    }
}
