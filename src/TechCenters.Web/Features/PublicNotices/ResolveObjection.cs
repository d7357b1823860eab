using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;

namespace TechCenters.Web.Features.PublicNotices;

/// <summary>异议处理: the bureau records how an objection was resolved (成立 / 不成立) — on the timeline and in the audit.</summary>
public sealed class ResolveObjection(AppDbContext db, CaseKernel kernel)
{
    private const string Attempt = "处理异议";

    public async Task<WorkflowResult> RunAsync(int objectionId, WorkflowActor actor, bool? upheld, string? resolution, CancellationToken ct = default)
    {
        var caseId = await db.Objections.Where(o => o.Id == objectionId).Select(o => (int?)o.ApplicationId).FirstOrDefaultAsync(ct);
        if (caseId is null) return await kernel.RefuseAsync(actor, Attempt, null, Refusal.NotFound("异议不存在或不在您的管辖范围内。"), ct);
        return await kernel.RunAsync(caseId.Value, actor, null, Attempt, async (ctx, token) =>
            Decide(ctx, await db.Objections.FirstAsync(o => o.Id == objectionId, token), upheld, resolution), ct);
    }

    /// <summary>Pure: the resolution recorded, or why not.</summary>
    public static CaseOutcome Decide(CaseContext ctx, Objection objection, bool? upheld, string? resolution)
    {
        if (ctx.As(Actors.Bureau, "异议处理") is { } notMine) return notMine;
        if (objection.Upheld is not null) return Refusal.Conflict("该异议已经处理。");
        if (upheld is null) return Refusal.Invalid("请选择异议是否成立。");
        if (string.IsNullOrWhiteSpace(resolution)) return Refusal.Invalid("请填写处理结果（核查情况和结论）。");
        var text = resolution.Trim();
        var article = ctx.Pack.Rules.FirstOrDefault(r => r.Topic == "objection" && r.Article is not null)?.Article ?? ctx.Stage.Article;
        return new Decision("异议处理结果已记录。")
        {
            Apply = [() =>
            {
                objection.Upheld = upheld;
                objection.Resolution = text;
                objection.ResolvedAt = ctx.Now;
                objection.ResolvedBy = ctx.Actor.Scope.UserName;
            }],
            Steps = [new CaseStep(ctx, upheld.Value ? "异议处理：异议成立" : "异议处理：异议不成立", text, article)],
        };
    }
}
