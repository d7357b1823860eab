namespace TechCenters.Policy.Calendar;

/// <summary>What kind of day a date is, once its year's notice is known.</summary>
public enum DayKind
{
    /// <summary>Monday to Friday, no holiday: a working day.</summary>
    Weekday,
    /// <summary>Saturday or Sunday, not adjusted: a rest day.</summary>
    Weekend,
    /// <summary>放假: a statutory holiday or a day off in lieu (调休放假).</summary>
    Holiday,
    /// <summary>调休上班: a Saturday or Sunday on which people work.</summary>
    AdjustedWorkingDay,
}

/// <summary>Why a date could not be classified: its year (or, for late December, the next year's) notice is not in the calendar.</summary>
/// <param name="Date">The first date that could not be classified.</param>
/// <param name="Year">The year whose notice is missing.</param>
public readonly record struct MissingNotice(DateOnly Date, int Year)
{
    public string Explanation =>
        Date.Year == Year
            ? $"日历中没有{Year}年的节假日安排（国务院办公厅关于{Year}年部分节假日安排的通知尚未录入），无法确定{ChineseDates.Format(Date)}是否为工作日"
            : $"{ChineseDates.Format(Date)}是否为工作日取决于{Year}年元旦的调休安排，而国务院办公厅关于{Year}年部分节假日安排的通知尚未录入日历";
}

/// <summary>The answer to "is this date a working day?".</summary>
public abstract record DayStatus
{
    private DayStatus() { }

    public abstract string Explanation { get; }

    /// <summary>The year's notice is in the calendar: the day is classified.</summary>
    public sealed record Known(DateOnly Date, DayKind Kind, string? Name) : DayStatus
    {
        public bool IsWorkingDay => Kind is DayKind.Weekday or DayKind.AdjustedWorkingDay;

        public override string Explanation => Kind switch
        {
            DayKind.Weekday => $"{ChineseDates.FormatWithWeekday(Date)}是工作日",
            DayKind.Weekend => $"{ChineseDates.FormatWithWeekday(Date)}是周末，不是工作日",
            DayKind.Holiday => $"{ChineseDates.FormatWithWeekday(Date)}是{Name}假期，不是工作日",
            _ => $"{ChineseDates.FormatWithWeekday(Date)}是{Name}调休上班日，是工作日",
        };
    }

    /// <summary>Calendar not published: no guess is made.</summary>
    public sealed record NotPublished(MissingNotice Missing) : DayStatus
    {
        public int Year => Missing.Year;

        public override string Explanation => Missing.Explanation;
    }
}

/// <summary>The answer to "when does a period of N working days after publication end?".</summary>
public abstract record WorkingDayPeriod(DateOnly PublishedOn, int Days)
{
    public const string DefaultLabel = "期限";

    /// <summary>The explanation with a label for the period, e.g. "公示期".</summary>
    public abstract string Explain(string label);

    public string Explanation => Explain(DefaultLabel);

    /// <summary>The period ends at the end of <see cref="Date"/>, the last of its working days.</summary>
    /// <param name="FirstDay">The first working day after publication, on which counting starts.</param>
    /// <param name="ExtendedBy">Holidays that fell on weekdays inside the period and so pushed its end later.</param>
    /// <param name="AdjustedWorkingDays">Weekend 调休上班 days inside the period that were counted as working days.</param>
    public sealed record End(
        DateOnly PublishedOn,
        int Days,
        DateOnly FirstDay,
        DateOnly Date,
        IReadOnlyList<string> ExtendedBy,
        IReadOnlyList<DateOnly> AdjustedWorkingDays) : WorkingDayPeriod(PublishedOn, Days)
    {
        public override string Explain(string label)
        {
            var notes = new List<string>();
            if (ExtendedBy.Count > 0)
                notes.Add($"{string.Join("、", ExtendedBy)}假期顺延");
            if (AdjustedWorkingDays.Count > 0)
                notes.Add($"{string.Join("、", AdjustedWorkingDays.Select(ChineseDates.FormatWithWeekday))}调休上班，计入工作日");
            var note = notes.Count > 0 ? $"（{string.Join("；", notes)}）" : "";
            return $"{label}自{ChineseDates.Format(PublishedOn)}之后的第一个工作日（{ChineseDates.Format(FirstDay)}）起算，" +
                   $"{Days}个工作日，至{ChineseDates.Format(Date)}{note}止";
        }
    }

    /// <summary>The period reaches a year whose notice is not in the calendar: the end is not guessed.</summary>
    public sealed record NotPublished(DateOnly PublishedOn, int Days, MissingNotice Missing) : WorkingDayPeriod(PublishedOn, Days)
    {
        public int Year => Missing.Year;

        public override string Explain(string label) =>
            $"{label}自{ChineseDates.Format(PublishedOn)}之后的第一个工作日起算{Days}个工作日，无法确定截止日期：{Missing.Explanation}";
    }
}

/// <summary>The answer to "how many working days from one date to another, both included?".</summary>
public abstract record WorkingDayCount(DateOnly From, DateOnly To)
{
    public abstract string Explanation { get; }

    public sealed record Counted(DateOnly From, DateOnly To, int Days) : WorkingDayCount(From, To)
    {
        public override string Explanation =>
            $"{ChineseDates.Format(From)}至{ChineseDates.Format(To)}（含首尾）共{Days}个工作日";
    }

    public sealed record NotPublished(DateOnly From, DateOnly To, MissingNotice Missing) : WorkingDayCount(From, To)
    {
        public int Year => Missing.Year;

        public override string Explanation =>
            $"无法计算{ChineseDates.Format(From)}至{ChineseDates.Format(To)}的工作日数：{Missing.Explanation}";
    }
}
