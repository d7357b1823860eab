using TechCenters.Policy;

namespace TechCenters.Web.Features.Applications;

public sealed record FormField(string Name, string Label, FactType Type, string? Unit, IReadOnlyDictionary<string, string> Values, string? Hint = null);
public sealed record FormGroup(string Title, string Icon, IReadOnlyList<FormField> Fields);

/// <summary>
/// The 申报书 form generated from the pack: the facts its eligibility rules read (grouped by subject), the plan outline,
/// the checklists and the signature pages. Only the 基本信息 blanks every form has are fixed here. Pure.
/// </summary>
public static class ApplicationForm
{
    private static readonly IReadOnlyDictionary<string, string> NoValues = new Dictionary<string, string>();

    /// <summary>The platform's own need, not a pack's: whom to contact about the application.</summary>
    private static readonly IReadOnlyList<FormField> ContactFields =
    [
        new("contact.name", "联系人", FactType.Text, null, NoValues),
        new("contact.phone", "联系电话", FactType.Text, null, NoValues),
    ];

    /// <summary>
    /// The blanks of the 申报书 kept in FormJson: those the pack's application form lists (第十二师 附1: 拟任中心主任、技术带头人、
    /// 研发平台…), or only the contact where the pack's text lays out no form.
    /// </summary>
    public static IReadOnlyList<FormField> BasicFields(PolicyPack pack) =>
        ApplicationRules.Form(pack) is { } form
            ? form.TextFields.Select(f => new FormField(f.Key, f.Label, FactType.Text, null, NoValues)).ToList()
            : ContactFields;

    private static readonly (string Prefix, string Title, string Icon)[] Subjects =
    [
        ("lead.", "牵头（依托）单位情况", "ti-building"),
        ("team.", "人员、带头人与负责人", "ti-users"),
        ("tech_leader.", "人员、带头人与负责人", "ti-users"),
        ("director.", "人员、带头人与负责人", "ti-users"),
        ("facilities.", "场地与仪器设备", "ti-microscope"),
        ("agreement.", "共建协议", "ti-file-certificate"),
        ("builders.", "共建协议", "ti-file-certificate"),
        ("co_builders", "共建协议", "ti-file-certificate"),
        ("application.", "申报事项", "ti-file-text"),
    ];

    /// <summary>
    /// The facts the form asks: what the pack's panel rules read and what its application form lists (第十二师 附1:
    /// 主营业务收入、R&amp;D投入), never another pack's items. A derived fact is asked as the figures it is computed from
    /// (资产负债率 → 负债总额、资产总额).
    /// </summary>
    public static IReadOnlyList<string> FormFacts(PolicyPack pack) =>
        pack.Env.Vocabulary.TypedInputs(ApplicationRules.TypedFacts(pack).Concat(ApplicationRules.Form(pack)?.AskedFacts ?? []))
            .Where(f => !ApplicationRules.DerivedFacts.Contains(f)).ToList();

    public static IReadOnlyList<FormGroup> Groups(PolicyPack pack, Vocabulary vocabulary)
    {
        var groups = new List<(string Title, string Icon, List<FormField> Fields)>();
        foreach (var path in FormFacts(pack))
        {
            var def = vocabulary.Fact(path);
            if (def is null || def.Type is FactType.List or FactType.TextList or FactType.DateList or FactType.Timestamp) continue;
            var subject = Subjects.Where(s => path.StartsWith(s.Prefix, StringComparison.Ordinal)).Select(s => (s.Title, s.Icon)).FirstOrDefault();
            if (subject.Title is null) subject = ("其他条件", "ti-list-check");
            var (title, icon) = (subject.Title, subject.Icon);
            var g = groups.FirstOrDefault(x => x.Title == title);
            if (g.Fields is null) { g = (title, icon, []); groups.Add(g); }
            g.Fields.Add(new FormField(path, def.Label, def.Type, def.Unit, def.Values,
                def.Type == FactType.Ratio ? "填百分数，如 3%" : def.Unit == "元" ? "单位：元" : null));
        }
        return groups.Select(g => new FormGroup(g.Title, g.Icon, g.Fields)).ToList();
    }

    /// <summary>The plan's sections: the pack's outline, or one free-text section when the pack gives none.</summary>
    public static IReadOnlyList<string> PlanSections(PolicyPack pack) =>
        ApplicationRules.PlanOutline(pack)?.Items is { Count: > 0 } items ? items : ["建设方案"];
}
