using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Features.ExpertReviews;
using TechCenters.Web.Features.PublicNotices;

namespace TechCenters.Web.Features.Approvals;

public sealed record ApprovalInput(string? ApprovalNumber, string? CenterName, decimal? SubsidyYuan);

/// <summary>批准（认定）: approval number, the name checked against the pack's pattern, the subsidy the pack allows, and the new Center.</summary>
public sealed class ApproveApplication(AppDbContext db, CaseKernel kernel) : IStepHandler
{
    /// <summary>
    /// The stages an application is approved (or finally rejected) from: the notice and its objections, and any stage whose
    /// moves lead to approval (新疆's selection). A list fixed before a meeting (沧州 第十二条) moves on as a plain move.
    /// </summary>
    public bool Handles(StagesRule process, Stage stage) =>
        // Only the application's process: an annual report's last reviewer accepts it with a plain move (Bug_0401).
        process.Process == ProcessKinds.Application
        && (stage.Step is StageSteps.PublicNotice or StageSteps.ObjectionReview
            || process.Transitions.Any(t => t.From == stage.Id && process.Stage(t.To) is { IsApproval: true }));
    public string PageName => "批准认定页面";
    public string Waiting => "等待公示、异议处理与批准认定";
    public string PageUrl(Case c) => "/Approvals";

    public sealed record Outcome(WorkflowResult Result, int? CenterId = null);

    public async Task<Outcome> RunAsync(int applicationId, WorkflowActor actor, ApprovalInput input, int revision, CancellationToken ct = default)
    {
        Center? center = null;
        var result = await kernel.RunAsync(applicationId, actor, revision, "批准认定", async (ctx, token) =>
        {
            var item = await db.PublicNoticeItems.AsNoTracking().Include(i => i.Notice).FirstOrDefaultAsync(i => i.ApplicationId == applicationId, token);
            var objections = await db.Objections.AsNoTracking().Where(o => o.ApplicationId == applicationId).ToListAsync(token);
            var number = input.ApprovalNumber?.Trim();
            var taken = number is { Length: > 0 } && await db.Centers.AnyAsync(c => c.JurisdictionId == ctx.Case.JurisdictionId && c.ApprovalNumber == number, token);
            var outcome = Decide(ctx, input, item?.Notice, objections, taken);
            center = (outcome as Decision)?.Add.OfType<Center>().Single();
            return outcome;
        }, ct);
        return new(result, result.Ok ? center?.Id : null);
    }

    /// <summary>Pure: order (409), authority (403), the notice and objections (409), then the input (400); the center and the move.</summary>
    public static CaseOutcome Decide(CaseContext ctx, ApprovalInput input, PublicNotice? notice, IReadOnlyList<Objection> objections, bool numberTaken)
    {
        var pack = ctx.Pack;
        var target = ctx.ApprovalTarget;
        if (target is null) return Refusal.Conflict($"该申报书当前处于“{ctx.Name(ctx.Stage)}”阶段，不能批准（{pack.Document}）。", ctx.Stage.Article);
        if (ctx.Move(target.Id, "批准").Refusal is { Status: WorkflowStatus.Forbidden } notMine) return notMine;
        if (ApprovalGate.Refusal(SelectionSteps.HasPublicNotice(pack), notice, objections, ctx.Today) is { } gate) return Refusal.Conflict(gate);
        var number = input.ApprovalNumber?.Trim();
        if (string.IsNullOrWhiteSpace(number)) return Refusal.Invalid("请填写批准文号。");
        if (numberTaken) return Refusal.Conflict($"批准文号“{number}”已被使用。");
        var app = ctx.DetailAs<Application>();
        var name = string.IsNullOrWhiteSpace(input.CenterName) ? app.CenterName : input.CenterName.Trim();
        if (SelectionSteps.Naming(pack) is { } naming && !naming.Matches(name))
            return Refusal.Invalid($"中心名称“{name}”不符合{pack.Document}{naming.Article}“{naming.Pattern}”的命名格式（应以“{naming.Prefix}”开头、以“{naming.Suffix}”结尾）。", naming.Article);
        var subsidyRule = SelectionSteps.Subsidy(pack);
        if (input.SubsidyYuan is { } amount)
        {
            if (subsidyRule is null) return Refusal.Invalid($"{pack.Document}未规定认定补助，不能录入补助金额。");
            if (amount <= 0) return Refusal.Invalid("补助金额应大于0。");
            var verdict = subsidyRule.Evaluate(Facts.From(new Dictionary<string, object?> { [subsidyRule.Fact!] = amount }), pack.Env);
            if (verdict.FirstOrDefault(r => r.Outcome == TechCenters.Policy.Outcome.Fail) is { } fail) return Refusal.Invalid(fail.Message + "。", subsidyRule.Article);
        }
        // The construction period is computed by the library, the same date the notice prints.
        var terms = ApprovalTerms.For(pack, ctx.Today);
        var years = terms.ConstructionYears;
        var note = $"批准文号{number}；中心名称{name}" + (years is null ? "" : $"；建设期{years}年") + (input.SubsidyYuan is { } s ? $"；认定补助{s:0.##}元" : "");
        var (move, refused) = ctx.Move(target.Id, note);
        if (refused is not null) return refused;
        var center = new Center
        {
            JurisdictionId = ctx.Case.JurisdictionId, ApplicationId = app.Id, Name = name, LeadUnitId = ctx.Case.LeadUnitId!.Value, LeadUnitName = ctx.Case.LeadUnit!.Name,
            DepartmentId = ctx.Case.DepartmentId,
            CoBuilders = app.CoBuilders.Select(c => new CenterCoBuilder { UnitId = c.UnitId, Core = c.Core, Position = c.Position }).ToList(),
            ApprovalNumber = number, ApprovedOn = ctx.Today, ConstructionYears = years,
            ConstructionEndsOn = terms.ConstructionEnds,
            SubsidyYuan = input.SubsidyYuan, PackVersion = ctx.Case.PackVersion, PackDocument = ctx.Case.PackDocument,
            CreatedAt = ctx.Now, CreatedBy = ctx.Actor.Scope.UserName,
        };
        return new Decision("已批准，技术创新中心已建立。")
        {
            Add = [center],
            Apply = [() => { app.CenterName = name; ctx.Case.Title = name; }, () => ctx.Case.Center = center],
            Steps = [new CaseStep(ctx, $"批准：{target.Name}", note, move!.Article, target)],
        };
    }
}
