using TechCenters.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Applications;

namespace TechCenters.Web.Features.PublicNotices;

/// <summary>提出异议: anyone, during the period, with a contact and a reason. The first objection moves the application to the pack's objection review.</summary>
public sealed class RaiseObjection(AppDbContext db, ApplicationWorkflow workflow, Clock clock)
{
    public async Task<WorkflowResult> RunAsync(int itemId, WorkflowActor actor, string? contact, string? reason, CancellationToken ct = default)
    {
        // load: the notice is public, so the application is loaded by its notice item, not by the actor's scope
        var item = await db.PublicNoticeItems.Include(i => i.Notice).FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null) return new(WorkflowStatus.NotFound, "公示名单中没有该项。");
        var app = await db.Applications.Include(a => a.LeadUnit).Include(a => a.Call)
            .Include(a => a.CoBuilders.OrderBy(c => c.Position)).ThenInclude(c => c.Unit)
            .AsSplitQuery().FirstAsync(a => a.Id == item.ApplicationId, ct);
        var pack = workflow.PackOf(app);
        var stages = ApplicationWorkflow.StagesOf(pack);
        var stage = stages.Stage(app.StageId)!;

        // decide
        var today = clock.Today;
        if (!item.Notice!.OpenOn(today))
            return new(WorkflowStatus.Conflict, $"公示期为{item.Notice.PublishedOn:yyyy年M月d日}至{item.Notice.EndsOn:yyyy年M月d日}，不在公示期内，不能提出异议。");
        if (app.Step is not (StageSteps.PublicNotice or StageSteps.ObjectionReview))
            return new(WorkflowStatus.Conflict, $"该申报当前处于“{stage.Name}”阶段，不能提出异议。");
        contact = contact?.Trim();
        reason = reason?.Trim();
        if (string.IsNullOrWhiteSpace(contact) || contact.Length < 5) return new(WorkflowStatus.Invalid, "请填写联系方式（电话或电子邮箱），以便核实和反馈。");
        if (string.IsNullOrWhiteSpace(reason) || reason.Length < 10) return new(WorkflowStatus.Invalid, "请写明异议理由（不少于10个字）。");
        if (reason.Length > 4000 || contact.Length > 200) return new(WorkflowStatus.Invalid, "联系方式或异议理由过长。");

        // save
        var objection = new Objection
        {
            NoticeId = item.NoticeId, ItemId = item.Id, ApplicationId = app.Id, Contact = contact, Reason = reason, RaisedAt = clock.UtcNow,
        };
        db.Objections.Add(objection);
        WorkflowResult result;
        var toReview = stages.Transitions.FirstOrDefault(t => t.From == app.StageId && stages.Stage(t.To)?.Step == StageSteps.ObjectionReview);
        if (toReview is not null)
            result = await workflow.MoveAsync(app, actor, toReview.To, app.Revision, "公示期内收到异议，认定暂停，待科技局处理", "收到异议", ct: ct);
        else
            result = await workflow.CommitAsync(app, actor,
                workflow.NewActivity(app, actor, "收到异议", stage, stage, pack, stage.Article, "公示期内收到异议，认定暂停，待科技局处理"), ct);
        if (!result.Ok && db.Entry(objection).State != EntityState.Detached) db.Entry(objection).State = EntityState.Detached;
        return result;
    }
}
