using System.Globalization;

namespace TechCenters.Policy.Calendar;

/// <summary>Dates written the way a notice writes them: 2026年10月9日（星期五）.</summary>
public static class ChineseDates
{
    private static readonly string[] WeekdayNames = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

    public static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    public static string Weekday(DateOnly date) => WeekdayNames[(int)date.DayOfWeek];

    /// <summary>2026年10月9日</summary>
    public static string Format(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");

    /// <summary>2026年10月9日（星期五）</summary>
    public static string FormatWithWeekday(DateOnly date) => $"{Format(date)}（{Weekday(date)}）";
}
