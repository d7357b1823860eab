using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;

namespace TechCenters.Web.Features.Applications;

/// <summary>创建申报书: an applicant's unit starts an application under an open call of its jurisdiction.</summary>
public sealed class CreateApplication(AppDbContext db, ApplicationWorkflow workflow, TimeProvider time)
{
    public sealed record Result(WorkflowResult Outcome, int? ApplicationId = null);

    public async Task<Result> RunAsync(int callId, WorkflowActor actor, string? centerName, CancellationToken ct = default)
    {
        var s = actor.Scope;
        if (s.Role != Roles.Applicant || s.UnitId is null)
            return new(new(WorkflowStatus.Forbidden, "申报书由牵头（依托）单位的申报账号创建。"));
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == s.UnitId, ct);
        var call = await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId, ct);
        if (unit is null || call is null || call.JurisdictionId != unit.JurisdictionId)
            return new(new(WorkflowStatus.NotFound, "申报通知不存在或不面向本单位所在辖区。"));
        var now = time.GetUtcNow();
        if (!call.IsOpen(now))
            return new(new(WorkflowStatus.Conflict, now < call.OpensAt
                ? $"申报通知“{call.Title}”尚未开始受理（{workflow.Clock.Format(call.OpensAt)} 开始）。"
                : $"申报通知“{call.Title}”已于 {workflow.Clock.Format(call.ClosesAt)} 截止，不能再创建申报书。"));
        if (string.IsNullOrWhiteSpace(centerName))
            return new(new(WorkflowStatus.Invalid, "请填写拟定中心名称。"));
        var existing = await db.Applications.AsNoTracking().Where(a => a.CallId == callId && a.LeadUnitId == unit.Id).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
        if (existing is not null)
            return new(new(WorkflowStatus.Conflict, "本单位已在该申报通知下创建了申报书，请继续填写已有的申报书。"), existing);

        var pack = workflow.PackOf(call.JurisdictionId, call.PackVersion);
        var stages = ApplicationWorkflow.StagesOf(pack);
        var app = new Application
        {
            CallId = call.Id, JurisdictionId = call.JurisdictionId, LeadUnitId = unit.Id, LeadUnit = unit, DepartmentId = unit.DepartmentId,
            CenterName = centerName.Trim(), StageId = stages.Start!.Id, Step = stages.Start.Step,
            PackVersion = pack.Version, PackDocument = pack.Document, CreatedAt = now, CreatedBy = s.UserName,
        };
        var rev = await db.Revocations.AsNoTracking().Where(r => r.UnitId == unit.Id).OrderByDescending(r => r.RevokedOn).FirstOrDefaultAsync(ct);
        var facts = ApplicationWorkflow.FactsOf(app, rev, workflow.Clock.DateOf(now));
        if (ApplicationRules.Bans(pack, facts) is { Count: > 0 } bans)
            return new(new(WorkflowStatus.Conflict, "本单位处于不得再行申报期限内：" + string.Join("；", bans.Select(b => $"{b.Message}（{b.Article}）"))));

        // The lead unit's first move opens the application step (申请提交/提出意向) when the pack starts with the call.
        var from = stages.Start;
        var open = stages.Next(from.Id, facts).FirstOrDefault(t => t.Actor == ActorRoles.LeadUnit && stages.Stage(t.To)!.Step == StageSteps.Application);
        var at = open is null ? from : stages.Stage(open.To)!;
        app.StageId = at.Id;
        app.Step = at.Step;
        app.Holder = ApplicationWorkflow.HolderOf(stages, at, facts, false);
        app.Revision = 0;
        var entry = workflow.NewActivity(app, actor, "创建申报书", open is null ? null : from, at, pack, open?.Article ?? pack.Stages!.Start!.Article,
            $"申报通知：{call.Title}");
        var outcome = await workflow.CommitAsync(app, actor, entry, ct);
        return new(outcome, outcome.Ok ? app.Id : null);
    }

}
