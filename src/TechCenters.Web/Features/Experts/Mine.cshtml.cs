using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.ExpertReviews;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Experts;

/// <summary>我的专家信息: an expert's own record (contact masked), the relations they declare, and their tasks with 申请回避.</summary>
[Authorize(Roles = Roles.Expert)]
public sealed class MineModel(AppDbContext db, DeclareRelation declare, WithdrawFromCase withdraw) : ActionPage
{
    /// <summary>A task: an application to review or an evaluation to score (its page differs), and whether the expert has given their view.</summary>
    public sealed record Task_(int CaseId, string Title, bool Reviewed, bool Evaluation = false)
    {
        public string Url => Evaluation ? $"/Evaluations/Case?id={CaseId}" : $"/ExpertReviews/Review?id={CaseId}";
    }
    public Expert? Expert { get; private set; }
    public List<Task_> Tasks { get; private set; } = [];
    public List<PanelHistory.Entry> History { get; private set; } = [];

    [BindProperty] public string? CreditCode { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public int? EndedYear { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostRelationAsync(CancellationToken ct)
    {
        if (Scope.ExpertId is not { } me || Scope.JurisdictionId is not { } j) return NotFound("您的账号未关联专家库记录。");
        var problem = await declare.RunAsync(HttpContext, me, j, new(CreditCode, Kind, EndedYear, Note), ct);
        if (problem is null) { Flash = "关联关系已申报，今后涉及该单位的评审将回避。"; return Redirect("/Experts/Mine"); }
        Error = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int caseId, CancellationToken ct) =>
        await DoneAsync(await withdraw.RunAsync(caseId, Actor, Reason, ct), "/Experts/Mine", "已申请回避，该事项不再分配给您。", ct);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        if (Scope.ExpertId is not { } me) return;
        Expert = await db.Experts.AsNoTracking().Include(e => e.Relations).ThenInclude(r => r.Unit).FirstOrDefaultAsync(e => e.Id == me, ct);
        Tasks = await db.Cases.VisibleTo(db, Scope).AsNoTracking().OrderBy(c => c.Id)
            .Select(c => new Task_(c.Id, c.Title, c.Kind == ProcessKinds.Evaluation
                ? db.Set<Evaluations.ExpertSheet>().Any(s => s.CaseId == c.Id && s.ExpertId == me)
                : db.ExpertReviews.Any(r => r.ApplicationId == c.Id && r.ExpertId == me), c.Kind == ProcessKinds.Evaluation)).ToListAsync(ct);
        History = await PanelHistory.OfAsync(db, me, ct);
    }
}
