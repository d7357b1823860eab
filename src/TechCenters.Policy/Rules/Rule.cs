using TechCenters.Policy.Yaml;

namespace TechCenters.Policy.Rules;

/// <summary>What a rule sees when it evaluates: the vocabulary and the pack's local names for actors.</summary>
public sealed class EvalEnv(Vocabulary vocabulary, IReadOnlyDictionary<string, string> actorNames)
{
    public Vocabulary Vocabulary { get; } = vocabulary;
    public string Actor(string id) => actorNames.TryGetValue(id, out var n) ? n : Vocabulary.Actors.TryGetValue(id, out var g) ? g : id;
    public string Label(string fact) => Vocabulary.FactLabel(fact);
}

/// <summary>
/// One rule of a pack: an instance of a rule kind (C#) parameterized by YAML. Every rule has an id, a topic from the
/// area checklist, a title and an article (except kind <c>absent</c>, which states that the regulation has no such rule).
/// </summary>
public abstract class Rule
{
    public string Id { get; internal set; } = "";
    public string Kind { get; internal set; } = "";
    public string Area { get; internal set; } = "";
    public string Topic { get; internal set; } = "";
    public string Title { get; internal set; } = "";
    public string? Article { get; internal set; }
    public string? Note { get; internal set; }
    /// <summary>需经办人判断: the rule's test is an officer's call; a failing or missing fact yields NeedsJudgement.</summary>
    public bool Judgement { get; internal set; }
    /// <summary>原则上: the regulation states the rule "in principle"; shown in messages, outcome unchanged.</summary>
    public bool InPrinciple { get; internal set; }
    public IReadOnlyList<Condition> AppliesWhen { get; internal set; } = [];
    public string File { get; internal set; } = "";
    public SourceMark Mark { get; internal set; }

    /// <summary>Whether the rule checks facts (others are data for the process, explain and the web app).</summary>
    public virtual bool Evaluable => false;

    /// <summary>Facts this rule reads (for documentation and vocabulary checks).</summary>
    public virtual IEnumerable<string> FactsRead => AppliesWhen.Select(c => c.Fact);

    internal abstract void ReadParameters(MapReader m, PackReader p);

    /// <summary>Chinese description of the rule for `policy explain`.</summary>
    public abstract string Describe(EvalEnv env);

    public IReadOnlyList<Reason> Evaluate(Facts facts, EvalEnv env)
    {
        var list = new List<Reason>(1);
        Evaluate(facts, env, list);
        return list;
    }

    /// <summary>Adds this rule's reasons (none when it does not apply or is not evaluable) to <paramref name="into"/>.</summary>
    public void Evaluate(Facts facts, EvalEnv env, List<Reason> into)
    {
        if (!Evaluable) return;
        if (AppliesWhen.Count > 0)
        {
            var applies = Condition.All(AppliesWhen, facts, out var missing);
            if (applies is null)
            {
                into.Add(Missing(missing!.Fact, env, $"无法判断是否适用（适用条件：{Condition.DescribeAll(AppliesWhen, env.Vocabulary)}）"));
                return;
            }
            if (applies == false) return;
        }
        EvaluateCore(facts, env, into);
    }

    /// <summary>Called once the rule is fully read (id, article, judgement, parameters): work out wording that never changes.</summary>
    internal virtual void Prepare() { }

    protected virtual void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into) { }

    protected string Cite => Article ?? "（无条款）";
    protected string Principle => InPrinciple ? "原则上" : "";

    protected Reason Missing(string fact, EvalEnv env, string? extra = null) =>
        new(Id, Cite, Outcome.NeedsJudgement, Describe(env), "未提供",
            $"未提供“{env.Label(fact)}”（{fact}），{extra ?? $"无法判断是否符合{Cite}"}");

    protected internal Reason Make(Outcome o, string required, string actual, string message, string? value = null) =>
        new(Id, Cite, Judgement && o == Outcome.Fail ? Outcome.NeedsJudgement : o, required, actual,
            Judgement && o == Outcome.Fail ? message + "（该项需经办人判断）" : message, value);

    /// <summary>A bound check phrased like the regulation: "研发投入占销售收入比例 2.4%，低于第十条第2项要求的 3%".</summary>
    protected internal Reason Compare(string label, decimal actual, string actualText, Bound bound, Quantity limit, string? article = null, string? suffix = null)
    {
        var cite = article ?? Cite;
        var (required, limitText) = Wording(bound, limit);
        if (bound.IsSatisfiedBy(actual, limit.Value))
            return Make(Outcome.Pass, required, actualText, $"{label} {actualText}，符合{cite}“{required}”的要求{suffix}");
        var miss = bound.MissWord(actual, limit.Value);
        var msg = bound.Inclusive && bound.Direction == BoundDirection.AtLeast
            ? $"{label} {actualText}，{miss}{cite}要求的 {limitText}{suffix}"
            : $"{label} {actualText}，{miss} {limitText}，不符合{cite}“{required}”的要求{suffix}";
        return Make(Outcome.Fail, required, actualText, msg);
    }

    // The wording of each (bound, figure) this rule compares against — "原则上不低于3%" and "3%" — formatted on first use
    // rather than on every evaluation (formatting a decimal costs more than the comparison). Packs do not change after
    // loading; a race between threads at worst formats the same wording twice.
    private (Bound Bound, Quantity Limit, string Required, string LimitText)[] _wording = [];

    private (string Required, string LimitText) Wording(Bound bound, Quantity limit)
    {
        var known = _wording;
        foreach (var w in known)
            if (ReferenceEquals(w.Bound, bound) && ReferenceEquals(w.Limit, limit)) return (w.Required, w.LimitText);
        var required = $"{Principle}{bound.Phrase(limit)}";
        var limitText = limit.ToString();
        if (known.Length < 8) _wording = [.. known, (bound, limit, required, limitText)]; // a rule has a few figures; never grow without end
        return (required, limitText);
    }
}
