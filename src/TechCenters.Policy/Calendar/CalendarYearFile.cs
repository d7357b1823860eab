using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TechCenters.Policy.Calendar;

/// <summary>
/// Reads policies/calendar/&lt;year&gt;.yaml strictly: unknown or duplicate keys, malformed dates, dates
/// outside the file's year, a date listed twice or as both holiday and working day are errors that
/// name the file and line. See policies/calendar/README.md for the format.
/// </summary>
public static partial class CalendarYearFile
{
    private static readonly string[] TopKeys = ["year", "via", "sources", "holidays", "workingDays"];
    private static readonly string[] SourceKeys = ["title", "number", "scope"];
    private static readonly string[] EntryKeys = ["date", "name"];

    /// <summary>Loads every <c>&lt;year&gt;.yaml</c> in <paramref name="directory"/>; all errors of all files are reported together.</summary>
    public static IReadOnlyList<CalendarYear> LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
            throw new CalendarDataException([new(new SourceLocation(directory), "日历目录不存在")]);

        var years = new List<CalendarYear>();
        var errors = new List<CalendarDataError>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            try
            {
                years.Add(Load(path));
            }
            catch (CalendarDataException e)
            {
                errors.AddRange(e.Errors);
            }
        }
        if (Directory.EnumerateFiles(directory, "*.yml").FirstOrDefault() is { } yml)
            errors.Add(new(new SourceLocation(yml), "日历文件须以 .yaml 结尾"));
        if (errors.Count > 0)
            throw new CalendarDataException(errors);
        return years;
    }

    /// <summary>Loads one year file; its name must be the year (2026.yaml).</summary>
    public static CalendarYear Load(string path)
    {
        var text = File.ReadAllText(path);
        var year = Parse(text, path);
        var stem = Path.GetFileNameWithoutExtension(path);
        if (stem != year.Year.ToString(CultureInfo.InvariantCulture))
            throw new CalendarDataException([new(new SourceLocation(path), $"文件名应为 {year.Year}.yaml，与其中的 year: {year.Year} 一致")]);
        return year;
    }

    /// <summary>Parses the text of a year file; <paramref name="origin"/> names it in error messages.</summary>
    public static CalendarYear Parse(string yaml, string origin)
    {
        var errors = new List<CalendarDataError>();
        Node? root;
        try
        {
            root = ReadDocument(yaml, origin);
        }
        catch (YamlException e)
        {
            throw new CalendarDataException([new(At(origin, e.Start), "YAML 语法错误：" + e.Message)]);
        }
        catch (StructureException e)
        {
            throw new CalendarDataException([e.Error]);
        }

        if (root is not MapNode map)
            throw new CalendarDataException([new(root?.At ?? new SourceLocation(origin), "文件应是一个映射（year、sources、holidays、workingDays）")]);

        CheckKeys(map, TopKeys, "文件顶层", errors);

        int? year = null;
        if (Required(map, "year", errors) is { } yearNode)
        {
            if (yearNode is ScalarNode { Plain: true } s && YearPattern().IsMatch(s.Value))
                year = int.Parse(s.Value, CultureInfo.InvariantCulture);
            else
                errors.Add(new(yearNode.At, "year 应是四位数年份，如 2026"));
        }

        string? via = null;
        if (map.Get("via") is { } viaNode)
            via = Text(viaNode, "via", errors);

        var sources = new List<NoticeSource>();
        if (Required(map, "sources", errors) is { } sourcesNode)
        {
            if (sourcesNode is not SeqNode seq)
                errors.Add(new(sourcesNode.At, "sources 应是通知列表"));
            else
                foreach (var item in seq.Items)
                {
                    if (item is not MapNode m)
                    {
                        errors.Add(new(item.At, "sources 的每一项应是映射（title、number、scope）"));
                        continue;
                    }
                    CheckKeys(m, SourceKeys, "sources 项", errors);
                    var title = Required(m, "title", errors) is { } t ? Text(t, "title", errors) : null;
                    var number = m.Get("number") is { } n ? Text(n, "number", errors) : null;
                    var scope = m.Get("scope") is { } sc ? Text(sc, "scope", errors) : null;
                    if (title is not null)
                        sources.Add(new NoticeSource(title, number, scope));
                }
        }

        var holidays = Entries(map, "holidays", errors);
        var workingDays = Entries(map, "workingDays", errors);

        if (errors.Count > 0 || year is null)
            throw new CalendarDataException(errors);

        var result = new CalendarYear(year.Value, sources, holidays, workingDays, new SourceLocation(origin), via);
        var invalid = result.Validate();
        if (invalid.Count > 0)
            throw new CalendarDataException(invalid);
        return result;
    }

    private static List<CalendarEntry> Entries(MapNode map, string key, List<CalendarDataError> errors)
    {
        var entries = new List<CalendarEntry>();
        if (Required(map, key, errors) is not { } node)
            return entries;
        if (node is not SeqNode seq)
        {
            errors.Add(new(node.At, $"{key} 应是列表（可为空 []）"));
            return entries;
        }
        foreach (var item in seq.Items)
        {
            if (item is not MapNode m)
            {
                errors.Add(new(item.At, $"{key} 的每一项应是 {{ date: YYYY-MM-DD, name: 名称 }}"));
                continue;
            }
            CheckKeys(m, EntryKeys, $"{key} 项", errors);
            DateOnly? date = null;
            if (Required(m, "date", errors) is { } d)
            {
                if (d is ScalarNode { Plain: true } ds && DatePattern().IsMatch(ds.Value)
                    && DateOnly.TryParseExact(ds.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                    date = parsed;
                else
                    errors.Add(new(d.At, $"date 应是 YYYY-MM-DD 形式的有效日期，实际为 {Describe(d)}"));
            }
            var name = Required(m, "name", errors) is { } n ? Text(n, "name", errors) : null;
            if (date is not null && name is not null)
                entries.Add(new CalendarEntry(date.Value, name, m.At));
        }
        return entries;
    }

    private static void CheckKeys(MapNode map, string[] allowed, string where, List<CalendarDataError> errors)
    {
        foreach (var (key, _) in map.Pairs)
        {
            if (!allowed.Contains(key.Value, StringComparer.Ordinal))
                errors.Add(new(key.At, $"{where}出现未知的键 \"{key.Value}\"（允许：{string.Join("、", allowed)}）"));
        }
    }

    private static Node? Required(MapNode map, string key, List<CalendarDataError> errors)
    {
        var node = map.Get(key);
        if (node is null)
            errors.Add(new(map.At, $"缺少必需的键 \"{key}\""));
        return node;
    }

    private static string? Text(Node node, string key, List<CalendarDataError> errors)
    {
        if (node is ScalarNode s && !string.IsNullOrWhiteSpace(s.Value) && !(s.Plain && s.Value is "~" or "null"))
            return s.Value.Trim();
        errors.Add(new(node.At, $"{key} 应是非空文字"));
        return null;
    }

    private static string Describe(Node node) => node switch
    {
        ScalarNode s => $"\"{s.Value}\"",
        SeqNode => "列表",
        _ => "映射",
    };

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DatePattern();

    // A small tree over YamlDotNet's parser events, so that every node keeps its line and
    // duplicate keys are caught (a deserializer would silently keep the last one).

    private abstract record Node(SourceLocation At);

    private sealed record ScalarNode(SourceLocation At, string Value, bool Plain) : Node(At);

    private sealed record SeqNode(SourceLocation At, List<Node> Items) : Node(At);

    private sealed record MapNode(SourceLocation At, List<(ScalarNode Key, Node Value)> Pairs) : Node(At)
    {
        public Node? Get(string key)
        {
            foreach (var (k, v) in Pairs)
            {
                if (k.Value == key)
                    return v;
            }
            return null;
        }
    }

    private sealed class StructureException(CalendarDataError error) : Exception(error.Message)
    {
        public CalendarDataError Error { get; } = error;
    }

    private static SourceLocation At(string origin, Mark mark) => new(origin, checked((int)mark.Line), checked((int)mark.Column));

    private static Node? ReadDocument(string yaml, string origin)
    {
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        if (parser.TryConsume<StreamEnd>(out _))
            throw new StructureException(new(new SourceLocation(origin), "文件为空"));
        parser.Consume<DocumentStart>();
        var root = ReadNode(parser, origin);
        parser.Consume<DocumentEnd>();
        if (!parser.TryConsume<StreamEnd>(out _))
            throw new StructureException(new(At(origin, parser.Current!.Start), "一个文件只能有一个 YAML 文档"));
        return root;
    }

    private static Node ReadNode(IParser parser, string origin)
    {
        var current = parser.Current ?? throw new StructureException(new(new SourceLocation(origin), "文件意外结束"));
        var at = At(origin, current.Start);
        switch (current)
        {
            case AnchorAlias:
                throw new StructureException(new(at, "不支持锚点与别名（*alias）：每个值请直接写出"));
            case NodeEvent { Anchor.IsEmpty: false }:
                throw new StructureException(new(at, "不支持锚点（&anchor）：每个值请直接写出"));
            case Scalar scalar:
                parser.MoveNext();
                return new ScalarNode(at, scalar.Value, scalar.Style == ScalarStyle.Plain);
            case SequenceStart:
            {
                parser.MoveNext();
                var items = new List<Node>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                    items.Add(ReadNode(parser, origin));
                return new SeqNode(at, items);
            }
            case MappingStart:
            {
                parser.MoveNext();
                var pairs = new List<(ScalarNode, Node)>();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    if (ReadNode(parser, origin) is not ScalarNode key)
                        throw new StructureException(new(at, "映射的键必须是简单文字"));
                    if (pairs.Any(p => p.Item1.Value == key.Value))
                        throw new StructureException(new(key.At, $"重复的键 \"{key.Value}\""));
                    pairs.Add((key, ReadNode(parser, origin)));
                }
                return new MapNode(at, pairs);
            }
            default:
                throw new StructureException(new(at, $"意外的 YAML 结构：{current.GetType().Name}"));
        }
    }
}
