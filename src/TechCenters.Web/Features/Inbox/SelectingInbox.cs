using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.ExpertReviews;

namespace TechCenters.Web.Features.Inbox;

/// <summary>待办 of the selecting half for experts: the assigned applications still waiting for their opinion.</summary>
public static class SelectingInbox
{
    public static async Task AddAsync(AppDbContext db, UserScope scope, List<TodoItem> todos, List<Stat> stats, CancellationToken ct)
    {
        if (scope.Role != Roles.Expert) return;
        var done = await db.ExpertReviews.Where(r => r.ExpertId == scope.ExpertId).Select(r => r.ApplicationId).ToListAsync(ct);
        var pending = await RecordReview.AssignedTo(db, scope).AsNoTracking().Include(a => a.LeadUnit)
            .Where(a => a.Step == StageSteps.ExpertReview && !done.Contains(a.Id)).OrderBy(a => a.Id).ToListAsync(ct);
        var i = stats.FindIndex(s => s.Label == "待评审");
        if (i >= 0) stats[i] = stats[i] with { Value = pending.Count.ToString(), Link = "/ExpertReviews" };
        if (pending.Count == 0) return;
        todos.RemoveAll(t => t.Title == "暂无分配的评审任务");
        todos.InsertRange(0, pending.Select(a => new TodoItem($"评审：{a.CenterName}", $"{a.LeadUnit?.Name} · 请提交评分和书面意见", "ti-clipboard-check", $"/ExpertReviews/Review?id={a.Id}")));
    }
}
