using System.Collections.Frozen;

namespace TechCenters.Policy.Calendar;

/// <summary>
/// China's working days (工作日) from the State Council holiday notices: Monday to Friday unless a
/// holiday, Saturday and Sunday only when listed as 调休上班. Immutable and safe to share; lookups are
/// array reads. A date whose year has no notice in the calendar is "not published", never guessed.
/// </summary>
public sealed class WorkingDayCalendar
{
    /// <summary>
    /// From this day of December on, a date may still be changed by the next year's notice: the 元旦
    /// arrangement has made 12月29日–31日 holidays or 调休上班 days (2006, 2007, 2011, 2018, 2022). The
    /// last full week of December is taken as the window, so such days need both years' notices.
    /// </summary>
    public const int NextYearWindowStartsOnDecember = 25;

    private readonly int _firstYear;
    private readonly YearTable?[] _years;

    private WorkingDayCalendar(int firstYear, YearTable?[] years)
    {
        _firstYear = firstYear;
        _years = years;
    }

    /// <summary>The years whose notices are in the calendar, ascending.</summary>
    public IReadOnlyList<int> Years { get; private init; } = [];

    /// <summary>The data the calendar was built from, by year.</summary>
    public IReadOnlyDictionary<int, CalendarYear> Sources { get; private init; } = new Dictionary<int, CalendarYear>();

    /// <summary>Builds a calendar from years of any origin (files, a database table). Invalid data throws <see cref="CalendarDataException"/>.</summary>
    public static WorkingDayCalendar FromYears(IEnumerable<CalendarYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        var list = years.ToList();
        var errors = new List<CalendarDataError>();
        var byYear = new Dictionary<int, CalendarYear>();
        foreach (var year in list)
        {
            errors.AddRange(year.Validate());
            if (!byYear.TryAdd(year.Year, year))
                errors.Add(new(year.Origin, $"{year.Year}年的日历重复（另见 {byYear[year.Year].Origin}）"));
        }
        if (errors.Count > 0)
            throw new CalendarDataException(errors);

        if (byYear.Count == 0)
            return new WorkingDayCalendar(0, []);

        var first = byYear.Keys.Min();
        var last = byYear.Keys.Max();
        var tables = new YearTable?[last - first + 1];
        foreach (var (number, year) in byYear)
            tables[number - first] = new YearTable(year);
        return new WorkingDayCalendar(first, tables)
        {
            Years = byYear.Keys.Order().ToArray(),
            Sources = byYear.ToFrozenDictionary(),
        };
    }

    /// <summary>Convenience: all year files of a directory (policies/calendar).</summary>
    public static WorkingDayCalendar LoadDirectory(string directory) => FromYears(CalendarYearFile.LoadDirectory(directory));

    /// <summary>Is <paramref name="date"/> a working day? "Not published" when its notice is missing.</summary>
    public DayStatus IsWorkingDay(DateOnly date)
    {
        if (Lookup(date, out var kind, out var name) is { } missing)
            return new DayStatus.NotPublished(missing);
        return new DayStatus.Known(date, kind, name);
    }

    /// <summary>
    /// The end of a period of <paramref name="days"/> working days after <paramref name="publishedOn"/>:
    /// counting starts on the first working day after publication and ends at the end of the last day
    /// (公示5个工作日). Publication on a holiday or weekend changes nothing: that day is never counted.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is zero or negative.</exception>
    public WorkingDayPeriod AddWorkingDays(DateOnly publishedOn, int days)
    {
        if (days <= 0)
            throw new ArgumentOutOfRangeException(nameof(days), days, $"工作日数必须是正整数，实际为 {days}");
        if (publishedOn == DateOnly.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(publishedOn), publishedOn, "发布日期超出可计算范围");

        var counted = 0;
        DateOnly? firstDay = null;
        var extendedBy = new List<string>();
        var adjusted = new List<DateOnly>();
        var date = publishedOn;
        while (counted < days)
        {
            if (date == DateOnly.MaxValue)
                throw new ArgumentOutOfRangeException(nameof(days), days, "工作日数过大，超出可计算范围");
            date = date.AddDays(1);
            if (Lookup(date, out var kind, out var name) is { } missing)
                return new WorkingDayPeriod.NotPublished(publishedOn, days, missing);
            switch (kind)
            {
                case DayKind.Weekday:
                    counted++;
                    break;
                case DayKind.AdjustedWorkingDay:
                    counted++;
                    adjusted.Add(date);
                    break;
                case DayKind.Holiday when !ChineseDates.IsWeekend(date) && !extendedBy.Contains(name!):
                    extendedBy.Add(name!);
                    break;
            }
            if (counted == 1 && firstDay is null)
                firstDay = date;
        }
        return new WorkingDayPeriod.End(publishedOn, days, firstDay!.Value, date, extendedBy, adjusted);
    }

    /// <summary>
    /// Working days after <paramref name="publishedOn"/> up to and including <paramref name="to"/>, as a notice period is
    /// counted (from the day after publication); null when a year on the way has no published notice. The derived fact
    /// <c>public_notice.working_days</c> is computed with this.
    /// </summary>
    public int? WorkingDaysAfter(DateOnly publishedOn, DateOnly to) =>
        to <= publishedOn ? 0 : CountWorkingDays(publishedOn.AddDays(1), to) is WorkingDayCount.Counted c ? c.Days : null;

    /// <summary>Working days from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public WorkingDayCount CountWorkingDays(DateOnly from, DateOnly to)
    {
        if (to < from)
            throw new ArgumentOutOfRangeException(nameof(to), to,
                $"结束日期 {ChineseDates.Format(to)} 早于开始日期 {ChineseDates.Format(from)}");

        // Every year touched must be published, and late December needs the next year too.
        for (var year = from.Year; year <= to.Year; year++)
        {
            var start = year == from.Year ? from : new DateOnly(year, 1, 1);
            if (Table(year) is null)
                return new WorkingDayCount.NotPublished(from, to, new MissingNotice(start, year));
        }
        var windowStart = new DateOnly(to.Year, 12, NextYearWindowStartsOnDecember);
        if (to >= windowStart && Table(to.Year + 1) is null)
            return new WorkingDayCount.NotPublished(from, to, new MissingNotice(from > windowStart ? from : windowStart, to.Year + 1));

        var total = 0;
        for (var year = from.Year; year <= to.Year; year++)
        {
            var table = Table(year)!;
            var startIndex = year == from.Year ? from.DayOfYear - 1 : 0;
            var endIndex = year == to.Year ? to.DayOfYear - 1 : table.Length - 1;
            total += table.WorkingDaysThrough(endIndex) - (startIndex == 0 ? 0 : table.WorkingDaysThrough(startIndex - 1));
        }
        return new WorkingDayCount.Counted(from, to, total);
    }

    private YearTable? Table(int year)
    {
        var index = year - _firstYear;
        return (uint)index < (uint)_years.Length ? _years[index] : null;
    }

    private MissingNotice? Lookup(DateOnly date, out DayKind kind, out string? name)
    {
        kind = default;
        name = null;
        var table = Table(date.Year);
        if (table is null)
            return new MissingNotice(date, date.Year);
        if (date.Month == 12 && date.Day >= NextYearWindowStartsOnDecember && Table(date.Year + 1) is null)
            return new MissingNotice(date, date.Year + 1);
        (kind, name) = table.Day(date.DayOfYear - 1);
        return null;
    }

    /// <summary>One year as arrays indexed by day of year, with running counts of working days.</summary>
    private sealed class YearTable
    {
        private readonly DayKind[] _kinds;
        private readonly string?[] _names;
        private readonly int[] _workingThrough;

        public YearTable(CalendarYear year)
        {
            var length = DateTime.IsLeapYear(year.Year) ? 366 : 365;
            _kinds = new DayKind[length];
            _names = new string?[length];
            _workingThrough = new int[length];
            var jan1 = new DateOnly(year.Year, 1, 1);
            for (var i = 0; i < length; i++)
                _kinds[i] = ChineseDates.IsWeekend(jan1.AddDays(i)) ? DayKind.Weekend : DayKind.Weekday;
            foreach (var h in year.Holidays)
            {
                _kinds[h.Date.DayOfYear - 1] = DayKind.Holiday;
                _names[h.Date.DayOfYear - 1] = h.Name;
            }
            foreach (var w in year.WorkingDays)
            {
                _kinds[w.Date.DayOfYear - 1] = DayKind.AdjustedWorkingDay;
                _names[w.Date.DayOfYear - 1] = w.Name;
            }
            var running = 0;
            for (var i = 0; i < length; i++)
            {
                if (_kinds[i] is DayKind.Weekday or DayKind.AdjustedWorkingDay)
                    running++;
                _workingThrough[i] = running;
            }
        }

        public int Length => _kinds.Length;

        public (DayKind Kind, string? Name) Day(int index) => (_kinds[index], _names[index]);

        public int WorkingDaysThrough(int index) => _workingThrough[index];
    }
}
