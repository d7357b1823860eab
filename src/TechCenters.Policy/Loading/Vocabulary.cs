using TechCenters.Policy.Yaml;

namespace TechCenters.Policy;

public enum FactType { Bool, Number, Ratio, Date, Text, Enum, TextList, List, DateList, Timestamp }

/// <summary>One fact an application, center or evaluation can state (the vocabulary the web forms fill).</summary>
/// <remarks>Derive, when given, says how the library computes the fact from others (<see cref="Derivation"/>).</remarks>
public sealed record FactDefinition(string Path, FactType Type, string Label, string? Unit,
    IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, FactDefinition> Items, Derivation? Derive = null)
{
    public string ValueLabel(string value) => Values.TryGetValue(value, out var l) ? l : value;
}

/// <summary>
/// A kind of case (事项) a pack can give a process for: its label, the area whose review chain stands for its process when
/// the pack writes no stages for it, and the names such a straight-line process gives its stages. <see cref="Late"/> and
/// <see cref="Missing"/> name the incidents (bool facts, one per wording) a case filed after its due day, or not filed by
/// it, establishes (逾期提交年度报告 → 不能按时保质提交相关材料); what a pack makes of them is its ground rules reading them.
/// </summary>
public sealed record ProcessDefinition(string Kind, string Label, string Area, string? Draft, string? Done, string? Rejected, string? Withdrawn)
{
    public IReadOnlyList<string> Late { get; init; } = [];
    public IReadOnlyList<string> Missing { get; init; } = [];
}

/// <summary>
/// A word by which a text leaves a matter to an officer's judgement (严重, 重大, 原则上, 一般应…). A rule whose article uses it
/// names it (<c>judgement: 严重</c>); <see cref="NotIn"/> lists phrases where the word names a thing rather than a degree
/// (重大事项, 重大战略, 严重失信主体名单), which need no flag.
/// </summary>
public sealed record JudgementWord(string Word, string Meaning, IReadOnlyList<string> NotIn)
{
    /// <summary>Where the word occurs in <paramref name="text"/> as a judgement (outside the <see cref="NotIn"/> phrases).</summary>
    public int CountIn(string text)
    {
        var n = 0;
        for (var i = text.IndexOf(Word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(Word, i + Word.Length, StringComparison.Ordinal))
            if (!NotIn.Any(p => Covers(text, i, p))) n++;
        return n;
    }

    private bool Covers(string text, int at, string phrase)
    {
        for (var k = phrase.IndexOf(Word, StringComparison.Ordinal); k >= 0; k = phrase.IndexOf(Word, k + 1, StringComparison.Ordinal))
        {
            var start = at - k;
            if (start >= 0 && start + phrase.Length <= text.Length && string.CompareOrdinal(text, start, phrase, 0, phrase.Length) == 0) return true;
        }
        return false;
    }
}

/// <summary>
/// policies/vocabulary.yaml: the facts (with Chinese labels), the actors, the governance bodies and member affiliations.
/// Packs may only refer to what is defined here; adding a fact is a data change, not a code change.
/// </summary>
public sealed class Vocabulary
{
    public IReadOnlyDictionary<string, FactDefinition> Facts { get; }
    public IReadOnlyDictionary<string, string> Actors { get; }
    public IReadOnlyDictionary<string, string> Bodies { get; }
    public IReadOnlyDictionary<string, string> Affiliations { get; }
    public IReadOnlyDictionary<string, string> Areas { get; }
    /// <summary>What a lifecycle stage is (call, application, …, approval, rejection): the closed list a stage's <c>step</c> is taken from.</summary>
    public IReadOnlyDictionary<string, string> Steps { get; }
    /// <summary>Per area, the topics every pack must state (present or absent).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Checklist { get; }
    /// <summary>The kinds of case (the closed list <see cref="Rules.ProcessKinds"/>), in lifecycle order.</summary>
    public IReadOnlyDictionary<string, ProcessDefinition> Processes { get; }
    /// <summary>
    /// The facts the library computes from others (those with <c>derive</c>), looked up once, each after the derived facts
    /// it is computed from (the vocabulary's order otherwise): one pass in this order computes every one that can be.
    /// Built at load, after the loader has refused cycles.
    /// </summary>
    internal IReadOnlyList<FactDefinition> DerivedFacts { get; }

    private List<FactDefinition> InputsFirst(List<FactDefinition> derived)
    {
        var ordered = new List<FactDefinition>(derived.Count);
        var placed = new HashSet<string>();
        void Place(FactDefinition d)
        {
            if (!placed.Add(d.Path)) return; // the loader refuses cycles (Derivation.Check)
            foreach (var input in d.Derive!.Inputs)
                if (Facts.TryGetValue(input, out var i) && i.Derive is not null) Place(i);
            ordered.Add(d);
        }
        foreach (var d in derived) Place(d);
        return ordered;
    }

    /// <summary>Each derived fact's formula in words (<see cref="Derivation.Formula"/>), by the index of <see cref="DerivedFacts"/>: the same words every time.</summary>
    internal IReadOnlyList<string> DerivedFormulas { get; }

    /// <summary>Every derived fact as a mask of <see cref="DerivedNeeded"/> (all bits when there are more than a mask holds).</summary>
    internal ulong AllDerived => DerivedFacts.Count >= 64 ? ulong.MaxValue : (1UL << DerivedFacts.Count) - 1;

    /// <summary>
    /// The derived facts these paths name (a wildcard <c>prefix.*</c> names those under it), with the derived facts they are
    /// computed from, as a mask: bit i stands for <see cref="DerivedFacts"/>[i]. Worked out at load for each area's rules.
    /// </summary>
    internal ulong DerivedNeeded(IEnumerable<string> paths)
    {
        var derived = DerivedFacts;
        if (derived.Count >= 64) return ulong.MaxValue;
        ulong mask = 0;
        var queue = new Queue<string>(paths);
        while (queue.TryDequeue(out var path))
            for (var i = 0; i < derived.Count; i++)
            {
                var d = derived[i].Path;
                var named = path == d || path.EndsWith(".*", StringComparison.Ordinal) && d.StartsWith(path[..^1], StringComparison.Ordinal);
                if (!named || (mask & (1UL << i)) != 0) continue;
                mask |= 1UL << i;
                foreach (var input in derived[i].Derive!.Inputs) queue.Enqueue(input);
            }
        return mask;
    }

    /// <summary>
    /// Reviewers that are parties a case may not have (vocabulary.yaml → party_reviewers): actor → the bool fact the platform
    /// supplies saying whether the case has them. A review chain made into a process passes their review over when the fact
    /// is false and waits for it when it is unknown.
    /// </summary>
    public IReadOnlyDictionary<string, string> PartyReviewers { get; private init; } = new Dictionary<string, string>();

    /// <summary>The judgement words a rule may name (vocabulary.yaml → judgement_words).</summary>
    public IReadOnlyDictionary<string, JudgementWord> JudgementWords { get; private init; } = new Dictionary<string, JudgementWord>();

    private Vocabulary(Dictionary<string, FactDefinition> facts, Dictionary<string, string> actors, Dictionary<string, string> bodies,
        Dictionary<string, string> affiliations, Dictionary<string, string> areas, Dictionary<string, IReadOnlyDictionary<string, string>> checklist,
        Dictionary<string, string> steps, Dictionary<string, ProcessDefinition> processes)
    {
        Facts = facts; Actors = actors; Bodies = bodies; Affiliations = affiliations; Areas = areas; Checklist = checklist; Steps = steps;
        Processes = processes;
        DerivedFacts = InputsFirst(facts.Values.Where(d => d.Derive is not null).ToList());
        DerivedFormulas = DerivedFacts.Select(d => d.Derive!.Formula(d.Label, this)).ToList();
    }

    /// <summary>The kind of case whose process an area holds when only one kind belongs to it, else null.</summary>
    public string? ProcessOfArea(string area)
    {
        var kinds = Processes.Values.Where(p => p.Area == area).ToList();
        return kinds.Count == 1 ? kinds[0].Kind : null;
    }

    /// <summary>The definition of a fact path; a vocabulary key ending in <c>.*</c> defines every path one segment below it.</summary>
    public FactDefinition? Fact(string path)
    {
        if (Facts.TryGetValue(path, out var f)) return f;
        var dot = path.LastIndexOf('.');
        return dot > 0 && Facts.TryGetValue(path[..dot] + ".*", out var w) ? w with { Path = path } : null;
    }

    public string FactLabel(string path) => Fact(path)?.Label ?? path;

    internal static Vocabulary? Read(YNode? root, ReadContext ctx)
    {
        var r = MapReader.From(root, ctx, "vocabulary");
        if (r is null) { ctx.Error(new SourceMark(1, 1), "词汇表为空 (vocabulary is empty)"); return null; }
        var facts = new Dictionary<string, FactDefinition>();
        var fm = r.Map("facts", required: true);
        var actors = Labels(r.Map("actors", required: true));
        var bodies = Labels(r.Map("bodies", required: true));
        var affiliations = Labels(r.Map("affiliations", required: true));
        var areas = Labels(r.Map("areas", required: true));
        var stepsMap = r.Map("steps", required: true);
        var steps = Labels(stepsMap);
        // The list is closed: the web app drives every workflow by these steps, so vocabulary and code name the same ones.
        if (stepsMap is not null)
        {
            foreach (var known in Rules.StageSteps.All.Where(k => !steps.ContainsKey(k)))
                ctx.Error(stepsMap.Mark, $"steps 缺少“{known}” (step missing; see StageSteps)");
            foreach (var extra in steps.Keys.Where(k => !Rules.StageSteps.All.Contains(k)))
                ctx.Error(stepsMap.KeyMark(extra), $"steps 中的“{extra}”不是库认识的步骤；新增步骤须同时加入 StageSteps 并由网页处理 (unknown step)");
        }
        var checklist = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        var cm = r.Map("checklist", required: true);
        if (cm is not null)
        {
            foreach (var area in areas.Keys) checklist[area] = Labels(cm.Map(area, required: true));
            cm.Finish("checklist");
        }
        if (fm is not null)
        {
            foreach (var key in Keys(fm)) { var d = ReadFact(key, fm.Map(key, required: true), ctx); if (d is not null) facts[key] = d; }
            fm.Finish();
        }
        // Governance bodies: the same facts for every body, so they are generated rather than listed.
        var affValues = affiliations;
        foreach (var (body, bodyLabel) in bodies)
        {
            void Add(string suffix, FactType t, string label, string? unit = null, IReadOnlyDictionary<string, string>? values = null) =>
                facts[$"bodies.{body}.{suffix}"] = new FactDefinition($"bodies.{body}.{suffix}", t, bodyLabel + label, unit,
                    values ?? new Dictionary<string, string>(), new Dictionary<string, FactDefinition>());
            Add("established", FactType.Bool, "已设立");
            // Texts name who a body is filed with (报区科技局备案; 报师科技局和属地主管部门备案): one fact per recipient.
            Add("filed_with_bureau", FactType.Bool, "已报科技主管部门（科技局）备案");
            Add("filed_with_department", FactType.Bool, "已报归口管理（属地主管）部门备案");
            Add("chair", FactType.Enum, "主任（理事长）来源", values: affValues);
            Add("meetings_last_year", FactType.Number, "上年度会议次数", "次");
            Add("major_decision_approval", FactType.Ratio, "重大事项表决同意比例", "%");
            foreach (var (aff, affLabel) in affiliations) Add($"members.{aff}", FactType.Number, $"成员中{affLabel}人数", "人");
        }
        var processes = new Dictionary<string, ProcessDefinition>();
        var pm = r.Map("processes", required: true);
        if (pm is not null)
        {
            foreach (var kind in pm.AllKeys())
            {
                var d = pm.Map(kind, required: true);
                if (d is null) continue;
                var def = new ProcessDefinition(kind, d.String("label", required: true) ?? kind, d.String("area", required: true) ?? "",
                    d.String("draft"), d.String("done"), d.String("rejected"), d.String("withdrawn"))
                    { Late = d.StringList("late"), Missing = d.StringList("missing") };
                d.Finish($"事项 {kind}");
                if (!areas.ContainsKey(def.Area)) ctx.Error(d.Mark, $"事项 {kind} 的 area“{def.Area}”不是已定义的领域");
                foreach (var f in def.Late.Concat(def.Missing).Where(f => !facts.TryGetValue(f, out var fd) || fd.Type != FactType.Bool))
                    ctx.Error(d.Mark, $"事项 {kind} 的 late/missing 应列出 bool 类型的已定义事实（情形），“{f}”不是");
                processes[kind] = def;
            }
            // Closed like the steps: the web app keeps one detail table per kind.
            foreach (var known in Rules.ProcessKinds.All.Where(k => !processes.ContainsKey(k)))
                ctx.Error(pm.Mark, $"processes 缺少“{known}” (process kind missing; see ProcessKinds)");
            foreach (var extra in processes.Keys.Where(k => !Rules.ProcessKinds.All.Contains(k)))
                ctx.Error(pm.KeyMark(extra), $"processes 中的“{extra}”不是平台认识的事项类别 (unknown process kind)");
            pm.Finish();
        }
        var words = ReadJudgementWords(r.Map("judgement_words", required: true));
        var partyMap = r.Map("party_reviewers", required: true);
        var parties = Labels(partyMap);
        foreach (var (actor, fact) in parties)
        {
            if (!actors.ContainsKey(actor))
                ctx.Error(partyMap!.KeyMark(actor), $"party_reviewers 中的“{actor}”不是已定义的角色 (unknown actor; see actors)");
            if (!facts.TryGetValue(fact, out var fd) || fd.Type != FactType.Bool)
                ctx.Error(partyMap!.KeyMark(actor), $"party_reviewers 中“{actor}”对应的“{fact}”应为 bool 类型的已定义事实 (must be a bool fact)");
        }
        r.Finish("vocabulary");
        Derivation.Check(facts, ctx);
        return new Vocabulary(facts, actors, bodies, affiliations, areas, checklist, steps, processes) { JudgementWords = words, PartyReviewers = parties };
    }

    private static IEnumerable<string> Keys(MapReader m) => m.AllKeys();

    private static Dictionary<string, JudgementWord> ReadJudgementWords(MapReader? m)
    {
        var d = new Dictionary<string, JudgementWord>();
        if (m is null) return d;
        foreach (var word in m.AllKeys())
        {
            var w = m.Map(word, required: true);
            if (w is null) continue;
            var meaning = w.String("meaning", required: true) ?? "";
            var notIn = w.StringList("not_in");
            w.Finish($"判断用语 {word}");
            foreach (var p in notIn.Where(p => !p.Contains(word, StringComparison.Ordinal)))
                m.Ctx.Error(w.Mark, $"判断用语“{word}”的 not_in 短语“{p}”不含该用语");
            d[word] = new JudgementWord(word, meaning, notIn);
        }
        m.Finish();
        return d;
    }

    /// <summary>The facts a person types for these facts: a derived fact is replaced by the figures it is computed from (recursively).</summary>
    public IReadOnlyList<string> TypedInputs(IEnumerable<string> facts)
    {
        var result = new List<string>();
        void Add(string f, int depth)
        {
            if (Fact(f)?.Derive is { } d && depth < 8 && d.Inputs.All(i => Fact(i)?.Type is FactType.Number or FactType.Ratio or FactType.Date or FactType.Bool or FactType.Text or FactType.Enum))
                foreach (var i in d.Inputs) Add(i, depth + 1);
            else if (!result.Contains(f)) result.Add(f);
        }
        foreach (var f in facts) Add(f, 0);
        return result;
    }

    private static Dictionary<string, string> Labels(MapReader? m)
    {
        var d = new Dictionary<string, string>();
        if (m is null) return d;
        foreach (var k in m.AllKeys()) d[k] = m.String(k, required: true) ?? k;
        m.Finish();
        return d;
    }

    private static FactDefinition? ReadFact(string path, MapReader? m, ReadContext ctx)
    {
        if (m is null) return null;
        var typeText = m.String("type", required: true);
        var label = m.String("label", required: true) ?? path;
        var unit = m.String("unit");
        m.String("note");
        var values = Labels(m.Map("values"));
        var derive = m.Map("derive") is { } dm ? Derivation.Read(path, dm) : null;
        var items = new Dictionary<string, FactDefinition>();
        var im = m.Map("items");
        if (im is not null)
        {
            foreach (var k in im.AllKeys()) { var d = ReadFact(k, im.Map(k, required: true), ctx); if (d is not null) items[k] = d; }
            im.Finish();
        }
        m.Finish($"事实 {path}");
        FactType? type = typeText switch
        {
            "bool" => FactType.Bool, "number" => FactType.Number, "ratio" => FactType.Ratio, "date" => FactType.Date,
            "text" => FactType.Text, "enum" => FactType.Enum, "text_list" => FactType.TextList, "list" => FactType.List,
            "date_list" => FactType.DateList, "timestamp" => FactType.Timestamp, _ => null,
        };
        if (type is null) { ctx.Error(m.Mark, $"事实 {path} 的类型“{typeText}”未知，应为 bool/number/ratio/date/text/enum/text_list/list/date_list/timestamp"); return null; }
        if (type == FactType.Enum && values.Count == 0) ctx.Error(m.Mark, $"枚举事实 {path} 缺少 values");
        return new FactDefinition(path, type.Value, label, unit, values, items, derive);
    }
}
