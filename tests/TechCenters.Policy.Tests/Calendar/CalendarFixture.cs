using TechCenters.Policy;
using TechCenters.Policy.Calendar;

namespace TechCenters.Policy.Tests.Calendar;

/// <summary>The repository's calendar data, loaded once for all calendar tests.</summary>
public static class RepoCalendar
{
    private static readonly Lazy<WorkingDayCalendar> Loaded = new(() => WorkingDayCalendar.LoadDirectory(DataDirectory));

    public static WorkingDayCalendar Shared => Loaded.Value;

    /// <summary>policies/calendar, found by walking up from the test binaries to the folder holding TechCenters.slnx.</summary>
    public static string DataDirectory => Path.Combine(PolicyCatalog.FindPoliciesRoot(), "calendar");

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
