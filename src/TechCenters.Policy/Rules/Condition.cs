using TechCenters.Policy.Yaml;

namespace TechCenters.Policy.Rules;

/// <summary>
/// A condition written as data (no expression language). On one fact: equals / in / is / bound+value; on a list fact,
/// bound+value counts its items, optionally only those matching <c>where</c> (item attributes: a co-builder that is an
/// enterprise and a 科技领军企业). Groups: <c>any_of</c> (at least one holds: a center 已认定 or 筹建中) and <c>one_of</c>
/// (exactly one holds). A list of conditions holds when all hold.
/// </summary>
public sealed class Condition
{
    /// <summary>The fact the condition reads; for a group, the first fact of its members.</summary>
    public string Fact { get; init; } = "";
    public string? EqualsValue { get; init; }
    public IReadOnlyList<string>? InValues { get; init; }
    public bool? Is { get; init; }
    public Bound? Bound { get; init; }
    public Quantity? Value { get; init; }
    /// <summary>bound+value on a list fact compares the number of items (多个单位联合建设的 = 共建单位不少于1家).</summary>
    public bool CountsItems { get; init; }
    /// <summary>On a list fact: only items whose fields match all of these are counted (each names an item field as its fact).</summary>
    public IReadOnlyList<Condition> Where { get; init; } = [];
    /// <summary>any_of: at least one member holds.</summary>
    public IReadOnlyList<Condition>? AnyOf { get; init; }
    /// <summary>one_of: exactly one member holds.</summary>
    public IReadOnlyList<Condition>? OneOf { get; init; }

    private IReadOnlyList<Condition>? Group => AnyOf ?? OneOf;

    /// <summary>Every fact this condition reads (a group reads its members' facts).</summary>
    public IEnumerable<string> FactsRead => Group is { } g ? g.SelectMany(c => c.FactsRead) : [Fact];

    /// <summary>True/false, or null when a fact it needs is not given.</summary>
    public bool? Evaluate(Facts facts) => Evaluate(facts, out _);

    private bool? Evaluate(Facts facts, out Condition? missing)
    {
        missing = null;
        if (AnyOf is { } any)
        {
            Condition? firstMissing = null;
            foreach (var c in any)
            {
                var r = c.Evaluate(facts, out var m);
                if (r == true) return true;
                if (r is null) firstMissing ??= m;
            }
            missing = firstMissing;
            return firstMissing is null ? false : null;
        }
        if (OneOf is { } one)
        {
            var holding = 0;
            Condition? firstMissing = null;
            foreach (var c in one)
            {
                var r = c.Evaluate(facts, out var m);
                if (r == true) holding++;
                if (r is null) firstMissing ??= m;
            }
            if (holding > 1) return false; // a second holding member settles it whatever the missing ones say
            missing = firstMissing;
            return firstMissing is null ? holding == 1 : null;
        }
        var result = EvaluateLeaf(facts);
        if (result is null) missing = this;
        return result;
    }

    private bool? EvaluateLeaf(Facts facts)
    {
        if (Is is { } expected) return facts.Bool(Fact) is { } b ? b == expected : null;
        if (Bound is not null && Value is not null && CountsItems)
        {
            if (facts.List(Fact) is not { } l) return null;
            var n = Where.Count == 0 ? l.Count : l.Count(item => Where.All(w => w.Matches(item)));
            return Bound.IsSatisfiedBy(n, Value.Value);
        }
        if (Bound is not null && Value is not null) return facts.Number(Fact) is { } n2 ? Bound.IsSatisfiedBy(n2, Value.Value) : null;
        var t = facts.Text(Fact);
        if (t is null) return null;
        if (EqualsValue is not null) return t == EqualsValue;
        return InValues!.Contains(t);
    }

    /// <summary>An item condition (its Fact is an item field) against one list item; a field not given does not match.</summary>
    private bool Matches(IReadOnlyDictionary<string, string> item)
    {
        if (!item.TryGetValue(Fact, out var v)) return false;
        if (Is is { } expected) return Facts.ParseBool(v) == expected;
        if (EqualsValue is not null) return v == EqualsValue;
        if (InValues is not null) return InValues.Contains(v);
        return Bound is not null && Value is not null && Facts.ParseNumber(v) is { } n && Bound.IsSatisfiedBy(n, Value.Value);
    }

    public string Describe(Vocabulary v)
    {
        if (AnyOf is { } any) return "（" + string.Join("或", any.Select(c => c.Describe(v))) + "）";
        if (OneOf is { } one) return "（" + string.Join("、", one.Select(c => c.Describe(v))) + "中恰有一项）";
        var def = v.Fact(Fact);
        var label = def?.Label ?? Fact;
        if (CountsItems && Where.Count > 0 && def is not null)
            label = $"{string.Join("且", Where.Select(w => w.DescribeItem(def)))}的{label}";
        if (Is is { } expected) return expected ? label : $"不满足“{label}”";
        if (Bound is not null && Value is not null) return $"{label}{Bound.Phrase(Value)}";
        if (EqualsValue is not null) return $"{label}为{def?.ValueLabel(EqualsValue) ?? EqualsValue}";
        return $"{label}为{string.Join("、", InValues!.Select(x => def?.ValueLabel(x) ?? x))}之一";
    }

    private string DescribeItem(FactDefinition list)
    {
        var def = list.Items.GetValueOrDefault(Fact);
        var label = def?.Label ?? Fact;
        if (Is is { } expected) return expected ? label : $"非{label}";
        if (EqualsValue is not null) return $"{label}为{def?.ValueLabel(EqualsValue) ?? EqualsValue}";
        if (InValues is not null) return $"{label}为{string.Join("、", InValues.Select(x => def?.ValueLabel(x) ?? x))}之一";
        return $"{label}{Bound!.Phrase(Value!)}";
    }

    /// <summary>All hold: true; one fails: false; otherwise null with <paramref name="missing"/> the (leaf) condition whose fact is missing.</summary>
    public static bool? All(IReadOnlyList<Condition> conditions, Facts facts, out Condition? missing)
    {
        missing = null;
        foreach (var c in conditions)
        {
            var r = c.Evaluate(facts, out var m);
            if (r is null) { missing = m ?? c; return null; }
            if (r == false) return false;
        }
        return true;
    }

    public static string DescribeAll(IReadOnlyList<Condition> conditions, Vocabulary v) => string.Join("且", conditions.Select(c => c.Describe(v)));

    internal static List<Condition> ReadList(MapReader r, string key, Vocabulary v)
    {
        var list = new List<Condition>();
        foreach (var m in r.MapList(key))
        {
            var c = Read(m, v);
            if (c is not null) list.Add(c);
        }
        return list;
    }

    internal static Condition? Read(MapReader m, Vocabulary v)
    {
        if (m.Has("any_of") || m.Has("one_of"))
        {
            var key = m.Has("any_of") ? "any_of" : "one_of";
            var members = ReadList(m, key, v);
            m.Finish("条件组 any_of/one_of（只能有一个键）");
            if (members.Count < 2) { m.Ctx.Error(m.KeyMark(key), $"{key} 至少须列出 2 个条件"); return null; }
            return key == "any_of"
                ? new Condition { Fact = members[0].Fact, AnyOf = members }
                : new Condition { Fact = members[0].Fact, OneOf = members };
        }
        var fact = m.String("fact", required: true);
        if (fact is null) { ReadLeaf(m, null, null, "条件 condition"); return null; }
        var def = v.Fact(fact);
        if (def is null) { ReadLeaf(m, null, null, "条件 condition"); m.Ctx.Error(m.Mark, $"条件引用了未知的事实“{fact}” (unknown fact; see vocabulary.yaml)"); return null; }
        List<Condition> where = [];
        if (m.Has("where"))
        {
            if (def.Type != FactType.List) m.Ctx.Error(m.KeyMark("where"), $"where 只能用于列表事实，“{fact}”不是列表");
            foreach (var w in m.MapList("where", required: true))
            {
                var field = w.String("field", required: true);
                var item = field is null ? null : def.Items.GetValueOrDefault(field);
                if (field is not null && item is null)
                    w.Ctx.Error(w.Mark, $"列表“{fact}”的列表项没有字段“{field}”（可用：{string.Join("/", def.Items.Keys)}）");
                if (ReadLeaf(w, field, item, "列表项条件 where") is { } c) where.Add(c);
            }
            if (!m.Has("bound")) m.Ctx.Error(m.Mark, "where 须与 bound+value 一起使用（符合条件的列表项数）");
        }
        var leaf = ReadLeaf(m, fact, def, "条件 condition");
        return leaf is null ? null : new Condition
        {
            Fact = leaf.Fact, EqualsValue = leaf.EqualsValue, InValues = leaf.InValues, Is = leaf.Is, Bound = leaf.Bound, Value = leaf.Value,
            CountsItems = leaf.CountsItems, Where = where,
        };
    }

    /// <summary>Reads exactly one of equals / in / is / bound+value for a fact (or a list item's field) of the given definition.</summary>
    private static Condition? ReadLeaf(MapReader m, string? fact, FactDefinition? def, string context)
    {
        var eq = m.String("equals");
        var inValues = m.Has("in") ? m.StringList("in", required: true) : null;
        var isValue = m.Bool("is");
        var boundWord = m.String("bound");
        var valueText = m.String("value");
        m.Finish(context);
        if (fact is null || def is null) return null;
        var forms = (eq is not null ? 1 : 0) + (inValues is not null ? 1 : 0) + (isValue is not null ? 1 : 0) + (boundWord is not null || valueText is not null ? 1 : 0);
        if (forms != 1) { m.Ctx.Error(m.Mark, "条件须且只能使用 equals、in、is、bound+value 之一 (exactly one of equals/in/is/bound+value)"); return null; }
        Bound? bound = null; Quantity? q = null;
        if (boundWord is not null || valueText is not null)
        {
            if (!PackReader.TryBound(m, boundWord, out bound) | !PackReader.TryQuantity(m, valueText, def.Type == FactType.List ? def.Unit ?? "项" : def.Unit, out q)) return null;
            if (def.Type is not (FactType.Number or FactType.Ratio or FactType.List)) m.Ctx.Error(m.Mark, $"事实“{fact}”不是数值或列表，不能用 bound 比较");
        }
        if (isValue is not null && def.Type != FactType.Bool) m.Ctx.Error(m.Mark, $"事实“{fact}”不是布尔值，不能用 is");
        foreach (var x in (eq is null ? [] : new[] { eq }).Concat(inValues ?? []))
            if (def.Type == FactType.Enum && !def.Values.ContainsKey(x))
                m.Ctx.Error(m.Mark, $"“{x}”不是事实“{fact}”的取值（{string.Join("/", def.Values.Keys)}）");
        return new Condition { Fact = fact, EqualsValue = eq, InValues = inValues, Is = isValue, Bound = bound, Value = q, CountsItems = def.Type == FactType.List };
    }
}
