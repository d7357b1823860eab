using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TechCenters.Policy.Yaml;

/// <summary>A position in a source file (1-based line and column).</summary>
public readonly record struct SourceMark(int Line, int Column);

/// <summary>A YAML node with its position, built from YamlDotNet parser events so every error can name a line.</summary>
public abstract class YNode
{
    public SourceMark Mark { get; init; }
}

public sealed class YScalar : YNode
{
    public required string Value { get; init; }
    public bool Quoted { get; init; }
    /// <summary>A plain (unquoted) empty, ~ or null scalar.</summary>
    public bool IsNull => !Quoted && Value is "" or "~" or "null" or "Null" or "NULL";
}

public sealed class YMap : YNode
{
    public List<KeyValuePair<YScalar, YNode>> Entries { get; } = [];
}

public sealed class YSeq : YNode
{
    public List<YNode> Items { get; } = [];
}

/// <summary>Parses YAML text into a <see cref="YNode"/> tree; rejects duplicate keys, anchors/aliases, complex keys and multiple documents.</summary>
public static class YamlTree
{
    public static YNode? Parse(string text, string file, List<PolicyError> errors)
    {
        Parser? parser = null;
        try
        {
            parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _)) return null;
            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, file, errors);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                var m = MarkOf(parser.Current!.Start);
                errors.Add(new PolicyError(file, m.Line, m.Column, "一个文件只能包含一个 YAML 文档 (only one YAML document per file)"));
            }
            return root;
        }
        catch (YamlException ex)
        {
            var m = MarkOf(ex.Start);
            errors.Add(new PolicyError(file, m.Line, m.Column, $"YAML 语法错误 (syntax error): {ex.Message}"));
            return null;
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner can fail this way on malformed flow collections; report at the last position parsed.
            var m = parser?.Current is { } cur ? MarkOf(cur.End) : new SourceMark(1, 1);
            errors.Add(new PolicyError(file, m.Line, m.Column, $"YAML 语法错误（在第 {m.Line} 行第 {m.Column} 列之后） (syntax error after this position): {ex.Message}"));
            return null;
        }
    }

    internal static SourceMark MarkOf(Mark m) => new((int)m.Line, (int)m.Column);

    private static YNode ReadNode(IParser parser, string file, List<PolicyError> errors)
    {
        var ev = parser.Current!;
        var mark = MarkOf(ev.Start);
        switch (ev)
        {
            case AnchorAlias:
                parser.MoveNext();
                errors.Add(new PolicyError(file, mark.Line, mark.Column, "不支持 YAML 别名 (aliases are not allowed in packs)"));
                return new YScalar { Value = "", Mark = mark };
            case Scalar s:
                parser.MoveNext();
                if (!s.Anchor.IsEmpty) errors.Add(new PolicyError(file, mark.Line, mark.Column, "不支持 YAML 锚点 (anchors are not allowed in packs)"));
                return new YScalar { Value = s.Value, Quoted = s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded, Mark = mark };
            case SequenceStart:
            {
                parser.MoveNext();
                var seq = new YSeq { Mark = mark };
                while (!parser.TryConsume<SequenceEnd>(out _)) seq.Items.Add(ReadNode(parser, file, errors));
                return seq;
            }
            case MappingStart:
            {
                parser.MoveNext();
                var map = new YMap { Mark = mark };
                var seen = new Dictionary<string, SourceMark>();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyNode = ReadNode(parser, file, errors);
                    var value = ReadNode(parser, file, errors);
                    if (keyNode is not YScalar key)
                    {
                        errors.Add(new PolicyError(file, keyNode.Mark.Line, keyNode.Mark.Column, "键必须是简单字符串 (keys must be plain scalars)"));
                        continue;
                    }
                    if (seen.TryGetValue(key.Value, out var first))
                    {
                        errors.Add(new PolicyError(file, key.Mark.Line, key.Mark.Column, $"重复的键“{key.Value}”（首次出现在第 {first.Line} 行） (duplicate key)"));
                        continue;
                    }
                    seen[key.Value] = key.Mark;
                    map.Entries.Add(new(key, value));
                }
                return map;
            }
            default:
                throw new YamlException(ev.Start, ev.End, $"unexpected {ev.GetType().Name}");
        }
    }
}
