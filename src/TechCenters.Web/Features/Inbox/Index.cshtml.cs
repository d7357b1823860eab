using TechCenters.Policy.Rules;
using TechCenters.Web.Infrastructure;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Inbox;

public sealed record Stat(string Label, string Value, string Icon, string Color, string? Link = null);
public sealed record TodoItem(string Title, string Detail, string Icon, string? Link = null);

/// <summary>工作台（待办）: what this role has to do and the figures of its scope.</summary>
public sealed class IndexModel(AppDbContext db, Clock clock, IMemoryCache cache, TechCenters.Policy.PolicyCatalog catalog, IEnumerable<ICaseKind> kinds) : PageModel
{
    private static readonly TimeSpan FiguresLifetime = TimeSpan.FromMinutes(1);

    private sealed record ScopeFigures(Dictionary<UnitType, int> UnitsByType, int People);
    private sealed record BureauFigures(int Departments, Dictionary<ExpertiseKind, int> Experts);

    public UserScope Scope { get; private set; } = null!;
    public string Greeting { get; private set; } = "";
    public string ScopeName { get; private set; } = "";
    public List<Stat> Stats { get; } = [];
    public List<TodoItem> Todos { get; } = [];
    public List<AuditEntry> Recent { get; private set; } = [];
    public List<(string Type, int Count)> ByType { get; } = [];
    public Clock Clock => clock;

    /// <summary>
    /// The bureau's first step on a submitted application as the pack in force names it (沧州 受理与初审, 万州 咨询论证 …), and who
    /// passes it on: a pack without intake review has none to show, and not every pack's recommender is 归口管理部门.
    /// </summary>
    private TodoItem? FirstBureauStep(string jurisdiction)
    {
        // The version in force today, else the one nearest to it (expired, between versions, not yet in force); none for a
        // jurisdiction without a pack.
        if (catalog.For(jurisdiction, clock.Today).Nearest is not { } pack) return null;
        if (pack.Stages is not { } process || process.FirstOf(StageSteps.Application) is not { } stage) return null;
        string? recommender = null;
        for (var seen = new HashSet<string>(); seen.Add(stage.Id);)
        {
            if (process.Transitions.FirstOrDefault(t => t.From == stage.Id && process.Stage(t.To) is { Final: false }) is not { } next) return null;
            stage = process.Stage(next.To)!;
            if (stage.Actor == Actors.Bureau)
                return new(stage.Name, recommender is null ? $"{pack.Env.Actor(Actors.LeadUnit)}提交的申报将在此出现（{stage.Article}）。"
                    : $"经{recommender}推荐的申报将在此出现（{stage.Article}）。", "ti-file-check", "/Applications");
            if (stage.Actor == Actors.Department) recommender = pack.Env.Actor(Actors.Department);
        }
        return null;
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Scope = UserScope.From(User);
        // What waits for this account, over every kind of case, in one query.
        var waiting = await CaseInbox.LoadAsync(db, catalog, kinds, clock, Scope, 20, ct);
        // What an expert does on each kind of case, as the kind names it (评审, 评估).
        var work = kinds.Where(k => k.ExpertWork is not null).ToDictionary(k => k.Kind, k => k.ExpertWork!);
        var hour = clock.ToLocal(clock.UtcNow).Hour;
        Greeting = hour < 12 ? "上午好" : hour < 18 ? "下午好" : "晚上好";
        ScopeName = Scope.Role is null ? "" : Roles.ToChinese(Scope.Role);

        if (Scope.CanSeeUnits)
        {
            // Counting a jurisdiction's units and people costs more than the rest of the page (see docs/performance.md);
            // the figures are an overview, so they are kept for a minute per scope. 待办 items below are always live.
            var figures = await cache.GetOrCreateAsync($"inbox-figures:{Scope.Role}:{Scope.JurisdictionId}:{Scope.DepartmentId}:{Scope.UnitId}", async entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = FiguresLifetime;
                var units = db.Units.AsNoTracking().VisibleTo(Scope);
                var groups = await units.GroupBy(u => u.Type).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
                var people = await db.People.AsNoTracking().VisibleTo(Scope).CountAsync(ct);
                return new ScopeFigures(groups.ToDictionary(g => g.Key, g => g.Count), people);
            });
            var total = figures!.UnitsByType.Values.Sum();
            if (Scope.Role != Roles.Applicant)
                foreach (var t in Enum.GetValues<UnitType>())
                    ByType.Add((t.ToChinese(), figures.UnitsByType.GetValueOrDefault(t)));
            var people = figures.People;
            Stats.Add(new("单位", total.ToString("N0"), "ti-building", "bg-primary", "/Units"));
            Stats.Add(new("人员", people.ToString("N0"), "ti-users", "bg-green", "/Units/People"));
        }

        switch (Scope.Role)
        {
            case Roles.BureauOfficer:
                ScopeName = await Jurisdiction.BureauNameAsync(db, cache, Scope.JurisdictionId!, ct) ?? "";
                // Overview figures like the units above (kept a minute per jurisdiction); 待办 stays live.
                var bureau = (await cache.GetOrCreateAsync($"inbox-bureau-figures:{Scope.JurisdictionId}", async entry =>
                {
                    entry.AbsoluteExpirationRelativeToNow = FiguresLifetime;
                    var departments = await db.Departments.CountAsync(d => d.JurisdictionId == Scope.JurisdictionId, ct);
                    var kinds = await db.Experts.Where(e => e.JurisdictionId == Scope.JurisdictionId).GroupBy(e => e.Kind)
                        .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
                    return new BureauFigures(departments, kinds.ToDictionary(k => k.Key, k => k.Count));
                }))!;
                Stats.Add(new("归口管理部门", bureau.Departments.ToString("N0"), "ti-sitemap", "bg-azure"));
                Stats.Add(new("专家库", bureau.Experts.Values.Sum().ToString("N0"), "ti-user-star", "bg-orange", "/Experts"));
                Todos.Add(new("发布年度申报通知", "确定布局方向、重点领域与截止时间后发布。", "ti-speakerphone", "/Calls"));
                if (FirstBureauStep(Scope.JurisdictionId!) is { } first) Todos.Add(first);
                Todos.Add(new("组建评审专家组", $"专家库现有技术专家{bureau.Experts.GetValueOrDefault(ExpertiseKind.Technical)}人、管理专家{bureau.Experts.GetValueOrDefault(ExpertiseKind.Management)}人、财务专家{bureau.Experts.GetValueOrDefault(ExpertiseKind.Finance)}人。", "ti-users-group", "/ExpertReviews"));
                break;
            case Roles.DepartmentOfficer:
                ScopeName = await db.Departments.Where(d => d.Id == Scope.DepartmentId).Select(d => d.Name).FirstOrDefaultAsync(ct) ?? "";
                Todos.Add(new("审核推荐本地区申报", "辖内单位提交的申报书需审核并出具推荐意见。", "ti-file-check", "/Applications"));
                Todos.Add(new("审核年度报告", "辖内技术创新中心的年度报告需在截止日前审核。", "ti-report", "/AnnualReports"));
                Todos.Add(new("审核变更申请", "重大事项变更需归口管理部门审核后报科技局。", "ti-arrows-exchange", "/Changes"));
                break;
            case Roles.Applicant:
                ScopeName = await db.Units.Where(u => u.Id == Scope.UnitId).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "";
                Todos.Add(new("填写申报书与建设方案", "申报通知发布后，可在此起草并提交申报材料。", "ti-file-pencil", "/Applications"));
                Todos.Add(new("查看申报结果", "本单位申报的办理进度、退回意见与结果。", "ti-clipboard-check", "/Decisions"));
                Todos.Add(new("维护单位人员信息", "核对本单位人员的职称、职务与联系方式。", "ti-users", "/Units/People"));
                Todos.Add(new("提交年度报告", "已认定的中心须按期提交上一年度报告。", "ti-report", "/AnnualReports"));
                break;
            case Roles.Expert:
                var expert = await db.Experts.AsNoTracking().Include(e => e.Relations).ThenInclude(r => r.Unit)
                    .FirstOrDefaultAsync(e => e.Id == Scope.ExpertId, ct);
                ScopeName = expert is null ? "" : $"{expert.Name} · {expert.Kind.ToChinese()} · {expert.Field}";
                // What waits, named as each kind names its experts' work (评审, 评估); with nothing waiting, all they may be asked to do.
                var doing = work.Where(w => waiting.Any(x => x.Kind == w.Key)).Select(w => w.Value.Name).Distinct().ToList();
                Stats.Add(new("待" + string.Join("、", doing.Count > 0 ? doing : work.Values.Select(w => w.Name).Distinct()), waiting.Count.ToString(), "ti-clipboard-list", "bg-primary", "/ExpertReviews"));
                Stats.Add(new("已申报关联单位", (expert?.Relations.Count ?? 0).ToString(), "ti-link", "bg-orange"));
                if (waiting.Count == 0)
                    Todos.Add(new("暂无分配的评审任务", "科技局组建专家组后，分配给您的评审任务将出现在这里；与您所在或关联单位有关的申报会自动回避。", "ti-clipboard-check", "/ExpertReviews"));
                foreach (var r in expert?.Relations ?? [])
                    Todos.Add(new($"回避声明：{r.Unit?.Name}", $"关系：{r.Relation}。该单位的申报不会分配给您评审。", "ti-user-x"));
                break;
            case Roles.Evaluator:
                ScopeName = await db.EvaluatorMembers.Where(m => m.UserId == Scope.UserId)
                    .Join(db.EvaluatorOrganisations, m => m.OrganisationId, o => o.Id, (m, o) => o.Name).FirstOrDefaultAsync(ct) ?? "第三方评估机构";
                // The open evaluations the organisation is entrusted with now: the one scope decides (ADR 0011), not this page.
                var entrusted = await db.Cases.AsNoTracking().VisibleTo(db, Scope)
                    .CountAsync(c => c.Kind == ProcessKinds.Evaluation && c.ClosedAt == null, ct);
                Stats.Add(new("受托评估任务", entrusted.ToString(), "ti-chart-bar", "bg-primary", "/Evaluations"));
                if (waiting.Count == 0)
                    Todos.Add(entrusted == 0
                        ? new("暂无受托评估任务", "科技局委托绩效评估后，任务与评估指标将出现在这里。", "ti-chart-bar")
                        : new("受托评估任务暂无待办", $"受托的{entrusted}项评估目前不在本机构办理的环节（如待科技局确认结果）。", "ti-chart-bar", "/Evaluations"));
                break;
            case Roles.SystemAdmin:
                ScopeName = "系统管理";
                Stats.Add(new("账号", (await db.Users.CountAsync(ct)).ToString("N0"), "ti-users", "bg-primary", "/Admin/Users"));
                Stats.Add(new("辖区", (await db.Jurisdictions.CountAsync(ct)).ToString(), "ti-map", "bg-green"));
                Todos.Add(new("账号管理", "创建、停用账号并分配角色与管理范围。", "ti-user-cog", "/Admin/Users"));
                break;
            case Roles.SecurityAdmin:
                ScopeName = "安全管理";
                var now = clock.UtcNow;
                var locked = (await db.Users.AsNoTracking().Where(u => u.LockoutEnd != null).Select(u => u.LockoutEnd).ToListAsync(ct)).Count(e => e > now);
                Stats.Add(new("当前锁定账号", locked.ToString(), "ti-lock", locked > 0 ? "bg-red" : "bg-green", "/Admin/Security"));
                Todos.Add(new(locked > 0 ? $"{locked} 个账号处于锁定状态" : "没有被锁定的账号", "连续登录失败5次的账号锁定15分钟，可在安全管理中核实后解锁。", "ti-lock-open", "/Admin/Security"));
                break;
            case Roles.AuditAdmin:
                ScopeName = "安全审计";
                var count = await db.AuditEntries.CountAsync(ct);
                var failures = await db.AuditEntries.CountAsync(a => a.Outcome != AuditOutcome.Success, ct);
                Stats.Add(new("审计记录", count.ToString("N0"), "ti-list-details", "bg-primary", "/Audit"));
                Stats.Add(new("失败/拒绝", failures.ToString("N0"), "ti-alert-circle", "bg-red", "/Audit?outcome=失败"));
                Todos.Add(new("校验审计日志完整性", "逐条校验SM3哈希链，发现被篡改或删除的记录。", "ti-shield-check", "/Audit"));
                break;
        }

        Todos.InsertRange(0, waiting.Select(w =>
        {
            var expertWork = Scope.Role == Roles.Expert ? work.GetValueOrDefault(w.Kind) : null;
            return new TodoItem(expertWork is not null ? $"{expertWork.Name}：{w.Title}" : $"{w.StageName}：{w.Title}",
                $"{w.LeadName} · " + (w.ReturnReason is not null ? "已退回修改，请修改后重新提交"
                    : w.DueOn is { } due ? (w.Overdue ? $"已逾期（期限 {due:yyyy-MM-dd}）" : $"办理期限 {due:yyyy-MM-dd}")
                    : expertWork?.Ask ?? $"已等待 {w.WaitingDays} 天（{w.Article}）"),
                w.Overdue ? "ti-alert-triangle" : "ti-file-text", w.Url);
        }));
        if (Scope.Role == Roles.Applicant && Scope.JurisdictionId is not null)
        {
            var now = clock.UtcNow;
            var calls = await db.Calls.AsNoTracking().Where(c => c.JurisdictionId == Scope.JurisdictionId).ToListAsync(ct);
            Todos.InsertRange(waiting.Count, calls.Where(c => c.IsOpen(now)).OrderBy(c => c.ClosesAt).Select(c =>
                new TodoItem($"申报通知：{c.Title}", $"受理中，截止 {clock.Format(c.ClosesAt)}（北京时间）", "ti-speakerphone", $"/Calls/{c.Id}")));
        }

        Recent = await db.AuditEntries.AsNoTracking().Where(a => a.UserName == Scope.UserName)
            .OrderByDescending(a => a.Id).Take(6).ToListAsync(ct);
    }
}
