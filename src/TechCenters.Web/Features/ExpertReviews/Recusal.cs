using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.ExpertReviews;

/// <summary>
/// 回避 (conflict of interest), pure. None of the five texts spells recusal out; the platform applies the standard
/// practice: an expert does not review an application whose lead unit or co-builder is their own unit or a unit they
/// declared a relation to. There is no override.
/// </summary>
public static class Recusal
{
    public sealed record Party(int UnitId, string Name, string Role);

    /// <summary>Null when the expert may review; else the reason, in Chinese.</summary>
    public static string? Conflict(Expert expert, IReadOnlyList<Party> parties)
    {
        foreach (var p in parties)
        {
            if (expert.UnitId == p.UnitId)
                return $"{expert.Name}的工作单位是{p.Role}“{p.Name}”，须回避";
            var rel = expert.Relations.FirstOrDefault(r => r.UnitId == p.UnitId);
            if (rel is not null)
                return $"{expert.Name}已申报与{p.Role}“{p.Name}”存在关联关系（{rel.Relation}），须回避";
        }
        return null;
    }

    public static IReadOnlyList<Party> PartiesOf(Applications.Application a) =>
        [new(a.Case.LeadUnitId!.Value, a.Case.LeadUnit?.Name ?? "", "牵头单位"),
         .. a.CoBuilders.Select(c => new Party(c.UnitId, c.Unit?.Name ?? "", "共建单位"))];
}
