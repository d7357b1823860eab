using TechCenters.Policy.Rules;

namespace TechCenters.Policy.Tests;

/// <summary>kind: indicators — weights checked at load, each leaf score checked on both sides of its range, totals and subtotals.</summary>
public class IndicatorsTests
{
    // Points scale, as 沧州's 附件: a 二级指标 weighted 5% is scored 0–5分.
    private const string Points = """
        - id: table
          topic: content
          kind: indicators
          title: 测试指标体系
          article: 附件
          scores_fact: evaluation.indicator_scores
          scale: points
          indicators:
            - id: g1
              name: 组织管理
              weight: 10%
              children:
                - { id: a, name: 组织体系, weight: 5%, points: [组成与作用] }
                - { id: b, name: 管理制度, weight: 5%, points: [制度健全] }
            - id: g2
              name: 研发产出
              weight: 90%
              children:
                - { id: c, name: 专利, weight: 60%, points: [数量和质量] }
                - { id: d, name: 标准, weight: 30%, points: [数量和水平] }
        """;

    // Percent scale: every leaf scored 0–100 and weighted; a first-level indicator may itself be a leaf.
    private const string Percent = """
        - id: indicators
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
                - { id: org-system, name: 组织体系, weight: 5%, points: [组成人员范围、层次和作用] }
                - { id: org-rules, name: 管理制度, weight: 5%, points: [规章制度健全] }
            - { id: output, name: 研发产出, weight: 90%, points: [论文、专利、标准] }
        """;

    private static readonly Lazy<PolicyPack> PointsPack = new(() => TempPolicies.PackWith("evaluation", Points));
    private static readonly Lazy<PolicyPack> PercentPack = new(() => TempPolicies.PackWith("evaluation", Percent));

    private static Reason Evaluate(PolicyPack pack, string scores) =>
        pack.Evaluate(Facts.FromYaml($"evaluation: {{ indicator_scores: {{ {scores} }} }}", Catalogs.Repo.Vocabulary))
            .Reasons.ShouldHaveSingleItem();

    [Fact]
    public void On_the_points_scale_each_leaf_is_worth_its_weight_in_points()
    {
        var t = (IndicatorsRule)PointsPack.Value.Rule("table")!;
        t.Leaves.Select(t.MaxScore).ShouldBe([5m, 5m, 60m, 30m]);
        t.Indicators.Select(i => i.FullMarks).ShouldBe([10m, 90m]);
    }

    [Theory]
    [InlineData("5", Outcome.Pass)]      // 恰为该指标满分
    [InlineData("5.01", Outcome.Fail)]   // 超过权重对应分值
    [InlineData("0", Outcome.Pass)]      // 恰为 0 分
    [InlineData("-0.5", Outcome.Fail)]   // 负分
    public void A_points_score_may_reach_but_not_pass_the_indicators_points(string a, Outcome expected) =>
        Evaluate(PointsPack.Value, $"a: {a}, b: 5, c: 60, d: 30").Outcome.ShouldBe(expected);

    [Fact]
    public void Out_of_range_scores_are_named_with_the_limit_they_break()
    {
        Evaluate(PointsPack.Value, "a: 5.5, b: 5, c: 60, d: 30").Message.ShouldContain("“组织体系”得分 5.5 分，超过该指标权重5%对应的 5 分");
        Evaluate(PointsPack.Value, "a: -1, b: 5, c: 60, d: 30").Message.ShouldContain("“组织体系”得分 -1 分，低于 0 分");
        Evaluate(PercentPack.Value, "org-system: 100.5, org-rules: 1, output: 1").ShouldSatisfyAllConditions(
            r => r.Outcome.ShouldBe(Outcome.Fail), r => r.Message.ShouldContain("超过百分制满分 100 分"));
        Evaluate(PercentPack.Value, "org-system: 100, org-rules: 1, output: 1").Outcome.ShouldBe(Outcome.Pass);
    }

    [Fact]
    public void The_total_is_the_sum_of_the_scores_with_first_level_subtotals()
    {
        var r = Evaluate(PointsPack.Value, "a: 4, b: 3.5, c: 50, d: 20");
        r.Outcome.ShouldBe(Outcome.Pass);
        r.Value.ShouldBe("77.5");
        r.Message.ShouldContain("组织管理 7.5/10，研发产出 70/90");
    }

    [Theory]
    [InlineData(100, 100, 100, "100", "组织管理 10/10，研发产出 90/90")]
    [InlineData(80, 60, 90, "88", "组织管理 7/10，研发产出 81/90")]      // 0.05×80 + 0.05×60 + 0.9×90 = 4 + 3 + 81
    [InlineData(0, 0, 0, "0", "组织管理 0/10，研发产出 0/90")]
    public void On_the_percent_scale_leaves_are_weighted(int a, int b, int c, string total, string subtotals)
    {
        var r = Evaluate(PercentPack.Value, $"org-system: {a}, org-rules: {b}, output: {c}");
        r.Outcome.ShouldBe(Outcome.Pass);
        r.Value.ShouldBe(total);
        r.Message.ShouldContain(subtotals);
    }

    [Fact]
    public void A_missing_leaf_score_needs_judgement_and_is_named()
    {
        var r = Evaluate(PointsPack.Value, "a: 4, b: 3, c: 50");
        r.Outcome.ShouldBe(Outcome.NeedsJudgement);
        r.Message.ShouldContain("标准");
        Evaluate(PercentPack.Value, "org-system: 80").Message.ShouldContain("管理制度");
    }

    [Fact]
    public void A_score_for_an_unknown_or_non_leaf_indicator_fails()
    {
        Evaluate(PointsPack.Value, "a: 4, b: 3, c: 50, d: 20, z: 1").ShouldSatisfyAllConditions(
            r => r.Outcome.ShouldBe(Outcome.Fail), r => r.Message.ShouldContain("“z”不是测试指标体系中的末级指标"));
        Evaluate(PointsPack.Value, "a: 4, b: 3, c: 50, d: 20, g1: 7").Outcome.ShouldBe(Outcome.Fail);
    }

    [Fact]
    public void Without_any_score_the_rule_is_not_judged_yet() =>
        PointsPack.Value.Evaluate(Facts.Empty).Reasons.ShouldBeEmpty();

    private static IReadOnlyList<PolicyError> Errors(string rules)
    {
        using var t = new TempPolicies();
        t.AddPack("test", "2024-01-01", new Dictionary<string, string> { ["evaluation"] = rules });
        return t.Errors();
    }

    [Fact]
    public void The_weights_as_written_load_without_error()
    {
        Errors(Points).ShouldBeEmpty();
        Errors(Percent).ShouldBeEmpty();
    }

    [Fact]
    public void Children_that_do_not_add_up_to_their_parent_are_a_load_error_at_the_parents_line()
    {
        var errors = Errors(Points.Replace("{ id: b, name: 管理制度, weight: 5%", "{ id: b, name: 管理制度, weight: 4%"));
        var e = errors.ShouldHaveSingleItem();
        e.Message.ShouldContain("指标“组织管理”权重 10%，其下级指标权重合计 9%");
        e.Line.ShouldBe(10); // "- id: g1" (line 1 is "rules:")
    }

    [Fact]
    public void First_level_weights_that_do_not_add_up_to_100_percent_are_a_load_error()
    {
        var errors = Errors(Points.Replace("weight: 90%", "weight: 91%").Replace("{ id: d, name: 标准, weight: 30%", "{ id: d, name: 标准, weight: 31%"));
        errors.ShouldContain(e => e.Message.Contains("一级指标权重合计应为 100%，实际为 101%"));
        errors.ShouldNotContain(e => e.Message.Contains("下级指标权重合计"));
    }

    [Fact]
    public void Duplicate_ids_unknown_keys_and_leaves_without_points_are_load_errors()
    {
        Errors(Points.Replace("{ id: d, name: 标准", "{ id: c, name: 标准")).ShouldContain(e => e.Message.Contains("指标 id“c”重复"));
        Errors(Points.Replace("points: [数量和水平]", "points: [数量和水平], max: 30")).ShouldContain(e => e.Message.Contains("max"));
        Errors(Points.Replace(", points: [数量和水平]", "")).ShouldContain(e => e.Message.Contains("末级指标“标准”须列出评估要点"));
        Errors(Points.Replace("scale: points", "scale: 100")).ShouldContain(e => e.Message.Contains("scale 应为 percent 或 points"));
    }

    [Fact]
    public void The_cangzhou_system_carries_the_weights_of_its_附件()
    {
        var pack = Catalogs.Repo.Versions("cangzhou").Single(p => p.Version == "2025-10-31");
        var t = pack.Rules.OfType<IndicatorsRule>().ShouldHaveSingleItem();
        t.PercentScale.ShouldBeFalse();
        t.Indicators.Select(i => (i.Name, i.FullMarks)).ShouldBe(
            [("组织管理", 10m), ("研发条件", 20m), ("研发产出", 35m), ("转化应用", 20m), ("开放协作", 15m)]);
        t.Indicators.Select(i => i.Children.Sum(c => c.FullMarks)).ShouldBe([10m, 20m, 35m, 20m, 15m]);
        t.Leaves.Select(t.MaxScore).ShouldBe([5m, 5m, 6m, 3m, 5m, 6m, 7m, 3m, 7m, 5m, 5m, 4m, 4m, 5m, 15m, 6m, 3m, 3m, 3m]);
        t.Leaves.Sum(t.MaxScore).ShouldBe(100m);
        t.Leaves.ShouldAllBe(l => l.Points.Count > 0);
    }
}
