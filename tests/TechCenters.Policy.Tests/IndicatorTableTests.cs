using TechCenters.Policy.Rules;

namespace TechCenters.Policy.Tests;

/// <summary>kind: indicator_table — weights checked at load, scores checked on both sides of each indicator's points.</summary>
public class IndicatorTableTests
{
    private const string Table = """
        - id: table
          topic: content
          kind: indicator_table
          title: 测试指标体系
          article: 附件
          scores_fact: evaluation.indicator_scores
          groups:
            - id: g1
              name: 组织管理
              weight: 10%
              indicators:
                - { id: a, name: 组织体系, weight: 5%, points: [组成与作用] }
                - { id: b, name: 管理制度, weight: 5%, points: [制度健全] }
            - id: g2
              name: 研发产出
              weight: 90%
              indicators:
                - { id: c, name: 专利, weight: 60%, points: [数量和质量] }
                - { id: d, name: 标准, weight: 30%, points: [数量和水平] }
        """;

    private static readonly Lazy<PolicyPack> Pack = new(() => TempPolicies.PackWith("evaluation", Table));

    private static Reason Evaluate(string scores)
    {
        var facts = Facts.FromYaml($"evaluation: {{ indicator_scores: [{scores}] }}", Catalogs.Repo.Vocabulary);
        return Pack.Value.Evaluate(facts, null, ["table"]).Reasons.ShouldHaveSingleItem();
    }

    [Fact]
    public void Points_of_each_indicator_follow_its_weight()
    {
        var t = (IndicatorTableRule)Pack.Value.Rule("table")!;
        t.Indicators.Select(i => i.MaxScore).ShouldBe([5m, 5m, 60m, 30m]);
        t.Groups.Select(g => g.MaxScore).ShouldBe([10m, 90m]);
    }

    [Theory]
    [InlineData("5", Outcome.Pass)]      // 恰为满分
    [InlineData("5.01", Outcome.Fail)]   // 超过权重对应分值
    [InlineData("0", Outcome.Pass)]
    [InlineData("-0.5", Outcome.Fail)]
    public void A_score_may_reach_but_not_pass_the_indicators_points(string a, Outcome expected) =>
        Evaluate($"{{ indicator: a, score: {a} }}, {{ indicator: b, score: 5 }}, {{ indicator: c, score: 60 }}, {{ indicator: d, score: 30 }}")
            .Outcome.ShouldBe(expected);

    [Fact]
    public void The_total_is_the_sum_of_the_scores_with_group_subtotals()
    {
        var r = Evaluate("{ indicator: a, score: 4 }, { indicator: b, score: 3.5 }, { indicator: c, score: 50 }, { indicator: d, score: 20 }");
        r.Outcome.ShouldBe(Outcome.Pass);
        r.Value.ShouldBe("77.5");
        r.Message.ShouldContain("组织管理 7.5/10");
        r.Message.ShouldContain("研发产出 70/90");
    }

    [Fact]
    public void A_missing_indicator_needs_judgement_and_is_named()
    {
        var r = Evaluate("{ indicator: a, score: 4 }, { indicator: b, score: 3 }, { indicator: c, score: 50 }");
        r.Outcome.ShouldBe(Outcome.NeedsJudgement);
        r.Message.ShouldContain("标准");
    }

    [Fact]
    public void An_unknown_or_repeated_indicator_fails()
    {
        Evaluate("{ indicator: a, score: 4 }, { indicator: b, score: 3 }, { indicator: c, score: 50 }, { indicator: d, score: 20 }, { indicator: z, score: 1 }")
            .ShouldSatisfyAllConditions(r => r.Outcome.ShouldBe(Outcome.Fail), r => r.Message.ShouldContain("“z”不是"));
        Evaluate("{ indicator: a, score: 4 }, { indicator: a, score: 3 }, { indicator: b, score: 3 }, { indicator: c, score: 50 }, { indicator: d, score: 20 }")
            .ShouldSatisfyAllConditions(r => r.Outcome.ShouldBe(Outcome.Fail), r => r.Message.ShouldContain("重复评分"));
    }

    [Fact]
    public void No_scores_at_all_needs_judgement() =>
        Pack.Value.Evaluate(Facts.Empty, null, ["table"]).Reasons.ShouldHaveSingleItem().Outcome.ShouldBe(Outcome.NeedsJudgement);

    private static IReadOnlyList<PolicyError> Errors(string table)
    {
        using var t = new TempPolicies();
        t.AddPack("test", "2024-01-01", new Dictionary<string, string> { ["evaluation"] = table });
        return t.Errors();
    }

    [Fact]
    public void The_weights_as_written_load_without_error() => Errors(Table).ShouldBeEmpty();

    [Fact]
    public void Sub_weights_that_do_not_add_up_to_their_group_are_a_load_error_with_line()
    {
        var errors = Errors(Table.Replace("{ id: b, name: 管理制度, weight: 5%", "{ id: b, name: 管理制度, weight: 4%"));
        errors.ShouldContain(e => e.Message.Contains("一级指标“组织管理”权重 10%，其二级指标权重之和为 9%") && e.Line > 1);
    }

    [Fact]
    public void Group_weights_that_do_not_add_up_to_100_percent_are_a_load_error()
    {
        var errors = Errors(Table
            .Replace("weight: 90%", "weight: 91%")
            .Replace("{ id: d, name: 标准, weight: 30%", "{ id: d, name: 标准, weight: 31%"));
        errors.ShouldContain(e => e.Message.Contains("一级指标权重之和为 101%"));
        errors.ShouldNotContain(e => e.Message.Contains("二级指标权重之和"));
    }

    [Fact]
    public void Duplicate_indicator_ids_and_unknown_keys_are_load_errors()
    {
        Errors(Table.Replace("{ id: d, name: 标准", "{ id: c, name: 标准")).ShouldContain(e => e.Message.Contains("指标 id“c”重复"));
        Errors(Table.Replace("points: [数量和水平]", "points: [数量和水平], max: 30")).ShouldContain(e => e.Message.Contains("未知的键“max”"));
    }

    [Fact]
    public void The_cangzhou_table_carries_the_weights_of_its_附件()
    {
        var pack = Catalogs.Repo.Versions("cangzhou").Single(p => p.Version == "2025-10-31");
        var t = pack.Rules.OfType<IndicatorTableRule>().ShouldHaveSingleItem();
        t.Groups.Select(g => (g.Name, g.MaxScore)).ShouldBe(
            [("组织管理", 10m), ("研发条件", 20m), ("研发产出", 35m), ("转化应用", 20m), ("开放协作", 15m)]);
        t.Groups.Select(g => g.Indicators.Sum(i => i.MaxScore)).ShouldBe([10m, 20m, 35m, 20m, 15m]);
        t.Groups.Sum(g => g.MaxScore).ShouldBe(100m);
        t.Indicators.Select(i => i.MaxScore).ShouldBe([5m, 5m, 6m, 3m, 5m, 6m, 7m, 3m, 7m, 5m, 5m, 4m, 4m, 5m, 15m, 6m, 3m, 3m, 3m]);
        t.Indicators.ShouldAllBe(i => i.Points.Count > 0);
    }
}
