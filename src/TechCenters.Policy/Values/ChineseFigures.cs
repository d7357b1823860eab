using System.Globalization;

namespace TechCenters.Policy;

/// <summary>
/// Figures as Chinese users type them: "1200万", "1.2亿元", "3,000,000", "十五", "六十五", "两千三百万", full-width digits,
/// and percentages "65%" / "65％". Pure; returns null for anything that is not one figure (never guesses).
/// </summary>
public static class ChineseFigures
{
    private static readonly Dictionary<char, int> Digits = new()
    {
        ['零'] = 0, ['〇'] = 0, ['一'] = 1, ['壹'] = 1, ['二'] = 2, ['贰'] = 2, ['两'] = 2, ['三'] = 3, ['叁'] = 3, ['四'] = 4, ['肆'] = 4,
        ['五'] = 5, ['伍'] = 5, ['六'] = 6, ['陆'] = 6, ['七'] = 7, ['柒'] = 7, ['八'] = 8, ['捌'] = 8, ['九'] = 9, ['玖'] = 9,
    };

    private static readonly Dictionary<char, long> SmallUnits = new() { ['十'] = 10, ['拾'] = 10, ['百'] = 100, ['佰'] = 100, ['千'] = 1000, ['仟'] = 1000 };
    private static readonly Dictionary<char, long> BigUnits = new() { ['万'] = 10_000, ['亿'] = 100_000_000 };

    /// <summary>The figure typed, with whether it carried a percent sign; null when it is not a figure.</summary>
    public static (decimal Value, bool Percent)? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = Normalize(text);
        var percent = s.EndsWith('%');
        if (percent) s = s[..^1];
        // A unit word after the figure (元, 人, 家, 年, 平方米, 字, 次, 个, 项, 分) says nothing more than the field does.
        foreach (var unit in new[] { "平方米", "万元", "亿元", "元", "人", "家", "年", "字", "次", "个", "项", "分", "m²", "㎡" })
            if (s.EndsWith(unit, StringComparison.Ordinal) && s.Length > unit.Length)
            {
                s = unit is "万元" or "亿元" ? s[..^1] : s[..^unit.Length];
                break;
            }
        var value = ParseCore(s);
        return value is null ? null : (value.Value, percent);
    }

    private static string Normalize(string text)
    {
        var chars = text.Trim().Select(c => c switch
        {
            >= '０' and <= '９' => (char)('0' + (c - '０')),
            '．' => '.',
            '，' or ',' => '\0',
            '％' => '%',
            '－' => '-',
            _ => c,
        }).Where(c => c != '\0' && !char.IsWhiteSpace(c));
        return new string(chars.ToArray());
    }

    private static decimal? ParseCore(string s)
    {
        if (s.Length == 0) return null;
        // Arabic digits, optionally with a big-unit multiplier: 1200万, 1.2亿, 3000000.
        var multiplier = 1m;
        var body = s;
        while (body.Length > 1 && BigUnits.TryGetValue(body[^1], out var big) && body[..^1].All(c => char.IsAsciiDigit(c) || c is '.' or '-' or '+' || BigUnits.ContainsKey(c)))
        {
            multiplier *= big;
            body = body[..^1];
        }
        if (body.All(c => char.IsAsciiDigit(c) || c is '.' or '-' or '+'))
        {
            if (!decimal.TryParse(body, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)) return null;
            try { return d * multiplier; } catch (OverflowException) { return null; }
        }
        return ParseChineseNumerals(s);
    }

    /// <summary>一千二百万, 十五, 六十五, 两千三百, 一点五亿 — numerals with 十百千万亿 and one 点.</summary>
    private static decimal? ParseChineseNumerals(string s)
    {
        if (s.Any(c => !Digits.ContainsKey(c) && !SmallUnits.ContainsKey(c) && !BigUnits.ContainsKey(c) && c != '点')) return null;
        var point = s.IndexOf('点');
        if (point >= 0)
        {
            // 一点五亿: integer part, digits after 点, then an optional big unit.
            var tail = s[(point + 1)..];
            var unit = 1m;
            if (tail.Length > 0 && BigUnits.TryGetValue(tail[^1], out var big)) { unit = big; tail = tail[..^1]; }
            if (tail.Length == 0 || tail.Any(c => !Digits.ContainsKey(c))) return null;
            var whole = point == 0 ? 0 : ParseChineseNumerals(s[..point]);
            if (whole is null) return null;
            var frac = decimal.Parse("0." + string.Concat(tail.Select(c => Digits[c])), CultureInfo.InvariantCulture);
            return (whole.Value + frac) * unit;
        }
        // 两亿三千万: 亿 closes everything before it, 万 closes the part since the last 亿.
        long yi = 0, wan = 0, section = 0, number = 0;
        var any = false;
        foreach (var c in s)
        {
            if (Digits.TryGetValue(c, out var d)) { number = d; any = true; }
            else if (SmallUnits.TryGetValue(c, out var small))
            {
                // 十五 = 15: a leading 十 counts one ten.
                section += (number == 0 && !any ? 1 : number) * small;
                number = 0;
                any = true;
            }
            else if (c is '万')
            {
                wan = (section + number) * 10_000;
                section = number = 0;
            }
            else if (c is '亿')
            {
                yi = (yi + wan + section + number) * 100_000_000;
                wan = section = number = 0;
            }
        }
        if (!any) return null;
        return yi + wan + section + number;
    }
}
