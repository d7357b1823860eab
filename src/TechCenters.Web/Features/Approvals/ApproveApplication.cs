using TechCenters.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Features.ExpertReviews;
using TechCenters.Web.Features.PublicNotices;

namespace TechCenters.Web.Features.Approvals;

public sealed record ApprovalInput(string? ApprovalNumber, string? CenterName, decimal? SubsidyYuan);

/// <summary>批准（认定）: approval number, the name checked against the pack's pattern, the subsidy the pack allows, and the new Center.</summary>
public sealed class ApproveApplication(AppDbContext db, ApplicationWorkflow workflow, Clock clock)
{
    public sealed record Outcome(WorkflowResult Result, int? CenterId = null);

    public async Task<Outcome> RunAsync(int applicationId, WorkflowActor actor, ApprovalInput input, int revision, CancellationToken ct = default)
    {
        // load
        var app = await workflow.LoadAsync(applicationId, actor.Scope, ct);
        if (app is null) return new(WorkflowResult.NotFound());
        var pack = workflow.PackOf(app);
        var stages = ApplicationWorkflow.StagesOf(pack);
        var stage = stages.Stage(app.StageId)!;
        var item = await db.PublicNoticeItems.Include(i => i.Notice).FirstOrDefaultAsync(i => i.ApplicationId == app.Id, ct);
        var objections = await db.Objections.Where(o => o.ApplicationId == app.Id).ToListAsync(ct);
        var today = clock.Today;

        // decide: order (409), authority (403), the notice and objections (409), then the input (400)
        if (app.Revision != revision) return new(WorkflowResult.StaleRevision());
        var target = SelectionSteps.ApprovalFrom(stages, app.StageId);
        if (target is null)
            return new(new(WorkflowStatus.Conflict, $"该申报书当前处于“{stage.Name}”阶段，不能批准（{pack.Document}）。"));
        if (actor.Scope.Role != Roles.BureauOfficer)
            return new(new(WorkflowStatus.Forbidden, $"批准应由{pack.Env.Actor(ActorRoles.Bureau)}办理，您的角色无权办理。"));
        if (ApprovalGate.Refusal(SelectionSteps.HasPublicNotice(pack), item?.Notice, objections, today) is { } gate)
            return new(new(WorkflowStatus.Conflict, gate));
        var number = input.ApprovalNumber?.Trim();
        if (string.IsNullOrWhiteSpace(number)) return new(new(WorkflowStatus.Invalid, "请填写批准文号。"));
        if (await db.Centers.AnyAsync(c => c.JurisdictionId == app.JurisdictionId && c.ApprovalNumber == number, ct))
            return new(new(WorkflowStatus.Conflict, $"批准文号“{number}”已被使用。"));
        var name = string.IsNullOrWhiteSpace(input.CenterName) ? app.CenterName : input.CenterName.Trim();
        if (SelectionSteps.Naming(pack) is { } naming && !naming.Matches(name))
            return new(new(WorkflowStatus.Invalid,
                $"中心名称“{name}”不符合{pack.Document}{naming.Article}“{naming.Pattern}”的命名格式（应以“{naming.Prefix}”开头、以“{naming.Suffix}”结尾）。"));
        var subsidyRule = SelectionSteps.Subsidy(pack);
        if (input.SubsidyYuan is { } amount)
        {
            if (subsidyRule is null) return new(new(WorkflowStatus.Invalid, $"{pack.Document}未规定认定补助，不能录入补助金额。"));
            if (amount <= 0) return new(new(WorkflowStatus.Invalid, "补助金额应大于0。"));
            var verdict = subsidyRule.Evaluate(Facts.From(new Dictionary<string, object?> { [subsidyRule.Fact!] = amount }), pack.Env);
            if (verdict.FirstOrDefault(r => r.Outcome == TechCenters.Policy.Outcome.Fail) is { } fail) return new(new(WorkflowStatus.Invalid, fail.Message + "。"));
        }
        // The construction period is computed by the library, the same date the notice prints.
        var terms = ApprovalTerms.For(pack, today);
        var years = terms.ConstructionYears;

        // save: the center joins the workflow's transaction
        var center = new Center
        {
            JurisdictionId = app.JurisdictionId, ApplicationId = app.Id, Name = name, LeadUnitId = app.LeadUnitId, LeadUnitName = app.LeadUnit!.Name,
            CoBuilderNames = app.CoBuilders.Count == 0 ? null : string.Join("\n", app.CoBuilders.Select(c => c.Unit!.Name)),
            ApprovalNumber = number, ApprovedOn = today, ConstructionYears = years,
            ConstructionEndsOn = terms.ConstructionEnds,
            SubsidyYuan = input.SubsidyYuan, PackVersion = app.PackVersion, PackDocument = app.PackDocument,
            CreatedAt = clock.UtcNow, CreatedBy = actor.Scope.UserName,
        };
        db.Centers.Add(center);
        var note = $"批准文号{number}；中心名称{name}" + (years is null ? "" : $"；建设期{years}年") +
                   (input.SubsidyYuan is { } s ? $"；认定补助{s:0.##}元" : "");
        var result = await workflow.MoveAsync(app, actor, target.Id, revision, note, $"批准：{target.Name}", a => a.CenterName = name, ct);
        if (!result.Ok)
        {
            if (db.Entry(center).State != EntityState.Detached) db.Entry(center).State = EntityState.Detached;
            return new(result);
        }
        return new(result, center.Id);
    }
}
