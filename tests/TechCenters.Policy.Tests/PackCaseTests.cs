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
