using System.Text.RegularExpressions;

namespace TechCenters.Policy.Tests;

/// <summary>policies/README.md must not drift from the code: its example facts parse against the vocabulary and evaluate.</summary>
public partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(Catalogs.Root, "README.md"));

    private static string Section(string heading, string next)
    {
        var start = Readme.IndexOf(heading, StringComparison.Ordinal);
        return Readme[start..Readme.IndexOf(next, start, StringComparison.Ordinal)];
    }

    private static string FactsSection => Section("## 5. Facts", "\n## 6.");

    /// <summary>"### Example facts — 新疆 `xinjiang` (…)": the jurisdiction's slug and its first yaml block.</summary>
    private static List<string> ExampleSlugs() => ExampleRegex().Matches(FactsSection).Select(m => m.Groups[1].Value).ToList();

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var slug in ExampleSlugs()) data.Add(slug);
        return data;
    }

    [GeneratedRegex(@"### Example facts — \S+ `([a-z0-9-]+)`")]
    private static partial Regex ExampleRegex();

    [GeneratedRegex(@"```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlockRegex();

    [Fact]
    public void Every_jurisdiction_has_an_example()
    {
        var missing = Catalogs.Repo.Jurisdictions.Except(ExampleSlugs()).ToList();
        var stray = ExampleSlugs().Except(Catalogs.Repo.Jurisdictions).ToList();
        missing.ShouldBeEmpty(string.Join("\n", missing.Select(j =>
            $"policies/README.md 第5节缺少辖区“{j}”的示例事实：请加一个小节“### Example facts — {Catalogs.Repo.Versions(j)[^1].JurisdictionName} `{j}` (…)”，" +
            "其下第一个 yaml 代码块为一份能通过 eligibility、governance 评估（不出现“不符合”）的事实")));
        stray.ShouldBeEmpty(string.Join("\n", stray.Select(j => $"policies/README.md 第5节有辖区“{j}”的示例，但 policies/ 下没有这个辖区的政策包：请删去该小节或加入政策包")));
    }

    [Fact]
    public void Every_yaml_block_of_the_facts_section_is_a_valid_facts_file()
    {
        var blocks = YamlBlockRegex().Matches(FactsSection).Select(m => m.Groups[1].Value).ToList();
        blocks.Count.ShouldBeGreaterThanOrEqualTo(6);
        foreach (var b in blocks)
            Should.NotThrow(() => Facts.FromYaml(b, Catalogs.Repo.Vocabulary), b[..Math.Min(60, b.Length)]).Paths.ShouldNotBeEmpty();
    }

    /// <summary>A jurisdiction's example: from its heading to the next one.</summary>
    private static string Example(string jurisdiction)
    {
        var section = FactsSection;
        var start = section.IndexOf($"`{jurisdiction}`", StringComparison.Ordinal);
        var end = section.IndexOf("\n### ", start, StringComparison.Ordinal);
        return section[start..(end < 0 ? section.Length : end)];
    }

    /// <summary>The example's facts (its first yaml block) evaluated for eligibility and governance by the latest version.</summary>
    private static Verdict EvaluateExample(string jurisdiction)
    {
        var facts = Facts.FromYaml(YamlBlockRegex().Match(Example(jurisdiction)).Groups[1].Value, Catalogs.Repo.Vocabulary);
        return Catalogs.Repo.Versions(jurisdiction)[^1].Evaluate(facts, "eligibility", "governance");
    }

    [Theory, MemberData(nameof(Examples))]
    public void Example_facts_are_valid_and_evaluate(string jurisdiction)
    {
        var verdict = EvaluateExample(jurisdiction);
        verdict.Reasons.ShouldNotBeEmpty();
        verdict.Outcome.ShouldNotBe(Outcome.Fail, string.Join("\n", verdict.ToLines()));
    }

    [GeneratedRegex(@"^Outcome: (符合|需经办人判断)(.*)$", RegexOptions.Multiline)]
    private static partial Regex OutcomeLineRegex();

    [GeneratedRegex(@"`([a-z0-9-]+)`")]
    private static partial Regex RuleIdRegex();

    /// <summary>
    /// Each example gives the outcome its "Outcome:" line states — 符合, or 需经办人判断 on exactly the rules it names, each on
    /// a judgement word — and no rule lacks a fact (Bug 0816: 第十二师's lacked plan_sections and the expert committee's
    /// filings, 万州's lead.type, so rules the example meant to pass came back 未提供).
    /// </summary>
    [Theory, MemberData(nameof(Examples))]
    public void Bug_0816_each_example_gives_the_outcome_its_line_states(string jurisdiction)
    {
        var line = OutcomeLineRegex().Match(Example(jurisdiction));
        line.Success.ShouldBeTrue($"policies/README.md 第5节“{jurisdiction}”的示例缺少“Outcome: 符合”或“Outcome: 需经办人判断 — `规则编号`…”一行");
        var verdict = EvaluateExample(jurisdiction);
        var lines = string.Join("\n", verdict.ToLines());
        verdict.Outcome.ShouldBe(line.Groups[1].Value == "符合" ? Outcome.Pass : Outcome.NeedsJudgement, lines);
        var named = RuleIdRegex().Matches(line.Groups[2].Value).Select(m => m.Groups[1].Value).ToList();
        var doubtful = verdict.Reasons.Where(r => r.Outcome == Outcome.NeedsJudgement).ToList();
        doubtful.Select(r => r.RuleId).ShouldBe(named, ignoreOrder: true, lines);
        doubtful.Where(r => r.Doubt?.Kind != DoubtKinds.Judgement).Select(r => r.RuleId).ShouldBeEmpty(lines);
    }

    [Fact]
    public void The_cangzhou_evaluation_example_adds_up_to_its_stated_score()
    {
        var block = YamlBlockRegex().Matches(FactsSection).Select(m => m.Groups[1].Value).Single(b => b.Contains("indicator_scores"));
        var facts = Facts.FromYaml(block, Catalogs.Repo.Vocabulary);
        var verdict = Catalogs.Repo.Versions("cangzhou")[^1].Evaluate(facts, "evaluation");
        verdict.Reasons.Single(r => r.RuleId == "indicator-system").Value.ShouldBe(Quantity.Trim(facts.Number("evaluation.score")!.Value));
        verdict.Reasons.Single(r => r.RuleId == "grade-bands").Value.ShouldBe("合格");
    }

    /// <summary>§3's kinds table, the one place a pack author looks a kind up.</summary>
    private static string KindsSection
    {
        get
        {
            var start = Readme.IndexOf("## 3. Rule kinds", StringComparison.Ordinal);
            return Readme[start..Readme.IndexOf("\n## 4.", start, StringComparison.Ordinal)];
        }
    }

    [Fact]
    public void Every_rule_kind_is_documented_in_the_kinds_table() =>
        PolicyKinds.Names.ShouldAllBe(k => KindsSection.Contains($"\n| `{k}` |"));

    [Fact]
    public void Every_bound_word_is_documented() =>
        Bound.KnownWords.ShouldAllBe(w => Readme.Contains(w));
}
