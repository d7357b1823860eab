using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace TechCenters.Policy;

[JsonConverter(typeof(JsonStringEnumConverter<Outcome>))]
public enum Outcome
{
    Pass,
    /// <summary>需经办人判断: the pack marks the rule as judgement, or a fact it needs was not given.</summary>
    NeedsJudgement,
    Fail,
}

/// <summary>
/// Why a rule passed, failed or needs an officer's judgement. Value carries a result such as a grade (优秀) where the rule
/// yields one. Doubt says why a reason needs (or needed) an officer: a fact not given, a value the pack does not define, a
/// judgement word of the text (with the officer's answer once given). Derived lists the formulas of the computed facts the
/// reason rests on; Presumed the source of a presumed (推定) date it rests on. The last three are optional, so verdicts
/// stored before they existed still read.
/// </summary>
public sealed record Reason(string RuleId, string Article, Outcome Outcome, string Required, string Actual, string Message, string? Value = null,
    Doubt? Doubt = null, IReadOnlyList<string>? Derived = null, string? Presumed = null);

/// <summary>The kinds of <see cref="Doubt"/>.</summary>
public static class DoubtKinds
{
    /// <summary>未提供: a fact the rule needs was not given.</summary>
    public const string Missing = "missing";
    /// <summary>未规定: a value (grade, unit type, enum value) the pack's text does not define.</summary>
    public const string Undefined = "undefined";
    /// <summary>判断用语: the text leaves the matter to an officer by a word (严重, 重大, 原则上, 一般应…).</summary>
    public const string Judgement = "judgement";
    /// <summary>待定: the outcome waits for a later event (a rectification under way, a figure that cannot be computed).</summary>
    public const string Pending = "pending";
}

/// <summary>
/// Why a reason is (or was) NeedsJudgement. <see cref="Words"/> quotes the text's judgement words; <see cref="Fact"/> names the
/// fact that settles it (the missing fact, or <c>judgements.&lt;rule id&gt;</c> for the officer's answer); once the officer
/// answered, <see cref="Answer"/> (pass/fail) and <see cref="AnswerReason"/> are kept with the verdict.
/// </summary>
public sealed record Doubt(string Kind, string? Fact = null, IReadOnlyList<string>? Words = null, string? Answer = null, string? AnswerReason = null);

/// <summary>The result of evaluating rules against facts: fail if any reason fails, else needs judgement if any does, else pass.</summary>
/// <remarks>Presumptions: dates of the pack this verdict rests on that the text does not state (推定), each with its source.</remarks>
public sealed record Verdict(string Jurisdiction, string Version, string Document, Outcome Outcome, IReadOnlyList<Reason> Reasons,
    IReadOnlyList<string>? Presumptions = null)
{
    public static Outcome Combine(IEnumerable<Reason> reasons)
    {
        var o = Outcome.Pass;
        foreach (var r in reasons) if (r.Outcome > o) o = r.Outcome;
        return o;
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static Verdict FromJson(string json) => JsonSerializer.Deserialize<Verdict>(json, Json)!;

    /// <summary>Chinese lines for a console: the outcome, then one line per reason.</summary>
    public IEnumerable<string> ToLines()
    {
        yield return $"结论：{OutcomeLabel(Outcome)}（{Document}，{Version} 版）";
        foreach (var p in Presumptions ?? []) yield return $"［推定］{p}";
        foreach (var r in Reasons) yield return $"[{OutcomeLabel(r.Outcome)}] {r.RuleId}（{r.Article}）：{r.Message}";
    }

    public static string OutcomeLabel(Outcome o) => o switch
    {
        Outcome.Pass => "符合",
        Outcome.Fail => "不符合",
        _ => "需经办人判断",
    };
}
