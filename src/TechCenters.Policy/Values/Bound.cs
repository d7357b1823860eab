namespace TechCenters.Policy;

public enum BoundDirection { AtLeast, AtMost }

/// <summary>
/// A Chinese bound word and what it means. The ONE place where 以上/以下/不少于/不低于/不超过/及以上 (figure included)
/// and 低于/超过/不足 (figure excluded) are interpreted (Chinese legal reading, cf. 民法典第一千二百五十九条).
/// </summary>
public sealed record Bound(string Word, BoundDirection Direction, bool Inclusive)
{
    private static readonly Dictionary<string, Bound> Words = Build();

    private static Dictionary<string, Bound> Build()
    {
        var d = new Dictionary<string, Bound>();
        void Add(BoundDirection dir, bool inclusive, params string[] words)
        {
            foreach (var w in words) d[w] = new Bound(w, dir, inclusive);
        }
        // 含本数 (figure included)
        Add(BoundDirection.AtLeast, true, "以上", "及以上", "（含）以上", "以上（含）", "不少于", "不低于", "至少", "不小于");
        Add(BoundDirection.AtMost, true, "以下", "及以下", "（含）以下", "以下（含）", "不超过", "不多于", "不高于", "以内", "最高", "至多", "不大于");
        // 不含本数 (figure excluded)
        Add(BoundDirection.AtLeast, false, "超过", "高于", "多于", "大于");
        Add(BoundDirection.AtMost, false, "低于", "不足", "少于", "小于", "未满");
        return d;
    }

    public static IReadOnlyCollection<string> KnownWords => Words.Keys;

    public static bool TryParse(string? word, out Bound bound)
    {
        bound = null!;
        if (word is null) return false;
        if (Words.TryGetValue(word.Trim(), out var b)) { bound = b; return true; }
        return false;
    }

    public static Bound Parse(string word) =>
        TryParse(word, out var b) ? b : throw new ArgumentException($"未知的界限词“{word}” (unknown bound word)", nameof(word));

    public bool IsSatisfiedBy(decimal actual, decimal limit) => (Direction, Inclusive) switch
    {
        (BoundDirection.AtLeast, true) => actual >= limit,
        (BoundDirection.AtLeast, false) => actual > limit,
        (BoundDirection.AtMost, true) => actual <= limit,
        _ => actual < limit,
    };

    /// <summary>以上/以下/以内 follow the figure (3人以上); the other words precede it (不少于3人).</summary>
    public bool IsPostfix => Word.StartsWith('以') || Word.StartsWith('及') || Word.StartsWith('（') || Word == "以内";

    /// <summary>The bound with its figure, in Chinese word order: "2/3以上", "不低于3%".</summary>
    public string Phrase(object figure) => IsPostfix ? $"{figure}{Word}" : $"{Word}{figure}";

    /// <summary>The symbol for explanations: ≥, &gt;, ≤, &lt;.</summary>
    public string Symbol => (Direction, Inclusive) switch
    {
        (BoundDirection.AtLeast, true) => "≥",
        (BoundDirection.AtLeast, false) => ">",
        (BoundDirection.AtMost, true) => "≤",
        _ => "<",
    };

    /// <summary>Chinese wording of how <paramref name="actual"/> misses the bound, e.g. "低于" for an unmet 不低于.</summary>
    public string MissWord(decimal actual, decimal limit) => Direction switch
    {
        BoundDirection.AtLeast => actual == limit ? "未超过" : "低于",
        _ => actual == limit ? "达到" : "超过",
    };
}
