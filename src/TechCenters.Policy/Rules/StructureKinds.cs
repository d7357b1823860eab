using TechCenters.Policy.Yaml;

namespace TechCenters.Policy.Rules;

/// <summary>kind: co_builders — how many co-builders of given types and regions there must be (与区内2家以上企业联合共建).</summary>
public sealed class CoBuildersRule : Rule
{
    public IReadOnlyList<string> Types { get; private set; } = [];
    public IReadOnlyList<string> Regions { get; private set; } = [];
    public bool? Core { get; private set; }
    public Bound Bound { get; private set; } = Bound.Parse("不少于");
    public Quantity Value { get; private set; } = new(1, QuantityFormat.Number, "家");
    public override bool Evaluable => true;
    public const string Fact = "co_builders";
    public override IEnumerable<string> FactsRead => base.FactsRead.Append(Fact);

    internal override void ReadParameters(MapReader m, PackReader p)
    {
        _vocabulary = p.Vocabulary;
        var def = p.Vocabulary.Fact(Fact);
        Types = p.EnumItems(m, "types", def?.Items.GetValueOrDefault("type"));
        Regions = p.EnumItems(m, "regions", def?.Items.GetValueOrDefault("region"));
        Core = m.Bool("core");
        if (PackReader.TryBound(m, m.String("bound", required: true), out var b)) Bound = b;
        if (PackReader.TryQuantity(m, m.String("value", required: true), "家", out var q)) Value = q;
    }

    private string Filter(EvalEnv env) => Filter(env.Vocabulary);

    private string Filter(Vocabulary v)
    {
        var def = v.Fact(Fact);
        var region = Regions.Count == 0 ? "" : string.Join("或", Regions.Select(r => def?.Items.GetValueOrDefault("region")?.ValueLabel(r) ?? r));
        var type = Types.Count == 0 ? "单位" : string.Join("或", Types.Select(t => def?.Items.GetValueOrDefault("type")?.ValueLabel(t) ?? t));
        return (Core == true ? "核心" : "") + region + type;
    }

    public override string Describe(EvalEnv env) => $"{Title}：{Filter(env)}共建单位{Principle}{Bound.Phrase(Value)}";

    private string _countLabel = "";
    private Vocabulary _vocabulary = null!;
    internal override void Prepare() => _countLabel = $"{Filter(_vocabulary)}共建单位数"; // the label never changes

    protected override void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into)
    {
        var list = facts.List(Fact);
        if (list is null) { into.Add(Missing(Fact, env)); return; }
        var n = 0;
        foreach (var c in list)
            if ((Types.Count == 0 || (c.TryGetValue("type", out var t) && Types.Contains(t))) &&
                (Regions.Count == 0 || (c.TryGetValue("region", out var r) && Regions.Contains(r))) &&
                (Core is null || (c.TryGetValue("core", out var k) && Facts.ParseBool(k) == Core)))
                n++;
        into.Add(Compare(_countLabel, n, $"{n}家", Bound, Value));
    }
}

/// <summary>Base for the governance-body kinds: every one names a body from the vocabulary (council, expert_committee, …).</summary>
public abstract class BodyRule : Rule
{
    public string Body { get; private set; } = "";
    protected string MembersPrefix => $"bodies.{Body}.members.";
    internal override void ReadParameters(MapReader m, PackReader p)
    {
        Body = m.String("body", required: true) ?? "";
        if (Body != "" && !p.Vocabulary.Bodies.ContainsKey(Body))
            m.Ctx.Error(m.KeyMark("body"), $"未知的机构“{Body}”，应为 {string.Join("/", p.Vocabulary.Bodies.Keys)}");
        _memberPaths = p.Vocabulary.Affiliations.Keys.Select(a => (a, MembersPrefix + a)).ToArray();
        BodyName = p.Vocabulary.Bodies.GetValueOrDefault(Body, Body);
        Affiliations = p.Vocabulary.Affiliations;
        ReadBody(m, p);
    }
    private protected abstract void ReadBody(MapReader m, PackReader p);
    /// <summary>The body's Chinese name, looked up once at load.</summary>
    protected string BodyName { get; private set; } = "";
    private protected IReadOnlyDictionary<string, string> Affiliations { get; private set; } = new Dictionary<string, string>();

    private (string Affiliation, string Path)[] _memberPaths = [];

    /// <summary>Total members and those from <paramref name="of"/>; false if no member count is given. Paths are built once at load time.</summary>
    protected bool TryCountMembers(Facts facts, IReadOnlyList<string>? of, out decimal size, out decimal part)
    {
        var any = false;
        size = part = 0;
        foreach (var (aff, path) in _memberPaths)
        {
            if (facts.Number(path) is not { } n) continue;
            any = true;
            size += n;
            if (of is null) continue;
            for (var i = 0; i < of.Count; i++)
                if (of[i] == aff) { part += n; break; }
        }
        return any;
    }
    public override IEnumerable<string> FactsRead => base.FactsRead.Append($"bodies.{Body}.members.*");
}

/// <summary>kind: body_size — limits on the number of members (理事会人数5–9人; 专家委员会不少于7人).</summary>
public sealed class BodySizeRule : BodyRule
{
    public IReadOnlyList<(Bound Bound, Quantity Value)> Limits { get; private set; } = [];
    public override bool Evaluable => true;
    private protected override void ReadBody(MapReader m, PackReader p)
    {
        var list = new List<(Bound, Quantity)>();
        foreach (var l in m.MapList("limits", required: true))
        {
            var okB = PackReader.TryBound(l, l.String("bound", required: true), out var b);
            var okQ = PackReader.TryQuantity(l, l.String("value", required: true), "人", out var q);
            l.Finish("limit");
            if (okB && okQ) list.Add((b!, q!));
        }
        Limits = list;
        _required = string.Join("且", Limits.Select(l => l.Bound.Phrase(l.Value)));
    }
    private string _required = "";
    public override string Describe(EvalEnv env) => $"{BodyName}人数" + string.Join("且", Limits.Select(l => l.Bound.Phrase(l.Value)));
    protected override void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into)
    {
        if (!TryCountMembers(facts, null, out var size, out _)) { into.Add(Missing(MembersPrefix + "*", env)); return; }
        var sizeText = Quantity.FormatNumber(size, "人");
        foreach (var (b, q) in Limits)
            if (!b.IsSatisfiedBy(size, q.Value)) { into.Add(Compare($"{BodyName}人数", size, sizeText, b, q)); return; }
        into.Add(Make(Outcome.Pass, _required, sizeText, $"{BodyName}人数 {sizeText}，符合{Cite}“{_required}”的要求"));
    }
}

/// <summary>kind: body_share — the share of members from given affiliations (牵头单位和共建单位的人员不超过三分之一).</summary>
public sealed class BodyShareRule : BodyRule
{
    public IReadOnlyList<string> Of { get; private set; } = [];
    public Bound Bound { get; private set; } = Bound.Parse("以上");
    public Quantity Value { get; private set; } = new(0.5m, QuantityFormat.Fraction);
    public string Label { get; private set; } = "";
    public override bool Evaluable => true;
    private protected override void ReadBody(MapReader m, PackReader p)
    {
        Of = p.AffiliationList(m, "of");
        Label = m.String("label", required: true) ?? "";
        if (PackReader.TryBound(m, m.String("bound", required: true), out var b)) Bound = b;
        if (PackReader.TryQuantity(m, m.String("value", required: true), "%", out var q)) Value = q;
        _shareLabel = $"{BodyName}中{Label}占比";
    }
    private string _shareLabel = "";
    public override string Describe(EvalEnv env) => $"{BodyName}中{Label}占比{Principle}{Bound.Phrase(Value)}";
    protected override void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into)
    {
        if (!TryCountMembers(facts, Of, out var size, out var part)) { into.Add(Missing(MembersPrefix + "*", env)); return; }
        if (size == 0) { into.Add(Make(Outcome.Fail, Bound.Phrase(Value), "0人", $"{BodyName}没有成员，不符合{Cite}")); return; }
        var share = part / size;
        into.Add(Compare(_shareLabel, share, $"{Quantity.Percent(share)}（{Quantity.Trim(part)}/{Quantity.Trim(size)}）", Bound, Value));
    }
}

/// <summary>kind: body_chair — where the chair may not come from; strength should (一般应) turns a breach into NeedsJudgement.</summary>
public sealed class BodyChairRule : BodyRule
{
    public IReadOnlyList<string> NotFrom { get; private set; } = [];
    public bool Should { get; private set; }
    public string Text { get; private set; } = "";
    public override bool Evaluable => true;
    private protected override void ReadBody(MapReader m, PackReader p)
    {
        NotFrom = p.AffiliationList(m, "not_from");
        Text = m.String("text", required: true) ?? "";
        var s = m.String("strength", required: true);
        if (s is not null and not ("must" or "should")) m.Ctx.Error(m.KeyMark("strength"), $"strength 应为 must（应/须）或 should（一般应），实际为“{s}”");
        Should = s == "should";
        // 一般应 is the text's judgement word: an exception is the officer's call, with a reason kept in the verdict.
        if (Should && !JudgementWords.Contains(ShouldWord)) JudgementWords = [.. JudgementWords, ShouldWord];
    }
    public const string ShouldWord = "一般应";
    public override string Describe(EvalEnv env) => $"{BodyName}主任：{Text}" + (Should ? "（“一般应”，例外需经办人判断）" : "");

    public override IEnumerable<string> FactsRead => base.FactsRead.Append($"bodies.{Body}.chair");

    private string _fact = "";
    // The reason for a chair from each affiliation of the vocabulary, worded once after loading (a chair is one of a few
    // values); reasons are immutable, so verdicts can share them.
    private Dictionary<string, Reason> _answers = [];

    internal override void Prepare()
    {
        _fact = $"bodies.{Body}.chair";
        _answers = Affiliations.Keys.ToDictionary(a => a, Answer);
    }

    private Reason Answer(string chair)
    {
        var label = Affiliations.GetValueOrDefault(chair, chair);
        if (!NotFrom.Contains(chair)) return Make(Outcome.Pass, Text, label, $"{BodyName}主任来自{label}，符合{Cite}“{Text}”的要求");
        return Should
            ? Make(Outcome.Fail, Text, label, $"{BodyName}主任来自{label}；{Cite}规定“{Text}”为一般要求，是否属于合理例外")
            : Make(Outcome.Fail, Text, label, $"{BodyName}主任来自{label}，不符合{Cite}“{Text}”的要求");
    }

    protected override void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into)
    {
        var chair = facts.Text(_fact);
        if (chair is null) { into.Add(Missing(_fact, env)); return; }
        into.Add(_answers.TryGetValue(chair, out var answer) ? answer : Answer(chair));
    }
}

/// <summary>kind: body_meetings — meetings per year (每年至少召开1次).</summary>
public sealed class BodyMeetingsRule : BodyRule
{
    public Bound Bound { get; private set; } = Bound.Parse("至少");
    public Quantity Value { get; private set; } = new(1, QuantityFormat.Number, "次");
    public override bool Evaluable => true;
    private protected override void ReadBody(MapReader m, PackReader p)
    {
        if (PackReader.TryBound(m, m.String("bound", required: true), out var b)) Bound = b;
        if (PackReader.TryQuantity(m, m.String("value", required: true), "次", out var q)) Value = q;
    }
    public override string Describe(EvalEnv env) => $"{BodyName}每年{Bound.Phrase("召开" + Value)}会议";
    public override IEnumerable<string> FactsRead => base.FactsRead.Append($"bodies.{Body}.meetings_last_year");
    private string _fact = "", _label = "";
    internal override void Prepare() { _fact = $"bodies.{Body}.meetings_last_year"; _label = $"{BodyName}上年度会议次数"; }
    protected override void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into)
    {
        var n = facts.Number(_fact);
        if (n is null) { into.Add(Missing(_fact, env)); return; }
        into.Add(Compare(_label, n.Value, Quantity.FormatNumber(n.Value, "次"), Bound, Value));
    }
}

/// <summary>kind: body_majority — the share needed to decide major matters (重大事项需2/3以上成员同意).</summary>
public sealed class BodyMajorityRule : BodyRule
{
    public Bound Bound { get; private set; } = Bound.Parse("以上");
    public Quantity Value { get; private set; } = new(2m / 3m, QuantityFormat.Fraction);
    public override bool Evaluable => true;
    private protected override void ReadBody(MapReader m, PackReader p)
    {
        if (PackReader.TryBound(m, m.String("bound", required: true), out var b)) Bound = b;
        if (PackReader.TryQuantity(m, m.String("value", required: true), "%", out var q)) Value = q;
    }
    public override string Describe(EvalEnv env) => $"{BodyName}重大事项须{Bound.Phrase(Value)}成员同意";
    public override IEnumerable<string> FactsRead => base.FactsRead.Append($"bodies.{Body}.major_decision_approval");
    private string _fact = "", _label = "";
    internal override void Prepare() { _fact = $"bodies.{Body}.major_decision_approval"; _label = $"{BodyName}重大事项同意比例"; }
    protected override void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into)
    {
        var n = facts.Number(_fact);
        if (n is null) return; // only judged when a major decision is recorded
        into.Add(Compare(_label, n.Value, Quantity.Percent(n.Value), Bound, Value));
    }
}
