using TechCenters.Policy.Yaml;

namespace TechCenters.Policy.Rules;

/// <summary>What a rule sees when it evaluates: the vocabulary and the pack's local names for actors.</summary>
public sealed class EvalEnv(Vocabulary vocabulary, IReadOnlyDictionary<string, string> actorNames)
{
    public Vocabulary Vocabulary { get; } = vocabulary;
    public string Actor(string id) => actorNames.TryGetValue(id, out var n) ? n : Vocabulary.Actors.TryGetValue(id, out var g) ? g : id;
    public string Label(string fact) => Vocabulary.FactLabel(fact);
}

/// <summary>A later official document a rule's figures are taken from (新科资字〔2022〕80号), with the article there.</summary>
public sealed record RuleSource(string Document, string? Title, string? Article)
{
    public override string ToString() => (Title is null ? Document : $"《{Title}》（{Document}）") + (Article is null ? "" : Article);
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
    /// <summary>
    /// The text's judgement words this rule carries (<c>judgement: 严重</c>, vocabulary.yaml → judgement_words): where the rule
    /// would fail, the officer decides, and the reason quotes the word. The officer's answer is the fact
    /// <c>judgements.&lt;rule id&gt;</c> (pass/fail) with <c>judgement_reasons.&lt;rule id&gt;</c>; both are kept with the verdict.
    /// </summary>
    public IReadOnlyList<string> JudgementWords { get; internal set; } = [];
    /// <summary>需经办人判断: the rule carries a judgement word of its text.</summary>
    public bool Judgement => JudgementWords.Count > 0;
    /// <summary>原则上: the regulation states the rule "in principle" (the judgement word 原则上).</summary>
    public bool InPrinciple => JudgementWords.Contains(PrincipleWord);
    public const string PrincipleWord = "原则上";
    /// <summary>Later official documents (notices, measures) a rule's figures are taken from, beside the regulation.</summary>
    public IReadOnlyList<RuleSource> Sources { get; internal set; } = [];
    public IReadOnlyList<Condition> AppliesWhen { get; internal set; } = [];
    public string File { get; internal set; } = "";
    public SourceMark Mark { get; internal set; }

    /// <summary>Whether the rule checks facts (others are data for the process, explain and the web app).</summary>
    public virtual bool Evaluable => false;

    /// <summary>Facts this rule reads (for documentation and vocabulary checks).</summary>
    public virtual IEnumerable<string> FactsRead => AppliesWhen.SelectMany(c => c.FactsRead);

    /// <summary>The fact an officer answers for this rule's judgement word, and the fact for the reason given.</summary>
    public string AnswerFact => $"{AnswerPrefix}{Id}";
    public string AnswerReasonFact => $"{AnswerReasonPrefix}{Id}";
    public const string AnswerPrefix = "judgements.";
    public const string AnswerReasonPrefix = "judgement_reasons.";

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
        var first = into.Count;
        EvaluateCore(facts, env, into);
        for (var i = first; i < into.Count; i++)
        {
            var r = into[i];
            if (r.Doubt is { Kind: DoubtKinds.Judgement, Answer: null }) r = Answered(r, facts);
            if (facts.Formulas.Count > 0) r = WithFormulas(r, facts);
            into[i] = r;
        }
    }

    /// <summary>A judgement reason once the officer answered: the outcome is the answer, the answer and its reason are kept.</summary>
    private Reason Answered(Reason r, Facts facts)
    {
        var answer = facts.Text(AnswerFact);
        if (answer is null) return r;
        var why = facts.Text(AnswerReasonFact);
        var words = string.Join("、", (r.Doubt!.Words ?? JudgementWords).Select(w => $"“{w}”"));
        if (string.IsNullOrWhiteSpace(why))
            return r with { Message = r.Message + $"；经办人已就{words}作出判断，但未写明理由，判断须附理由" };
        var pass = answer == "pass";
        return r with
        {
            Outcome = pass ? Outcome.Pass : Outcome.Fail,
            Message = r.Message + $"；经办人就{words}判断为{(pass ? "符合" : "不符合")}，理由：{why}",
            Doubt = r.Doubt with { Answer = answer, AnswerReason = why },
        };
    }

    /// <summary>Adds the formulas of the derived facts this rule read, so the figure computed is shown with how.</summary>
    private Reason WithFormulas(Reason r, Facts facts)
    {
        List<string>? used = null;
        // FactsRead is a chain of LINQ iterators built on each call; the rule does not change after loading, so list it once.
        foreach (var f in _factsRead ??= FactsRead.ToArray())
            if (facts.Formulas.TryGetValue(f, out var formula) && !(used ??= []).Contains(formula)) used.Add(formula);
        return used is null ? r : r with { Derived = used, Message = r.Message + string.Concat(used.Select(u => $"（{u}）")) };
    }

    private string[]? _factsRead;

    /// <summary>Called once the rule is fully read (id, article, judgement, parameters): work out wording that never changes.</summary>
    internal virtual void Prepare() { }

    protected virtual void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into) { }

    protected string Cite => Article ?? "（无条款）";
    /// <summary>How explain marks a rule with judgement words: （“严重”，需经办人判断）.</summary>
    protected string JudgementNote => Judgement ? $"（{string.Join("、", JudgementWords.Select(w => $"“{w}”"))}，需经办人判断）" : "";
    protected string Principle => InPrinciple ? PrincipleWord : "";

    protected Reason Missing(string fact, EvalEnv env, string? extra = null) =>
        new(Id, Cite, Outcome.NeedsJudgement, Describe(env), "未提供",
            $"未提供“{env.Label(fact)}”，{extra ?? $"无法判断是否符合{Cite}"}", Doubt: new Doubt(DoubtKinds.Missing, fact));

    /// <summary>A value the pack's text does not define (a grade outside its list, a unit type it neither admits nor excludes).</summary>
    protected Reason Undefined(string fact, string required, string actual, string message) =>
        new(Id, Cite, Outcome.NeedsJudgement, required, actual, message + "，需经办人判断", Doubt: new Doubt(DoubtKinds.Undefined, fact));

    /// <summary>A reason whose outcome waits for a later event or cannot be computed (限期整改中、分母为 0).</summary>
    protected Reason Pending(string required, string actual, string message, string? value = null) =>
        new(Id, Cite, Outcome.NeedsJudgement, required, actual, message, value, new Doubt(DoubtKinds.Pending));

    /// <summary>
    /// A reason; where the rule carries judgement words and would fail, the officer decides instead: NeedsJudgement with
    /// the words quoted (<paramref name="words"/> overrides the rule's, e.g. a relaxation's 可适当低于).
    /// </summary>
    protected internal Reason Make(Outcome o, string required, string actual, string message, string? value = null, IReadOnlyList<string>? words = null)
    {
        words ??= JudgementWords;
        if (words.Count == 0 || o != Outcome.Fail) return new(Id, Cite, o, required, actual, message, value);
        var quoted = string.Join("、", words.Select(w => $"“{w}”"));
        return new(Id, Cite, Outcome.NeedsJudgement, required, actual,
            message + $"；{Cite}用语{quoted}，须经办人判断并写明理由", value,
            new Doubt(DoubtKinds.Judgement, AnswerFact, words));
    }

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
