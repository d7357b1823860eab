using Shouldly;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Features.Evaluations;
using Xunit;

namespace TechCenters.Web.Tests.Features.Evaluations;

/// <summary>What each pack says about an evaluation, read through the library, on both sides of every bound.</summary>
public sealed class EvaluationRulesTests
{
    private static readonly Lazy<PolicyCatalog> Catalog = new(() => PolicyCatalog.Load(PolicyCatalog.FindPoliciesRoot()));
    private static PolicyPack Pack(string j) => Catalog.Value.Versions(j)[^1];

    /// <summary>Leaf scores of 沧州's table that add up to <paramref name="total"/> (fill leaves to their maximum in order).</summary>
    public static Dictionary<string, string?> ScoresFor(PolicyPack pack, decimal total)
    {
        var table = EvaluationRules.Indicators(pack)!;
        var left = total;
        var scores = new Dictionary<string, string?>();
        foreach (var leaf in table.Leaves)
        {
            var s = Math.Min(left, table.MaxScore(leaf));
            scores[leaf.Id] = s.ToString(System.Globalization.CultureInfo.InvariantCulture);
            left -= s;
        }
        left.ShouldBe(0m);
        return scores;
    }

    [Theory]
    [InlineData("59.99", "不合格")]
    [InlineData("60", "合格")]
    [InlineData("89.99", "合格")]
    [InlineData("90", "优秀")]
    public void Cangzhou_total_falls_in_its_band(string total, string grade)
    {
        var pack = Pack("cangzhou");
        var (r, error) = EvaluationActions.Score(pack, ScoresFor(pack, decimal.Parse(total)), null, null);
        error.ShouldBeNull();
        r.Score.ShouldBe(decimal.Parse(total));
        r.Grade.ShouldBe(grade);
        r.Verdict!.Version.ShouldBe(pack.Version);
        r.Verdict.Reasons.ShouldContain(x => x.RuleId == "grade-bands" && x.Article.StartsWith("第二十八条"));
    }

    [Fact]
    public void A_score_above_its_indicators_maximum_is_refused_naming_the_indicator()
    {
        var pack = Pack("cangzhou");
        var table = EvaluationRules.Indicators(pack)!;
        var scores = ScoresFor(pack, 80);
        var leaf = table.Leaves.First();
        scores[leaf.Id] = (table.MaxScore(leaf) + 0.01m).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (_, error) = EvaluationActions.Score(pack, scores, null, null);
        error.ShouldNotBeNull().ShouldContain(leaf.Name);
        error.ShouldContain("超出范围");
        scores[leaf.Id] = "abc";
        EvaluationActions.Score(pack, scores, null, null).Error.ShouldNotBeNull().ShouldContain("不是数字");
    }

    [Fact]
    public void Without_a_scoring_rule_the_grade_is_the_evaluators_conclusion_and_must_be_one_the_text_defines()
    {
        var pack = Pack("chongqing-wanzhou");
        EvaluationActions.Score(pack, new Dictionary<string, string?>(), "优秀", null).Error.ShouldNotBeNull().ShouldContain("评估结论");
        EvaluationActions.Score(pack, new Dictionary<string, string?>(), "合格", "理由").Error.ShouldNotBeNull().ShouldContain("不是");
        var (r, error) = EvaluationActions.Score(pack, new Dictionary<string, string?>(), "良好", "各项指标完成较好");
        error.ShouldBeNull();
        (r.Grade, r.Score).ShouldBe(("良好", (decimal?)null));
    }

    [Theory]
    [InlineData(4, 0)]
    [InlineData(5, 1)]
    [InlineData(9, 1)]
    [InlineData(10, 2)]
    public void Wanzhou_excellent_quota_is_twenty_percent_rounded_down(int evaluated, int allowed)
    {
        var pack = Pack("chongqing-wanzhou");
        var all = EvaluationRules.CheckQuota(pack, Enumerable.Repeat<string?>("优秀", evaluated))!;
        all.Allowed.ShouldBe(allowed);
        all.Exceeded.ShouldBeTrue();
        all.Message.ShouldContain("第二十三条");
        EvaluationRules.CheckQuota(pack, Enumerable.Repeat<string?>("优秀", allowed).Concat(Enumerable.Repeat<string?>("良好", evaluated - allowed)))!.Exceeded.ShouldBeFalse();
        EvaluationRules.CheckQuota(pack, Enumerable.Repeat<string?>("优秀", allowed + 1).Concat(Enumerable.Repeat<string?>("良好", evaluated - allowed - 1)))!.Exceeded.ShouldBeTrue();
    }

    [Fact]
    public void Packs_without_a_quota_have_none() =>
        EvaluationRules.CheckQuota(Pack("cangzhou"), ["优秀", "优秀"]).ShouldBeNull();

    [Fact]
    public void Cangzhou_participation_on_both_sides_of_two_recognized_years()
    {
        var pack = Pack("cangzhou");
        var one = EvaluationRules.For(pack, new DateOnly(2025, 1, 1), 2026);
        var two = EvaluationRules.For(pack, new DateOnly(2024, 12, 31), 2026);
        one.Included.ShouldBeFalse();
        one.Reason.ShouldContain("第二十六条");
        two.Included.ShouldBeTrue();
        two.Article.ShouldBe("第二十六条");
    }

    [Theory]
    [InlineData("xpcc-12th-division", 2, false)]
    [InlineData("xpcc-12th-division", 3, true)]
    [InlineData("xpcc-12th-division", 4, false)]
    [InlineData("xpcc-12th-division", 6, true)]
    [InlineData("chongqing-wanzhou", 3, true)]
    [InlineData("xinjiang", 3, true)]
    public void A_three_year_cycle_makes_every_third_year_an_evaluation_year(string j, int years, bool included)
    {
        var p = EvaluationRules.For(Pack(j), new DateOnly(2020, 6, 1), 2020 + years);
        p.Included.ShouldBe(included, p.Reason);
        p.Reason.ShouldContain(Pack(j).RuleOf<PeriodRule>("evaluation", "cycle")!.Article!);
    }

    [Fact]
    public void Hohhot_schedule_gives_each_year_its_kind_of_evaluation()
    {
        var pack = Pack("hohhot");
        var full = EvaluationRules.For(pack, new DateOnly(2024, 9, 1), 2027);
        (full.Included, full.Type).ShouldBe((true, "综合绩效评价"), full.Reason);
        var first = EvaluationRules.For(pack, new DateOnly(2024, 9, 1), 2024);
        first.Included.ShouldBeFalse();
        // 2025: not a cycle end; whether it is a funding milestone the center record does not say — included, kind left open.
        var other = EvaluationRules.For(pack, new DateOnly(2024, 9, 1), 2025);
        other.Included.ShouldBeTrue();
        other.Reason.ShouldContain("待确认");
    }

    [Theory]
    [InlineData("xpcc-12th-division", "基本合格", 12)]
    [InlineData("xinjiang", "较差", 12)]
    [InlineData("hohhot", "不合格", 12)]
    [InlineData("chongqing-wanzhou", "较差", 6)]
    public void Rectification_deadlines_follow_each_pack(string j, string grade, int months)
    {
        var c = EvaluationRules.ConsequenceOf(Pack(j), grade)!;
        c.Rectifies.ShouldBeTrue();
        EvaluationRules.RectificationDeadline(c, new DateOnly(2026, 3, 2)).ShouldBe(new DateOnly(2026, 3, 2).AddMonths(months));
        Pack(j).Process(ProcessKinds.Rectification).ShouldNotBeNull();
    }

    [Fact]
    public void Every_pack_gives_an_evaluation_process_ending_in_a_confirmed_grade()
    {
        foreach (var j in Catalog.Value.Jurisdictions)
        {
            var process = Pack(j).Process(ProcessKinds.Evaluation).ShouldNotBeNull(j);
            process.Stages.ShouldContain(s => s.Step == StageSteps.Scoring, j);
            process.Stages.ShouldContain(s => s.IsApproval, j);
        }
    }
}
