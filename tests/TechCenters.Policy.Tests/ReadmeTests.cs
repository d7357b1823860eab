using System.Text.RegularExpressions;

namespace TechCenters.Policy.Tests;

/// <summary>policies/README.md must not drift from the code: its example facts parse against the vocabulary and evaluate.</summary>
public partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(Catalogs.Root, "README.md"));

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (Match m in ExampleRegex().Matches(Readme)) data.Add(m.Groups[1].Value.Trim());
        return data;
    }

    [GeneratedRegex(@"### Example facts — (\S+)")]
    private static partial Regex ExampleRegex();

    [Theory, MemberData(nameof(Examples))]
    public void Example_facts_are_valid_and_evaluate(string jurisdictionName)
    {
        var start = Readme.IndexOf($"### Example facts — {jurisdictionName}", StringComparison.Ordinal);
        var open = Readme.IndexOf("```yaml", start, StringComparison.Ordinal) + "```yaml".Length;
        var close = Readme.IndexOf("```", open, StringComparison.Ordinal);
        var facts = Facts.FromYaml(Readme[open..close], Catalogs.Repo.Vocabulary);
        var pack = Catalogs.Repo.Packs.Single(p => p.JurisdictionName.Contains(jurisdictionName.Replace("第十二师", "十二师")));
        var verdict = pack.Evaluate(facts, "eligibility", "governance");
        verdict.Reasons.ShouldNotBeEmpty();
        verdict.Outcome.ShouldNotBe(Outcome.Fail, string.Join("\n", verdict.ToLines()));
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
