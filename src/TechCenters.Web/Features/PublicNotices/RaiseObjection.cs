using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Applications;

namespace TechCenters.Web.Features.PublicNotices;

/// <summary>提出异议: anyone, during the period, with a contact and a reason. The first objection moves the application to the pack's objection review.</summary>
public sealed class RaiseObjection(AppDbContext db, CaseKernel kernel)
{
    private const string Attempt = "提出异议";

    public async Task<WorkflowResult> RunAsync(int itemId, WorkflowActor actor, string? contact, string? reason, CancellationToken ct = default)
    {
        // load: the notice is public, so the case is reached through its notice item, not through the actor's scope
        var item = await db.PublicNoticeItems.Include(i => i.Notice).FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null) return await kernel.RefuseAsync(actor, Attempt, null, Refusal.NotFound("公示名单中没有该项。"), ct);
        var c = await db.Cases.Include(x => x.LeadUnit).Include(x => x.Parties).FirstAsync(x => x.Id == item.ApplicationId, ct);
        var ctx = await kernel.ContextAsync(c, actor, ct);
        return await kernel.FinishAsync(actor, Attempt, c.Id, Decide(ctx, item, contact, reason), ct);
    }

    /// <summary>Pure: the objection, and the move to objection review where the pack has one, or why not.</summary>
    public static CaseOutcome Decide(CaseContext ctx, PublicNoticeItem item, string? contact, string? reason)
    {
        if (!item.Notice!.OpenOn(ctx.Today))
            return Refusal.Conflict($"公示期为{item.Notice.PublishedOn:yyyy年M月d日}至{item.Notice.EndsOn:yyyy年M月d日}，不在公示期内，不能提出异议。");
        if (ctx.InStep("提出异议", StageSteps.PublicNotice, StageSteps.ObjectionReview) is { } order) return order;
        contact = contact?.Trim();
        reason = reason?.Trim();
        if (string.IsNullOrWhiteSpace(contact) || contact.Length < 5) return Refusal.Invalid("请填写联系方式（电话或电子邮箱），以便核实和反馈。");
        if (string.IsNullOrWhiteSpace(reason) || reason.Length < 10) return Refusal.Invalid("请写明异议理由（不少于10个字）。");
        if (reason.Length > 4000 || contact.Length > 200) return Refusal.Invalid("联系方式或异议理由过长。");

        var objection = new Objection { NoticeId = item.NoticeId, ItemId = item.Id, ApplicationId = ctx.Case.Id, Contact = contact, Reason = reason, RaisedAt = ctx.Now };
        var toReview = ctx.Process.Transitions.FirstOrDefault(t => t.From == ctx.Case.StageId && ctx.Process.Stage(t.To)?.Step == StageSteps.ObjectionReview);
        const string Note = "公示期内收到异议，认定暂停，待科技局处理";
        if (toReview is not null && ctx.Move(toReview.To, Note) is ({ } move, null))
            return new Decision("异议已提交。") { Add = [objection], Steps = [new CaseStep(ctx, "收到异议", Note, move.Article, ctx.Process.Stage(toReview.To))] };
        // Who objected and why stays with the bureau; the parties learn that approval waits.
        return new Decision("异议已提交。") { Add = [objection], Steps = [new CaseStep(ctx, "收到异议", Note, ctx.Stage.Article) { Audience = Audience.Parties }] };
    }
}
