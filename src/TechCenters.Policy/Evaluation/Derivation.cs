using System.Globalization;
using TechCenters.Policy.Yaml;

namespace TechCenters.Policy;

/// <summary>
/// How the library computes a fact from others (vocabulary.yaml → facts → <c>derive</c>): people type the figures a form
/// asks for (totals, dates, headcounts), the library works out ratios, sums, terms and windows, and shows the formula.
/// The kinds are a closed list, each a structured map (no expression strings):
/// <list type="bullet">
/// <item><c>divide: [numerator, denominator]</c> — a ratio (资产负债率 = 负债总额 ÷ 资产总额);</item>
/// <item><c>sum: [a, b, …]</c> — a total;</item>
/// <item><c>years_between: [from, to]</c> — a term in years, both days counted (协议期限 2024-01-01 至 2026-12-31 = 3年);</item>
/// <item><c>year_span: [from, to_year]</c> — years counted by year (按年度：评估年度 − 认定年度);</item>
/// <item><c>within_years: { dates, before, years }</c> — whether any of the dates falls within the N years up to a day (近三年);</item>
/// <item><c>china_date: [timestamp]</c> — the calendar date of an instant in Asia/Shanghai (北京时间);</item>
/// <item><c>working_days_between: [from, to]</c> — working days after <c>from</c> up to <c>to</c> (公示期：自发布次日起算), with the calendar.</item>
/// </list>
/// </summary>
public sealed record Derivation(string Kind, IReadOnlyList<string> Inputs, int Years = 0)
{
    public static readonly IReadOnlyList<string> Kinds = ["divide", "sum", "years_between", "year_span", "within_years", "china_date", "working_days_between"];

    internal static Derivation? Read(string path, MapReader m)
    {
        var present = Kinds.Where(m.Has).ToList();
        if (present.Count != 1)
        {
            m.Ctx.Error(m.Mark, $"事实 {path} 的 derive 须且只能使用 {string.Join("/", Kinds)} 之一");
            foreach (var k in m.Keys) m.Node(k);
            return null;
        }
        var kind = present[0];
        if (kind == "within_years")
        {
            var w = m.Map(kind, required: true)!;
            var dates = w.String("dates", required: true) ?? "";
            var before = w.String("before", required: true) ?? "";
            var years = w.Int("years", required: true) ?? 0;
            w.Finish("within_years");
            m.Finish($"事实 {path} 的 derive");
            if (years <= 0) m.Ctx.Error(m.Mark, $"事实 {path} 的 within_years.years 应为正整数");
            return new Derivation(kind, [dates, before], years);
        }
        var inputs = m.StringList(kind, required: true);
        m.Finish($"事实 {path} 的 derive");
        var arity = kind switch { "divide" or "years_between" or "year_span" or "working_days_between" => 2, "china_date" => 1, _ => -1 };
        if (arity > 0 && inputs.Count != arity) m.Ctx.Error(m.Mark, $"事实 {path} 的 derive.{kind} 应列出 {arity} 个事实，实际 {inputs.Count} 个");
        if (kind == "sum" && inputs.Count < 2) m.Ctx.Error(m.Mark, $"事实 {path} 的 derive.sum 至少列出 2 个事实");
        return new Derivation(kind, inputs);
    }

    /// <summary>What each kind reads and yields: input types by position (the last repeats) and the result types allowed.</summary>
    private static (FactType[] Inputs, FactType[] Result) Signature(string kind) => kind switch
    {
        "divide" => ([FactType.Number], [FactType.Ratio]),
        "sum" => ([FactType.Number], [FactType.Number]),
        "years_between" => ([FactType.Date], [FactType.Number]),
        "year_span" => ([FactType.Date, FactType.Number], [FactType.Number]),
        "within_years" => ([FactType.DateList, FactType.Date], [FactType.Bool]),
        "china_date" => ([FactType.Timestamp], [FactType.Date]),
        _ => ([FactType.Date], [FactType.Number]),
    };

    /// <summary>Load-time check of every derived fact: inputs exist with the right types, the result type fits, no cycle.</summary>
    internal static void Check(IReadOnlyDictionary<string, FactDefinition> facts, ReadContext ctx)
    {
        foreach (var (path, def) in facts)
        {
            if (def.Derive is not { } d) continue;
            var (inputs, result) = Signature(d.Kind);
            if (!result.Contains(def.Type))
                ctx.Error(new SourceMark(1, 1), $"事实 {path} 由 {d.Kind} 计算，类型应为 {string.Join("/", result)}，实际为 {def.Type}");
            for (var i = 0; i < d.Inputs.Count; i++)
            {
                var want = inputs[Math.Min(i, inputs.Length - 1)];
                if (!facts.TryGetValue(d.Inputs[i], out var input))
                    ctx.Error(new SourceMark(1, 1), $"事实 {path} 的 derive 引用了未知的事实“{d.Inputs[i]}”");
                else if (input.Type != want && !(want == FactType.Number && input.Type == FactType.Ratio && d.Kind == "sum"))
                    ctx.Error(new SourceMark(1, 1), $"事实 {path} 的 derive.{d.Kind} 第 {i + 1} 项“{d.Inputs[i]}”应为 {want}，实际为 {input.Type}");
            }
        }
        // A derived fact may feed another, never itself.
        foreach (var (path, _) in facts)
        {
            var seen = new HashSet<string>();
            var stack = new Stack<string>([path]);
            while (stack.Count > 0)
            {
                var f = stack.Pop();
                if (!facts.TryGetValue(f, out var def) || def.Derive is null) continue;
                foreach (var i in def.Derive.Inputs)
                {
                    if (i == path) { ctx.Error(new SourceMark(1, 1), $"事实 {path} 的 derive 循环引用了自己"); stack.Clear(); break; }
                    if (seen.Add(i)) stack.Push(i);
                }
            }
        }
    }

    /// <summary>The formula in words: 资产负债率 = 负债总额 ÷ 资产总额.</summary>
    public string Formula(string label, Vocabulary v)
    {
        string L(int i) => v.FactLabel(Inputs[i]);
        return Kind switch
        {
            "divide" => $"{label} = {L(0)} ÷ {L(1)}",
            "sum" => $"{label} = {string.Join(" + ", Inputs.Select(v.FactLabel))}",
            "years_between" => $"{label} = 自{L(0)}至{L(1)}（首尾两日均计入）的整月数 ÷ 12",
            "year_span" => $"{label} = {L(1)} − {L(0)}所在年度（按年度计）",
            "within_years" => $"{label} = {L(0)}中是否有日期在{L(1)}前{Years}年内（自{L(1)}前{Years}年的次日起至{L(1)}）",
            "china_date" => $"{label} = {L(0)}在北京时间（Asia/Shanghai）的日期",
            _ => $"{label} = 自{L(0)}次日起至{L(1)}的工作日数（法定节假日与调休）",
        };
    }

    private static readonly TimeZoneInfo China = FindChina();

    private static TimeZoneInfo FindChina()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // China has kept UTC+8 without summer time since 1991; the fixed offset gives the same dates for any case here.
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "北京时间", "北京时间");
        }
    }

    /// <summary>The calendar date of an instant in Asia/Shanghai (北京时间), the day the regulations count by.</summary>
    public static DateOnly ChinaDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, China).DateTime);

    /// <summary>Full months from <paramref name="from"/> to the day after <paramref name="to"/> (both days counted), as years.</summary>
    public static decimal YearsBetween(DateOnly from, DateOnly to)
    {
        var end = to.AddDays(1);
        var months = (end.Year - from.Year) * 12 + end.Month - from.Month;
        // A month counts once its corresponding day is reached (or the month ends before it: 1月31日 → 2月底).
        if (end.Day < from.Day && end.Day != DateTime.DaysInMonth(end.Year, end.Month)) months--;
        return months / 12m;
    }

    /// <summary>
    /// The value this derivation gives for the facts (invariant text as a facts file writes it) and the figures it used,
    /// or null when an input is missing or cannot be used (a zero denominator, a calendar year not published).
    /// </summary>
    internal (string Value, string Shown)? Compute(Facts f, Vocabulary v, Func<DateOnly, DateOnly, int?>? workingDays)
    {
        string Num(decimal d) => d.ToString(CultureInfo.InvariantCulture);
        string Show(string path, decimal d) => Quantity.FormatNumber(d, v.Fact(path)?.Unit);
        switch (Kind)
        {
            case "divide":
            {
                if (f.Number(Inputs[0]) is not { } a || f.Number(Inputs[1]) is not { } b || b == 0) return null;
                return (Num(a / b), $"{Show(Inputs[0], a)} ÷ {Show(Inputs[1], b)} = {Quantity.Percent(a / b)}");
            }
            case "sum":
            {
                var parts = Inputs.Select(f.Number).ToList();
                if (parts.Any(p => p is null)) return null;
                var total = parts.Sum(p => p!.Value);
                return (Num(total), $"{string.Join(" + ", Inputs.Select((p, i) => Show(p, parts[i]!.Value)))} = {Quantity.Trim(total)}");
            }
            case "years_between":
            {
                if (f.Date(Inputs[0]) is not { } from || f.Date(Inputs[1]) is not { } to) return null;
                var years = YearsBetween(from, to);
                return (Num(Math.Round(years, 4)), $"{from:yyyy-MM-dd} 至 {to:yyyy-MM-dd}，{Quantity.Trim(Math.Round(years, 2))}年");
            }
            case "year_span":
            {
                if (f.Date(Inputs[0]) is not { } from || f.Number(Inputs[1]) is not { } year) return null;
                return (Num(year - from.Year), $"{Quantity.Trim(year)} − {from.Year} = {Quantity.Trim(year - from.Year)}年");
            }
            case "within_years":
            {
                if (f.DateList(Inputs[0]) is not { } dates || f.Date(Inputs[1]) is not { } at) return null;
                var first = at.AddYears(-Years).AddDays(1);
                var hits = dates.Where(d => d >= first && d <= at).ToList();
                return (hits.Count > 0 ? "true" : "false",
                    $"{first:yyyy-MM-dd} 至 {at:yyyy-MM-dd} 内" + (hits.Count > 0 ? $"有 {string.Join("、", hits.Select(d => d.ToString("yyyy-MM-dd")))}" : "无记录"));
            }
            case "china_date":
            {
                if (f.Timestamp(Inputs[0]) is not { } ts) return null;
                var d = ChinaDate(ts);
                return (d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), $"{ts:yyyy-MM-dd HH:mm:ss zzz} → 北京时间 {d:yyyy-MM-dd}");
            }
            default:
            {
                if (workingDays is null || f.Date(Inputs[0]) is not { } from || f.Date(Inputs[1]) is not { } to || workingDays(from, to) is not { } n) return null;
                return (Num(n), $"{from:yyyy-MM-dd} 次日起至 {to:yyyy-MM-dd}，{n}个工作日");
            }
        }
    }
}
