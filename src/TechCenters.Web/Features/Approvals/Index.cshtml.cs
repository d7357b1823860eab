using TechCenters.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.ExpertReviews;
using TechCenters.Web.Features.PublicNotices;

namespace TechCenters.Web.Features.Approvals;

/// <summary>批准认定: what can be approved now (and why not yet), with the approval number, the name check and the subsidy.</summary>
public sealed class IndexModel(AppDbContext db, CaseKernel kernel, ApproveApplication approve, RejectApplication reject, Clock clock) : ActionPage
{
    public sealed record Row(Application App, PolicyPack Pack, string StageName, string? Blocked, NamingRule? Naming, AmountRule? Subsidy, bool CanReject);
    public List<Row> Rows { get; } = [];

    [BindProperty] public int ApplicationId { get; set; }
    [BindProperty] public int Revision { get; set; }
    [BindProperty] public string? ApprovalNumber { get; set; }
    [BindProperty] public string? CenterName { get; set; }
    [BindProperty] public decimal? SubsidyYuan { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostApproveAsync(CancellationToken ct)
    {
        var outcome = await approve.RunAsync(ApplicationId, Actor, new ApprovalInput(ApprovalNumber, CenterName, SubsidyYuan), Revision, ct);
        return await DoneAsync(outcome.Result, outcome.CenterId is { } id ? $"/Centers/Detail?id={id}" : "/Approvals", "已批准，技术创新中心已建立。", ct);
    }

    public async Task<IActionResult> OnPostRejectAsync(CancellationToken ct) =>
        await DoneAsync(await reject.RunAsync(ApplicationId, Actor, Reason, Revision, ct), "/Approvals", "已办理不予批准。", ct);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        if (Scope.Role != Roles.BureauOfficer) return;
        var apps = (await db.Applications.VisibleTo(db, Scope).AsNoTracking().Include(a => a.Case).ThenInclude(c => c.LeadUnit)
            .Where(a => a.Case.ClosedAt == null && a.Case.Holder != null).OrderBy(a => a.Id).ToListAsync(ct))
            .Where(a => kernel.PackOf(a.Case) is var p && CaseKernel.ProcessOf(p, a.Case.Kind) is var pr && approve.Handles(pr, pr.Stage(a.Case.StageId)!)).ToList();
        var ids = apps.Select(a => a.Id).ToList();
        var items = await db.PublicNoticeItems.AsNoTracking().Include(i => i.Notice).Where(i => ids.Contains(i.ApplicationId)).ToListAsync(ct);
        var objections = await db.Objections.AsNoTracking().Where(o => ids.Contains(o.ApplicationId)).ToListAsync(ct);
        var today = clock.Today;
        foreach (var a in apps)
        {
            var pack = kernel.PackOf(a.Case);
            var stages = CaseKernel.ProcessOf(pack, a.Case.Kind);
            var blocked = ApprovalGate.Refusal(SelectionSteps.HasPublicNotice(pack), items.FirstOrDefault(i => i.ApplicationId == a.Id)?.Notice,
                objections.Where(o => o.ApplicationId == a.Id).ToList(), today);
            var rejectable = stages.Transitions.Any(t => t.From == a.Case.StageId && t.Actor != Actors.Public && stages.Stage(t.To) is { IsRejection: true });
            Rows.Add(new(a, pack, stages.StageName(a.Case.StageId), blocked, SelectionSteps.Naming(pack), SelectionSteps.Subsidy(pack), rejectable));
        }
    }
}
