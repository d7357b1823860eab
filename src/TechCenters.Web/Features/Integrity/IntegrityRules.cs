using System.Text.Json;
using TechCenters.Policy;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Integrity;

/// <summary>
/// The categories of finding and the vocabulary facts each bears on (policies/vocabulary.yaml; the packs' rules read
/// those facts, citing their articles — nothing here names a jurisdiction). <see cref="DatesFact"/>: the finding's date
/// joins that date list (the packs' "近三年" windows are the library's within_years over it); <see cref="FalseInEffect"/>:
/// a finding in effect on the date judged makes these facts false (about the lead unit; builders.* also the co-builders);
/// <see cref="TrueInEffect"/>: revocation grounds (incidents.*) the finding is evidence for.
/// </summary>
public sealed record FindingCategory(string Id, string Name, string? DatesFact, IReadOnlyList<string> FalseInEffect, IReadOnlyList<string> TrueInEffect);

public static class FindingCategories
{
    public static readonly IReadOnlyList<FindingCategory> All =
    [
        new("bad_credit", "不良信用记录（严重失信）", "lead.bad_credit_dates", ["lead.good_reputation", "builders.good_research_credit"], ["incidents.bad_credit_or_penalty"]),
        new("research_dishonesty", "科研失信行为", null, ["builders.good_research_credit", "lead.good_reputation"], ["incidents.research_dishonesty"]),
        new("major_violation", "重大违法违规行为（受到处罚）", "lead.major_violation_dates", ["lead.good_reputation"], ["incidents.bad_credit_or_penalty"]),
        new("major_accident", "重大质量事故、较大及以上安全事故", "lead.major_accident_dates", [], []),
    ];

    public static FindingCategory? Of(string? id) => All.FirstOrDefault(c => c.Id == id);

    public static string Name(string id) => Of(id)?.Name ?? id;
}

/// <summary>A fact the record supplies, with the findings it rests on (cited to the officer).</summary>
public sealed record RecordFact(string Path, bool? Bool, IReadOnlyList<DateOnly>? Dates, IReadOnlyList<string> Cites);

/// <summary>The date logic of the record, pure.</summary>
public static class IntegrityRules
{
    /// <summary>In effect on <paramref name="on"/>: not withdrawn, from its first day through its last (inclusive; none = open-ended).</summary>
    public static bool InEffect(IntegrityFinding f, DateOnly on) =>
        !f.Withdrawn && f.EffectiveFrom <= on && (f.EffectiveTo is not { } to || on <= to);

    /// <summary>
    /// The last day of a period of <paramref name="years"/> years from <paramref name="from"/>, read as the packs read
    /// periods (policies/README.md, 民法典第二百零一条): counted from the next day, it ends on the corresponding day, or
    /// the month's last day where there is none — 2024-02-29 + 2 年 → 2026-02-28.
    /// </summary>
    public static DateOnly LastDayOf(DateOnly from, int years) => from.AddYears(years);

    /// <summary>How a finding is cited: its number, subject, category, what, source document, date and period.</summary>
    public static string Cite(IntegrityFinding f) =>
        $"科研诚信记录第{f.Id}号：{f.SubjectName}，{FindingCategories.Name(f.Category)}（{f.What}），依据{f.LegalBasis}，{f.DocumentNumber}，" +
        $"认定于{f.FoundOn:yyyy-MM-dd}，有效期{Period(f)}";

    public static string Period(IntegrityFinding f) =>
        $"{f.EffectiveFrom:yyyy-MM-dd}至{(f.EffectiveTo is { } to ? to.ToString("yyyy-MM-dd") : "长期")}";

    public static string State(IntegrityFinding f, DateOnly today) =>
        f.Withdrawn ? (f.WithdrawalReason?.StartsWith(Correction, StringComparison.Ordinal) == true ? "已更正" : "已撤回")
        : f.EffectiveFrom > today ? "未生效" : InEffect(f, today) ? "在效" : "已失效";

    public const string Correction = "更正：";

    /// <summary>居民身份证号码 (GB 11643): 17 digits and the ISO 7064 MOD 11-2 check character.</summary>
    public static bool IdNumberValid(string id) => id.Length == 18 && id[..17].All(char.IsAsciiDigit) && IdNumber(id[..17]) == id;

    /// <summary>17 digits completed with their check character.</summary>
    public static string IdNumber(string first17)
    {
        int[] w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var k = 0; k < 17; k++) sum += (first17[k] - '0') * w[k];
        return first17 + "10X98765432"[sum % 11];
    }

    /// <summary>
    /// What the record says for an application whose lead unit is <paramref name="leadUnitId"/>, judged on
    /// <paramref name="on"/>: date lists (findings against the lead unit found on or before the day) and facts made
    /// false by a finding in effect that day. A fact the record holds nothing for is left to the declaration.
    /// </summary>
    public static IReadOnlyList<RecordFact> ForApplication(IEnumerable<IntegrityFinding> findings, int leadUnitId, IReadOnlyCollection<int> coBuilderIds, DateOnly on)
    {
        var live = findings.Where(f => !f.Withdrawn && f.UnitId is not null && f.Subject == FindingSubject.Unit).ToList();
        var result = new List<RecordFact>();
        foreach (var c in FindingCategories.All)
        {
            if (c.DatesFact is { } datesFact)
            {
                var dated = live.Where(f => f.Category == c.Id && f.UnitId == leadUnitId && f.FoundOn <= on).OrderBy(f => f.FoundOn).ToList();
                if (dated.Count > 0)
                    Merge(result, new RecordFact(datesFact, null, dated.Select(f => f.FoundOn).ToList(), dated.Select(Cite).ToList()));
            }
            foreach (var fact in c.FalseInEffect)
            {
                var builders = fact.StartsWith("builders.", StringComparison.Ordinal);
                var hits = live.Where(f => f.Category == c.Id && InEffect(f, on) && (f.UnitId == leadUnitId || (builders && coBuilderIds.Contains(f.UnitId!.Value)))).ToList();
                if (hits.Count > 0) Merge(result, new RecordFact(fact, false, null, hits.Select(Cite).ToList()));
            }
        }
        return result;
    }

    private static void Merge(List<RecordFact> into, RecordFact f)
    {
        var i = into.FindIndex(x => x.Path == f.Path);
        if (i < 0) { into.Add(f); return; }
        var old = into[i];
        into[i] = old with
        {
            Dates = old.Dates is null && f.Dates is null ? null : [.. (old.Dates ?? []).Concat(f.Dates ?? []).Distinct().Order()],
            Cites = [.. old.Cites.Concat(f.Cites).Distinct()],
        };
    }

    /// <summary>The findings in effect on <paramref name="on"/> against each pool expert, cited (an expert with one is off every panel).</summary>
    public static IReadOnlyDictionary<int, string> ForExperts(IEnumerable<IntegrityFinding> findings, DateOnly on) =>
        findings.Where(f => f.ExpertId is not null && InEffect(f, on)).GroupBy(f => f.ExpertId!.Value)
            .ToDictionary(g => g.Key, g => string.Join("；", g.OrderBy(f => f.Id).Select(Cite)));

    public static string ToJson(IReadOnlyList<RecordFact> facts) => JsonSerializer.Serialize(facts, Json);

    public static IReadOnlyList<RecordFact> FromJson(string? json) =>
        string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<List<RecordFact>>(json, Json) ?? [];

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
