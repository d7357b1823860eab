using System.Globalization;
using TechCenters.Policy;
using TechCenters.Policy.Rules;

namespace TechCenters.Web.Features.Evaluations;

/// <summary>
/// What a pack says about one evaluation, read through the library (pure; no jurisdiction is named here): who must take
/// part in a year and why, the total and grade of a set of indicator scores (or the evaluators' conclusion), the quota,
/// and the consequence of a grade — each with its article.
/// </summary>
public static class EvaluationRules
{
    public const string Area = "evaluation";

    public sealed record Participation(bool Included, string Reason, string? Article, string? Type);

    /// <summary>
    /// Whether a center approved on <paramref name="approvedOn"/> must take part in the <paramref name="year"/> round: by the
    /// pack's participation threshold (已认定两年及以上，按年度), its evaluation schedule (each year one kind), or its cycle.
    /// </summary>
    public static Participation For(PolicyPack pack, DateOnly approvedOn, int year)
    {
        var facts = Facts.From(new Dictionary<string, object?> { ["center.approved_on"] = approvedOn, ["evaluation.year"] = (decimal)year });
        if (pack.RuleOf<ThresholdRule>(Area, "participation") is { } threshold)
        {
            // Recognized after the campaign's year: no years recognized to count (not "-1 年"), so not in this round.
            if (year < approvedOn.Year)
                return new(false, $"本轮不属必评：认定晚于评估年度（{approvedOn:yyyy-MM-dd} 批复，晚于{year}年），不在{threshold.Title}范围（{threshold.Article}）",
                    threshold.Article, null);
            var r = pack.Evaluate(facts, [Area], [threshold.Id]).Reasons.FirstOrDefault();
            if (r is null) return new(false, $"无法判断是否须参评（{threshold.Article}）", threshold.Article, null);
            return r.Outcome switch
            {
                Outcome.Pass => new(true, $"须参评：{r.Message}", r.Article, null),
                Outcome.Fail => new(false, $"本轮不属必评：{r.Message}", r.Article, null),
                _ => new(true, $"待确认：{r.Message}", r.Article, null),
            };
        }
        if (pack.Rules.OfType<EvaluationScheduleRule>().FirstOrDefault(x => x.Area == Area) is { } schedule)
        {
            if (year <= approvedOn.Year)
                return new(false, year < approvedOn.Year
                    ? $"{approvedOn:yyyy-MM-dd} 批复，晚于{year}年，本年度无须评价（{schedule.Article}）"
                    : $"{approvedOn:yyyy-MM-dd} 批复，{year}年为批复当年，尚无评价年度（{schedule.Article}）", schedule.Article, null);
            var r = pack.Evaluate(facts, [Area], [schedule.Id]).Reasons.FirstOrDefault();
            if (r is null) return new(false, $"无法判断评价类型（{schedule.Article}）", schedule.Article, null);
            return r.Outcome == Outcome.Pass
                ? new(true, $"须参评：{r.Message}", r.Article, r.Value)
                : new(true, $"须参评，类型待确认：{r.Message}", r.Article, null);
        }
        var cycle = pack.RuleOf<PeriodRule>(Area, "cycle");
        var duty = pack.RuleOf<DutyRule>(Area, "participation");
        var article = string.Join("、", new[] { cycle?.Article, duty?.Article }.Where(a => a is not null).Distinct());
        if (cycle is null || cycle.Unit != "years")
            return new(true, $"须参评：{duty?.Text ?? "纳入绩效评估范围"}（{article}）", article, null);
        var n = (int)cycle.Value.Value;
        var years = year - approvedOn.Year;
        return years >= n && years % n == 0
            ? new(true, $"须参评：{approvedOn:yyyy-MM-dd} 批复，至{year}年满{years}年，为{n}年评估周期的评估年度（{cycle.Article}）", article, null)
            : new(false, $"本轮不属必评：{approvedOn:yyyy-MM-dd} 批复，{(years < 0 ? $"晚于{year}年" : years == 0 ? $"{year}年为批复当年" : $"至{year}年为第{years}年")}，未到{n}年评估周期（{cycle.Article}）", article, null);
    }

    public static IndicatorsRule? Indicators(PolicyPack pack) => pack.Rules.OfType<IndicatorsRule>().FirstOrDefault(r => r.Area == Area);
    public static GradeBandsRule? Bands(PolicyPack pack) => pack.Rules.OfType<GradeBandsRule>().FirstOrDefault(r => r.Area == Area);
    public static QuotaRule? Quota(PolicyPack pack) => pack.Rules.OfType<QuotaRule>().FirstOrDefault(r => r.Area == Area);

    /// <summary>The grades the pack defines, best first (grades rule, or the defined values of evaluation.grade).</summary>
    public static IReadOnlyList<string> Grades(PolicyPack pack) =>
        pack.Rules.OfType<GradesRule>().FirstOrDefault(r => r.Area == Area)?.Grades
        ?? pack.Rules.OfType<DefinedValuesRule>().FirstOrDefault(r => r.Area == Area && r.Fact == "evaluation.grade")?.Values
        ?? [];

    public static ConsequenceRule? ConsequenceOf(PolicyPack pack, string grade) =>
        pack.Rules.OfType<ConsequenceRule>().FirstOrDefault(r => r.Area == Area && r.Grade == grade);

    /// <summary>The result of grading: total (when the pack scores), grade, the library's verdict, or the refusal's message.</summary>
    public sealed record Graded(decimal? Score, string? Grade, Verdict? Verdict, string? Error);

    /// <summary>
    /// Grades one evaluation. With an indicator table: every leaf score is checked and summed by the library, and the band of
    /// the total is the grade. Without one: <paramref name="conclusion"/> is the evaluators' grade, checked against the pack's
    /// grades (a word the text does not define is refused, never guessed).
    /// </summary>
    public static Graded Grade(PolicyPack pack, IReadOnlyDictionary<string, decimal>? scores, string? conclusion)
    {
        if (Grader.For(pack, Area) is { } grader)
        {
            if (scores is null || scores.Count == 0) return new(null, null, null, "请填写各指标得分");
            var v = grader.Evaluate(Facts.From(scores.Select(s => new KeyValuePair<string, object?>($"{grader.Table.ScoresFact}.{s.Key}", s.Value))));
            var graded = grader.FromVerdict(v);
            if (graded.Outcome != Outcome.Pass)
                return new(null, null, v, v.Reasons.FirstOrDefault(r => r.RuleId == grader.Table.Id)?.Message ?? "指标得分不完整");
            if (grader.Bands is null) return new(graded.Total, null, v, $"{pack.Document}未规定得分与等级的对应关系，请填写评估等级");
            return new(graded.Total, graded.Grade, v, null);
        }
        var grades = Grades(pack);
        if (string.IsNullOrWhiteSpace(conclusion)) return new(null, null, null, $"请选择评估等级（{string.Join("、", grades)}）");
        var g = conclusion.Trim();
        var verdict = pack.Evaluate(Facts.From(new Dictionary<string, object?> { ["evaluation.grade"] = g }), [Area],
            pack.Rules.Where(x => x.Area == Area && x is GradesRule or DefinedValuesRule).Select(x => x.Id).ToList());
        if (!grades.Contains(g)) return new(null, null, verdict, $"“{g}”不是{pack.Document}规定的评估等级（{string.Join("、", grades)}）");
        return new(null, g, verdict, null);
    }

    /// <summary>The indicator scores as typed (a leaf id → score), or the Chinese error naming the indicator.</summary>
    public static (Dictionary<string, decimal>? Scores, string? Error) ParseScores(IndicatorsRule table, IReadOnlyDictionary<string, string?> typed)
    {
        var scores = new Dictionary<string, decimal>();
        foreach (var leaf in table.Leaves)
        {
            var raw = typed.GetValueOrDefault(leaf.Id)?.Trim();
            if (string.IsNullOrEmpty(raw)) return (null, $"指标“{leaf.Name}”未填写得分");
            if (!decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var s))
                return (null, $"指标“{leaf.Name}”的得分“{raw}”不是数字");
            var max = table.MaxScore(leaf);
            if (s < 0 || s > max) return (null, $"指标“{leaf.Name}”的得分 {raw} 超出范围（0 至 {max.ToString("0.##", CultureInfo.InvariantCulture)} 分）");
            scores[leaf.Id] = s;
        }
        return (scores, null);
    }

    /// <summary>The quota check of a confirmation: how many of the grade at most, and who (by score) exceeds it.</summary>
    public sealed record QuotaCheck(QuotaRule Rule, int Evaluated, int Allowed, int Count)
    {
        public bool Exceeded => Count > Allowed;
        public string Message => $"“{Rule.Grade}”名额{Rule.Bound.Phrase("参加评估数量的" + Rule.Value)}（{Rule.Article}）：{Evaluated}家参评最多{Allowed}家，现为{Count}家";
    }

    public static QuotaCheck? CheckQuota(PolicyPack pack, IEnumerable<string?> grades)
    {
        if (Quota(pack) is not { } q) return null;
        var list = grades.ToList();
        return new(q, list.Count, q.MaxAllowed(list.Count), list.Count(g => g == q.Grade));
    }

    /// <summary>The months of a rectification and the deadline from <paramref name="from"/> (the day after, to the corresponding day).</summary>
    public static DateOnly? RectificationDeadline(ConsequenceRule c, DateOnly from) =>
        c.RectificationMonths is { } m ? from.AddMonths(m) : null;
}
