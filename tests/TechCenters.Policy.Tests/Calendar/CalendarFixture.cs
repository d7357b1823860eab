using TechCenters.Policy.Calendar;

namespace TechCenters.Policy.Tests.Calendar;

/// <summary>The repository's calendar data, loaded once for all calendar tests.</summary>
public static class RepoCalendar
{
    private static readonly Lazy<WorkingDayCalendar> Loaded = new(() => WorkingDayCalendar.LoadDirectory(DataDirectory));

    public static WorkingDayCalendar Shared => Loaded.Value;

    /// <summary>policies/calendar, found by walking up from the test binaries to the folder holding TechCenters.slnx.</summary>
    public static string DataDirectory => Path.Combine(RepoRoot(), "policies", "calendar");

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TechCenters.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"TechCenters.slnx not found above {AppContext.BaseDirectory}");
    }

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
