using System.Text;
using System.Text.RegularExpressions;

namespace TechCenters.Policy.Texts;

/// <summary>
/// One article, item or part of an official text: its path of numbers (第八条第1项 = [8, 1]; 三（三）2 = [3, 3, 2]; 附1第三部分
/// = [附1, 3]; named parts such as 附3注 = [附3, 注]), the marker it starts with as printed, and its own text (children excluded).
/// </summary>
public sealed class TextUnit
{
    public required IReadOnlyList<string> Path { get; init; }
    public required string Marker { get; init; }
    public required int Line { get; init; }
    public TextUnit? Parent { get; init; }
    public List<TextUnit> Children { get; } = [];
    internal StringBuilder Own { get; } = new();
    internal string Style { get; init; } = "";

    public string Key => string.Join(".", Path);
    public string Text => Own.ToString();
    /// <summary>The unit's text with every descendant's, in order.</summary>
    public string FullText => Text + string.Concat(Children.Select(c => c.FullText));
    /// <summary>The markers from the top, as printed: 第八条 › 1．</summary>
    public string Display => Parent is null ? Marker : $"{Parent.Display} › {Marker}";
    public IEnumerable<TextUnit> Descendants => Children.SelectMany(c => new[] { c }.Concat(c.Descendants));
    /// <summary>The beginning of the unit's text, for listings.</summary>
    public string Excerpt(int length = 28)
    {
        var t = Text.Replace("\n", "").Trim();
        return t.Length <= length ? t : t[..length] + "…";
    }
}

/// <summary>A named part of a text with no number of its own (新疆 附件签章页), found by the line it starts with.</summary>
public sealed record TextAnchor(string Name, string Parent, string Starts);

/// <summary>
/// An official regulation split into its articles, items and appendix parts, by the markers Chinese regulations print at
/// the start of a line: 第X条 and 附1/附件 (top level), and within them 一、 （一） 1. （1） — each kind nests under the
/// kinds seen before it, so 第八条 1．, 第九条 （一） and 三、（三）2. all read the same way. Chapters (第X章) are headings
/// only. Text before the first marker is the 前言 (notice, title). <c>注：</c> and <c>附：</c> lines are named parts; other
/// named parts come from anchors; a unit listed as whole is not split further (沧州's indicator table).
/// </summary>
public sealed partial class RegulationText
{
    public const string Preamble = "前言";

    public IReadOnlyList<TextUnit> Roots { get; }

    private RegulationText(IReadOnlyList<TextUnit> roots) => Roots = roots;

    public IEnumerable<TextUnit> All => Roots.SelectMany(r => new[] { r }.Concat(r.Descendants));

    public TextUnit? Find(IReadOnlyList<string> path)
    {
        IReadOnlyList<TextUnit> level = Roots;
        TextUnit? hit = null;
        foreach (var part in path)
        {
            hit = level.FirstOrDefault(u => u.Path[^1] == part);
            if (hit is null) return null;
            level = hit.Children;
        }
        return hit;
    }

    [GeneratedRegex(@"^第([零〇一二三四五六七八九十百]+)章")] private static partial Regex Chapter();
    [GeneratedRegex(@"^第([零〇一二三四五六七八九十百]+)条")] private static partial Regex Article();
    [GeneratedRegex(@"^附(件)?(\d*)$")] private static partial Regex Appendix();
    [GeneratedRegex(@"^([一二三四五六七八九十]+)、")] private static partial Regex ChineseComma();
    [GeneratedRegex(@"^[（(]([一二三四五六七八九十]+)[）)]")] private static partial Regex ParenChinese();
    [GeneratedRegex(@"^(\d+)[.．、](?![\d.]*%)")] private static partial Regex ArabicDot();
    [GeneratedRegex(@"^[（(](\d+)[）)]")] private static partial Regex ParenArabic();
    [GeneratedRegex(@"^(注|附)[：:]")] private static partial Regex Named();

    /// <summary>Splits <paramref name="text"/>; <paramref name="whole"/> holds keys (8, 附件) of units kept as one.</summary>
    public static RegulationText Parse(string text, IEnumerable<TextAnchor>? anchors = null, IEnumerable<string>? whole = null)
    {
        var anchorList = anchors?.ToList() ?? [];
        var wholeKeys = whole?.ToHashSet() ?? [];
        var roots = new List<TextUnit>();
        var stack = new List<TextUnit>(); // open units, outermost first
        TextUnit? current = null;
        var lineNo = 0;

        TextUnit Root(string key, string marker, int line, string style)
        {
            var u = new TextUnit { Path = [key], Marker = marker, Line = line, Style = style };
            roots.Add(u);
            stack.Clear();
            stack.Add(u);
            return u;
        }

        foreach (var raw in text.Replace("\r", "").Split('\n'))
        {
            lineNo++;
            var line = raw.Trim().Trim('\uFEFF', '\u3000').Trim();
            if (line.Length == 0) continue;
            if (Chapter().IsMatch(line)) continue;
            // Inside a part kept whole, only a marker of its own level or above (the next part) ends it.
            var wholeAt = stack.FindIndex(u => wholeKeys.Contains(u.Key));
            var inWhole = wholeAt >= 0 && !(Marker(line) is { } next && stack.Take(wholeAt + 1).Skip(1).Any(u => u.Style == next.Style));
            Match m;
            if ((m = Article().Match(line)).Success && ChineseNumber.Parse(m.Groups[1].Value) is { } art)
            {
                current = Root(art.ToString(), m.Value, lineNo, "article");
                current.Own.Append(line[m.Length..].Trim()).Append('\n');
                continue;
            }
            if ((m = Appendix().Match(line)).Success)
            {
                current = Root("附" + (m.Groups[2].Value.Length > 0 ? m.Groups[2].Value : m.Groups[1].Value), line, lineNo, "appendix");
                continue;
            }
            if (current is null) current = Root(Preamble, Preamble, lineNo, "preamble");
            if (!inWhole && anchorList.FirstOrDefault(a => line.StartsWith(a.Starts, StringComparison.Ordinal) && stack.Count > 0 && stack[0].Key == a.Parent) is { } anchor)
            {
                current = Child(stack, 1, anchor.Name, anchor.Name, lineNo, "anchor");
                current.Own.Append(line).Append('\n');
                continue;
            }
            if (!inWhole && (m = Named().Match(line)).Success)
            {
                var rest = line[m.Length..].Trim();
                var restIsMarker = Marker(rest) is not null;
                // 附： belongs to the article it follows, 注： to the appendix it opens: both hang under the top-level unit.
                var named = Child(stack, 1, m.Groups[1].Value, m.Value, lineNo, "named");
                if (!restIsMarker)
                {
                    named.Own.Append(rest).Append('\n');
                    stack.RemoveAt(stack.Count - 1); // a 注 is a leaf: what follows belongs to its parent
                    current = named;
                    continue;
                }
                current = named;
                line = rest;
            }
            if (!inWhole && Marker(line) is { } mk && current is not null)
            {
                // A text without articles (新疆's 一、二、…) numbers its top level with the first kind of marker after the preamble.
                if (stack[0].Style is "preamble" || (stack[0].Style == mk.Style && stack[0].Path.Count == 1 && roots.Any(r => r.Style == "preamble")))
                {
                    if (roots.Any(r => r.Path[0] == mk.Number)) { current.Own.Append(line).Append('\n'); continue; }
                    current = Root(mk.Number, mk.Text, lineNo, mk.Style);
                    current.Own.Append(line[mk.Text.Length..].Trim()).Append('\n');
                    continue;
                }
                // A kind of marker already open closes back to its level (a sibling); a new kind opens a child level.
                var at = stack.FindLastIndex(u => u.Style == mk.Style);
                var depth = at >= 1 ? at : stack.Count;
                var parent = stack[depth - 1];
                if (parent.Children.Any(c => c.Path[^1] == mk.Number))
                {
                    current.Own.Append(line).Append('\n'); // numbering restarts inside a table: plain text of the unit
                    continue;
                }
                current = Child(stack, depth, mk.Number, mk.Text, lineNo, mk.Style);
                current.Own.Append(line[mk.Text.Length..].Trim()).Append('\n');
                continue;
            }
            current!.Own.Append(line).Append('\n');
        }
        return new RegulationText(roots);
    }

    private static TextUnit Child(List<TextUnit> stack, int depth, string key, string marker, int line, string style)
    {
        while (stack.Count > depth) stack.RemoveAt(stack.Count - 1);
        var parent = stack[^1];
        var u = new TextUnit { Path = [.. parent.Path, key], Marker = marker, Line = line, Parent = parent, Style = style };
        parent.Children.Add(u);
        stack.Add(u);
        return u;
    }

    private sealed record MarkerMatch(string Style, string Number, string Text);

    private static MarkerMatch? Marker(string line)
    {
        Match m;
        if ((m = ChineseComma().Match(line)).Success && ChineseNumber.Parse(m.Groups[1].Value) is { } a) return new("cc", a.ToString(), m.Value);
        if ((m = ParenChinese().Match(line)).Success && ChineseNumber.Parse(m.Groups[1].Value) is { } b) return new("pc", b.ToString(), m.Value);
        if ((m = ArabicDot().Match(line)).Success) return new("ad", int.Parse(m.Groups[1].Value).ToString(), m.Value);
        if ((m = ParenArabic().Match(line)).Success) return new("pa", int.Parse(m.Groups[1].Value).ToString(), m.Value);
        return null;
    }
}

/// <summary>Chinese numerals as regulations number articles and items: 一 … 十, 十二, 二十八, 一百零一.</summary>
public static class ChineseNumber
{
    private const string Digits = "零一二三四五六七八九";

    public static int? Parse(string s)
    {
        if (string.IsNullOrEmpty(s)) return null;
        if (s.All(char.IsAsciiDigit)) return int.Parse(s);
        s = s.Replace('〇', '零');
        var total = 0;
        var digit = -1;
        foreach (var c in s)
        {
            var d = Digits.IndexOf(c);
            if (d >= 0) { digit = d; continue; }
            var unit = c switch { '十' => 10, '百' => 100, _ => 0 };
            if (unit == 0) return null;
            total += (digit < 0 ? 1 : digit) * unit;
            digit = -1;
        }
        if (digit > 0) total += digit;
        return total == 0 && digit != 0 ? null : total;
    }
}
