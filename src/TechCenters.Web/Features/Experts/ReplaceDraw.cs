using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.ExpertReviews;
using TechCenters.Web.Features.Notifications;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Experts;

/// <summary>
/// 补抽专家: a member of a formed panel withdrew (专家申请回避) or has a conflict declared after the panel was formed;
/// the bureau draws the replacements with the same rules as the first draw — its field, every exclusion (and everyone who
/// is or was on the panel), the pack's size and composition counted with the members who stay — recorded with its seed,
/// candidates and exclusions and repeatable like any draw. Without a shortfall the drawn join the panel and are assigned
/// its applications (and told); with one, nothing joins and the record names the rule that could not be met.
/// </summary>
public sealed class ReplaceDraw(AppDbContext db, CaseKernel kernel)
{
    public const string Attempt = "补抽专家";

    public sealed record Outcome(WorkflowResult Result, PanelDraw? Draw);

    /// <summary>
    /// What the decision needs to know of a panel's member: their active assignments on its applications (ended with the
    /// decision when a conflict declared later takes them off), whether they have reviewed, and the assignment they left
    /// the panel by, if they did (<see cref="LeftAsync"/>).
    /// </summary>
    public sealed record Seat(int ExpertId, IReadOnlyList<CaseAssignment> Assignments, bool Reviewed, CaseAssignment? Left = null);

    public async Task<Outcome> RunAsync(WorkflowActor actor, int panelId, CancellationToken ct = default)
    {
        var panel = await db.ExpertPanels.AsNoTracking().Include(p => p.Members).Include(p => p.Assignments)
            .FirstOrDefaultAsync(p => p.Id == panelId && p.JurisdictionId == actor.Scope.JurisdictionId, ct);
        if (panel is null || panel.Assignments.Count == 0)
            return new(await kernel.RefuseAsync(actor, Attempt, null, Refusal.NotFound("专家组不存在。"), ct), null);
        PanelDraw? draw = null;
        var caseIds = panel.Assignments.Select(a => a.ApplicationId).ToList();
        var result = await kernel.RunManyAsync(caseIds, actor, Attempt, async (contexts, token) =>
        {
            var jurisdiction = panel.JurisdictionId;
            var pool = await db.Experts.AsNoTracking().Include(e => e.Relations).Where(e => e.JurisdictionId == jurisdiction).ToListAsync(token);
            var memberIds = panel.Members.Select(m => m.ExpertId).ToList();
            // Tracked: a member excluded for a conflict declared later has its active assignments ended with the decision.
            var assignments = await AssignmentsOf(db, caseIds).Where(a => memberIds.Contains(a.ExpertId!.Value) && a.EndedAt == null).ToListAsync(token);
            var left = await LeftAsync(db, [panel.Id], token);
            var reviewed = await db.ExpertReviews.Where(r => caseIds.Contains(r.ApplicationId)).Select(r => r.ExpertId).Distinct().ToListAsync(token);
            var seats = memberIds.Select(id => new Seat(id, assignments.Where(a => a.ExpertId == id).ToList(), reviewed.Contains(id),
                left.GetValueOrDefault((panel.Id, id)))).ToList();
            var draws = await db.Set<PanelDraw>().AsNoTracking().Where(d => d.PanelId == panel.Id).ToListAsync(token);
            var accounts = await db.Users.Where(u => u.ExpertId != null && u.JurisdictionId == jurisdiction)
                .Select(u => new FormPanel.ExpertAccount(u.Id, u.ExpertId!.Value)).ToListAsync(token);
            var outcome = Decide(contexts, panel, pool, seats, draws, accounts, PanelDrawing.NewSeed());
            if (outcome is Decision d) draw = d.Add.OfType<PanelDraw>().Single();
            return outcome;
        }, ct);
        return new(result, result.Ok ? draw : null);
    }

    /// <summary>The expert assignments on applications (a panel's), ended or not.</summary>
    public static IQueryable<CaseAssignment> AssignmentsOf(AppDbContext db, IReadOnlyCollection<int> caseIds) =>
        db.CaseAssignments.Where(a => caseIds.Contains(a.CaseId) && a.Role == CaseAssignment.ExpertRole && a.ExpertId != null);

    /// <summary>
    /// Who left which panel — the one reading for the replacement and the draw page's count alike: the ended expert
    /// assignments (申请回避, or taken off for a conflict declared later) on each panel's applications, grouped by
    /// (panel, expert), each the first assignment they left by. A member who left one panel's application has left that
    /// panel only, not every other panel they sit on.
    /// </summary>
    public static async Task<Dictionary<(int Panel, int Expert), CaseAssignment>> LeftAsync(AppDbContext db, IReadOnlyCollection<int> panelIds, CancellationToken ct)
    {
        var ended = await (from p in db.PanelAssignments.AsNoTracking()
                           where panelIds.Contains(p.PanelId)
                           join a in db.CaseAssignments.AsNoTracking() on p.ApplicationId equals a.CaseId
                           where a.Role == CaseAssignment.ExpertRole && a.ExpertId != null && a.EndedAt != null
                           orderby a.Id
                           select new { p.PanelId, Assignment = a }).ToListAsync(ct);
        return ended.GroupBy(x => (x.PanelId, x.Assignment.ExpertId!.Value)).ToDictionary(g => g.Key, g => g.First().Assignment);
    }

    /// <summary>Why a member is off the panel (withdrew, or a conflict now in effect and no review given yet), or null when they stay.</summary>
    public static string? Gone(Seat seat, Expert? expert, IReadOnlyList<PanelDrawing.CaseParties> cases, Recusal.Terms terms)
    {
        if (seat.Left is { } ended) return $"申请回避：{ended.EndReason ?? "未说明理由"}";
        if (expert is null) return "已不在本辖区专家库中";
        if (seat.Reviewed) return null;
        return cases.Select(c => Recusal.Conflict(expert, c.Parties, terms)).OfType<string>().FirstOrDefault() is { } conflict ? $"须回避：{conflict}" : null;
    }

    /// <summary>Pure: the replacement draw recorded (and, without a shortfall, the drawn on the panel), or why not.</summary>
    public static CaseOutcome Decide(IReadOnlyList<CaseContext> contexts, ExpertPanel panel, IReadOnlyList<Expert> pool, IReadOnlyList<Seat> seats,
        IReadOnlyList<PanelDraw> draws, IReadOnlyList<FormPanel.ExpertAccount> accounts, string seed)
    {
        foreach (var ctx in contexts)
        {
            if (ctx.As(Actors.Bureau, "补抽专家") is { } notMine) return notMine;
            if (ctx.InStep("补抽专家", StageSteps.ExpertReview) is { } order) return order with { Message = $"“{ctx.Case.Title}”：{order.Message}" };
        }
        var first = contexts[0];
        var terms = Recusal.Terms.Of(first.Pack, first.Today);
        var cases = contexts.Select(c => new PanelDrawing.CaseParties(c.DetailAs<Application>().CenterName, Recusal.PartiesOf(c.DetailAs<Application>()))).ToList();
        var byId = pool.ToDictionary(e => e.Id);
        var gone = seats.Select(s => (s.ExpertId, Why: Gone(s, byId.GetValueOrDefault(s.ExpertId), cases, terms))).ToList();
        var kept = gone.Where(g => g.Why is null).Select(g => byId[g.ExpertId]).ToList();
        // Seats: the members the panel was formed with; earlier replacements that joined fill seats of those who left.
        var joined = draws.Where(d => d.IsReplacement && d.Shortfall is null).Sum(d => d.Selected.Count);
        var needed = seats.Count - joined - kept.Count;
        if (needed <= 0) return Refusal.Conflict($"“{panel.Name}”没有申请回避或须回避的专家，无须补抽。");
        var excluded = gone.ToDictionary(g => g.ExpertId, g => g.Why is null ? "已在本专家组中" : $"已退出本专家组（{g.Why}）");
        var keptCandidates = kept.Select(e => new PanelDrawing.Candidate(e.Id, e.Name, e.Kind, e.Field, "")).ToList();
        var field = draws.Where(d => !d.IsReplacement).OrderBy(d => d.Id).FirstOrDefault()?.Field;
        var r = PanelDrawing.Draw(seed, pool, cases, first.Pack, terms, field, needed, excluded, keptCandidates);
        var draw = new PanelDraw
        {
            JurisdictionId = panel.JurisdictionId, CaseIds = string.Join(",", contexts.Select(c => c.Case.Id)), Field = field, Size = needed, Seed = seed,
            CandidatesJson = JsonSerializer.Serialize(r.Candidates, DrawPanel.Json), ExclusionsJson = JsonSerializer.Serialize(r.Exclusions, DrawPanel.Json),
            SelectedIds = string.Join(",", r.Selected), Shortfall = r.Shortfall, DrawnAt = first.Now, DrawnBy = first.Actor.Scope.UserName,
            PanelId = panel.Id, KeptJson = JsonSerializer.Serialize(keptCandidates, DrawPanel.Json),
        };
        var left = string.Join("；", gone.Where(g => g.Why is not null).Select(g => $"{byId.GetValueOrDefault(g.ExpertId)?.Name ?? $"专家{g.ExpertId}"}（{g.Why}）"));
        var drawn = r.Selected.Select(id => byId[id]).ToList();
        var names = string.Join("、", drawn.Select(e => $"{e.Name}（{e.Kind.ToChinese()}）"));
        var note = $"{panel.Name}补抽{needed}人；退出：{left}；随机种子{seed}；候选{r.Candidates.Count}人，排除{r.Exclusions.Count}人；" +
                   (r.Shortfall is null ? $"补入：{names}" : $"未能满足：{r.Shortfall}，未补入专家");
        var article = first.Pack.Rules.FirstOrDefault(x => x.Topic == "expert_panel" && x.Article is not null)?.Article ?? first.Stage.Article;
        var steps = contexts.Select(c => new CaseStep(c, Attempt, note, article) { Audience = Audience.Bureau }).ToList();
        if (r.Shortfall is not null)
            return new Decision($"补抽未能满足要求：{r.Shortfall}") { Add = [draw], Steps = steps };
        var now = first.Now;
        // A member excluded for a conflict declared after forming leaves the applications too (a withdrawal already did).
        var ending = seats.Where(s => gone.Any(g => g.ExpertId == s.ExpertId && g.Why is not null))
            .SelectMany(s => s.Assignments.Where(a => a.EndedAt is null).Select(a => (a, Why: gone.First(g => g.ExpertId == s.ExpertId).Why!))).ToList();
        return new Decision($"已补抽{drawn.Count}名专家并加入专家组，评审任务已分配给补入的专家。")
        {
            Add = [draw,
                .. drawn.Select(e => new PanelMember { PanelId = panel.Id, ExpertId = e.Id }),
                .. contexts.SelectMany(c => drawn.Select(e => new CaseAssignment
                    { CaseId = c.Case.Id, Role = CaseAssignment.ExpertRole, ExpertId = e.Id, AssignedAt = now, AssignedBy = c.Actor.Scope.UserName })),
                .. contexts.SelectMany(c => accounts.Where(a => drawn.Any(e => e.Id == a.ExpertId)).Select(a =>
                    Notification.ToReview(a.UserId, c.Case.Id, c.Case.Title, now, "科技局补抽您参加该申报的评审")))],
            Apply = [() => { foreach (var (a, why) in ending) { a.EndedAt = now; a.EndReason = why.Length > 500 ? why[..500] : why; } }],
            Steps = steps,
        };
    }
}
