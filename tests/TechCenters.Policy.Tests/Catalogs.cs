namespace TechCenters.Policy.Tests;

/// <summary>The repository's policies/ folder, loaded once for all tests.</summary>
public static class Catalogs
{
    public static string Root { get; } = PolicyCatalog.FindPoliciesRoot();

    private static readonly Lazy<PolicyCatalog> Lazy = new(() => PolicyCatalog.Load(Root));

    public static PolicyCatalog Repo => Lazy.Value;
}
