using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Features.Lists;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Features.Overview;

/// <summary>One number of the overview and the filtered list behind it.</summary>
public sealed record Figure(string Label, int Count, string Url);

/// <summary>The cases of one kind: open and closed, and how many stand at each stage (in the process's order).</summary>
public sealed record KindFigures(string Kind, string Label, int Open, int Closed, IReadOnlyList<Figure> Stages)
{
    public int Total => Open + Closed;
}

/// <summary>A due item of the account's own centers/cases (what a center's staff see).</summary>
public sealed record DutyItem(string Kind, string Title, string Stage, DateOnly DueOn, bool Overdue, int Days, string Url);

/// <summary>
/// 总览: for the account's scope (<see cref="CaseScope"/>, <see cref="CenterScope"/>) as of today in Asia/Shanghai — cases of
/// every kind by stage (read generically from the case table and the pinned packs: a new kind appears with no code),
/// what falls due in the next 30 days and what is overdue, centers by status, field and department, applications per
/// year. Every number links to the list that shows exactly those rows.
/// </summary>
public sealed class OverviewModel(AppDbContext db, PolicyCatalog catalog, Clock clock, IEnumerable<ICaseKind> kinds) : PageModel
{
    public const int DutyLimit = 12;

    public DateOnly Today { get; private set; }
    public string ScopeName { get; private set; } = "";
    public UserScope Scope { get; private set; } = null!;
    public List<KindFigures> Kinds { get; } = [];
    public Figure Overdue { get; private set; } = null!;
    public Figure DueSoon { get; private set; } = null!;
    public Figure OpenCases { get; private set; } = null!;
    public List<Figure> CentersByStatus { get; } = [];
    public List<Figure> CentersByField { get; } = [];
    public List<Figure> CentersByDepartment { get; } = [];
    public List<Figure> ApplicationsByYear { get; } = [];
    public List<DutyItem> Duties { get; } = [];
    /// <summary>Centers in scope by their grade in the last confirmed evaluation round (in the pack's order of grades).</summary>
    public List<Figure> Grades { get; } = [];
    public LastRound? Round { get; private set; }
    public int CenterCount { get; private set; }

    /// <summary>The bureau and departments see the whole overview; a unit's staff see their centers and their duties.</summary>
    public bool Managing => Scope.Role is Roles.BureauOfficer or Roles.DepartmentOfficer;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Scope = UserScope.From(User);
        if (Scope.Role is not (Roles.BureauOfficer or Roles.DepartmentOfficer or Roles.Applicant)) return RedirectToPage("/Inbox/Index");
        Today = clock.Today;
        ScopeName = Scope.Role switch
        {
            Roles.BureauOfficer => await db.Jurisdictions.Where(j => j.Id == Scope.JurisdictionId).Select(j => j.BureauName).FirstOrDefaultAsync(ct),
            Roles.DepartmentOfficer => await db.Departments.Where(d => d.Id == Scope.DepartmentId).Select(d => d.Name).FirstOrDefaultAsync(ct) + "（含下级部门）",
            _ => await db.Units.Where(u => u.Id == Scope.UnitId).Select(u => u.Name).FirstOrDefaultAsync(ct),
        } ?? "";
        var names = new CaseNames(catalog, Scope, kinds);
        var cases = db.Cases.AsNoTracking().VisibleTo(db, Scope);

        await CaseFiguresAsync(cases, names, ct);
        var soon = Today.AddDays(Lists.CasesModel.DueSoonDays);
        Overdue = new("已逾期", await cases.CountAsync(c => c.Holder != null && c.DueOn != null && c.DueOn < Today, ct), $"/Lists/Cases?due={Lists.CasesModel.Overdue}");
        DueSoon = new($"{Lists.CasesModel.DueSoonDays}日内到期", await cases.CountAsync(c => c.Holder != null && c.DueOn != null && c.DueOn >= Today && c.DueOn <= soon, ct),
            $"/Lists/Cases?due={Lists.CasesModel.DueSoon}");
        OpenCases = new("在办事项", Kinds.Sum(k => k.Open), "/Lists/Cases?state=open");

        var due = await cases.Where(c => c.Holder != null && c.DueOn != null && c.DueOn <= soon).OrderBy(c => c.DueOn).ThenBy(c => c.Id).Take(DutyLimit)
            .Select(c => new { c.Id, c.Kind, c.Title, c.JurisdictionId, c.PackVersion, c.StageId, c.LeadUnitId, DueOn = c.DueOn!.Value }).ToListAsync(ct);
        Duties.AddRange(due.Select(c => new DutyItem(names.Kind(c.Kind), c.Title, names.StageName(c.JurisdictionId, c.PackVersion, c.Kind, c.StageId, c.LeadUnitId),
            c.DueOn, c.DueOn < Today, Math.Abs(c.DueOn.DayNumber - Today.DayNumber), names.Url(c.Id, c.Kind))));

        await CenterFiguresAsync(ct);
        if (Managing) await ApplicationsPerYearAsync(cases, ct);
        if (Managing) await GradesAsync(ct);
        return Page();
    }

    private async Task CaseFiguresAsync(IQueryable<Case> cases, CaseNames names, CancellationToken ct)
    {
        var groups = await cases.GroupBy(c => new { c.Kind, c.JurisdictionId, c.PackVersion, c.StageId, Open = c.Holder != null })
            .Select(g => new { g.Key.Kind, g.Key.JurisdictionId, g.Key.PackVersion, g.Key.StageId, g.Key.Open, Count = g.Count() }).ToListAsync(ct);
        var acts = names.Acts(Scope.UnitId);
        foreach (var kind in groups.Select(g => g.Kind).Distinct().OrderBy(KindOrder))
        {
            var ofKind = groups.Where(g => g.Kind == kind).ToList();
            // The stage's name and place in the process, from the pack each case is pinned to (the newest wins a tie).
            var stages = ofKind.GroupBy(g => g.StageId).Select(sg =>
            {
                var first = sg.OrderByDescending(g => g.PackVersion, StringComparer.Ordinal).First();
                var process = names.Pack(first.JurisdictionId, first.PackVersion)?.Process(kind);
                var stage = process?.Stage(sg.Key);
                var order = process is null || stage is null ? int.MaxValue : IndexOf(process.Stages, stage);
                return (Order: order, Figure: new Figure(stage?.NameFor(acts) ?? sg.Key, sg.Sum(g => g.Count),
                    $"/Lists/Cases?kind={Uri.EscapeDataString(kind)}&stage={Uri.EscapeDataString(sg.Key)}"));
            }).OrderBy(s => s.Order).ThenBy(s => s.Figure.Label, StringComparer.Ordinal).Select(s => s.Figure)
              // Stages of different pack versions may share a name: one figure per name keeps the overview readable.
              .GroupBy(f => f.Label).Select(f => f.Count() == 1 ? f.First() : new Figure(f.Key, f.Sum(x => x.Count),
                  $"/Lists/Cases?kind={Uri.EscapeDataString(kind)}" + string.Concat(f.Select(x => "&stage=" + x.Url[(x.Url.IndexOf("&stage=", StringComparison.Ordinal) + 7)..]))))
              .ToList();
            Kinds.Add(new KindFigures(kind, names.Kind(kind), ofKind.Where(g => g.Open).Sum(g => g.Count), ofKind.Where(g => !g.Open).Sum(g => g.Count), stages));
        }
    }

    /// <summary>Known kinds in the vocabulary's order; a kind added later follows them.</summary>
    private static int KindOrder(string kind) => ProcessKinds.All.ToList().IndexOf(kind) is var i && i >= 0 ? i : int.MaxValue;

    private static int IndexOf(IReadOnlyList<Stage> stages, Stage stage)
    {
        for (var i = 0; i < stages.Count; i++) if (stages[i].Id == stage.Id) return i;
        return int.MaxValue;
    }

    private async Task CenterFiguresAsync(CancellationToken ct)
    {
        var centers = db.Centers.AsNoTracking().VisibleTo(db, Scope);
        CenterCount = await centers.CountAsync(ct);
        foreach (var (key, label) in CenterStatusFilter.All)
            CentersByStatus.Add(new(label, await CenterStatusFilter.Where(centers, key, Today).CountAsync(ct), $"/Lists/Centers?status={key}"));
        var fields = await centers.GroupBy(c => c.Field).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        CentersByField.AddRange(fields.OrderByDescending(f => f.Count).ThenBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key is null
            ? new Figure("未填写", f.Count, $"/Lists/Centers?field={Lists.CentersModel.NoField}")
            : new Figure(f.Key, f.Count, $"/Lists/Centers?field={Uri.EscapeDataString(f.Key)}")));
        if (!Managing) return;
        var depts = await centers.GroupBy(c => c.DepartmentId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var ids = depts.Where(d => d.Key != null).Select(d => d.Key!.Value).ToList();
        var deptNames = await db.Departments.AsNoTracking().Where(d => ids.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, d => d.Active ? d.Name : d.Name + Organisation.DepartmentNode.InactiveMark, ct);
        CentersByDepartment.AddRange(depts.OrderByDescending(d => d.Count).Select(d => d.Key is { } id
            ? new Figure(deptNames.GetValueOrDefault(id, "—"), d.Count, $"/Lists/Centers?dept={id}")
            : new Figure("直接由科技局管理", d.Count, $"/Lists/Centers?dept={Units.IndexModel.DirectValue}")));
    }

    /// <summary>The last confirmed round's grades among the centers in scope, each linked to the centers list filtered by it.</summary>
    private async Task GradesAsync(CancellationToken ct)
    {
        Round = await LastRound.FindAsync(db, Scope.JurisdictionId, ct);
        if (Round is null) return;
        var centers = db.Centers.AsNoTracking().VisibleTo(db, Scope);
        var pack = await db.EvaluationCampaigns.Where(c => c.Id == Round.Id).Select(c => new { c.JurisdictionId, c.PackVersion }).FirstAsync(ct);
        var order = catalog.Versions(pack.JurisdictionId).FirstOrDefault(v => v.Version == pack.PackVersion) is { } p ? Evaluations.EvaluationRules.Grades(p).ToList() : [];
        foreach (var grade in Round.Grades.OrderBy(g => order.IndexOf(g) is var i && i >= 0 ? i : int.MaxValue).ThenBy(g => g, StringComparer.Ordinal))
            Grades.Add(new(grade, await Round.WithGrade(db, centers, grade).CountAsync(ct), $"/Lists/Centers?grade={Uri.EscapeDataString(grade)}"));
    }

    /// <summary>Applications opened per calendar year (Asia/Shanghai), from the first year on record to this one.</summary>
    private async Task ApplicationsPerYearAsync(IQueryable<Case> cases, CancellationToken ct)
    {
        var applications = cases.Where(c => c.Kind == ProcessKinds.Application);
        var first = await applications.OrderBy(c => c.CreatedAt).Select(c => (DateTimeOffset?)c.CreatedAt).FirstOrDefaultAsync(ct);
        if (first is null) return;
        for (var year = Math.Max(clock.DateOf(first.Value).Year, Today.Year - 9); year <= Today.Year; year++)
        {
            var from = clock.StartOf(new DateOnly(year, 1, 1));
            var to = clock.StartOf(new DateOnly(year + 1, 1, 1));
            ApplicationsByYear.Add(new($"{year}年", await applications.CountAsync(c => c.CreatedAt >= from && c.CreatedAt < to, ct),
                $"/Lists/Cases?kind={ProcessKinds.Application}&year={year}"));
        }
    }

    /// <summary>What a chart draws (ECharts, in wwwroot/js/overview.js): labels, values and where each bar leads.</summary>
    public static string Chart(string kind, string series, IEnumerable<Figure> figures)
    {
        var list = figures.ToList();
        return JsonSerializer.Serialize(new { kind, series, labels = list.Select(f => f.Label), values = list.Select(f => f.Count), links = list.Select(f => f.Url) });
    }
}
