namespace TechCenters.Web.Features.Security;

/// <summary>
/// The parts of a posted 申报书 that are not typed facts (those are read by <see cref="TechCenters.Policy.FactValues"/>):
/// checklist ticks (check.&lt;list&gt;.&lt;n&gt;: "true" or absent) and the co-builder rows' choices. A value no control
/// offers is refused with a Chinese message, never silently kept or dropped.
/// </summary>
public static class FactInput
{
    public static List<string> Problems(Applications.ApplicationInput input)
    {
        var problems = new List<string>();
        if (input.Malformed) problems.Add("共建单位的所在地或是否核心的取值无效");
        foreach (var (key, value) in input.Form)
            if (key.StartsWith("check.", StringComparison.Ordinal) && value.Length > 0 && value != "true")
                problems.Add("核对清单的勾选值无效");
        return problems.Distinct().ToList();
    }
}
