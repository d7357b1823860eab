using TechCenters.Policy.Calendar;
using TechCenters.Policy;

namespace TechCenters.Web.Features.Policies;

/// <summary>
/// Where the policy packs and the working-day calendar are read from: <c>Policies:Root</c> when configured,
/// else the repository's <c>policies/</c> (so an edited pack takes effect without a rebuild), else the copy
/// shipped next to the binaries.
/// </summary>
public static class PolicyFiles
{
    public static string Root(IConfiguration? config = null, string? explicitRoot = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitRoot)) return Path.GetFullPath(explicitRoot);
        if (config?["Policies:Root"] is { Length: > 0 } configured) return Path.GetFullPath(configured);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            try { return PolicyCatalog.FindPoliciesRoot(start); }
            catch (DirectoryNotFoundException) { } // not inside a repository: try the next start, then the shipped copy
        }
        return Path.Combine(AppContext.BaseDirectory, "policies");
    }

    public static string CalendarDirectory(string policiesRoot) => Path.Combine(policiesRoot, "calendar");

    public static PolicyCatalog LoadCatalog(string root) => PolicyCatalog.Load(root);

    public static WorkingDayCalendar LoadCalendar(string root) => WorkingDayCalendar.LoadDirectory(CalendarDirectory(root));
}
