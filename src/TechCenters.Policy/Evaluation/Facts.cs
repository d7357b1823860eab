using System.Globalization;
using System.Text.Json;
using TechCenters.Policy.Yaml;

namespace TechCenters.Policy;

/// <summary>Thrown when a facts file cannot be read or does not match the vocabulary.</summary>
public sealed class FactsException(IReadOnlyList<string> errors)
    : Exception("事实文件有误 (invalid facts): " + string.Join("; ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>
/// What is known about one application or center, by dotted path (lead.rd_expense_last_year, bodies.council.members.lead),
/// as in policies/vocabulary.yaml. Nested YAML/JSON maps flatten to dotted paths; co_builders is a list of maps.
/// </summary>
public sealed class Facts
{
    private readonly Dictionary<string, object> _values;

    // Numbers are parsed once, when the facts are built: rules read the same figures many times.
    private readonly Dictionary<string, decimal> _numbers = [];

    private Facts(Dictionary<string, object> values)
    {
        _values = values;
        foreach (var (k, v) in values)
            if (v is string s && ParseNumber(s) is { } n) _numbers[k] = n;
    }

    public static Facts Empty { get; } = new([]);

    public IEnumerable<string> Paths => _values.Keys;

    /// <summary>Builds facts from flat dotted paths (what a web form posts). Values: string, bool, number, DateOnly, or lists.</summary>
    public static Facts From(IEnumerable<KeyValuePair<string, object?>> values)
    {
        var d = new Dictionary<string, object>();
        foreach (var (k, v) in values)
        {
            var raw = ToRaw(v);
            if (raw is not null) d[k] = raw;
        }
        return new Facts(d);
    }

    private static object? ToRaw(object? v) => v switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        DateOnly dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable<IReadOnlyDictionary<string, string>> maps => maps.Select(m => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(m)).ToList(),
        IEnumerable<string> list => list.ToList(),
        _ => v.ToString(),
    };

    public Facts With(string path, object? value)
    {
        var d = new Dictionary<string, object>(_values);
        var raw = ToRaw(value);
        if (raw is null) d.Remove(path); else d[path] = raw;
        return new Facts(d);
    }

    public static Facts Load(string file, Vocabulary? vocabulary = null)
    {
        var text = File.ReadAllText(file);
        return file.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? FromJson(text, vocabulary) : FromYaml(text, vocabulary);
    }

    public static Facts FromYaml(string text, Vocabulary? vocabulary = null)
    {
        var errors = new List<PolicyError>();
        var root = YamlTree.Parse(text, "facts", errors);
        if (errors.Count > 0) throw new FactsException(errors.Select(e => $"第 {e.Line} 行: {e.Message}").ToList());
        var facts = FromNode(root);
        if (vocabulary is not null) facts.EnsureValid(vocabulary);
        return facts;
    }

    internal static Facts FromNode(YNode? root)
    {
        var d = new Dictionary<string, object>();
        var errors = new List<string>();
        if (root is YMap m) FlattenYaml(m, "", d, errors);
        else if (root is not null && !(root is YScalar s && s.IsNull)) errors.Add("事实应为映射 (facts must be a mapping)");
        if (errors.Count > 0) throw new FactsException(errors);
        return new Facts(d);
    }

    private static void FlattenYaml(YMap map, string prefix, Dictionary<string, object> d, List<string> errors)
    {
        foreach (var (k, v) in map.Entries)
        {
            var path = prefix + k.Value;
            switch (v)
            {
                case YScalar s when s.IsNull: break;
                case YScalar s: d[path] = s.Value; break;
                case YMap m: FlattenYaml(m, path + ".", d, errors); break;
                case YSeq seq when seq.Items.All(i => i is YScalar): d[path] = seq.Items.Cast<YScalar>().Select(i => i.Value).ToList(); break;
                case YSeq seq when seq.Items.All(i => i is YMap):
                    d[path] = seq.Items.Cast<YMap>().Select(im =>
                    {
                        var item = new Dictionary<string, string>();
                        foreach (var (ik, iv) in im.Entries)
                            if (iv is YScalar ivs) { if (!ivs.IsNull) item[ik.Value] = ivs.Value; }
                            else errors.Add($"第 {iv.Mark.Line} 行: {path} 的列表项字段 {ik.Value} 应为简单值");
                        return (IReadOnlyDictionary<string, string>)item;
                    }).ToList();
                    break;
                default: errors.Add($"第 {v.Mark.Line} 行: {path} 的列表项类型不一致"); break;
            }
        }
    }

    public static Facts FromJson(string json, Vocabulary? vocabulary = null)
    {
        var d = new Dictionary<string, object>();
        var errors = new List<string>();
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new FactsException(["事实应为 JSON 对象 (facts must be a JSON object)"]);
            FlattenJson(doc.RootElement, "", d, errors);
        }
        catch (JsonException ex) { throw new FactsException([$"JSON 语法错误: {ex.Message}"]); }
        if (errors.Count > 0) throw new FactsException(errors);
        var facts = new Facts(d);
        if (vocabulary is not null) facts.EnsureValid(vocabulary);
        return facts;
    }

    private static string? JsonScalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static void FlattenJson(JsonElement obj, string prefix, Dictionary<string, object> d, List<string> errors)
    {
        foreach (var p in obj.EnumerateObject())
        {
            var path = prefix + p.Name;
            var v = p.Value;
            switch (v.ValueKind)
            {
                case JsonValueKind.Null: break;
                case JsonValueKind.Object: FlattenJson(v, path + ".", d, errors); break;
                case JsonValueKind.Array:
                    var items = v.EnumerateArray().ToList();
                    if (items.All(i => i.ValueKind == JsonValueKind.Object))
                        d[path] = items.Select(i => (IReadOnlyDictionary<string, string>)i.EnumerateObject()
                            .Where(ip => JsonScalar(ip.Value) is not null)
                            .ToDictionary(ip => ip.Name, ip => JsonScalar(ip.Value)!)).ToList();
                    else if (items.All(i => JsonScalar(i) is not null)) d[path] = items.Select(i => JsonScalar(i)!).ToList();
                    else errors.Add($"{path} 的列表项类型不一致");
                    break;
                default: d[path] = JsonScalar(v)!; break;
            }
        }
    }

    /// <summary>Every path must be in the vocabulary and parse as its type.</summary>
    public IReadOnlyList<string> Validate(Vocabulary vocabulary)
    {
        var errors = new List<string>();
        foreach (var (path, raw) in _values)
        {
            var def = vocabulary.Fact(path);
            if (def is null) { errors.Add($"未知的事实“{path}” (unknown fact; see policies/vocabulary.yaml)"); continue; }
            if (def.Type == FactType.List)
            {
                if (raw is List<string> { Count: 0 }) continue; // [] = an empty list (e.g. no co-builders)
                if (raw is not List<IReadOnlyDictionary<string, string>> list) { errors.Add($"{path} 应为对象列表"); continue; }
                foreach (var item in list)
                    foreach (var (ik, iv) in item)
                    {
                        if (!def.Items.TryGetValue(ik, out var idef)) errors.Add($"{path} 的列表项含未知字段“{ik}”");
                        else if (CheckScalar(idef, iv) is { } e) errors.Add($"{path}.{ik}: {e}");
                    }
            }
            else if (def.Type == FactType.TextList) { if (raw is not List<string>) errors.Add($"{path} 应为字符串列表"); }
            else if (raw is not string s) errors.Add($"{path} 应为单个值");
            else if (CheckScalar(def, s) is { } e) errors.Add($"{path}: {e}");
        }
        return errors;
    }

    public void EnsureValid(Vocabulary vocabulary)
    {
        var errors = Validate(vocabulary);
        if (errors.Count > 0) throw new FactsException(errors);
    }

    private static string? CheckScalar(FactDefinition def, string s) => def.Type switch
    {
        FactType.Bool when ParseBool(s) is null => $"应为 true/false，实际为“{s}”",
        FactType.Number or FactType.Ratio when ParseNumber(s) is null => $"应为数字，实际为“{s}”",
        FactType.Date when ParseDate(s) is null => $"应为 yyyy-mm-dd 日期，实际为“{s}”",
        FactType.Enum when !def.Values.ContainsKey(s) => $"取值“{s}”不在 {string.Join("/", def.Values.Keys)} 之中",
        _ => null,
    };

    internal static bool? ParseBool(string s) => s switch { "true" or "True" or "是" => true, "false" or "False" or "否" => false, _ => null };
    internal static decimal? ParseNumber(string s) => Quantity.TryParse(s, null, out var q) ? q.Value : null;
    internal static DateOnly? ParseDate(string s) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public bool Has(string path) => _values.ContainsKey(path);

    public string? Text(string path) => _values.TryGetValue(path, out var v) && v is string s ? s : null;
    public decimal? Number(string path) => _numbers.TryGetValue(path, out var n) ? n : null;
    public bool? Bool(string path) => Text(path) is { } s ? ParseBool(s) : null;
    public DateOnly? Date(string path) => Text(path) is { } s ? ParseDate(s) : null;
    public IReadOnlyList<string>? TextList(string path) => _values.TryGetValue(path, out var v) && v is List<string> l ? l : null;
    public IReadOnlyList<IReadOnlyDictionary<string, string>>? List(string path) =>
        !_values.TryGetValue(path, out var v) ? null
        : v is List<IReadOnlyDictionary<string, string>> l ? l
        : v is List<string> { Count: 0 } ? [] // written as [] in YAML/JSON: no items
        : null;
}
