using System.Globalization;
using TechCenters.Policy;
using TechCenters.Policy.Rules;

namespace TechCenters.Web.Features.AnnualReports;

/// <summary>
/// What a center's pack says about its annual report, read from the pack (never from the jurisdiction): whether one is
/// owed for a year, by when, its content outline, the figures it states, the consistency checks on them, and what a late
/// or missing report is in the pack's terms. Pure.
/// </summary>
public static class AnnualReportRules
{
    public const string Area = "reporting";
    public const string YearFact = "annual_report.year";
    public const string SubmittedOnFact = "annual_report.submitted_on";
    public const string DepartmentEvaluatedFact = "annual_report.department_evaluated_this_year";

    /// <summary>Whether a report is owed for a year, its due day (null: the pack sets none), and the article, in Chinese.</summary>
    public sealed record Owed(bool IsOwed, DateOnly? DueOn, string? Article, string Why);

    /// <summary>
    /// The pack's schedule for a year: no annual_report process → none owed (沧州); a deadline whose applies_when fails for
    /// the year (呼和浩特: a department evaluation that year) → none owed; a deadline → owed by its day (含当日, a weekend
    /// does not move it: the rule names no such shift); no deadline → owed, day to be notified (新疆).
    /// </summary>
    public static Owed Schedule(PolicyPack pack, int year, bool departmentEvaluated)
    {
        var process = pack.Process(ProcessKinds.AnnualReport);
        var due = pack.InArea(Area).FirstOrDefault(r => r.Topic == "due_date");
        if (process is null)
            return new(false, null, null, $"{pack.Document}未规定年度报告制度：{due?.Note ?? "本办法未规定向科技局报送年度报告"}");
        if (due is DeadlineRule d)
        {
            var facts = Facts.From(new Dictionary<string, object?> { [YearFact] = year, [DepartmentEvaluatedFact] = departmentEvaluated });
            if (d.AppliesWhen.Count > 0 && Condition.All(d.AppliesWhen, facts, out _) == false)
                return new(false, null, d.Article, $"{year}年度已开展部门评价，不再提交{d.Event}（{pack.Rule("self-evaluation-exemption")?.Article ?? d.Article}，{Condition.DescribeAll(d.AppliesWhen, pack.Env.Vocabulary)}方须提交）");
            var day = d.DueDate(year);
            return new(true, day, d.Article, $"{year}年度{d.Event}应于 {day:yyyy年M月d日}（{d.DayText}，含当日）前报送（{d.Article}）");
        }
        return new(true, null, process.Article, $"{year}年度报告应报送；{due?.Note ?? "管理办法未规定报送期限"}");
    }

    /// <summary>The content outline: the pack's list of report contents, or one free section where the pack lists none.</summary>
    public static IReadOnlyList<string> Outline(PolicyPack pack) =>
        pack.InArea(Area).OfType<ListRule>().FirstOrDefault(r => r.Topic == "content") is { Items.Count: > 0 } l
            ? l.Items : ["年度建设运行情况"];

    public static string? OutlineArticle(PolicyPack pack) => pack.InArea(Area).FirstOrDefault(r => r.Topic == "content")?.Article;

    /// <summary>The figures every report states: the vocabulary's annual_report number facts (the later evaluation reads them).</summary>
    public static IReadOnlyList<FactDefinition> Figures(Vocabulary v) =>
        v.Facts.Values.Where(f => f.Path.StartsWith("annual_report.", StringComparison.Ordinal) && f.Type == FactType.Number && f.Path != YearFact).ToList();

    /// <summary>A total with its parts (the vocabulary's derive: sum), and parts that cannot exceed their whole (其中).</summary>
    private static readonly (string Part, string Whole)[] Within =
    [
        ("annual_report.rd_staff", "annual_report.staff_total"),
        ("annual_report.major_projects", "annual_report.projects"),
    ];

    /// <summary>What blocks a submission (totals that do not add up, a part above its whole, a figure missing) and what only warns (a figure far from last year's).</summary>
    public sealed record Check(IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);

    public static Check Consistency(Vocabulary v, IReadOnlyDictionary<string, string> figures, IReadOnlyDictionary<string, string>? lastYear,
        IReadOnlyDictionary<string, string> content, IReadOnlyList<string> outline)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        foreach (var item in outline.Where(i => string.IsNullOrWhiteSpace(content.GetValueOrDefault(i))))
            errors.Add($"请填写报告内容“{item}”。");
        decimal? N(IReadOnlyDictionary<string, string>? d, string p) =>
            d is not null && d.TryGetValue(p, out var s) && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var x) ? x : null;
        var defs = Figures(v);
        foreach (var f in defs.Where(f => N(figures, f.Path) is null && f.Derive is null))
            errors.Add($"请填写“{f.Label}”（没有的填 0）。");
        foreach (var f in defs.Where(f => f.Derive is { Kind: "sum" }))
        {
            var parts = f.Derive!.Inputs.Select(p => N(figures, p)).ToList();
            if (N(figures, f.Path) is { } total && parts.All(p => p is not null) && parts.Sum() != total)
                errors.Add($"“{f.Label}”填写 {Fmt(total)}，与各项来源之和 {Fmt(parts.Sum()!.Value)} 不一致，请核对（{string.Join(" + ", f.Derive.Inputs.Select(p => v.Fact(p)?.Label ?? p))}）。");
        }
        foreach (var (part, whole) in Within)
            if (N(figures, part) is { } p && N(figures, whole) is { } w && p > w)
                errors.Add($"“{v.Fact(part)?.Label}”（{Fmt(p)}）不能大于“{v.Fact(whole)?.Label}”（{Fmt(w)}）。");
        if (lastYear is not null)
            foreach (var f in defs)
                if (N(figures, f.Path) is { } now && N(lastYear, f.Path) is { } before && before > 0 && (now > before * 3 || now < before / 3))
                    warnings.Add($"“{f.Label}”由上年的 {Fmt(before)} 变为 {Fmt(now)}，变化超过三倍，请核实（不影响提交）");
        return new(errors, warnings);
    }

    /// <summary>The figures as typed on the form, each read against its definition; errors name the field in Chinese.</summary>
    public static (Dictionary<string, string> Values, List<string> Errors) Read(Vocabulary v, IReadOnlyDictionary<string, string?> typed) =>
        Read(Figures(v), typed);

    /// <summary>Values typed for these facts, each read against its definition (a blank is left out); errors in Chinese.</summary>
    public static (Dictionary<string, string> Values, List<string> Errors) Read(IEnumerable<FactDefinition> defs, IReadOnlyDictionary<string, string?> typed)
    {
        var values = new Dictionary<string, string>();
        var errors = new List<string>();
        foreach (var f in defs)
        {
            if (!typed.TryGetValue(f.Path, out var t) || string.IsNullOrWhiteSpace(t)) continue;
            var r = FactValues.Parse(f, t);
            if (r.Error is not null) errors.Add(r.Error);
            else if (r.Value is { Length: > 0 } ok) values[f.Path] = ok;
        }
        return (values, errors);
    }

    /// <summary>Timeliness of a submission on its Asia/Shanghai date: the pack's deadline rule judged, with its article.</summary>
    public static Verdict Timeliness(PolicyPack pack, int year, DateOnly submittedOn, bool departmentEvaluated)
    {
        var rules = pack.InArea(Area).Where(r => r.Topic == "due_date" && r.Evaluable).Select(r => r.Id).ToList();
        return rules.Count == 0 ? Empty(pack) : pack.Evaluate(Facts.From(new Dictionary<string, object?>
        {
            [YearFact] = year, [SubmittedOnFact] = submittedOn, [DepartmentEvaluatedFact] = departmentEvaluated,
        }), [Area], rules);
    }

    /// <summary>A verdict with no reasons: nothing in the pack judges this.</summary>
    public static Verdict Empty(PolicyPack pack) => new(pack.Jurisdiction, pack.Version, pack.Document, Outcome.Pass, []);

    /// <summary>
    /// What the pack makes of a late (or missing) report: the incidents vocabulary.yaml's process definition names, read
    /// by the pack's ground rules (第十二师 第二十二条第5项 → a ground the bureau decides on; 万州 第二十四条（四） only when
    /// not filed). An empty verdict: the pack makes nothing of it.
    /// </summary>
    public static Verdict Consequence(PolicyPack pack, bool missing)
    {
        var def = pack.Env.Vocabulary.Processes.GetValueOrDefault(ProcessKinds.AnnualReport);
        var incidents = (missing ? def?.Missing : def?.Late) ?? [];
        var rules = pack.Rules.Where(r => r.Evaluable && r.Topic == "grounds" && r.FactsRead.Intersect(incidents).Any()).Select(r => r.Id).ToList();
        if (rules.Count == 0) return Empty(pack);
        var facts = Facts.From(incidents.ToDictionary(i => i, _ => (object?)true));
        var v = pack.Evaluate(facts, null, rules);
        return v;
    }

    public static string Fmt(decimal d) => d.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>The report's figures as written in it, one line each: “研发人员数：36 人” (— where a figure is not stated).</summary>
    public static IEnumerable<string> FigureLines(Vocabulary v, IReadOnlyDictionary<string, string> values) =>
        Figures(v).Select(f => $"{f.Label}：{(values.TryGetValue(f.Path, out var s) && decimal.TryParse(s, CultureInfo.InvariantCulture, out var d) ? Fmt(d) : "—")} {f.Unit}");
}
