namespace TechCenters.Policy;
/// <summary>Marker for the policy assembly (packs, rule kinds, verdicts, calendar).</summary>
public static class PolicyAssembly { }
