using TechCenters.Policy.Cases;

namespace TechCenters.Policy;

/// <summary>Everything `policy validate` checks: every pack loads strictly, every case file parses and every case holds.</summary>
public static class PolicyValidation
{
    /// <summary>All problems found under the policies root, each with file and line; empty when everything is valid.</summary>
    public static IReadOnlyList<PolicyError> Run(string policiesRoot)
    {
        var catalog = PolicyCatalog.TryLoad(policiesRoot, out var loadErrors);
        var errors = new List<PolicyError>(loadErrors);
        if (catalog is null || errors.Count > 0) return errors;
        var caseErrors = new List<PolicyError>();
        var cases = PolicyCase.Discover(policiesRoot, caseErrors);
        errors.AddRange(caseErrors);
        foreach (var c in cases)
            foreach (var problem in c.Run(catalog))
                errors.Add(new PolicyError(c.File, c.Line, 1, $"用例“{c.Name}”不成立：{problem}"));
        return errors;
    }
}
