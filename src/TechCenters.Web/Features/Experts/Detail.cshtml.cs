using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Experts;

/// <summary>One expert of the pool: profile (contact masked), declared relations (the bureau adds and removes them), history of panels.</summary>
[Authorize(Roles = Roles.BureauOfficer)]
public sealed class DetailModel(AppDbContext db, DeclareRelation declare, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string? CreditCode { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public int? EndedYear { get; set; }
    [BindProperty] public string? Note { get; set; }
    [TempData] public string? Flash { get; set; }
    public string? Error { get; private set; }

    public Expert Expert { get; private set; } = null!;
    public List<PanelHistory.Entry> History { get; private set; } = [];

    private string Jurisdiction => UserScope.From(User).JurisdictionId!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound("专家不存在或不在本辖区专家库中。");

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var e = await db.Experts.AsNoTracking().Include(x => x.Unit).Include(x => x.Relations).ThenInclude(r => r.Unit)
            .FirstOrDefaultAsync(x => x.Id == Id && x.JurisdictionId == Jurisdiction, ct);
        if (e is null) return false;
        Expert = e;
        History = await PanelHistory.OfAsync(db, e.Id, ct);
        return true;
    }

    public async Task<IActionResult> OnPostRelationAsync(CancellationToken ct)
    {
        if (!await db.Experts.AnyAsync(x => x.Id == Id && x.JurisdictionId == Jurisdiction, ct)) return NotFound("专家不存在或不在本辖区专家库中。");
        var problem = await declare.RunAsync(HttpContext, Id, Jurisdiction, new(CreditCode, Kind, EndedYear, Note), ct);
        if (problem is null) { Flash = "关联关系已记录，今后抽取与组建专家组时据此回避。"; return Redirect($"/Experts/Detail?id={Id}"); }
        Error = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveRelationAsync(int relationId, CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        var rel = await db.ExpertRelations.Include(r => r.Unit)
            .FirstOrDefaultAsync(r => r.Id == relationId && r.ExpertId == Id && db.Experts.Any(x => x.Id == Id && x.JurisdictionId == Jurisdiction), ct);
        if (rel is null) return NotFound("关联关系不存在。");
        db.ExpertRelations.Remove(rel);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(HttpContext, new AuditRecord("删除专家关联关系", AuditOutcome.Success, "专家", Id.ToString(),
            $"{rel.Unit?.Name}（{RelationKinds.Name(rel.Kind)}：{rel.Relation}）"), ct: ct);
        Flash = "关联关系已删除。";
        return Redirect($"/Experts/Detail?id={Id}");
    }
}

/// <summary>An expert's panels: which panel, which applications, whether the expert reviewed or withdrew (with the reason).</summary>
public static class PanelHistory
{
    public sealed record Entry(int PanelId, string Panel, DateTimeOffset FormedAt, int CaseId, string Case, bool Reviewed, DateTimeOffset? WithdrawnAt, string? WithdrawReason);

    public static async Task<List<Entry>> OfAsync(AppDbContext db, int expertId, CancellationToken ct) =>
        await (from m in db.PanelMembers
               where m.ExpertId == expertId
               join p in db.ExpertPanels on m.PanelId equals p.Id
               join a in db.PanelAssignments on p.Id equals a.PanelId
               join c in db.Cases on a.ApplicationId equals c.Id
               let assignment = db.CaseAssignments.Where(x => x.CaseId == c.Id && x.ExpertId == expertId).OrderByDescending(x => x.Id).FirstOrDefault()
               orderby p.Id descending, c.Id
               select new Entry(p.Id, p.Name, p.FormedAt, c.Id, c.Title, db.ExpertReviews.Any(r => r.ApplicationId == c.Id && r.ExpertId == expertId),
                   assignment != null && assignment.EndReason != null ? assignment.EndedAt : null, assignment != null ? assignment.EndReason : null))
            .AsNoTracking().ToListAsync(ct);
}
