namespace TechCenters.Policy.Calendar;

/// <summary>Where a calendar record came from: a file and line, or a database row.</summary>
public sealed record SourceLocation(string Origin, int? Line = null, int? Column = null)
{
    public override string ToString() =>
        Line is null ? Origin : Column is null ? $"{Origin}:{Line}" : $"{Origin}:{Line}:{Column}";
}

/// <summary>A State Council notice (国务院办公厅关于××××年部分节假日安排的通知, or a later adjustment).</summary>
/// <param name="Number">文号, only where known reliably.</param>
/// <param name="Scope">What this notice decided for the year, when it is not the yearly notice.</param>
public sealed record NoticeSource(string Title, string? Number = null, string? Scope = null);

/// <summary>One day of the year named by a notice: a holiday (放假) or an adjusted working day (调休上班).</summary>
public sealed record CalendarEntry(DateOnly Date, string Name, SourceLocation? At = null);

/// <summary>
/// One calendar year's statutory holidays and 调休 working days. It holds exactly the dates of
/// <see cref="Year"/>; late-December days around 元旦 that the next year's notice decides are listed
/// here with that notice among the <see cref="Sources"/>.
/// </summary>
/// <param name="Origin">Where the year came from (file path, table name), for error messages.</param>
/// <param name="Via">How the data reached us, e.g. "chinese-days 1.5.7".</param>
public sealed record CalendarYear(
    int Year,
    IReadOnlyList<NoticeSource> Sources,
    IReadOnlyList<CalendarEntry> Holidays,
    IReadOnlyList<CalendarEntry> WorkingDays,
    SourceLocation Origin,
    string? Via = null)
{
    /// <summary>
    /// The rules every year must satisfy, whatever its source: at least one notice, dates inside the
    /// year, no date listed twice, no date both holiday and working day, 调休上班 only on a weekend.
    /// </summary>
    public IReadOnlyList<CalendarDataError> Validate()
    {
        var errors = new List<CalendarDataError>();
        if (Year is < 1900 or > 9999)
            errors.Add(new(Origin, $"年份 {Year} 不在 1900–9999 之间"));
        if (Sources.Count == 0)
            errors.Add(new(Origin, $"{Year}年没有列出依据的通知（sources）"));
        foreach (var source in Sources)
        {
            if (string.IsNullOrWhiteSpace(source.Title))
                errors.Add(new(Origin, "通知标题（title）不能为空"));
        }

        var seen = new Dictionary<DateOnly, (string List, CalendarEntry Entry)>();
        Check(Holidays, "holidays", "放假日");
        Check(WorkingDays, "workingDays", "调休上班日");
        return errors;

        void Check(IReadOnlyList<CalendarEntry> entries, string list, string label)
        {
            foreach (var entry in entries)
            {
                var at = entry.At ?? Origin;
                if (string.IsNullOrWhiteSpace(entry.Name))
                    errors.Add(new(at, $"{label} {Iso(entry.Date)} 缺少名称（name）"));
                if (entry.Date.Year != Year)
                    errors.Add(new(at, $"{label} {Iso(entry.Date)} 不在 {Year} 年内：每个文件只收本年的日期"));
                if (list == "workingDays" && !ChineseDates.IsWeekend(entry.Date))
                    errors.Add(new(at,
                        $"调休上班日 {Iso(entry.Date)} 是{ChineseDates.Weekday(entry.Date)}，本来就是工作日；调休上班日只能是周六或周日"));
                if (seen.TryGetValue(entry.Date, out var first))
                {
                    var firstAt = first.Entry.At ?? Origin;
                    errors.Add(new(at, first.List == list
                        ? $"日期 {Iso(entry.Date)} 在 {list} 中重复（首次出现于 {firstAt}）"
                        : $"日期 {Iso(entry.Date)} 既是放假日又是调休上班日（另见 {firstAt}）"));
                }
                else
                {
                    seen.Add(entry.Date, (list, entry));
                }
            }
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One problem in calendar data, with where it is.</summary>
public sealed record CalendarDataError(SourceLocation At, string Message)
{
    public override string ToString() => $"{At}: {Message}";
}

/// <summary>Calendar data that must not be used: every problem found, each with file and line.</summary>
public sealed class CalendarDataException : Exception
{
    public CalendarDataException(IReadOnlyList<CalendarDataError> errors)
        : base("日历数据有误：" + Environment.NewLine + string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<CalendarDataError> Errors { get; }
}
