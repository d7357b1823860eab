using System.Globalization;
using TechCenters.Policy.Rules;

namespace TechCenters.Policy;

/// <summary>
/// One set of leaf scores graded without reasons. <see cref="Outcome"/> is what the indicator rule's reason would be: Pass
/// with the total (rounded to 0.01, as the reason states it) and the band of that total (null when the pack gives no bands);
/// otherwise the score of leaf <see cref="OutOfRangeLeaf"/> is below 0 or above its maximum — Fail, or NeedsJudgement where
/// the rule carries judgement words — and there is no total. The reasons are <see cref="Grader.Explain"/>'s.
/// </summary>
public readonly record struct GradeResult(Outcome Outcome, decimal Total, GradeBand? Band, int OutOfRangeLeaf)
{
    public string? Grade => Band?.Grade;
}

/// <summary>
/// Grading by a pack's indicator table (kind: indicators) and its score bands (kind: grade_bands) in one area: the batch
/// entry point for a whole campaign (<see cref="Grade"/>, <see cref="GradeAll"/>: scores in the table's leaf order, no
/// facts, no reasons, no messages) and the per-evaluation one with reasons (<see cref="Evaluate"/>, <see cref="Explain"/>,
/// what the pack's Evaluate of both rules gives). Both give the same total and grade for the same scores: the batch path
/// runs the same range check, sum and band test on arrays the rules compile once. Where either rule has an applies_when
/// condition (which needs facts), the batch path grades through <see cref="Evaluate"/> so it never differs.
/// </summary>
public sealed class Grader
{
    private readonly PolicyPack _pack;
    private readonly string[] _areas;
    private readonly string[] _tableOnly;
    private readonly bool _direct;

    public IndicatorsRule Table { get; }
    public GradeBandsRule? Bands { get; }

    /// <summary>The number of scores per evaluation (the table's leaves).</summary>
    public int LeafCount => Table.Leaves.Count;

    private Grader(PolicyPack pack, string area, IndicatorsRule table, GradeBandsRule? bands)
    {
        _pack = pack;
        _areas = [area];
        _tableOnly = [table.Id];
        Table = table;
        Bands = bands;
        _direct = table.AppliesWhen.Count == 0 && (bands is null || bands.AppliesWhen.Count == 0);
    }

    /// <summary>The grader of the pack's indicator table in <paramref name="area"/>, or null when the area has none (grades are then the evaluators' conclusion).</summary>
    public static Grader? For(PolicyPack pack, string area)
    {
        var table = pack.Rules.OfType<IndicatorsRule>().FirstOrDefault(r => r.Area == area);
        return table is null ? null : new Grader(pack, area, table, pack.Rules.OfType<GradeBandsRule>().FirstOrDefault(r => r.Area == area));
    }

    /// <summary>Grades one evaluation's scores, given in <see cref="IndicatorsRule.Leaves"/> order.</summary>
    public GradeResult Grade(ReadOnlySpan<decimal> scores)
    {
        if (!_direct)
        {
            var graded = FromVerdict(Evaluate(FactsOf(scores)));
            return graded.Outcome == Outcome.Pass ? graded : graded with { OutOfRangeLeaf = Table.OutOfRange(scores) };
        }
        var bad = Table.OutOfRange(scores);
        if (bad >= 0) return new(Table.Judgement ? Outcome.NeedsJudgement : Outcome.Fail, 0, null, bad);
        var total = Math.Round(Table.Total(scores), 2);
        return new(Outcome.Pass, total, Bands?.BandFor(total), -1);
    }

    /// <summary>Grades a campaign: <paramref name="scores"/> holds <see cref="LeafCount"/> scores per evaluation, one evaluation after another.</summary>
    public void GradeAll(ReadOnlySpan<decimal> scores, Span<GradeResult> results)
    {
        var n = LeafCount;
        if (scores.Length != results.Length * n)
            throw new ArgumentException($"{results.Length} 份评分应有 {results.Length * n} 项得分，实际为 {scores.Length} 项", nameof(scores));
        for (var i = 0; i < results.Length; i++) results[i] = Grade(scores.Slice(i * n, n));
    }

    /// <summary>The facts of one evaluation's scores (<c>&lt;scores_fact&gt;.&lt;leaf id&gt;</c>).</summary>
    public Facts FactsOf(ReadOnlySpan<decimal> scores)
    {
        if (scores.Length != LeafCount) throw new ArgumentException($"应有 {LeafCount} 项末级指标得分，实际为 {scores.Length} 项", nameof(scores));
        var values = new KeyValuePair<string, object?>[scores.Length];
        for (var k = 0; k < scores.Length; k++) values[k] = new($"{Table.ScoresFact}.{Table.Leaves[k].Id}", scores[k]);
        return Facts.From(values);
    }

    /// <summary>The reasons for one evaluation's scores, on demand (the same as <see cref="Evaluate"/> of <see cref="FactsOf"/>).</summary>
    public Verdict Explain(ReadOnlySpan<decimal> scores) => Evaluate(FactsOf(scores));

    /// <summary>
    /// The table's reason (range of every leaf, total with first-level subtotals) and, when it passes and the pack gives bands,
    /// the band's reason for the total — the pack's Evaluate of both rules with the total as the bands' fact, the table judged once.
    /// </summary>
    public Verdict Evaluate(Facts facts)
    {
        var table = _pack.Evaluate(facts, _areas, _tableOnly);
        if (Bands is null || table.Reasons.FirstOrDefault() is not { Outcome: Outcome.Pass, Value: { } value }) return table;
        var total = decimal.Parse(value, CultureInfo.InvariantCulture);
        var band = _pack.Evaluate(facts.With(Bands.Fact, total), _areas, [Bands.Id]);
        // In the order the pack lists the rules, as one Evaluate of both would give them.
        var reasons = new List<Reason>(table.Reasons.Count + band.Reasons.Count);
        var bandsFirst = IndexOf(Bands) < IndexOf(Table);
        reasons.AddRange(bandsFirst ? band.Reasons : table.Reasons);
        reasons.AddRange(bandsFirst ? table.Reasons : band.Reasons);
        return new Verdict(table.Jurisdiction, table.Version, table.Document, Verdict.Combine(reasons), reasons, table.Presumptions);
    }

    private int IndexOf(Rule rule)
    {
        for (var i = 0; i < _pack.Rules.Count; i++) if (ReferenceEquals(_pack.Rules[i], rule)) return i;
        return -1;
    }

    /// <summary>The total and grade a verdict of <see cref="Evaluate"/> gives.</summary>
    public GradeResult FromVerdict(Verdict v)
    {
        var r = v.Reasons.FirstOrDefault(x => x.RuleId == Table.Id);
        if (r is not { Outcome: Outcome.Pass, Value: { } value })
            return new(r is null || r.Outcome == Outcome.Pass ? Outcome.NeedsJudgement : r.Outcome, 0, null, -1);
        var total = decimal.Parse(value, CultureInfo.InvariantCulture);
        var grade = Bands is null ? null : v.Reasons.FirstOrDefault(x => x.RuleId == Bands.Id)?.Value;
        return new(Outcome.Pass, total, grade is null ? null : Bands!.Bands.FirstOrDefault(b => b.Grade == grade), -1);
    }
}
