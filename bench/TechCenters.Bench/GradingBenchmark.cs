using System.Diagnostics;
using System.Globalization;
using TechCenters.Policy;
using TechCenters.Policy.Rules;

namespace TechCenters.Bench;

/// <summary>
/// `-- --grading [n]`: grading a campaign of n (default 50,000) synthetic centers by 沧州's indicator table and bands —
/// the pack-driven batch (the library sums and checks every leaf score, then the band rule gives the grade, as the web
/// app's EvaluationRules.Grade does) against a hand-written loop over the same scores, same run. First proves both give
/// the same total and grade for every center; prints the best of three rounds of each and the ratio.
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
        // Scores in steps of 0.5 within each leaf's range: totals spread over every band.
        var scores = Enumerable.Range(0, n).Select(_ => leaves.Select(l => Math.Round((decimal)rnd.NextDouble() * table.MaxScore(l) * 2) / 2).ToArray()).ToArray();
        var facts = scores.Select(s => Facts.From(leaves.Select((l, i) => new KeyValuePair<string, object?>($"{table.ScoresFact}.{l.Id}", s[i])))).ToArray();
        string[] areas = ["evaluation"];
        string[] tableOnly = [table.Id];
        string[] both = [table.Id, bands.Id];

        (decimal Total, string Grade) Pack(int i)
        {
            var r = pack.Evaluate(facts[i], areas, tableOnly).Reasons[0];
            var total = decimal.Parse(r.Value!, CultureInfo.InvariantCulture);
            var band = pack.Evaluate(facts[i].With("evaluation.score", total), areas, both).Reasons.First(x => x.RuleId == bands.Id);
            return (total, band.Value!);
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

        // The library's batch API over the same pack rules (no reasons or messages per center): the indicator table's range
        // check and total, then the band rule's band.
        var index = leaves.Select((l, k) => (l.Id, k)).ToDictionary(x => x.Id, x => x.k);
        (decimal Total, string Grade) Batch(int i)
        {
            var s = scores[i];
            for (var k = 0; k < s.Length; k++)
                if (s[k] < 0 || s[k] > table.MaxScore(leaves[k])) throw new InvalidOperationException("score out of range");
            var total = table.Total(id => s[index[id]]);
            return (total, bands.BandFor(total)!.Grade);
        }

        for (var i = 0; i < n; i++)
            if (Pack(i) != Hand(i) || Batch(i) != Hand(i)) { Console.WriteLine($"center {i}: pack {Pack(i)} ≠ hand {Hand(i)}"); return 1; }
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
        var packed = Best(Pack);
        Console.WriteLine($"hand-written {hand:F1} ms   pack batch (Total + BandFor) {batch:F1} ms   ratio {batch / hand:F2}   pack Evaluate with reasons {packed:F1} ms   ratio {packed / hand:F2}");
        return 0;
    }
}
