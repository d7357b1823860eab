using TechCenters.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Applications;

namespace TechCenters.Web.Features.ExpertReviews;

/// <summary>组建专家组: the bureau forms a panel for one or several applications in expert review.</summary>
public sealed class FormPanel(AppDbContext db, ApplicationWorkflow workflow, Clock clock)
{
    public async Task<WorkflowResult> RunAsync(WorkflowActor actor, string? name, IReadOnlyCollection<int> applicationIds,
        IReadOnlyCollection<int> expertIds, CancellationToken ct = default, string? exceptionReason = null)
    {
        // load
        if (actor.Scope.Role != Roles.BureauOfficer)
            return new(WorkflowStatus.Forbidden, "组建专家组应由科技局办理，您的角色无权办理。");
        if (applicationIds.Count == 0) return new(WorkflowStatus.Invalid, "请选择要评审的申报。");
        var apps = new List<Application>();
        foreach (var id in applicationIds.Distinct())
        {
            var app = await workflow.LoadAsync(id, actor.Scope, ct);
            if (app is null) return WorkflowResult.NotFound();
            apps.Add(app);
        }
        var ids = expertIds.Distinct().ToList();
        var experts = await db.Experts.Include(e => e.Relations)
            .Where(e => e.JurisdictionId == actor.Scope.JurisdictionId && ids.Contains(e.Id)).ToListAsync(ct);
        if (experts.Count != ids.Count) return new(WorkflowStatus.NotFound, "所选专家不在本辖区专家库中。");
        var assigned = await db.PanelAssignments.Where(a => applicationIds.Contains(a.ApplicationId)).Select(a => a.ApplicationId).ToListAsync(ct);

        // decide
        foreach (var app in apps)
        {
            var pack = workflow.PackOf(app);
            var stage = ApplicationWorkflow.StagesOf(pack).Stage(app.StageId)!;
            if (app.Step != StageSteps.ExpertReview)
                return new(WorkflowStatus.Conflict, $"“{app.CenterName}”当前处于“{stage.Name}”阶段，不能组建专家组。");
            if (assigned.Contains(app.Id))
                return new(WorkflowStatus.Conflict, $"“{app.CenterName}”已有专家组，不能重复组建。");
            var conflicts = experts.Select(e => Recusal.Conflict(e, Recusal.PartiesOf(app))).OfType<string>().ToList();
            if (conflicts.Count > 0)
                return new(WorkflowStatus.Conflict, $"“{app.CenterName}”的专家组中有须回避的专家：{string.Join("；", conflicts)}。回避不可手动解除，请更换专家。");
            if (PanelCheck.Refusal(pack, experts, exceptionReason) is { } refusal)
                return new(WorkflowStatus.Conflict, $"“{app.CenterName}”：{refusal}");
        }

        // save (+ activity on every application's timeline, audit) in one transaction
        var panel = new ExpertPanel
        {
            JurisdictionId = actor.Scope.JurisdictionId!,
            Name = string.IsNullOrWhiteSpace(name) ? $"专家组（{clock.Today:yyyy-MM-dd}）" : name.Trim(),
            FormedAt = clock.UtcNow,
            FormedBy = actor.Scope.UserName,
            Members = experts.Select(e => new PanelMember { ExpertId = e.Id }).ToList(),
            Assignments = apps.Select(a => new PanelAssignment { ApplicationId = a.Id }).ToList(),
        };
        var note = $"{panel.Name}：{string.Join("、", experts.Select(e => $"{e.Name}（{Units.ExpertiseKindNames.ToChinese(e.Kind)}）"))}" +
                   (string.IsNullOrWhiteSpace(exceptionReason) ? "" : $"；例外理由：{exceptionReason.Trim()}");
        var changes = apps.Select(a =>
        {
            var pack = workflow.PackOf(a);
            var stage = ApplicationWorkflow.StagesOf(pack).Stage(a.StageId)!;
            var article = pack.Rules.FirstOrDefault(r => r.Topic == "expert_panel" && r.Article is not null)?.Article ?? stage.Article;
            return (a, workflow.NewActivity(a, actor, "组建专家组", stage, stage, pack, article, note));
        }).ToList();
        return await workflow.CommitAllAsync(changes, actor, _ => { db.ExpertPanels.Add(panel); return Task.CompletedTask; }, ct);
    }
}
