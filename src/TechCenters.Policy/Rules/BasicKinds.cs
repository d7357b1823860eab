using TechCenters.Policy.Yaml;

namespace TechCenters.Policy.Rules;

/// <summary>kind: absent — the regulation has no rule on this checklist topic. Requires a note saying so.</summary>
public sealed class AbsentRule : Rule
{
    internal override void ReadParameters(MapReader m, PackReader p) { }
    public override string Describe(EvalEnv env) => $"未规定：{Note}";
}

/// <summary>kind: duty — an obligation or statement with no fact to check (e.g. 设立专账、独立核算), optionally naming its actor.</summary>
public sealed class DutyRule : Rule
{
    public string Text { get; private set; } = "";
    public string? Actor { get; private set; }
    internal override void ReadParameters(MapReader m, PackReader p)
    {
        Text = m.String("text", required: true) ?? "";
        Actor = p.ActorRef(m, "actor");
    }
    public override string Describe(EvalEnv env) => (Actor is null ? "" : env.Actor(Actor) + "：") + Text;
}

/// <summary>kind: flag — a yes/no fact that must hold (expect: true by default), e.g. 建有相对独立研发机构.</summary>
public sealed class FlagRule : Rule
{
    public string Fact { get; private set; } = "";
    public bool Expect { get; private set; } = true;
    public string Text { get; private set; } = "";
    private string _label = "";
    public override bool Evaluable => true;
    public override IEnumerable<string> FactsRead => base.FactsRead.Append(Fact);
    internal override void ReadParameters(MapReader m, PackReader p)
    {
        Fact = p.FactRef(m, "fact", FactType.Bool) ?? "";
        _label = p.Vocabulary.FactLabel(Fact);
        Expect = m.Bool("expect") ?? true;
        Text = m.String("text", required: true) ?? "";
    }
    public override string Describe(EvalEnv env) => Principle + Text + JudgementNote;

    // A flag has only two answers, so both reasons are worked out once after loading; reasons are immutable, so verdicts can share them.
    private Reason? _ifTrue, _ifFalse;

    internal override void Prepare()
    {
        _ifTrue = Answer(true);
        _ifFalse = Answer(false);
    }

    private Reason Answer(bool v)
    {
        var actual = v ? "是" : "否";
        return v == Expect
            ? Make(Outcome.Pass, Text, actual, $"{_label}：{actual}，符合{Cite}“{Text}”的要求")
            : Make(Outcome.Fail, Text, actual, $"{_label}：{actual}，不符合{Cite}“{Principle}{Text}”的要求");
    }

    protected override void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into)
    {
        var v = facts.Bool(Fact);
        if (v is null) { into.Add(Missing(Fact, env)); return; }
        into.Add((v.Value ? _ifTrue : _ifFalse) ?? Answer(v.Value));
    }
}

/// <summary>A conditional replacement of a threshold's figure (e.g. 年主营业务收入2亿元及以上的，可放宽至2%), or, with judgement: true, an officer's discretion (可适当低于).</summary>
public sealed class Relaxation
{
    public required IReadOnlyList<Condition> When { get; init; }
    public Quantity? Value { get; init; }
    /// <summary>The text's judgement words for an officer's discretion (可适当低于 → 适当); empty for a figure.</summary>
    public IReadOnlyList<string> JudgementWords { get; init; } = [];
    public bool Judgement => JudgementWords.Count > 0;
    public required string Article { get; init; }
    public string? Note { get; init; }
    /// <summary>The conditions in Chinese, worded once at load time.</summary>
    public string WhenText { get; init; } = "";
    /// <summary>What a judgement relaxation adds to the failed check's message, and what an applied one adds to the new check's (worded at load).</summary>
    internal string JudgementSuffix { get; init; } = "";
    internal string AppliedSuffix { get; init; } = "";

    internal static List<Relaxation> ReadList(MapReader m, PackReader p, string? unit)
    {
        var list = new List<Relaxation>();
        foreach (var r in m.MapList("relaxations"))
        {
            var when = Condition.ReadList(r, "when", p.Vocabulary);
            if (when.Count == 0) r.Ctx.Error(r.Mark, "放宽条件 relaxations 须有 when 条件");
            var valueText = r.String("value");
            var words = p.JudgementWords(r, "judgement");
            var article = p.Article(r, required: true);
            var note = r.String("note");
            r.Finish("relaxation");
            Quantity? q = null;
            if (valueText is not null && !PackReader.TryQuantity(r, valueText, unit, out q)) continue;
            if ((q is null) == (words.Count == 0)) r.Ctx.Error(r.Mark, "放宽须给出 value（新数值）或 judgement: <判断用语>（如 适当，需经办人判断）二者之一");
            var whenText = Condition.DescribeAll(when, p.Vocabulary);
            list.Add(new Relaxation { When = when, Value = q, JudgementWords = words, Article = article ?? "", Note = note, WhenText = whenText,
                JudgementSuffix = $"；但{whenText}，依{article ?? ""}“{note ?? "可适当低于以上标准"}”",
                AppliedSuffix = $"（{whenText}，适用放宽标准）" });
        }
        return list;
    }

    public string Describe(Bound bound, Vocabulary v) =>
 $"{WhenText}的，" + (Value is not null ? bound.Phrase(Value) : "可适当放宽（需经办人判断）") + $"（{Article}）";
}

/// <summary>kind: threshold — a numeric fact against a figure with a Chinese bound word (研发人员不少于10人).</summary>
public sealed class ThresholdRule : Rule
{
    public string Fact { get; private set; } = "";
    public Bound Bound { get; private set; } = Bound.Parse("不少于");
    public Quantity Value { get; private set; } = new(0, QuantityFormat.Number);
    public IReadOnlyList<Relaxation> Relaxations { get; private set; } = [];
    private string? _unit;
    public override bool Evaluable => true;
    public override IEnumerable<string> FactsRead => base.FactsRead.Append(Fact).Concat(Relaxations.SelectMany(r => r.When.Select(c => c.Fact)));

    internal override void ReadParameters(MapReader m, PackReader p)
    {
        Fact = p.FactRef(m, "fact", FactType.Number, FactType.Ratio) ?? "";
        var unit = _unit = p.Vocabulary.Fact(Fact)?.Unit;
        if (PackReader.TryBound(m, m.String("bound", required: true), out var b)) Bound = b;
        if (PackReader.TryQuantity(m, m.String("value", required: true), unit, out var q)) Value = q;
        Relaxations = Relaxation.ReadList(m, p, unit);
    }

    public override string Describe(EvalEnv env) =>
        $"{Title}{Principle}{Bound.Phrase(Value)}" + string.Concat(Relaxations.Select(r => "；" + r.Describe(Bound, env.Vocabulary)));

    protected override void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into)
    {
        var actual = facts.Number(Fact);
        if (actual is null) { into.Add(Missing(Fact, env)); return; }
        var actualText = Quantity.FormatNumber(actual.Value, _unit);
        into.Add(Thresholds.Check(this, Title, actual.Value, actualText, Bound, Value, Relaxations, facts, env));
    }

}

/// <summary>kind: ratio — numerator ÷ denominator against a share (研发费用占同期销售收入比例不低于3%).</summary>
public sealed class RatioRule : Rule
{
    public string Numerator { get; private set; } = "";
    public string Denominator { get; private set; } = "";
    public Bound Bound { get; private set; } = Bound.Parse("不低于");
    public Quantity Value { get; private set; } = new(0, QuantityFormat.Percent);
    public IReadOnlyList<Relaxation> Relaxations { get; private set; } = [];
    public override bool Evaluable => true;
    public override IEnumerable<string> FactsRead => base.FactsRead.Append(Numerator).Append(Denominator).Concat(Relaxations.SelectMany(r => r.When.Select(c => c.Fact)));

    internal override void ReadParameters(MapReader m, PackReader p)
    {
        Numerator = p.FactRef(m, "numerator", FactType.Number) ?? "";
        Denominator = p.FactRef(m, "denominator", FactType.Number) ?? "";
        if (PackReader.TryBound(m, m.String("bound", required: true), out var b)) Bound = b;
        if (PackReader.TryQuantity(m, m.String("value", required: true), "%", out var q)) Value = q;
        Relaxations = Relaxation.ReadList(m, p, "%");
    }

    public override string Describe(EvalEnv env) =>
        $"{Title}（{env.Label(Numerator)} ÷ {env.Label(Denominator)}）{Principle}{Bound.Phrase(Value)}" +
        string.Concat(Relaxations.Select(r => "；" + r.Describe(Bound, env.Vocabulary)));

    protected override void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into)
    {
        var n = facts.Number(Numerator);
        var d = facts.Number(Denominator);
        if (n is null) { into.Add(Missing(Numerator, env)); return; }
        if (d is null) { into.Add(Missing(Denominator, env)); return; }
        if (d.Value == 0)
        {
            into.Add(Pending(Bound.Phrase(Value), "分母为 0", $"{env.Label(Denominator)}为 0，无法计算{Title}，需经办人判断"));
            return;
        }
        var ratio = n.Value / d.Value;
        into.Add(Thresholds.Check(this, Title, ratio, Quantity.Percent(ratio), Bound, Value, Relaxations, facts, env));
    }

}

/// <summary>Shared threshold logic with relaxations, for threshold and ratio kinds.</summary>
internal static class Thresholds
{
    public static Reason Check(Rule rule, string label, decimal actual, string actualText, Bound bound, Quantity limit,
        IReadOnlyList<Relaxation> relaxations, Facts facts, EvalEnv env)
    {
        // The reason against the figure itself is worded only where it is the answer or part of it: where a relaxation
        // applies with a figure of its own, the relaxed check alone is the reason (wording the failed one cost as much).
        if (bound.IsSatisfiedBy(actual, limit.Value) || relaxations.Count == 0) return rule.Compare(label, actual, actualText, bound, limit);
        foreach (var rx in relaxations)
        {
            var holds = Condition.All(rx.When, facts, out var missing);
            if (holds == false) continue;
            if (holds == true && !rx.Judgement) return rule.Compare(label, actual, actualText, bound, rx.Value!, rx.Article, rx.AppliedSuffix);
            var baseReason = rule.Compare(label, actual, actualText, bound, limit);
            if (holds is null)
                return baseReason with
                {
                    Outcome = Outcome.NeedsJudgement,
                    Message = baseReason.Message + $"；未提供“{env.Label(missing!.Fact)}”，无法判断是否适用{rx.Article}的放宽规定",
                    Doubt = new Doubt(DoubtKinds.Missing, missing.Fact),
                };
            return rule.Make(Outcome.Fail, baseReason.Required, actualText, baseReason.Message + rx.JudgementSuffix, words: rx.JudgementWords);
        }
        return rule.Compare(label, actual, actualText, bound, limit);
    }
}

/// <summary>
/// kind: defined_values — the values of a fact the text speaks of (the unit types 第十条第2项 sets conditions for; the grades
/// 第二十六条 attaches consequences to). A value outside them is not passed or failed silently: it is undefined by this
/// text and needs the officer (NeedsJudgement, doubt "undefined"). <c>open: true</c> when the text's list ends with 等.
/// </summary>
public sealed class DefinedValuesRule : Rule
{
    public string Fact { get; private set; } = "";
    public IReadOnlyList<string> Values { get; private set; } = [];
    public bool Open { get; private set; }
    public string Text { get; private set; } = "";
    private FactDefinition? _def;
    public override bool Evaluable => true;
    public override IEnumerable<string> FactsRead => base.FactsRead.Append(Fact);

    internal override void ReadParameters(MapReader m, PackReader p)
    {
        Fact = p.FactRef(m, "fact", FactType.Enum, FactType.Text) ?? "";
        _def = p.Vocabulary.Fact(Fact);
        Values = _def is { Type: FactType.Enum } ? p.EnumItems(m, "values", _def) : m.StringList("values", required: true);
        if (Values.Count == 0) m.Ctx.Error(m.Mark, "defined_values 须列出 values");
        Open = m.Bool("open") ?? false;
        Text = m.String("text", required: true) ?? "";
    }

    private string Label(string v) => _def?.ValueLabel(v) ?? v;

    public override string Describe(EvalEnv env) =>
        $"{Text}（{string.Join("、", Values.Select(Label))}{(Open ? "等" : "")}；其他取值本办法未规定，需经办人判断）";

    // An enum fact has a few values: the reason for each is worded once after loading, like a flag's two answers
    // (reasons are immutable, so verdicts can share them); a text fact's value is worded when it comes.
    private Dictionary<string, Reason> _answers = [];
    private string _known = "", _factLabel = "";

    internal override void Prepare()
    {
        _known = string.Join("、", Values.Select(Label));
        _factLabel = _def?.Label ?? Fact;
        _answers = _def is { Type: FactType.Enum } ? _def.Values.Keys.ToDictionary(v => v, Answer) : [];
    }

    private Reason Answer(string v)
    {
        var label = Label(v);
        if (Values.Contains(v)) return Make(Outcome.Pass, _known, label, $"{_factLabel}“{label}”是{Cite}规定的情形（{Text}）");
        return Undefined(Fact, _known, label, Open
            ? $"{_factLabel}“{label}”不在{Cite}列举的{_known}之中；原文以“等”结尾，是否属于同类"
            : $"{_factLabel}“{label}”不是{Cite}规定的情形（{Text}：{_known}），本办法对此未作规定");
    }

    protected override void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into)
    {
        var v = facts.Text(Fact);
        if (v is null) { into.Add(Missing(Fact, env)); return; }
        into.Add(_answers.TryGetValue(v, out var answer) ? answer : Answer(v));
    }
}
