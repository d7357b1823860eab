using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TechCenters.Policy;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Applications;

/// <summary>
/// The facts an application is judged by: what the applicant typed (FactsJson, dotted vocabulary paths) plus what the
/// platform knows for certain — the lead unit's type and reporting line from the registry, the co-builders, the plan's
/// sections and length, the submission date and any revocation of the lead unit. Pure.
/// </summary>
public static class ApplicationFacts
{
    /// <summary>The registry's unit type as vocabulary.yaml's lead.type / co_builders.type value: every type has its own, none falls to another.</summary>
    public static string LeadType(UnitType t) => t switch
    {
        UnitType.Enterprise => "enterprise",
        UnitType.University => "university",
        UnitType.ResearchInstitute => "research_institute",
        UnitType.NewRdInstitution => "new_rd_institution",
        UnitType.TechnicalInstitution => "technical_institution",
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, "单位类型未对应到 vocabulary.yaml 的 lead.type"),
    };

    public static Dictionary<string, string> Parse(string? json)
    {
        var d = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(json)) return d;
        if (JsonNode.Parse(json) is JsonObject o)
            foreach (var (k, v) in o)
                if (v is not null) d[k] = v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : v.ToJsonString();
        return d;
    }

    public static string ToJson(IReadOnlyDictionary<string, string> values)
    {
        var o = new JsonObject();
        foreach (var (k, v) in values.OrderBy(x => x.Key, StringComparer.Ordinal)) o[k] = v;
        return o.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public sealed record CoBuilderFact(string Name, UnitType Type, string Region, bool Core);

    public static Facts Build(IReadOnlyDictionary<string, string> typed, Unit lead, IEnumerable<CoBuilderFact> coBuilders,
        IReadOnlyDictionary<string, string> plan, string centerName, DateOnly applicationDate, DateOnly? revokedOn, string? revocationGround)
    // revocationGround: the revocation's grounds (rule ids, comma-separated)
    {
        var values = new Dictionary<string, object?>();
        foreach (var (k, v) in typed)
            if (!string.IsNullOrWhiteSpace(v)) values[k] = v.Trim();
        values["lead.type"] = LeadType(lead.Type);
        values["lead.reports_to_bureau_directly"] = lead.DepartmentId is null;
        values["application.center_name"] = centerName;
        values["application.submitted_on"] = applicationDate;
        var list = coBuilders.ToList();
        values["co_builders"] = list.Select(c => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
        {
            ["name"] = c.Name,
            ["type"] = LeadType(c.Type),
            ["region"] = c.Region,
            ["core"] = c.Core ? "true" : "false",
        }).ToList();
        values["application.core_co_builder_count"] = list.Count(c => c.Core);
        var sections = plan.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => p.Key).ToList();
        values["application.plan_sections"] = sections;
        values["application.plan_chars"] = plan.Values.Sum(v => CountChars(v));
        if (revokedOn is { } r)
        {
            values["revocation.revoked_on"] = r;
            // A revocation carries its grounds as data; a ban rule names the grounds it follows.
            if (revocationGround is not null) values["revocation.grounds"] = revocationGround.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        }
        return Facts.From(values);
    }

    /// <summary>Characters of text without whitespace (how 字数 is counted).</summary>
    public static int CountChars(string? s) => s is null ? 0 : s.Count(c => !char.IsWhiteSpace(c));

    public static string Format(decimal d) => d.ToString(CultureInfo.InvariantCulture);
}
