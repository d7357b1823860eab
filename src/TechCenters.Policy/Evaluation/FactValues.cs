using System.Globalization;

namespace TechCenters.Policy;

/// <summary>
/// Reads one value typed on a form against its vocabulary definition (type, unit, range) into the canonical text the
/// facts hold, or says in Chinese why it cannot: "65" for a ratio is ambiguous (6500%?) and refused, "六十五" for a
/// number is 65, "1200万" is 12,000,000 yuan. Pure.
/// </summary>
public static class FactValues
{
    public sealed record Read(string? Value, string? Error)
    {
        public static Read Ok(string v) => new(v, null);
        public static Read Bad(string e) => new(null, e);
    }

    /// <summary>The largest figure a form accepts (10^15): beyond it a typing slip, not a budget.</summary>
    private const decimal MaxFigure = 1_000_000_000_000_000m;

    public static Read Parse(FactDefinition def, string typed)
    {
        var t = typed.Trim();
        if (t.Length == 0) return Read.Ok("");
        if (t.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t') || IsBidi(c)))
            return Read.Bad($"“{def.Label}”含有控制字符或方向控制字符，请删除后重新填写。");
        switch (def.Type)
        {
            case FactType.Bool:
                return Facts.ParseBool(t) is { } b ? Read.Ok(b ? "true" : "false") : Read.Bad($"“{def.Label}”应选择“是”或“否”。");
            case FactType.Number:
            {
                var f = ChineseFigures.Parse(t);
                if (f is null) return Read.Bad($"“{def.Label}”应填写数字{UnitHint(def)}，例如 1200万、3,000,000 或 十五；“{t}”无法识别。");
                if (f.Value.Percent) return Read.Bad($"“{def.Label}”应填写{def.Unit ?? "数值"}，不是百分数。");
                if (f.Value.Value < 0) return Read.Bad($"“{def.Label}”不能为负数。");
                if (f.Value.Value > MaxFigure) return Read.Bad($"“{def.Label}”的数值过大，请核对。");
                return Read.Ok(Canonical(f.Value.Value));
            }
            case FactType.Ratio:
            {
                var f = ChineseFigures.Parse(t) ?? (Quantity.TryParse(t, null, out var q) ? (q.Value, false) : null);
                if (f is null) return Read.Bad($"“{def.Label}”应填写百分数（如 65%）或小数（如 0.65）；“{t}”无法识别。");
                var value = f.Value.Percent ? f.Value.Value / 100m : f.Value.Value;
                // "65" could mean 65% or 6500%: a figure above 1 must carry its percent sign.
                if (!f.Value.Percent && !t.Contains('/') && value > 1)
                    return Read.Bad($"“{def.Label}”填写“{t}”含义不明：请写成百分数（如 {t}%）或小数（如 0.{t.Replace(".", "")}）。");
                if (value < 0) return Read.Bad($"“{def.Label}”不能为负数。");
                if (value > 10) return Read.Bad($"“{def.Label}”超过 1000%，请核对。");
                return Read.Ok(Canonical(value));
            }
            case FactType.Date:
            {
                var formats = new[] { "yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy年M月d日", "yyyy.M.d" };
                if (!DateOnly.TryParseExact(t, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    return Read.Bad($"“{def.Label}”应为有效日期（如 2025-06-30）；“{t}”不是存在的日期。");
                if (d.Year is < 1900 or > 2100) return Read.Bad($"“{def.Label}”的年份应在 1900 至 2100 之间。");
                return Read.Ok(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
            case FactType.Enum:
            {
                if (def.Values.ContainsKey(t)) return Read.Ok(t);
                var byLabel = def.Values.FirstOrDefault(v => v.Value == t);
                return byLabel.Key is not null ? Read.Ok(byLabel.Key)
                    : Read.Bad($"“{def.Label}”应为 {string.Join("、", def.Values.Values)} 之一。");
            }
            case FactType.Text:
                return t.Length > 4000 ? Read.Bad($"“{def.Label}”不能超过 4000 字。") : Read.Ok(t);
            default:
                return Read.Bad($"“{def.Label}”不能在表单中直接填写。");
        }
    }

    private static string UnitHint(FactDefinition def) => def.Unit is { Length: > 0 } u ? $"（单位：{u}）" : "";

    private static string Canonical(decimal d) => d.ToString("0.############", CultureInfo.InvariantCulture);

    // Unicode bidirectional controls (LRE … RLO, LRI … PDI, LRM/RLM/ALM): they reorder what a reviewer reads.
    private static bool IsBidi(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';
}
