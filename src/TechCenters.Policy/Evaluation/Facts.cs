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
    private readonly Dictionary<string, decimal> _numbers;

    // What Derive added: the formula with its figures per derived path, typed values that contradict the computed ones,
    // and the vocabulary the derivation used (so Evaluate derives once).
    private IReadOnlyDictionary<string, string> _formulas = NoFormulas; // shared: every copy (With) allocated an empty one
    private static readonly IReadOnlyDictionary<string, string> NoFormulas = new Dictionary<string, string>();
    private IReadOnlyList<string> _conflicts = [];
    private Vocabulary? _derivedWith;

    private Facts(Dictionary<string, object> values)
    {
        _values = values;
        _numbers = [];
        foreach (var (k, v) in values)
            if (v is string s && ParseNumber(s) is { } n) _numbers[k] = n;
    }

    // A copy with one value changed: the other numbers are already parsed (Facts.With in a loop re-parsed every figure).
    private Facts(Dictionary<string, object> values, Dictionary<string, decimal> numbers)
    {
        _values = values;
        _numbers = numbers;
    }

    /// <summary>How many facts are given (paths with a value).</summary>
    public int Count => _values.Count;

    /// <summary>For each derived fact computed here, its formula with the figures used (资产负债率 = 负债总额 ÷ 资产总额：3100万元 ÷ 5000万元 = 62%).</summary>
    public IReadOnlyDictionary<string, string> Formulas => _formulas;

    /// <summary>Whether these facts already went through <see cref="Derive"/> with this vocabulary.</summary>
    public bool IsDerivedWith(Vocabulary vocabulary) => ReferenceEquals(_derivedWith, vocabulary);

    /// <summary>
    /// The facts with every derived fact of the vocabulary computed from its inputs (in dependency order), each with its
    /// formula. A value typed for a derived fact is kept only when it agrees with the computed one to the precision typed;
    /// otherwise the computed value is used and the contradiction is reported by <see cref="Validate"/>.
    /// <paramref name="workingDays"/> counts the working days after a date up to another (the calendar), null when unknown.
    /// </summary>
    public Facts Derive(Vocabulary vocabulary, Func<DateOnly, DateOnly, int?>? workingDays = null)
    {
        // Facts do not change once built, so what they derive without a calendar is kept: evaluating the same facts again
        // (each area of an application, each page that shows its verdict) does not recompute every formula.
        if (workingDays is null && _derived is { } known && known.IsDerivedWith(vocabulary)) return known;
        var result = DeriveCore(vocabulary, workingDays, ulong.MaxValue);
        if (workingDays is null) _derived = result; // a benign race: two threads compute the same result
        return result;
    }

    private Facts? _derived;

    /// <summary>
    /// The facts with the derived facts of <paramref name="needed"/> computed (bit i: the vocabulary's i-th derived fact,
    /// <see cref="Vocabulary.DerivedNeeded"/>, which includes what they are computed from), and no others: a verdict reads
    /// only the derived facts its rules list, and computing the rest cost a first evaluation more than its rules.
    /// Facts derived with more (or all) derived facts serve as they are: rules do not read the extra ones.
    /// </summary>
    internal Facts DeriveFor(Vocabulary vocabulary, ulong needed)
    {
        if (needed == 0 || IsDerivedWith(vocabulary)) return this;
        if (needed == vocabulary.AllDerived) return Derive(vocabulary);
        if (_derived is { } full && full.IsDerivedWith(vocabulary)) return full;
        if (_partial is { } p && ReferenceEquals(p.Vocabulary, vocabulary) && (p.Needed & needed) == needed) return p.Result;
        var result = DeriveCore(vocabulary, null, needed);
        var memo = new PartialDerivation(vocabulary, needed, result);
        result._partial = memo; // deriving the result again for these facts gives itself
        _partial = memo;        // a benign race, as for _derived
        return result;
    }

    private sealed record PartialDerivation(Vocabulary Vocabulary, ulong Needed, Facts Result);
    private PartialDerivation? _partial;

    private Facts DeriveCore(Vocabulary vocabulary, Func<DateOnly, DateOnly, int?>? workingDays, ulong needed)
    {
        var derived = vocabulary.DerivedFacts;
        var words = vocabulary.DerivedFormulas;
        var all = needed == ulong.MaxValue;
        var current = this;
        Dictionary<string, object>? values = null; // copied only once something is computed: most facts derive nothing
        Dictionary<string, decimal>? numbers = null;
        Dictionary<string, string>? formulas = _formulas.Count > 0 ? new(_formulas) : null;
        List<string>? conflicts = null;
        // One pass: the vocabulary orders each derived fact after the derived facts it is computed from.
        for (var i = 0; i < derived.Count; i++)
        {
            if (!all && (needed & (1UL << i)) == 0) continue;
            var def = derived[i];
            if (formulas is not null && formulas.ContainsKey(def.Path)) continue;
            if (def.Derive!.Compute(current, vocabulary, workingDays) is not { } r) continue;
            var formula = $"{words[i]}：{r.Shown}";
            if (_values.TryGetValue(def.Path, out var typed) && typed is string t && Disagrees(def, t, r.Value) is { } shown)
                (conflicts ??= []).Add($"“{def.Label}”填报为 {shown}，但按{formula}，两者不一致，请核对所填数字（{def.Path}）");
            values ??= new Dictionary<string, object>(_values);
            numbers ??= new Dictionary<string, decimal>(_numbers);
            values[def.Path] = r.Value;
            // Only the computed figure needs parsing (a new Facts(values) re-parsed every figure for each fact derived).
            if (ParseNumber(r.Value) is { } n) numbers[def.Path] = n; else numbers.Remove(def.Path);
            (formulas ??= [])[def.Path] = formula;
            current = new Facts(values, numbers);
        }
        if (values is null)
        {
            // Nothing to compute: the same facts, marked so Evaluate does not look again (a benign cache flag). Only a
            // full derivation marks them: Validate reads the conflicts of every derived fact.
            if (all) _derivedWith = vocabulary;
            return this;
        }
        return new Facts(values, numbers!) { _formulas = formulas!, _conflicts = conflicts ?? [], _derivedWith = all ? vocabulary : null };
    }

    /// <summary>The typed value as shown, when it differs from the computed one by more than the precision it was typed with.</summary>
    private static string? Disagrees(FactDefinition def, string typed, string computed)
    {
        if (def.Type is FactType.Number or FactType.Ratio)
        {
            if (ParseNumber(typed) is not { } a || ParseNumber(computed) is not { } b) return typed;
            // "62%" is typed to the whole percent, "0.621" to the thousandth: half of the last typed digit is rounding.
            var t = typed.Trim();
            var percent = t.EndsWith('%');
            var digits = t.TrimEnd('%').Contains('.') ? t.TrimEnd('%').Length - t.TrimEnd('%').IndexOf('.') - 1 : 0;
            var tolerance = t.Contains('/') ? 0.0005m : 0.5m * (decimal)Math.Pow(10, -digits) * (percent ? 0.01m : 1m);
            return Math.Abs(a - b) <= tolerance ? null : def.Type == FactType.Ratio ? Quantity.Percent(a) : Quantity.FormatNumber(a, def.Unit);
        }
        if (def.Type == FactType.Bool) return ParseBool(typed) == ParseBool(computed) ? null : ParseBool(typed) == true ? "是" : "否";
        return typed == computed ? null : typed;
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
        DateTimeOffset ts => ts.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        IEnumerable<DateOnly> dates => dates.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable<IReadOnlyDictionary<string, string>> maps => maps.Select(m => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(m)).ToList(),
        IEnumerable<string> list => list.ToList(),
        _ => v.ToString(),
    };

    public Facts With(string path, object? value)
    {
        var d = new Dictionary<string, object>(_values);
        var numbers = new Dictionary<string, decimal>(_numbers);
        var raw = ToRaw(value);
        numbers.Remove(path);
        if (raw is null) d.Remove(path);
        else
        {
            d[path] = raw;
            if (raw is string s && ParseNumber(s) is { } n) numbers[path] = n;
        }
        return new Facts(d, numbers);
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
            else if (def.Type == FactType.DateList)
            {
                if (raw is not List<string> dates) errors.Add($"{path} 应为日期列表");
                else foreach (var d in dates.Where(d => ParseDate(d) is null)) errors.Add($"{path}: 应为 yyyy-mm-dd 日期，实际为“{d}”");
            }
            else if (raw is not string s) errors.Add($"{path} 应为单个值");
            else if (CheckScalar(def, s) is { } e) errors.Add($"{path}: {e}");
        }
        // A typed figure that contradicts the figures it is computed from is refused (only once every value parses).
        if (errors.Count == 0) errors.AddRange((IsDerivedWith(vocabulary) ? this : Derive(vocabulary)).Conflicts);
        return errors;
    }

    /// <summary>Typed values that contradict the figures they derive from (empty unless <see cref="Derive"/> was run).</summary>
    public IReadOnlyList<string> Conflicts => _conflicts;

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
        FactType.Timestamp when ParseTimestamp(s) is null => $"应为带时区的时间（如 2026-03-02T09:30:00+08:00），实际为“{s}”",
        FactType.Enum when !def.Values.ContainsKey(s) => $"取值“{s}”不在 {string.Join("/", def.Values.Keys)} 之中",
        _ => null,
    };

    internal static bool? ParseBool(string s) => s switch { "true" or "True" or "是" => true, "false" or "False" or "否" => false, _ => null };
    internal static decimal? ParseNumber(string s) => Quantity.TryParse(s, null, out var q) ? q.Value : null;
    internal static DateTimeOffset? ParseTimestamp(string s) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) && (s.EndsWith('Z') || s.Contains('+') || s.LastIndexOf('-') > 9) ? t : null;
    internal static DateOnly? ParseDate(string s) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    // Paths read through these facts, when a test asks (Recording): what a rule reads must be in its FactsRead, since
    // evaluation derives only the derived facts the evaluated rules list. Null otherwise: one null check per read.
    private ICollection<string>? _reads;

    /// <summary>The same facts, adding every path read through them to <paramref name="reads"/> (a wildcard read as <c>prefix.*</c>).</summary>
    internal Facts Recording(ICollection<string> reads) =>
        new(_values, _numbers) { _formulas = _formulas, _conflicts = _conflicts, _derivedWith = _derivedWith, _reads = reads };

    /// <summary>The paths given under <paramref name="prefix"/> (which ends with a dot): a read of <c>prefix*</c>.</summary>
    public IEnumerable<string> PathsUnder(string prefix)
    {
        _reads?.Add(prefix + "*");
        foreach (var path in _values.Keys)
            if (path.StartsWith(prefix, StringComparison.Ordinal)) yield return path;
    }

    public bool Has(string path) { _reads?.Add(path); return _values.ContainsKey(path); }

    public string? Text(string path) { _reads?.Add(path); return _values.TryGetValue(path, out var v) && v is string s ? s : null; }
    public decimal? Number(string path) { _reads?.Add(path); return _numbers.TryGetValue(path, out var n) ? n : null; }
    public bool? Bool(string path) => Text(path) is { } s ? ParseBool(s) : null;
    public DateOnly? Date(string path) => Text(path) is { } s ? ParseDate(s) : null;
    public DateTimeOffset? Timestamp(string path) => Text(path) is { } s ? ParseTimestamp(s) : null;
    public IReadOnlyList<DateOnly>? DateList(string path) =>
        TextList(path) is { } l && l.All(x => ParseDate(x) is not null) ? l.Select(x => ParseDate(x)!.Value).ToList() : null;

    public IReadOnlyList<string>? TextList(string path)
    {
        _reads?.Add(path);
        return _values.TryGetValue(path, out var v) && v is List<string> l ? l : null;
    }

    public IReadOnlyList<IReadOnlyDictionary<string, string>>? List(string path)
    {
        _reads?.Add(path);
        return !_values.TryGetValue(path, out var v) ? null
            : v is List<IReadOnlyDictionary<string, string>> l ? l
            : v is List<string> { Count: 0 } ? [] // written as [] in YAML/JSON: no items
            : null;
    }
}
