using System.Globalization;
using System.Text.RegularExpressions;
using TechCenters.Policy;

namespace TechCenters.Web.Features.Security;

/// <summary>
/// The typed facts a form posts (numbers, ratios, dates, yes/no, the pack's choices) in their canonical form only: a draft
/// never keeps 1e309, NaN, -0, "300万元" or 2026-02-30 where the pack reads a number or a date.
/// </summary>
public static partial class FactInput
{
    /// <summary>The typed facts, and the checklist ticks (check.&lt;list&gt;.&lt;n&gt;: "true" or absent), of a posted 申报书.</summary>
    public static List<string> Problems(PolicyPack pack, Vocabulary vocabulary, Applications.ApplicationInput input)
    {
        var problems = Problems(pack, vocabulary, input.Facts);
        if (input.Malformed) problems.Add("共建单位的所在地或是否核心的取值无效");
        foreach (var (key, value) in input.Form)
            if (key.StartsWith("check.", StringComparison.Ordinal) && value.Length > 0 && value != "true")
                problems.Add("核对清单的勾选值无效");
        return problems.Distinct().ToList();
    }

    public static List<string> Problems(PolicyPack pack, Vocabulary vocabulary, IReadOnlyDictionary<string, string> facts)
    {
        var typed = Applications.ApplicationForm.FormFacts(pack).ToHashSet();
        var problems = new List<string>();
        foreach (var (path, raw) in facts)
        {
            var v = raw.Trim();
            if (v.Length == 0 || !typed.Contains(path) || vocabulary.Fact(path) is not { } def) continue;
            var ok = def.Type switch
            {
                FactType.Number => Number().IsMatch(v) && !NegativeZero().IsMatch(v),
                FactType.Ratio => Ratio().IsMatch(v) && !NegativeZero().IsMatch(v.TrimEnd('%')),
                FactType.Date => DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                FactType.Bool => v is "true" or "false",
                FactType.Enum => def.Values.ContainsKey(v),
                _ => true,
            };
            if (!ok)
                problems.Add(def.Type switch
                {
                    FactType.Number => $"“{def.Label}”应为不小于0的数字{(def.Unit is null ? "" : $"（单位：{def.Unit}，只填数字）")}",
                    FactType.Ratio => $"“{def.Label}”应为百分数，如 3%",
                    FactType.Date => $"“{def.Label}”应为 yyyy-MM-dd 格式的有效日期",
                    _ => $"“{def.Label}”的值不是可选项之一",
                });
        }
        return problems;
    }

    // Every number the packs read is an amount, a count, an area or a share: never negative.
    [GeneratedRegex(@"^(0|[1-9]\d{0,17})(\.\d{1,6})?$")] private static partial Regex Number();
    [GeneratedRegex(@"^(0|[1-9]\d{0,3})(\.\d{1,4})?%?$")] private static partial Regex Ratio();
    [GeneratedRegex(@"^-0+(\.0*)?$")] private static partial Regex NegativeZero();
}
