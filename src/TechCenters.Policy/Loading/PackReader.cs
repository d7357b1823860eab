using TechCenters.Policy.Rules;
using TechCenters.Policy.Yaml;

namespace TechCenters.Policy;

/// <summary>Reads rule files strictly against the vocabulary; all errors go to the shared list with file and line.</summary>
internal sealed class PackReader(Vocabulary vocabulary, IReadOnlyDictionary<string, string> actors)
{
    public Vocabulary Vocabulary { get; } = vocabulary;

    /// <summary>The rule kinds packs may choose from. A new kind is a code change with a unit test.</summary>
    public static readonly IReadOnlyDictionary<string, Func<Rule>> Kinds = new Dictionary<string, Func<Rule>>
    {
        ["absent"] = () => new AbsentRule(),
        ["duty"] = () => new DutyRule(),
        ["flag"] = () => new FlagRule(),
        ["threshold"] = () => new ThresholdRule(),
        ["ratio"] = () => new RatioRule(),
        ["co_builders"] = () => new CoBuildersRule(),
        ["body_size"] = () => new BodySizeRule(),
        ["body_share"] = () => new BodyShareRule(),
        ["body_chair"] = () => new BodyChairRule(),
        ["body_meetings"] = () => new BodyMeetingsRule(),
        ["body_majority"] = () => new BodyMajorityRule(),
        ["period"] = () => new PeriodRule(),
        ["deadline"] = () => new DeadlineRule(),
        ["grades"] = () => new GradesRule(),
        ["grade_bands"] = () => new GradeBandsRule(),
        ["quota"] = () => new QuotaRule(),
        ["consequence"] = () => new ConsequenceRule(),
        ["stages"] = () => new StagesRule(),
        ["review_chain"] = () => new ReviewChainRule(),
        ["naming"] = () => new NamingRule(),
        ["amount"] = () => new AmountRule(),
        ["list"] = () => new ListRule(),
        ["change_kinds"] = () => new ChangeKindsRule(),
        ["ground"] = () => new GroundRule(),
        ["signature_pages"] = () => new SignaturePagesRule(),
        ["indicators"] = () => new IndicatorsRule(),
        ["ban"] = () => new BanRule(),
        ["evaluation_schedule"] = () => new EvaluationScheduleRule(),
        ["defined_values"] = () => new DefinedValuesRule(),
        ["application_form"] = () => new ApplicationFormRule(),
    };

    public static bool TryBound(MapReader m, string? word, out Bound bound)
    {
        bound = null!;
        if (word is null) return false;
        if (Bound.TryParse(word, out bound)) return true;
        m.Ctx.Error(m.KeyMark("bound") is var k && m.Has("bound") ? k : m.Mark,
            $"未知的界限词“{word}”，可用：{string.Join("、", Bound.KnownWords)} (unknown bound word)");
        return false;
    }

    public static bool TryQuantity(MapReader m, string? text, string? unit, out Quantity q)
    {
        q = null!;
        if (text is null) return false;
        if (Quantity.TryParse(text, unit, out q)) return true;
        m.Ctx.Error(m.Mark, $"无法识别的数值“{text}”，应为数字、百分数（3%）或分数（1/3）");
        return false;
    }

    public string? Article(MapReader m, bool required)
    {
        var a = m.String("article", required: required);
        if (a is not null && a.Trim().Length < 2) m.Ctx.Error(m.KeyMark("article"), $"条款引用“{a}”过短 (article citation too short)");
        return a;
    }

    /// <summary>
    /// <c>judgement: 严重</c> or <c>judgement: [重大, 严重]</c>: the text's own words (vocabulary.yaml → judgement_words), never a bare
    /// true — a flag without its word cannot be checked against the text.
    /// </summary>
    public List<string> JudgementWords(MapReader m, string key)
    {
        var node = m.Node(key);
        if (node is null || node is YScalar { IsNull: true }) return [];
        var words = node is YSeq ? m.StringList(key, required: true) : [m.String(key) ?? ""];
        var known = Vocabulary.JudgementWords;
        foreach (var w in words.Where(w => !known.ContainsKey(w)))
            m.Ctx.Error(m.KeyMark(key), w is "true" or "True"
                ? $"judgement 须写出条文中的判断用语（{string.Join("、", known.Keys)}），不能只写 true；条文无此类用语的，不应标为需经办人判断"
                : $"“{w}”不是词汇表中的判断用语（{string.Join("、", known.Keys)}） (unknown judgement word; see vocabulary.yaml → judgement_words)");
        return words.Where(known.ContainsKey).Distinct().ToList();
    }

    /// <summary><c>sources: [{ document, title?, article? }]</c>: later official notices a rule is taken from.</summary>
    public List<RuleSource> ReadSources(MapReader m)
    {
        var list = new List<RuleSource>();
        foreach (var s in m.MapList("sources"))
        {
            var doc = s.String("document", required: true);
            var title = s.String("title");
            var article = s.String("article");
            s.Finish("source");
            if (doc is not null) list.Add(new RuleSource(doc, title, article));
        }
        return list;
    }

    public string? FactRef(MapReader m, string key, params FactType[] types)
    {
        var f = m.String(key, required: true);
        if (f is null) return null;
        var def = Vocabulary.Fact(f);
        if (def is null) { m.Ctx.Error(m.KeyMark(key), $"未知的事实“{f}” (unknown fact; add it to policies/vocabulary.yaml)"); return null; }
        if (types.Length > 0 && !types.Contains(def.Type))
            m.Ctx.Error(m.KeyMark(key), $"事实“{f}”的类型为 {def.Type}，此处需要 {string.Join("/", types)}");
        return f;
    }

    public string? ActorRef(MapReader m, string key, bool required = false)
    {
        var a = m.String(key, required: required);
        if (a is null) return null;
        if (!actors.ContainsKey(a)) m.Ctx.Error(m.KeyMark(key), $"pack.yaml 的 actors 中没有“{a}” (unknown actor)");
        return a;
    }

    public List<string> ActorList(MapReader m, string key)
    {
        var list = m.StringList(key, required: true);
        foreach (var a in list.Where(a => !actors.ContainsKey(a))) m.Ctx.Error(m.KeyMark(key), $"pack.yaml 的 actors 中没有“{a}” (unknown actor)");
        return list;
    }

    public List<string> AffiliationList(MapReader m, string key)
    {
        var list = m.StringList(key, required: true);
        foreach (var a in list.Where(a => !Vocabulary.Affiliations.ContainsKey(a)))
            m.Ctx.Error(m.KeyMark(key), $"未知的成员来源“{a}”，应为 {string.Join("/", Vocabulary.Affiliations.Keys)}");
        return list;
    }

    public List<string> EnumItems(MapReader m, string key, FactDefinition? def)
    {
        if (!m.Has(key)) return [];
        var list = m.StringList(key, required: true);
        if (def is not null)
            foreach (var x in list.Where(x => !def.Values.ContainsKey(x)))
                m.Ctx.Error(m.KeyMark(key), $"“{x}”不是 {def.Path} 的取值（{string.Join("/", def.Values.Keys)}）");
        return list;
    }

    public List<Rule> ReadRuleFile(YNode? root, string area, ReadContext ctx)
    {
        var rules = new List<Rule>();
        var r = MapReader.From(root, ctx, area);
        if (r is null) { ctx.Error(new SourceMark(1, 1), $"规则文件为空，应有 rules: 列表 (empty rule file)"); return rules; }
        foreach (var m in r.MapList("rules", required: true))
        {
            var rule = ReadRule(m, area);
            if (rule is not null) rules.Add(rule);
        }
        r.Finish($"{area}.yaml 顶层只允许 rules");
        return rules;
    }

    private Rule? ReadRule(MapReader m, string area)
    {
        var id = m.String("id", required: true);
        var kind = m.String("kind", required: true);
        var topic = m.String("topic", required: true);
        if (kind is null || id is null) { m.Finish(); return null; }
        if (!Kinds.TryGetValue(kind, out var make))
        {
            m.Ctx.Error(m.KeyMark("kind"), $"未知的规则类型“{kind}”，可用：{string.Join("、", Kinds.Keys)} (unknown rule kind)");
            return null;
        }
        var rule = make();
        rule.Id = id;
        rule.Kind = kind;
        rule.Area = area;
        rule.Topic = topic ?? "";
        rule.File = m.Ctx.File;
        rule.Mark = m.Mark;
        if (topic is not null && Vocabulary.Checklist.TryGetValue(area, out var topics) && !topics.ContainsKey(topic))
            m.Ctx.Error(m.KeyMark("topic"), $"“{topic}”不是 {area} 清单中的主题，可用：{string.Join("、", topics.Keys)}");
        rule.Note = m.String("note");
        if (rule is AbsentRule)
        {
            rule.Title = m.String("title") ?? "";
            if (m.Has("article") && m.String("article") is not null)
                m.Ctx.Error(m.KeyMark("article"), "absent 规则表示本办法未作规定，article 应为 null");
            if (rule.Note is null) m.Ctx.Error(m.Mark, "absent 规则须用 note 说明本办法未规定什么 (absent rules need a note)");
        }
        else
        {
            rule.Title = m.String("title", required: true) ?? "";
            if (!m.Has("article") || m.Node("article") is YScalar { IsNull: true })
                m.Ctx.Error(m.Mark, $"规则“{id}”缺少条款引用 article（每条规则须注明出处，如 第十条第2项） (missing citation)");
            rule.Article = Article(m, required: false);
            rule.JudgementWords = JudgementWords(m, "judgement");
            if (m.Has("in_principle")) { m.Node("in_principle"); m.Ctx.Error(m.KeyMark("in_principle"), "in_principle 已并入 judgement：请写 judgement: 原则上"); }
            rule.AppliesWhen = Condition.ReadList(m, "applies_when", Vocabulary);
            rule.Sources = ReadSources(m);
        }
        rule.ReadParameters(m, this);
        rule.Prepare();
        m.Finish($"规则 {id}（{kind}）");
        return rule;
    }
}

/// <summary>The names of the rule kinds packs may use (for documentation and tests).</summary>
public static class PolicyKinds
{
    public static IReadOnlyCollection<string> Names => PackReader.Kinds.Keys.ToList();
}
