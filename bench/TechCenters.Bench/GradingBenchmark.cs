using System.Diagnostics;
using System.Globalization;
using TechCenters.Policy;
using TechCenters.Policy.Rules;

namespace TechCenters.Bench;

/// <summary>
/// `-- --grading [n]`: grading a campaign of n (default 50,000) synthetic centers by 沧州's indicator table and bands —
/// the library's batch entry point (<see cref="Grader.Grade"/> per center and <see cref="Grader.GradeAll"/> over one span:
/// every leaf score checked and summed, then the band of the total) and its per-evaluation path with reasons
/// (<see cref="Grader.Evaluate"/>, as the web app's EvaluationRules.Grade) against a hand-written loop over the same scores,
/// same run. First proves every path (and the pack's plain Evaluate of both rules) gives the same total and grade for every
/// center; prints the best of three rounds of each and the ratio.
/// </summary>
public static class GradingBenchmark
{
    public static int Run(int n)
    {
        var pack = PolicyCatalog.Load(PolicyCatalog.FindPoliciesRoot()).Versions("cangzhou")[^1];
        var table = pack.Rules.OfType<IndicatorsRule>().Single(r => r.Area == "evaluation");
        var bands = pack.Rules.OfType<GradeBandsRule>().Single(r => r.Area == "evaluation");
        var leaves = table.Leaves.ToArray();
        var rnd = new Random(20260101);
        // Scores in steps of 0.5 within each leaf's range around a level per center (40%–105% of full marks, ±10% per leaf,
        // capped at the leaf's maximum): totals spread over every band, with many on or near 60 and 90.
        var scores = Enumerable.Range(0, n).Select(_ =>
        {
            var level = 0.4 + rnd.NextDouble() * 0.65;
            return leaves.Select(l => Math.Min(table.MaxScore(l), Math.Max(0, Math.Round((decimal)(level + (rnd.NextDouble() - 0.5) * 0.2) * table.MaxScore(l) * 2) / 2))).ToArray();
        }).ToArray();
        var facts = scores.Select(s => Facts.From(leaves.Select((l, i) => new KeyValuePair<string, object?>($"{table.ScoresFact}.{l.Id}", s[i])))).ToArray();
        string[] areas = ["evaluation"];
        string[] tableOnly = [table.Id];
        string[] both = [table.Id, bands.Id];

        // The pack's Evaluate of both rules as the web app called it before the Grader (the table, then table and bands on the
        // facts with the total): kept only as the reference every other path must agree with.
        (decimal Total, string Grade) Reference(int i)
        {
            var r = pack.Evaluate(facts[i], areas, tableOnly).Reasons[0];
            var total = decimal.Parse(r.Value!, CultureInfo.InvariantCulture);
            var band = pack.Evaluate(facts[i].With("evaluation.score", total), areas, both).Reasons.First(x => x.RuleId == bands.Id);
            return (total, band.Value!);
        }
        var grader = Grader.For(pack, "evaluation")!;
        // What the web app does per evaluation scored (EvaluationRules.Grade): the table's reason and the band's, with messages.
        (decimal Total, string Grade) Pack(int i)
        {
            var g = grader.FromVerdict(grader.Evaluate(facts[i]));
            return (g.Total, g.Grade!);
        }
        // The same rules written by hand: 0 ≤ score ≤ maximum for each leaf, sum, 90（含）以上优秀, 60（含）至不满90合格, 低于60不合格.
        var max = leaves.Select(table.MaxScore).ToArray();
        (decimal Total, string Grade) Hand(int i)
        {
            var s = scores[i];
            decimal total = 0;
            for (var k = 0; k < s.Length; k++)
            {
                if (s[k] < 0 || s[k] > max[k]) throw new InvalidOperationException("score out of range");
                total += s[k];
            }
            return (total, total >= 90 ? "优秀" : total >= 60 ? "合格" : "不合格");
        }

        // The library's batch entry point over the same pack rules (no facts, reasons or messages per center): the indicator
        // table's range check and total over the scores in leaf order, then the band of the total.
        (decimal Total, string Grade) Batch(int i)
        {
            var g = grader.Grade(scores[i]);
            if (g.Outcome != Outcome.Pass) throw new InvalidOperationException("score out of range");
            return (g.Total, g.Grade!);
        }
        // The whole campaign at once: every score in one flat array, one result per center.
        var flat = scores.SelectMany(s => s).ToArray();
        var results = new GradeResult[n];

        for (var i = 0; i < n; i++)
            if (Reference(i) != Hand(i) || Pack(i) != Hand(i) || Batch(i) != Hand(i))
            { Console.WriteLine($"center {i}: reference {Reference(i)}, pack {Pack(i)}, batch {Batch(i)} ≠ hand {Hand(i)}"); return 1; }
        grader.GradeAll(flat, results);
        for (var i = 0; i < n; i++)
            if ((results[i].Total, results[i].Grade) != Hand(i)) { Console.WriteLine($"center {i}: GradeAll {results[i]} ≠ hand {Hand(i)}"); return 1; }
        var grades = Enumerable.Range(0, n).GroupBy(i => Hand(i).Grade).ToDictionary(g => g.Key, g => g.Count());
        Console.WriteLine($"{n:N0} centers, {leaves.Length} leaf indicators each; pack and hand-written identical for every center ({string.Join("，", grades.Select(g => $"{g.Key} {g.Value:N0}"))})");

        double Best(Func<int, (decimal, string)> grade)
        {
            var best = double.MaxValue;
            for (var round = 0; round < 3; round++)
            {
                var sw = Stopwatch.StartNew();
                for (var i = 0; i < n; i++) grade(i);
                best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
            }
            return best;
        }
        var hand = Best(Hand);
        var batch = Best(Batch);
        var all = Best(i => { if (i == 0) grader.GradeAll(flat, results); return default; });
        var packed = Best(Pack);
        Console.WriteLine($"hand-written {hand:F1} ms   pack batch (Grader.Grade per center) {batch:F1} ms   ratio {batch / hand:F2}   " +
            $"pack batch (Grader.GradeAll, one span) {all:F1} ms   ratio {all / hand:F2}   pack Evaluate with reasons (Grader.Evaluate) {packed:F1} ms   ratio {packed / hand:F2}");
        return 0;
    }
}
