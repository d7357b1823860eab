using TechCenters.Policy.Yaml;

namespace TechCenters.Policy.Rules;

/// <summary>
/// A condition on one fact, written as data (no expression language): equals / in / is / bound+value.
/// A list of conditions holds when all hold.
/// </summary>
public sealed class Condition
{
    public required string Fact { get; init; }
    public string? EqualsValue { get; init; }
    public IReadOnlyList<string>? InValues { get; init; }
    public bool? Is { get; init; }
    public Bound? Bound { get; init; }
    public Quantity? Value { get; init; }
    /// <summary>bound+value on a list fact compares the number of items (多个单位联合建设的 = 共建单位不少于1家).</summary>
    public bool CountsItems { get; init; }

    /// <summary>True/false, or null when the fact is not given.</summary>
    public bool? Evaluate(Facts facts)
    {
        if (Is is { } expected) return facts.Bool(Fact) is { } b ? b == expected : null;
        if (Bound is not null && Value is not null && CountsItems) return facts.List(Fact) is { } l ? Bound.IsSatisfiedBy(l.Count, Value.Value) : null;
        if (Bound is not null && Value is not null) return facts.Number(Fact) is { } n ? Bound.IsSatisfiedBy(n, Value.Value) : null;
        var t = facts.Text(Fact);
        if (t is null) return null;
        if (EqualsValue is not null) return t == EqualsValue;
        return InValues!.Contains(t);
    }

    public string Describe(Vocabulary v)
    {
        var def = v.Fact(Fact);
        var label = def?.Label ?? Fact;
        if (Is is { } expected) return expected ? label : $"不满足“{label}”";
        if (Bound is not null && Value is not null) return $"{label}{Bound.Phrase(Value)}";
        if (EqualsValue is not null) return $"{label}为{def?.ValueLabel(EqualsValue) ?? EqualsValue}";
        return $"{label}为{string.Join("、", InValues!.Select(x => def?.ValueLabel(x) ?? x))}之一";
    }

    public static bool? All(IReadOnlyList<Condition> conditions, Facts facts, out Condition? missing)
    {
        missing = null;
        foreach (var c in conditions)
        {
            var r = c.Evaluate(facts);
            if (r is null) { missing = c; return null; }
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
        var fact = m.String("fact", required: true);
        var eq = m.String("equals");
        var inValues = m.Has("in") ? m.StringList("in", required: true) : null;
        var isValue = m.Bool("is");
        var boundWord = m.String("bound");
        var valueText = m.String("value");
        m.Finish("条件 condition");
        if (fact is null) return null;
        var def = v.Fact(fact);
        if (def is null) { m.Ctx.Error(m.Mark, $"条件引用了未知的事实“{fact}” (unknown fact; see vocabulary.yaml)"); return null; }
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
