using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Features.Experts;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.ExpertReviews;

/// <summary>
/// 回避 (conflict of interest), pure. None of the five texts spells recusal out (each pack says so: topic recusal, absent);
/// the platform applies the standard practice as data: an expert does not review an application whose lead unit or
/// co-builder is their own employer or a unit they declared a relation to (advisor, co-author, part-time…); a former
/// employer counts within the years the pack gives (recusal.former_employer_years) and, where the pack gives none, is
/// a doubt the platform resolves by recusal, saying so; an integrity finding in effect keeps the expert off every panel.
/// There is no override.
/// </summary>
public static class Recusal
{
    public sealed record Party(int UnitId, string Name, string Role);

    /// <summary>What the pack says about recusal, and the day it is judged on.</summary>
    public sealed record Terms(DateOnly Today, int? FormerEmployerYears, string? Article, string Document)
    {
        public const string YearsFact = "recusal.former_employer_years";

        public static Terms Of(PolicyPack pack, DateOnly today)
        {
            var rule = pack.Rules.OfType<ThresholdRule>().FirstOrDefault(r => r.Topic == "recusal" && r.Fact == YearsFact);
            return new(today, rule is null ? null : (int)rule.Value.Value, rule?.Article, pack.Document);
        }
    }

    /// <summary>Null when the expert may review; else the reason, in Chinese.</summary>
    public static string? Conflict(Expert expert, IReadOnlyList<Party> parties, Terms terms)
    {
        if (expert.IntegrityFinding is { Length: > 0 } finding && (expert.IntegrityFindingUntil is not { } until || until >= terms.Today))
            return $"{expert.Name}存在在效的科研诚信记录（{finding}" +
                   (expert.IntegrityFindingUntil is { } u ? $"，有效期至{u:yyyy-MM-dd}" : "") + "），不得参与评审";
        foreach (var p in parties)
        {
            if (expert.UnitId == p.UnitId)
                return $"{expert.Name}的工作单位是{p.Role}“{p.Name}”，须回避";
            foreach (var rel in expert.Relations.Where(r => r.UnitId == p.UnitId))
                if (RelationConflict(expert, rel, p, terms) is { } reason) return reason;
        }
        return null;
    }

    private static string? RelationConflict(Expert expert, ExpertRelation rel, Party p, Terms terms)
    {
        var label = rel.Kind == RelationKinds.Other && rel.Relation.Length > 0 ? rel.Relation
            : RelationKinds.Name(rel.Kind) + (rel.Relation.Length > 0 && rel.Relation != RelationKinds.Name(rel.Kind) ? $"：{rel.Relation}" : "");
        var what = $"{expert.Name}已申报与{p.Role}“{p.Name}”存在关联关系（{label}";
        if (rel.Kind != RelationKinds.FormerEmployer) return what + "），须回避";
        if (rel.EndedYear is not { } left) return what + "，未申报离开年份），须回避";
        var years = terms.Today.Year - left;
        if (terms.FormerEmployerYears is not { } limit)
            return what + $"，{left}年离开），{terms.Document}未规定离开前工作单位后的回避年限，需人工判断，平台按须回避处理";
        return years < limit ? what + $"，{left}年离开，未满{limit}年），须回避（{terms.Article}）" : null;
    }

    public static IReadOnlyList<Party> PartiesOf(Applications.Application a) =>
        [new(a.Case.LeadUnitId!.Value, a.Case.LeadUnit?.Name ?? "", "牵头单位"),
         .. a.CoBuilders.Select(c => new Party(c.UnitId, c.Unit?.Name ?? "", "共建单位"))];
}
