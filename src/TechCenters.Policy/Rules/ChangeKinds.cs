using TechCenters.Policy.Yaml;

namespace TechCenters.Policy.Rules;

/// <summary>
/// What an approved change request changes in a center's record — the closed list a pack's <c>change_kinds</c> items map
/// their wording to — and which checklist topics judge the changed record (a new name by the naming pattern, a new host
/// unit by the host conditions, new core co-builders by the co-builder conditions). Nothing here names a jurisdiction.
/// </summary>
public static class ChangeTargets
{
    public const string Name = "name";
    public const string RegisteredAddress = "registered_address";
    public const string HostUnit = "host_unit";
    public const string HostUnitName = "host_unit_name";
    public const string CoreCoBuilders = "core_co_builders";
    /// <summary>A matter the text leaves open (其他重大事项): nothing in the record changes by itself; the officer judges it.</summary>
    public const string Other = "other";

    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>
    {
        [Name] = "中心名称",
        [RegisteredAddress] = "注册地",
        [HostUnit] = "依托（牵头、建设主体）单位",
        [HostUnitName] = "依托单位名称",
        [CoreCoBuilders] = "核心共建（建设）单位",
        [Other] = "其他重大事项",
    };

    /// <summary>
    /// The checklist topics whose rules judge the record after such a change: a new name → naming; a new registered place →
    /// registration; a new host → its legal form, registration, host conditions, a university host's co-building and its
    /// record; new core co-builders → the co-builder conditions and a university host's co-building.
    /// </summary>
    public static IReadOnlyList<string> Topics(string target) => target switch
    {
        Name => ["naming"],
        RegisteredAddress => ["registration"],
        HostUnit => ["legal_form", "registration", "lead_unit", "university_lead", "record"],
        CoreCoBuilders => ["co_builders", "university_lead"],
        _ => [],
    };
}

/// <summary>
/// kind: change_kinds — the matters a center may change only through a reviewed request, each in the text's own words
/// (名称、注册地、依托单位、核心建设单位、依托单位名称变更、其他重大事项) with what it changes in the center's record
/// (<c>changes</c>: one of <see cref="ChangeTargets"/>), and the evidence the text asks a request to carry (<c>evidence</c>:
/// 新疆 四（二）5 理事会（董事会）审议决定, 沧州 第三十一条 佐证材料). With <c>fact</c> (the matter a request is for) it judges
/// the request: a matter the text lists is Pass; a matter it leaves open (<c>changes: other</c>, “其他重大事项”) is the
/// officer's to judge (NeedsJudgement, undefined); a wording the text does not list is Fail.
/// </summary>
public sealed class ChangeKindsRule : Rule
{
    public sealed record Item(string Name, string Changes)
    {
        public bool Open => Changes == ChangeTargets.Other;
    }

    public sealed record EvidenceItem(string Name, string? Article);

    public IReadOnlyList<Item> Items { get; private set; } = [];
    public IReadOnlyList<EvidenceItem> Evidence { get; private set; } = [];
    public string? Fact { get; private set; }
    public override bool Evaluable => Fact is not null;
    public override IEnumerable<string> FactsRead => Fact is null ? base.FactsRead : base.FactsRead.Append(Fact);

    internal override void ReadParameters(MapReader m, PackReader p)
    {
        var items = new List<Item>();
        foreach (var i in m.MapList("items", required: true))
        {
            var name = i.String("name", required: true) ?? "";
            var changes = i.String("changes", required: true) ?? "";
            i.Finish("change item");
            if (changes != "" && !ChangeTargets.Labels.ContainsKey(changes))
                i.Ctx.Error(i.KeyMark("changes"), $"changes“{changes}”未知，应为 {string.Join("/", ChangeTargets.Labels.Keys)} (unknown change target)");
            if (items.Any(x => x.Name == name)) i.Ctx.Error(i.KeyMark("name"), $"重复的变更事项“{name}”");
            items.Add(new Item(name, changes));
        }
        if (items.Count == 0) m.Ctx.Error(m.Mark, "change_kinds 至少须列出一项变更事项");
        Items = items;
        var evidence = new List<EvidenceItem>();
        foreach (var e in m.MapList("evidence"))
        {
            var name = e.String("name", required: true) ?? "";
            var article = p.Article(e, required: false);
            e.Finish("evidence");
            evidence.Add(new EvidenceItem(name, article));
        }
        Evidence = evidence;
        if (m.Has("fact")) Fact = p.FactRef(m, "fact", FactType.Text);
    }

    public Item? ItemNamed(string name) => Items.FirstOrDefault(i => i.Name == name);

    public override string Describe(EvalEnv env) =>
        $"{Title}：{string.Join("、", Items.Select(i => i.Name))}" +
        (Evidence.Count == 0 ? "" : $"；须附{string.Join("、", Evidence.Select(e => e.Name))}");

    protected override void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into)
    {
        var kind = facts.Text(Fact!);
        if (kind is null) return; // judged only for a request
        var listed = string.Join("、", Items.Select(i => i.Name));
        var item = ItemNamed(kind);
        if (item is null)
            into.Add(Make(Outcome.Fail, listed, kind, $"“{kind}”不是{Cite}所列须申请变更的事项（{listed}）"));
        else if (item.Open)
            into.Add(Undefined(Fact!, listed, kind, $"{Cite}只写“{kind}”，未列举哪些属于重大事项；本次变更是否属于须批准的重大事项"));
        else
            into.Add(Make(Outcome.Pass, listed, kind, $"“{kind}”是{Cite}所列须申请变更的事项，变更{ChangeTargets.Labels[item.Changes]}"));
    }
}
