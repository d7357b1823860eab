using System.Globalization;

namespace TechCenters.Policy.Yaml;

/// <summary>Reads one mapping strictly: every key must be asked for, anything left over is an "unknown key" error.</summary>
internal sealed class MapReader
{
    private readonly YMap _map;
    private readonly HashSet<string> _used = [];
    public ReadContext Ctx { get; }
    public SourceMark Mark => _map.Mark;

    public MapReader(YMap map, ReadContext ctx) { _map = map; Ctx = ctx; }

    public static MapReader? From(YNode? node, ReadContext ctx, string what)
    {
        if (node is YMap m) return new MapReader(m, ctx);
        if (node is null) return null;
        ctx.Error(node.Mark, $"{what} 应为映射（键: 值） ({what} must be a mapping)");
        return null;
    }

    public bool Has(string key) => _map.Entries.Any(e => e.Key.Value == key);

    public IReadOnlyList<string> Keys => _map.Entries.Select(e => e.Key.Value).ToList();

    public YNode? Node(string key)
    {
        _used.Add(key);
        foreach (var e in _map.Entries) if (e.Key.Value == key) return e.Value;
        return null;
    }

    public SourceMark KeyMark(string key)
    {
        foreach (var e in _map.Entries) if (e.Key.Value == key) return e.Key.Mark;
        return _map.Mark;
    }

    public string? String(string key, bool required = false, bool allowNull = false)
    {
        var n = Node(key);
        if (n is null)
        {
            if (required) Ctx.Error(_map.Mark, $"缺少必填键“{key}” (missing required key '{key}')");
            return null;
        }
        if (n is YScalar s)
        {
            if (s.IsNull)
            {
                if (required && !allowNull) Ctx.Error(s.Mark, $"键“{key}”不能为空 (key '{key}' must not be empty)");
                return null;
            }
            return s.Value;
        }
        Ctx.Error(n.Mark, $"键“{key}”应为字符串 (key '{key}' must be a scalar)");
        return null;
    }

    public bool? Bool(string key, bool required = false)
    {
        var s = String(key, required);
        if (s is null) return null;
        if (s is "true" or "True") return true;
        if (s is "false" or "False") return false;
        Ctx.Error(KeyMark(key), $"键“{key}”应为 true 或 false (must be a boolean), 实际为“{s}”");
        return null;
    }

    public int? Int(string key, bool required = false)
    {
        var s = String(key, required);
        if (s is null) return null;
        if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)) return v;
        Ctx.Error(KeyMark(key), $"键“{key}”应为整数 (must be an integer), 实际为“{s}”");
        return null;
    }

    public DateOnly? Date(string key, bool required = false)
    {
        var s = String(key, required);
        if (s is null) return null;
        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        Ctx.Error(KeyMark(key), $"键“{key}”应为 yyyy-mm-dd 格式的日期 (must be a date), 实际为“{s}”");
        return null;
    }

    public List<string> StringList(string key, bool required = false)
    {
        var n = Node(key);
        var result = new List<string>();
        if (n is null)
        {
            if (required) Ctx.Error(_map.Mark, $"缺少必填键“{key}” (missing required key '{key}')");
            return result;
        }
        if (n is not YSeq seq) { Ctx.Error(n.Mark, $"键“{key}”应为列表 (must be a list)"); return result; }
        foreach (var item in seq.Items)
        {
            if (item is YScalar s && !s.IsNull) result.Add(s.Value);
            else Ctx.Error(item.Mark, $"“{key}”的列表项应为非空字符串 (list items must be scalars)");
        }
        if (required && result.Count == 0) Ctx.Error(n.Mark, $"“{key}”不能为空列表 (must not be empty)");
        return result;
    }

    public List<MapReader> MapList(string key, bool required = false)
    {
        var n = Node(key);
        var result = new List<MapReader>();
        if (n is null)
        {
            if (required) Ctx.Error(_map.Mark, $"缺少必填键“{key}” (missing required key '{key}')");
            return result;
        }
        if (n is not YSeq seq) { Ctx.Error(n.Mark, $"键“{key}”应为列表 (must be a list)"); return result; }
        foreach (var item in seq.Items)
        {
            var r = From(item, Ctx, key);
            if (r is not null) result.Add(r);
        }
        return result;
    }

    public MapReader? Map(string key, bool required = false)
    {
        var n = Node(key);
        if (n is null)
        {
            if (required) Ctx.Error(_map.Mark, $"缺少必填键“{key}” (missing required key '{key}')");
            return null;
        }
        return From(n, Ctx, key);
    }

    /// <summary>Reports every key that no reader asked for.</summary>
    public void Finish(string? context = null)
    {
        foreach (var e in _map.Entries)
            if (!_used.Contains(e.Key.Value))
                Ctx.Error(e.Key.Mark, $"未知的键“{e.Key.Value}”{(context is null ? "" : $"（{context}）")} (unknown key)");
    }
}

/// <summary>The file being read and where its errors go.</summary>
internal sealed class ReadContext(string file, List<PolicyError> errors)
{
    public string File { get; } = file;
    public List<PolicyError> Errors { get; } = errors;
    public void Error(SourceMark m, string message) => Errors.Add(new PolicyError(File, m.Line, m.Column, message));
}

internal static class MapReaderExtensions
{
    public static IEnumerable<string> AllKeys(this MapReader m) => m.Keys;
}
