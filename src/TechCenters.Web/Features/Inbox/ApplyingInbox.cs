using TechCenters.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Calls;

namespace TechCenters.Web.Features.Inbox;

/// <summary>待办 of the applying half: applications whose move is this role's (with their deadline), and open calls for applicants.</summary>
public static class ApplyingInbox
{
    public static async Task AddAsync(AppDbContext db, PolicyCatalog catalog, Clock clock, UserScope scope, List<TodoItem> todos, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var actors = ActorRoles.ActorsOf(scope.Role);
        if (actors.Length == 0) return;
        var waiting = await db.Applications.AsNoTracking().VisibleTo(scope)
            .Where(a => a.Holder != null && actors.Contains(a.Holder))
            .Include(a => a.LeadUnit).Include(a => a.Call)
            .OrderBy(a => a.UpdatedAt).Take(20).ToListAsync(ct);
        var items = new List<TodoItem>();
        foreach (var a in waiting)
        {
            var pack = catalog.Versions(a.JurisdictionId).First(v => v.Version == a.PackVersion);
            var stage = pack.Stages!.Stage(a.StageId)!;
            var days = (int)Math.Floor((now - a.UpdatedAt).TotalDays);
            var deadline = scope.Role == Roles.Applicant
                ? (a.ReturnReason is not null ? "已退回修改，请修改后重新提交" : $"申报截止 {clock.Format(a.Call!.ClosesAt)}")
                : $"已等待 {days} 天（{stage.Article}）";
            var title = stage.Step == Policy.Rules.StageSteps.ExpertReview ? $"等待专家评审：{a.CenterName}" : $"{stage.Name}：{a.CenterName}";
            items.Add(new TodoItem(title, $"{a.LeadUnit!.Name} · {deadline}", "ti-file-text", $"/Applications/{a.Id}"));
        }
        if (scope.Role == Roles.Applicant && scope.JurisdictionId is not null)
        {
            var calls = await db.Calls.AsNoTracking().Where(c => c.JurisdictionId == scope.JurisdictionId).ToListAsync(ct);
            foreach (var c in calls.Where(c => c.IsOpen(now)).OrderBy(c => c.ClosesAt))
                items.Add(new TodoItem($"申报通知：{c.Title}", $"受理中，截止 {clock.Format(c.ClosesAt)}（北京时间）", "ti-speakerphone", $"/Calls/{c.Id}"));
        }
        todos.InsertRange(0, items);
    }
}
