using TechCenters.Policy.Yaml;

namespace TechCenters.Policy;

public enum FactType { Bool, Number, Ratio, Date, Text, Enum, TextList, List }

/// <summary>One fact an application, center or evaluation can state (the vocabulary the web forms fill).</summary>
public sealed record FactDefinition(string Path, FactType Type, string Label, string? Unit,
    IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, FactDefinition> Items)
{
    public string ValueLabel(string value) => Values.TryGetValue(value, out var l) ? l : value;
}

/// <summary>
/// A kind of case (事项) a pack can give a process for: its label, the area whose review chain stands for its process when
/// the pack writes no stages for it, and the names such a straight-line process gives its stages.
/// </summary>
public sealed record ProcessDefinition(string Kind, string Label, string Area, string? Draft, string? Done, string? Rejected, string? Withdrawn);

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

    private Vocabulary(Dictionary<string, FactDefinition> facts, Dictionary<string, string> actors, Dictionary<string, string> bodies,
        Dictionary<string, string> affiliations, Dictionary<string, string> areas, Dictionary<string, IReadOnlyDictionary<string, string>> checklist,
        Dictionary<string, string> steps, Dictionary<string, ProcessDefinition> processes)
    {
        Facts = facts; Actors = actors; Bodies = bodies; Affiliations = affiliations; Areas = areas; Checklist = checklist; Steps = steps;
        Processes = processes;
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
            Add("filed", FactType.Bool, "已备案");
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
                    d.String("draft"), d.String("done"), d.String("rejected"), d.String("withdrawn"));
                d.Finish($"事项 {kind}");
                if (!areas.ContainsKey(def.Area)) ctx.Error(d.Mark, $"事项 {kind} 的 area“{def.Area}”不是已定义的领域");
                processes[kind] = def;
            }
            // Closed like the steps: the web app keeps one detail table per kind.
            foreach (var known in Rules.ProcessKinds.All.Where(k => !processes.ContainsKey(k)))
                ctx.Error(pm.Mark, $"processes 缺少“{known}” (process kind missing; see ProcessKinds)");
            foreach (var extra in processes.Keys.Where(k => !Rules.ProcessKinds.All.Contains(k)))
                ctx.Error(pm.KeyMark(extra), $"processes 中的“{extra}”不是平台认识的事项类别 (unknown process kind)");
            pm.Finish();
        }
        r.Finish("vocabulary");
        return new Vocabulary(facts, actors, bodies, affiliations, areas, checklist, steps, processes);
    }

    private static IEnumerable<string> Keys(MapReader m) => m.AllKeys();

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
            "text" => FactType.Text, "enum" => FactType.Enum, "text_list" => FactType.TextList, "list" => FactType.List, _ => null,
        };
        if (type is null) { ctx.Error(m.Mark, $"事实 {path} 的类型“{typeText}”未知，应为 bool/number/ratio/date/text/enum/text_list/list"); return null; }
        if (type == FactType.Enum && values.Count == 0) ctx.Error(m.Mark, $"枚举事实 {path} 缺少 values");
        return new FactDefinition(path, type.Value, label, unit, values, items);
    }
}
