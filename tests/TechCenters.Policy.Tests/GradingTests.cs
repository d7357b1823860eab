using System.Globalization;
using TechCenters.Policy.Rules;

namespace TechCenters.Policy.Tests;

/// <summary>
/// The batch grading entry point (Grader.Grade / GradeAll: scores in leaf order, no reasons) against the per-evaluation path
/// with reasons (Grader.Evaluate) and the pack's plain Evaluate of both rules: the same total and grade on both sides of
/// every band bound (沧州 59.99/60/89.99/90), rounding as the reason states the total, and out-of-range leaves refused.
/// </summary>
public class GradingTests
{
    private static PolicyPack Cangzhou => Catalogs.Repo.Versions("cangzhou").Single(p => p.Version == "2025-10-31");

    // Percent scale with bands: leaves weighted 5%, 5%, 90%; totals may carry three decimals before rounding.
    private static readonly Lazy<PolicyPack> PercentPack = new(() => TempPolicies.PackWith("evaluation", """
        - id: table
          topic: content
          kind: indicators
          title: 绩效评估指标体系
          article: 附件
          scores_fact: evaluation.indicator_scores
          scale: percent
          indicators:
            - id: organization
              name: 组织管理
              weight: 10%
              children:
                - { id: a, name: 组织体系, weight: 5%, points: [组成] }
                - { id: b, name: 管理制度, weight: 5%, points: [制度] }
            - { id: c, name: 研发产出, weight: 90%, points: [专利] }
        - id: bands
          topic: grade_bands
          kind: grade_bands
          title: 评估结果
          article: 第二十八条
          fact: evaluation.score
          bands:
            - { grade: 优秀, min: 90, min_bound: （含）以上, article: 第二十八条第一项 }
            - { grade: 合格, min: 60, min_bound: 不低于, max: 90, max_bound: 低于, article: 第二十八条第二项 }
            - { grade: 不合格, max: 60, max_bound: 低于, article: 第二十八条第三项 }
        """));

    /// <summary>沧州 leaf scores (points scale) adding up to <paramref name="total"/>: each leaf filled to its maximum in table order.</summary>
    private static decimal[] ScoresFor(IndicatorsRule table, decimal total)
    {
        var left = total;
        return [.. table.Leaves.Select(l => { var s = Math.Min(table.MaxScore(l), left); left -= s; return s; })];
    }

    /// <summary>The pack's Evaluate of the table, then of table and bands with the total (how the web app graded before the Grader).</summary>
    private static (decimal Total, string Grade) Reference(PolicyPack pack, Facts facts)
    {
        var table = pack.Rules.OfType<IndicatorsRule>().Single();
        var bands = pack.Rules.OfType<GradeBandsRule>().Single();
        var r = pack.Evaluate(facts, ["evaluation"], [table.Id]).Reasons.ShouldHaveSingleItem();
        r.Outcome.ShouldBe(Outcome.Pass);
        var total = decimal.Parse(r.Value!, CultureInfo.InvariantCulture);
        var band = pack.Evaluate(facts.With("evaluation.score", total), ["evaluation"], [table.Id, bands.Id]).Reasons.Single(x => x.RuleId == bands.Id);
        return (total, band.Value!);
    }

    [Theory]
    [InlineData("100", "优秀")]
    [InlineData("90", "优秀")]       // 90分（含）以上为优秀
    [InlineData("89.99", "合格")]    // 不满90分
    [InlineData("60", "合格")]       // 60分（含）为合格
    [InlineData("59.99", "不合格")]  // 低于60分
    [InlineData("0", "不合格")]
    public void Cangzhou_batch_and_reasons_agree_on_both_sides_of_every_bound(string totalText, string grade)
    {
        var total = decimal.Parse(totalText, CultureInfo.InvariantCulture);
        var grader = Grader.For(Cangzhou, "evaluation").ShouldNotBeNull();
        var scores = ScoresFor(grader.Table, total);

        var batch = grader.Grade(scores);
        batch.ShouldBe(new GradeResult(Outcome.Pass, total, batch.Band, -1));
        batch.Grade.ShouldBe(grade);
        batch.Band!.Article.ShouldStartWith("第二十八条");

        var verdict = grader.Explain(scores);
        verdict.Outcome.ShouldBe(Outcome.Pass);
        verdict.Reasons.Select(r => r.RuleId).ShouldBe([grader.Table.Id, grader.Bands!.Id]);
        verdict.Reasons[1].Value.ShouldBe(grade);
        verdict.Reasons[1].Message.ShouldBe($"评估得分 {totalText} 分，依{batch.Band.Article}为“{grade}”");
        grader.FromVerdict(verdict).ShouldBe(batch);
        Reference(Cangzhou, grader.FactsOf(scores)).ShouldBe((total, grade));
    }

    [Fact]
    public void Grading_a_campaign_at_once_gives_each_centers_grade()
    {
        var grader = Grader.For(Cangzhou, "evaluation")!;
        decimal[] totals = [100, 90, 89.99m, 60, 59.99m, 0, 75.5m];
        var flat = totals.SelectMany(t => ScoresFor(grader.Table, t)).ToArray();
        var results = new GradeResult[totals.Length];
        grader.GradeAll(flat, results);
        results.Select(r => (r.Total, r.Grade)).ShouldBe(
            [(100m, "优秀"), (90m, "优秀"), (89.99m, "合格"), (60m, "合格"), (59.99m, "不合格"), (0m, "不合格"), (75.5m, "合格")]);
        Should.Throw<ArgumentException>(() => grader.GradeAll(flat.AsSpan(1), results));
        Should.Throw<ArgumentException>(() => grader.Grade(flat.AsSpan(0, grader.LeafCount - 1)));
    }

    [Theory]
    [InlineData(0, "5.01")]   // above the leaf's 5分 (权重5%)
    [InlineData(0, "-0.5")]   // below 0
    [InlineData(14, "15.5")]  // above 15分
    [InlineData(18, "3.01")]  // the last leaf
    public void An_out_of_range_leaf_is_refused_by_both_paths(int leaf, string score)
    {
        var grader = Grader.For(Cangzhou, "evaluation")!;
        var scores = ScoresFor(grader.Table, 50);
        scores[leaf] = decimal.Parse(score, CultureInfo.InvariantCulture);

        var batch = grader.Grade(scores);
        batch.Outcome.ShouldBe(Outcome.Fail);
        batch.OutOfRangeLeaf.ShouldBe(leaf);
        batch.Grade.ShouldBeNull();

        var verdict = grader.Explain(scores);
        var r = verdict.Reasons.ShouldHaveSingleItem(); // no band for scores that are refused
        r.Outcome.ShouldBe(Outcome.Fail);
        r.Message.ShouldContain($"“{grader.Table.Leaves[leaf].Name}”得分 {score} 分");
        grader.FromVerdict(verdict).Outcome.ShouldBe(Outcome.Fail);
    }

    [Fact]
    public void A_leaf_at_exactly_its_maximum_or_zero_is_in_range()
    {
        var grader = Grader.For(Cangzhou, "evaluation")!;
        var scores = grader.Table.Leaves.Select(grader.Table.MaxScore).ToArray();
        grader.Grade(scores).ShouldBe(new GradeResult(Outcome.Pass, 100, grader.Bands!.BandFor(100), -1));
        grader.Grade(new decimal[grader.LeafCount]).Grade.ShouldBe("不合格");
        grader.Table.OutOfRange(scores).ShouldBe(-1);
    }

    [Theory]
    [InlineData(0, 0, 100, "90", "优秀")]
    [InlineData(99.9, 0, 99.9, "94.905", "优秀")]   // 4.995 + 89.91 = 94.905 → 94.9 (to even, as the reason states it)
    [InlineData(99.9, 99.9, 89.9, "90.9", "优秀")]
    [InlineData(0, 0.1, 99.99, "89.996", "优秀")]    // 0.005 + 89.991 = 89.996 → 90: the band of the total as stated
    [InlineData(0, 0, 99.99, "89.991", "合格")]      // 89.991 → 89.99
    [InlineData(0, 0, 66.66, "59.994", "不合格")]    // 59.994 → 59.99
    [InlineData(0, 0.1, 66.66, "59.999", "合格")]    // 59.999 → 60
    public void On_the_percent_scale_the_band_is_that_of_the_total_rounded_as_stated(double a, double b, double c, string unrounded, string grade)
    {
        var pack = PercentPack.Value;
        var grader = Grader.For(pack, "evaluation")!;
        decimal[] scores = [(decimal)a, (decimal)b, (decimal)c];
        grader.Table.Total(scores).ShouldBe(decimal.Parse(unrounded, CultureInfo.InvariantCulture));
        var batch = grader.Grade(scores);
        batch.Total.ShouldBe(Math.Round(decimal.Parse(unrounded, CultureInfo.InvariantCulture), 2));
        batch.Grade.ShouldBe(grade);
        grader.FromVerdict(grader.Explain(scores)).ShouldBe(batch);
        Reference(pack, grader.FactsOf(scores)).ShouldBe((batch.Total, grade));
    }

    [Fact]
    public void Leaves_are_indexed_in_table_order()
    {
        var t = Grader.For(Cangzhou, "evaluation")!.Table;
        for (var k = 0; k < t.Leaves.Count; k++) t.LeafIndex(t.Leaves[k].Id).ShouldBe(k);
        t.LeafIndex(t.Indicators[0].Id).ShouldBe(-1); // a first-level indicator is not scored
        t.LeafIndex("nonexistent").ShouldBe(-1);
    }

    [Fact]
    public void An_area_without_an_indicator_table_has_no_grader() =>
        Grader.For(Catalogs.Repo.Versions("chongqing-wanzhou")[^1], "evaluation").ShouldBeNull();
}
