using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Applications;

namespace TechCenters.Web.Features.PublicNotices;

/// <summary>异议处理: the bureau records how an objection was resolved (成立 / 不成立) — on the timeline and in the audit.</summary>
public sealed class ResolveObjection(AppDbContext db, ApplicationWorkflow workflow, TimeProvider time)
{
    public async Task<WorkflowResult> RunAsync(int objectionId, WorkflowActor actor, bool? upheld, string? resolution, CancellationToken ct = default)
    {
        var objection = await db.Objections.FirstOrDefaultAsync(o => o.Id == objectionId, ct);
        var app = objection is null ? null : await workflow.LoadAsync(objection.ApplicationId, actor.Scope, ct);
        if (objection is null || app is null) return new(WorkflowStatus.NotFound, "异议不存在或不在您的管辖范围内。");
        if (actor.Scope.Role != Roles.BureauOfficer) return new(WorkflowStatus.Forbidden, "异议应由科技局处理，您的角色无权办理。");
        if (objection.Upheld is not null) return new(WorkflowStatus.Conflict, "该异议已经处理。");
        if (upheld is null) return new(WorkflowStatus.Invalid, "请选择异议是否成立。");
        if (string.IsNullOrWhiteSpace(resolution)) return new(WorkflowStatus.Invalid, "请填写处理结果（核查情况和结论）。");

        var pack = workflow.PackOf(app);
        var stage = ApplicationWorkflow.StagesOf(pack).Stage(app.StageId)!;
        objection.Upheld = upheld;
        objection.Resolution = resolution.Trim();
        objection.ResolvedAt = time.GetUtcNow();
        objection.ResolvedBy = actor.Scope.UserName;
        var article = pack.Rules.FirstOrDefault(r => r.Topic == "objection" && r.Article is not null)?.Article ?? stage.Article;
        return await workflow.CommitAsync(app, actor, workflow.NewActivity(app, actor, upheld.Value ? "异议处理：异议成立" : "异议处理：异议不成立",
            stage, stage, pack, article, objection.Resolution), ct);
    }
}
