using TechCenters.Policy.Yaml;

namespace TechCenters.Policy.Rules;

/// <summary>
/// kind: period — a length in working_days, days, months or years (公示5个工作日; 整改期限不超过半年 = 不超过6个月; 建设期3年).
/// Without a bound the period is exact (“为”). With a fact, the actual length is checked.
/// </summary>
public sealed class PeriodRule : Rule
{
    public string Unit { get; private set; } = "months";
    public Bound? Bound { get; private set; }
    public Quantity Value { get; private set; } = new(0, QuantityFormat.Number);
    public string? Fact { get; private set; }
    public string Event { get; private set; } = "";
    public override bool Evaluable => Fact is not null;
    public override IEnumerable<string> FactsRead => Fact is null ? base.FactsRead : base.FactsRead.Append(Fact);

    public static string UnitLabel(string unit) => unit switch
    {
        "working_days" => "个工作日", "days" => "日", "months" => "个月", "years" => "年", _ => unit,
    };

    internal override void ReadParameters(MapReader m, PackReader p)
    {
        Unit = m.String("unit", required: true) ?? "months";
        if (Unit is not ("working_days" or "days" or "months" or "years"))
            m.Ctx.Error(m.KeyMark("unit"), $"unit 应为 working_days/days/months/years，实际为“{Unit}”");
        var bw = m.String("bound");
        if (bw is not null && PackReader.TryBound(m, bw, out var b)) Bound = b;
        if (PackReader.TryQuantity(m, m.String("value", required: true), UnitLabel(Unit), out var q)) Value = q;
        Event = m.String("event", required: true) ?? "";
        Fact = m.Has("fact") ? p.FactRef(m, "fact", FactType.Number) : null;
        // A period and the fact it is checked against count in the same unit: "12" months is not 12 years.
        if (Fact is not null && p.Vocabulary.Fact(Fact)?.Unit is { } factUnit && Unit is "working_days" or "days" or "months" or "years"
            && factUnit != UnitLabel(Unit))
            m.Ctx.Error(m.KeyMark("unit"),
                $"期间单位 {Unit}（{UnitLabel(Unit)}）与事实“{Fact}”的单位“{factUnit}”不一致：请改用与事实相同的单位并换算数值（如 1年 = 12个月） (unit does not match the fact)");
    }

    public string Required => Bound?.Phrase(Value) ?? Value.ToString();

    public override string Describe(EvalEnv env) => $"{Event}：{Principle}{Required}";

    protected override void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into)
    {
        var n = facts.Number(Fact!);
        if (n is null) return; // an event rule: judged only when the period actually ran
        var actualText = Quantity.FormatNumber(n.Value, UnitLabel(Unit));
        if (Bound is not null) { into.Add(Compare(Event, n.Value, actualText, Bound, Value)); return; }
        into.Add(n.Value == Value.Value
            ? Make(Outcome.Pass, Required, actualText, $"{Event} {actualText}，符合{Cite}规定的{Value}")
            : Make(Outcome.Fail, Required, actualText, $"{Event} {actualText}，与{Cite}规定的{Value}不一致"));
    }

    /// <summary>The end date of a calendar period (months/years/days) that starts the day after <paramref name="start"/>; working days need the calendar.</summary>
    public DateOnly? EndAfter(DateOnly start) => Unit switch
    {
        "days" => start.AddDays((int)Value.Value),
        "months" => start.AddMonths((int)Value.Value),
        "years" => start.AddYears((int)Value.Value),
        _ => null,
    };

    /// <summary>
    /// The last day of the period counted from <paramref name="start"/>, using <paramref name="addWorkingDays"/> (the
    /// working-day calendar: add N working days after a date, or null when the calendar for that year is not published)
    /// for working-day periods. Null means the end cannot be known — never a weekend-only guess.
    /// </summary>
    public DateOnly? EndAfter(DateOnly start, Func<DateOnly, int, DateOnly?> addWorkingDays) =>
        Unit == "working_days" ? addWorkingDays(start, (int)Value.Value) : EndAfter(start);
}

/// <summary>
/// kind: deadline — a calendar date each year (每年1月31日前; 1月底前). 前 is read as “on or before” (the day itself counts),
/// the usual reading in administrative practice. year: following means the year after the fact in year_fact (the report's year).
/// </summary>
public sealed class DeadlineRule : Rule
{
    public int Month { get; private set; } = 1;
    /// <summary>Day of month; null means the month's last day (月底).</summary>
    public int? Day { get; private set; }
    public bool FollowingYear { get; private set; }
    public string? DateFact { get; private set; }
    public string? YearFact { get; private set; }
    public string Event { get; private set; } = "";
    /// <summary>
    /// Where the text gives no exact day (每年年初报送), the day the pack uses is presumed (推定): this says from where. Every
    /// reason of the rule then carries it and says so.
    /// </summary>
    public string? Presumed { get; private set; }
    public override bool Evaluable => DateFact is not null;
    public override IEnumerable<string> FactsRead => base.FactsRead.Concat(new[] { DateFact, YearFact }.OfType<string>());

    internal override void ReadParameters(MapReader m, PackReader p)
    {
        Month = m.Int("month", required: true) ?? 1;
        if (Month is < 1 or > 12) m.Ctx.Error(m.KeyMark("month"), "month 应为 1–12");
        var day = m.String("day", required: true);
        if (day == "end") Day = null;
        else if (int.TryParse(day, out var d) && d is >= 1 and <= 31) Day = d;
        else if (day is not null) m.Ctx.Error(m.KeyMark("day"), $"day 应为 1–31 或 end（月底），实际为“{day}”");
        var word = m.String("word", required: true);
        if (word is not null and not ("前" or "之前" or "以前" or "底前"))
            m.Ctx.Error(m.KeyMark("word"), $"未知的期限词“{word}”，应为 前/之前/以前/底前");
        var year = m.String("year", required: true);
        if (year is not null and not ("same" or "following")) m.Ctx.Error(m.KeyMark("year"), "year 应为 same 或 following");
        FollowingYear = year == "following";
        Event = m.String("event", required: true) ?? "";
        if (m.Has("date_fact")) DateFact = p.FactRef(m, "date_fact", FactType.Date);
        if (m.Has("year_fact")) YearFact = p.FactRef(m, "year_fact", FactType.Number);
        if ((DateFact is null) != (YearFact is null)) m.Ctx.Error(m.Mark, "date_fact 与 year_fact 须同时给出");
        Presumed = m.String("presumed");
    }

    public string DayText => Day is null ? $"{Month}月底前" : $"{Month}月{Day}日前";

    public override string Describe(EvalEnv env) => $"{Event}：{(FollowingYear ? "次年" : "当年")}{DayText}（含当日）" +
        (Presumed is null ? "" : $"［推定：{Presumed}］");

    public DateOnly DueDate(int year)
    {
        var y = FollowingYear ? year + 1 : year;
        return new DateOnly(y, Month, Day ?? DateTime.DaysInMonth(y, Month));
    }

    protected override void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into)
    {
        var date = facts.Date(DateFact!);
        if (date is null) return; // an event rule: judged only when a submission is recorded
        var year = facts.Number(YearFact!);
        if (year is null) { into.Add(Missing(YearFact!, env)); return; }
        // A year the calendar cannot hold (a typing slip such as 20255, a fraction, 0) has no due date: an officer looks at it.
        if (year.Value != decimal.Truncate(year.Value) || year.Value < 1 || year.Value > (FollowingYear ? 9998 : 9999))
        {
            into.Add(Undefined(YearFact!, $"{(FollowingYear ? "次年" : "当年")}{DayText}", year.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"“{env.Label(YearFact!)}”为 {year.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}，不是能推算{Event}期限的年份"));
            return;
        }
        var due = DueDate((int)year.Value);
        var required = $"{due:yyyy-MM-dd}（{DayText}）及之前";
        var actual = date.Value.ToString("yyyy-MM-dd");
        var presumed = Presumed is null ? "" : $"（该日期为推定：{Presumed}）";
        var reason = date.Value <= due
            ? Make(Outcome.Pass, required, actual, $"{Event}于 {actual} 提交，未晚于{Cite}规定的 {due:yyyy-MM-dd}{presumed}")
            : Make(Outcome.Fail, required, actual, $"{Event}于 {actual} 提交，晚于{Cite}规定的 {due:yyyy-MM-dd}（{DayText}）{presumed}");
        into.Add(Presumed is null ? reason : reason with { Presumed = Presumed });
    }
}
