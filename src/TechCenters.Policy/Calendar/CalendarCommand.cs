using System.Globalization;

namespace TechCenters.Policy.Calendar;

/// <summary>What a calendar subcommand prints, and its exit code (0 ok, 1 bad input, 2 calendar not published).</summary>
public sealed record CalendarCommandOutput(int ExitCode, string Text);

/// <summary>
/// The calendar area of the admin CLI, as pure functions: the web host parses options with
/// System.CommandLine and prints <see cref="CalendarCommandOutput.Text"/>.
/// </summary>
public static class CalendarCommand
{
    public const int Ok = 0;
    public const int BadInput = 1;
    public const int NotPublished = 2;

    /// <summary><c>calendar add-working-days --from D --days N [--label 公示期]</c></summary>
    public static CalendarCommandOutput AddWorkingDays(WorkingDayCalendar calendar, DateOnly from, int days, string label = WorkingDayPeriod.DefaultLabel)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (days <= 0)
            return new(BadInput, $"--days 必须是正整数，实际为 {days}");
        return calendar.AddWorkingDays(from, days) switch
        {
            WorkingDayPeriod.End end => new(Ok, end.Explain(label)),
            var other => new(NotPublished, other.Explain(label)),
        };
    }

    /// <summary>The same, from the raw option strings (--from 2026-09-25 --days 5).</summary>
    public static CalendarCommandOutput AddWorkingDays(WorkingDayCalendar calendar, string from, string days, string label = WorkingDayPeriod.DefaultLabel)
    {
        if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return new(BadInput, $"--from 应是 YYYY-MM-DD 形式的日期，实际为 \"{from}\"");
        if (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            return new(BadInput, $"--days 必须是正整数，实际为 \"{days}\"");
        return AddWorkingDays(calendar, date, n, label);
    }
}
