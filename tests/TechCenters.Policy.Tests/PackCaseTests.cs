using TechCenters.Policy.Cases;

namespace TechCenters.Policy.Tests;

/// <summary>Runs every YAML case under policies/ (discovered at test time), one theory row per case.</summary>
public class PackCaseTests
{
    private static readonly Lazy<IReadOnlyList<PolicyCase>> AllCases = new(() =>
    {
        var errors = new List<PolicyError>();
        var cases = PolicyCase.Discover(Catalogs.Root, errors);
        if (errors.Count > 0) throw new PolicyLoadException(errors);
        return cases;
    });

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in AllCases.Value) data.Add($"{c.Name} » {c.File}:{c.Line}");
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_holds(string caseName)
    {
        var c = AllCases.Value.Single(x => $"{x.Name} » {x.File}:{x.Line}" == caseName);
        var problems = c.Run(Catalogs.Repo);
        Assert.True(problems.Count == 0, $"{c}\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public void Every_case_file_parses_and_there_are_cases_for_every_pack()
    {
        var errors = new List<PolicyError>();
        var cases = PolicyCase.Discover(Catalogs.Root, errors);
        errors.ShouldBeEmpty();
        foreach (var pack in Catalogs.Repo.Packs)
            cases.Count(c => c.Jurisdiction == pack.Jurisdiction && c.FolderVersion == pack.Version).ShouldBeGreaterThan(10, pack.Folder);
    }
}

/// <summary>The cases of each pack exercise both sides of every bound and date rule, and every grade band.</summary>
public class CaseCoverageTests
{
    private static readonly HashSet<string> BoundKinds =
        ["threshold", "ratio", "co_builders", "body_size", "body_share", "body_meetings", "body_majority", "quota", "amount", "period", "deadline"];

    [Theory]
    [MemberData(nameof(ConformanceTests.Packs), MemberType = typeof(ConformanceTests))]
    public void Both_sides_of_every_bound_and_date_rule_are_tested(string folder)
    {
        var pack = Catalogs.Repo.Packs.Single(p => p.Folder == folder);
        var seen = new Dictionary<string, HashSet<Outcome>>();
        var values = new Dictionary<string, HashSet<string>>();
        foreach (var c in PolicyCase.Discover(Catalogs.Root).Where(c => c.Jurisdiction == pack.Jurisdiction && c.FolderVersion == pack.Version))
            foreach (var r in c.Evaluate(Catalogs.Repo)?.Reasons ?? [])
            {
                if (!seen.TryGetValue(r.RuleId, out var set)) seen[r.RuleId] = set = [];
                set.Add(r.Outcome);
                if (r.Value is not null) { if (!values.TryGetValue(r.RuleId, out var vs)) values[r.RuleId] = vs = []; vs.Add(r.Value); }
            }
        var gaps = new List<string>();
        foreach (var rule in pack.Rules.Where(r => r.Evaluable && BoundKinds.Contains(r.Kind)))
        {
            var outcomes = seen.GetValueOrDefault(rule.Id) ?? [];
            if (!outcomes.Contains(Outcome.Pass) || !(outcomes.Contains(Outcome.Fail) || outcomes.Contains(Outcome.NeedsJudgement)))
                gaps.Add($"{rule.Id}（{rule.Kind}，{rule.Article}）只测到 [{string.Join(", ", outcomes)}]");
        }
        foreach (var bands in pack.Rules.OfType<Rules.GradeBandsRule>())
            foreach (var band in bands.Bands.Where(b => !(values.GetValueOrDefault(bands.Id)?.Contains(b.Grade) ?? false)))
                gaps.Add($"{bands.Id}：分数段“{band.Grade}”没有用例");
        gaps.ShouldBeEmpty(string.Join("\n", gaps));
    }
}
