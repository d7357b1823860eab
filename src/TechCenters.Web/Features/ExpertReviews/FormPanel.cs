using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.ExpertReviews;

/// <summary>组建专家组: the bureau forms a panel for one or several applications in expert review.</summary>
public sealed class FormPanel(AppDbContext db, CaseKernel kernel)
{
    private const string Attempt = "组建专家组";

    public async Task<WorkflowResult> RunAsync(WorkflowActor actor, string? name, IReadOnlyCollection<int> applicationIds,
        IReadOnlyCollection<int> expertIds, CancellationToken ct = default, string? exceptionReason = null)
    {
        if (applicationIds.Count == 0) return await kernel.RefuseAsync(actor, Attempt, null, Refusal.Invalid("请选择要评审的申报。"), ct);
        return await kernel.RunManyAsync(applicationIds, actor, Attempt, async (contexts, token) =>
        {
            // load: the jurisdiction's pool, and which applications already have a panel
            var jurisdiction = contexts[0].Case.JurisdictionId;
            var ids = expertIds.Distinct().ToList();
            var experts = await db.Experts.AsNoTracking().Include(e => e.Relations)
                .Where(e => e.JurisdictionId == jurisdiction && ids.Contains(e.Id)).ToListAsync(token);
            var assigned = await db.PanelAssignments.Where(a => applicationIds.Contains(a.ApplicationId)).Select(a => a.ApplicationId).ToListAsync(token);
            var accounts = await db.Users.Where(u => u.ExpertId != null && ids.Contains(u.ExpertId.Value))
                .Select(u => new ExpertAccount(u.Id, u.ExpertId!.Value)).ToListAsync(token);
            var findings = await Integrity.IntegrityRecord.ExpertFindingsAsync(db, jurisdiction, contexts[0].Today, token);
            return Decide(contexts, experts, ids.Count, assigned, name, exceptionReason, accounts, findings);
        }, ct);
    }

    /// <summary>Pure: the panel, its members assigned to every application, or why not (no override of a recusal).</summary>
    public sealed record ExpertAccount(string UserId, int ExpertId);

    public static CaseOutcome Decide(IReadOnlyList<CaseContext> contexts, IReadOnlyList<Expert> experts, int chosen, IReadOnlyCollection<int> assigned, string? name,
        string? exceptionReason = null, IReadOnlyList<ExpertAccount>? accounts = null, IReadOnlyDictionary<int, string>? findings = null)
    {
        if (experts.Count != chosen || chosen == 0) return Refusal.NotFound(chosen == 0 ? "请选择专家组成员。" : "所选专家不在本辖区专家库中。");
        foreach (var ctx in contexts)
        {
            var app = ctx.DetailAs<Application>();
            if (ctx.As(Actors.Bureau, "组建专家组") is { } notMine) return notMine;
            if (ctx.InStep("组建专家组", StageSteps.ExpertReview) is { } order) return order with { Message = $"“{app.CenterName}”：{order.Message}" };
            if (assigned.Contains(app.Id)) return Refusal.Conflict($"“{app.CenterName}”已有专家组，不能重复组建。");
            var conflicts = experts.Select(e => Recusal.Conflict(e, Recusal.PartiesOf(app), Recusal.Terms.Of(ctx.Pack, ctx.Today) with { Findings = findings ?? new Dictionary<int, string>() })).OfType<string>().ToList();
            if (conflicts.Count > 0)
                return Refusal.Conflict($"“{app.CenterName}”的专家组中有须回避的专家：{string.Join("；", conflicts)}。回避不可手动解除，请更换专家。");
            if (PanelCheck.Refusal(ctx.Pack, experts, exceptionReason) is { } refusal) return Refusal.Conflict($"“{app.CenterName}”：{refusal}");
        }
        var now = contexts[0].Now;
        var panel = new ExpertPanel
        {
            JurisdictionId = contexts[0].Case.JurisdictionId,
            Name = string.IsNullOrWhiteSpace(name) ? $"专家组（{contexts[0].Today:yyyy-MM-dd}）" : name.Trim(),
            FormedAt = now, FormedBy = contexts[0].Actor.Scope.UserName,
            Members = experts.Select(e => new PanelMember { ExpertId = e.Id }).ToList(),
            Assignments = contexts.Select(c => new PanelAssignment { ApplicationId = c.Case.Id }).ToList(),
        };
        var members = $"{panel.Name}：{string.Join("、", experts.Select(e => $"{e.Name}（{e.Kind.ToChinese()}）"))}" +
                      (string.IsNullOrWhiteSpace(exceptionReason) ? "" : $"；例外理由：{exceptionReason.Trim()}");
        return new Decision("专家组已组建，评审任务已分配给专家。")
        {
            Add = [panel, .. contexts.SelectMany(c => experts.Select(e => new CaseAssignment
                { CaseId = c.Case.Id, Role = CaseAssignment.ExpertRole, ExpertId = e.Id, AssignedAt = now, AssignedBy = c.Actor.Scope.UserName })),
                // Each member's account is told of the task (待您评审), with the link to review it.
                .. contexts.SelectMany(c => (accounts ?? []).Where(a => experts.Any(e => e.Id == a.ExpertId)).Select(a =>
                    Notifications.Notification.ToReview(a.UserId, c.Case.Id, c.Case.Title, now, "科技局已将该申报分配给您评审")))],
            // Who sits on the panel is the bureau's to know; the parties learn that the review has begun.
            Steps = [.. contexts.SelectMany(c =>
            {
                var article = c.Pack.Rules.FirstOrDefault(r => r.Topic == "expert_panel" && r.Article is not null)?.Article ?? c.Stage.Article;
                return new[]
                {
                    new CaseStep(c, Attempt, members, article) { Audience = Audience.Bureau },
                    new CaseStep(c, "专家评审开始", "专家组已组建，评审进行中", article) { Audience = Audience.Parties },
                };
            })],
        };
    }
}
