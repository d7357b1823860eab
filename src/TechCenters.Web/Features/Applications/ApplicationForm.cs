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

    /// <summary>基本信息 every 申报书 asks (not policy facts: kept in FormJson).</summary>
    public static readonly IReadOnlyList<FormField> BasicFields =
    [
        new("director.name", "拟任中心主任", FactType.Text, null, NoValues),
        new("director.title", "拟任中心主任职称", FactType.Text, null, NoValues),
        new("tech_leader.name", "技术带头人", FactType.Text, null, NoValues),
        new("tech_leader.field", "技术带头人研究方向", FactType.Text, null, NoValues),
        new("contact.name", "联系人", FactType.Text, null, NoValues),
        new("contact.phone", "联系电话", FactType.Text, null, NoValues),
        new("lead.platforms", "研发平台与资质", FactType.Text, null, NoValues),
        new("lead.past_projects", "近三年承担的科技项目", FactType.Text, null, NoValues),
    ];

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
    /// 牵头单位基本情况 every 申报书 records (第十二师 附1 asks them all: revenue, R&amp;D spend, debt ratio, staff and titles,
    /// lab area, instrument value, conversion income), whether or not a rule of the pack judges them.
    /// </summary>
    public static readonly IReadOnlyList<string> ProfileFacts =
    [
        "lead.main_revenue_last_year", "lead.sales_revenue_last_year", "lead.rd_expense_last_year", "lead.debt_to_asset_ratio_last_year",
        "lead.conversion_income_last_year", "team.total", "team.rd_staff", "team.fixed_staff", "team.mid_senior_titles",
        "facilities.lab_area_m2", "facilities.instrument_value",
    ];

    /// <summary>The facts the form asks: what the pack's panel rules read, then the unit profile.</summary>
    public static IReadOnlyList<string> FormFacts(PolicyPack pack) => ApplicationRules.TypedFacts(pack).Concat(ProfileFacts).Distinct().ToList();

    public static IReadOnlyList<FormGroup> Groups(PolicyPack pack, Vocabulary vocabulary)
    {
        var groups = new List<(string Title, string Icon, List<FormField> Fields)>();
        foreach (var path in FormFacts(pack))
        {
            var def = vocabulary.Fact(path);
            if (def is null || def.Type is FactType.List or FactType.TextList) continue;
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
