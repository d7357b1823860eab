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

/// <summary>Why a rule passed, failed or needs an officer's judgement. Value carries a result such as a grade (优秀) where the rule yields one.</summary>
public sealed record Reason(string RuleId, string Article, Outcome Outcome, string Required, string Actual, string Message, string? Value = null);

/// <summary>The result of evaluating rules against facts: fail if any reason fails, else needs judgement if any does, else pass.</summary>
public sealed record Verdict(string Jurisdiction, string Version, string Document, Outcome Outcome, IReadOnlyList<Reason> Reasons)
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
        foreach (var r in Reasons) yield return $"[{OutcomeLabel(r.Outcome)}] {r.RuleId}（{r.Article}）：{r.Message}";
    }

    public static string OutcomeLabel(Outcome o) => o switch
    {
        Outcome.Pass => "符合",
        Outcome.Fail => "不符合",
        _ => "需经办人判断",
    };
}
