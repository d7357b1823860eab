using System.Text.RegularExpressions;

namespace TechCenters.Policy.Texts;

/// <summary>
/// Reads an article citation as packs write it into paths of a <see cref="RegulationText"/>: 第九条第4项 → [9, 4];
/// 第三十条第（三）项 and 第二十四条（三） → [30, 3] / [24, 3]; 三（三）2 → [3, 3, 2]; 附1第三部分第1项 → [附1, 3, 1];
/// 附件签章页 → [附件, 签章页]. Several citations are joined by 、 (a bare 第3项 after 第三条第1项 is 第三条第3项), and
/// 至 gives a range (第八条至第十二条).
/// </summary>
public static partial class Citation
{
    [GeneratedRegex(@"^附件?\d*")] private static partial Regex Appendix();
    [GeneratedRegex(@"^第([零〇一二三四五六七八九十百\d]+)条")] private static partial Regex Article();
    [GeneratedRegex(@"^第([零〇一二三四五六七八九十百\d]+)部分")] private static partial Regex Part();
    [GeneratedRegex(@"^第[（(]?([零〇一二三四五六七八九十百\d]+)[）)]?项")] private static partial Regex Item();
    [GeneratedRegex(@"^[（(]([零〇一二三四五六七八九十百\d]+)[）)]")] private static partial Regex Paren();
    [GeneratedRegex(@"^([一二三四五六七八九十]+)")] private static partial Regex Section();
    [GeneratedRegex(@"^(\d+)")] private static partial Regex Number();
    [GeneratedRegex(@"^[^零〇一二三四五六七八九十百\d（(第]+")] private static partial Regex Name();

    /// <summary>The paths a citation names, or null with <paramref name="error"/> when it cannot be read.</summary>
    public static IReadOnlyList<IReadOnlyList<string>>? Parse(string citation, out string? error)
    {
        error = null;
        var result = new List<IReadOnlyList<string>>();
        IReadOnlyList<string>? previous = null;
        foreach (var raw in citation.Split('、', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = raw.Split('至', StringSplitOptions.TrimEntries);
            if (ends.Length > 2) { error = $"“{raw}”含多个“至”"; return null; }
            var from = One(ends[0], previous, out error);
            if (from is null) return null;
            if (ends.Length == 1) { result.Add(from); previous = from; continue; }
            var to = One(ends[1], from, out error);
            if (to is null) return null;
            // 附3第一部分至第十部分: the end names only the last level; it shares the start's prefix.
            if (to.Count < from.Count) to = [.. from.Take(from.Count - to.Count), .. to];
            if (to.Count != from.Count || !from.Take(from.Count - 1).SequenceEqual(to.Take(to.Count - 1))
                || !int.TryParse(from[^1], out var a) || !int.TryParse(to[^1], out var b) || b < a)
            {
                error = $"“{raw}”不是同一层级的连续范围";
                return null;
            }
            for (var i = a; i <= b; i++) result.Add([.. from.Take(from.Count - 1), i.ToString()]);
            previous = to;
        }
        if (result.Count == 0) { error = "条款引用为空"; return null; }
        return result;
    }

    private static IReadOnlyList<string>? One(string text, IReadOnlyList<string>? previous, out string? error)
    {
        error = null;
        var path = new List<string>();
        var rest = text;
        var relative = previous is not null && (Item().IsMatch(rest) || Paren().IsMatch(rest));
        if (relative) path.AddRange(previous!.Take(previous!.Count - 1));
        while (rest.Length > 0)
        {
            Match m;
            if (path.Count == 0 && (m = Appendix().Match(rest)).Success) { path.Add(m.Value); rest = rest[m.Length..]; continue; }
            if ((m = Article().Match(rest)).Success || (m = Part().Match(rest)).Success || (m = Item().Match(rest)).Success
                || (m = Paren().Match(rest)).Success || (m = Section().Match(rest)).Success || (m = Number().Match(rest)).Success)
            {
                if (ChineseNumber.Parse(m.Groups[1].Value) is not { } n) { error = $"无法识别“{m.Value}”中的序号"; return null; }
                path.Add(n.ToString());
                rest = rest[m.Length..];
                continue;
            }
            // A named part with no number (注, 签章页, 提纲, 前言), up to where numbering resumes (附件提纲一 → 提纲, 一).
            var name = Name().Match(rest);
            if (!name.Success) { error = $"无法识别“{rest}”"; return null; }
            path.Add(name.Value);
            rest = rest[name.Length..];
        }
        if (path.Count == 0) { error = $"无法识别条款引用“{text}”"; return null; }
        return path;
    }
}
