using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Integrity;

/// <summary>Reading the record: who sees which findings, and what the gates load from it.</summary>
public static class IntegrityRecord
{
    /// <summary>
    /// The findings an account may read: the bureau its jurisdiction's; a department the findings against units of its
    /// subtree (and persons of those units); nobody else any (applicants and experts never see other units' findings).
    /// </summary>
    public static IQueryable<IntegrityFinding> VisibleTo(this IQueryable<IntegrityFinding> findings, UserScope s) => s.Role switch
    {
        Roles.BureauOfficer when s.JurisdictionId is not null => findings.Where(f => f.JurisdictionId == s.JurisdictionId),
        Roles.DepartmentOfficer when s.DepartmentId is { } d => findings.Where(f => f.UnitId != null && f.Unit!.DepartmentId != null
            && f.Unit.Department!.Path.Contains(Department.SubtreeMarker(d))),
        _ => findings.Where(f => false),
    };

    /// <summary>Pool experts of a jurisdiction with a finding in effect on <paramref name="on"/> (expert id → findings cited).</summary>
    public static async Task<IReadOnlyDictionary<int, string>> ExpertFindingsAsync(AppDbContext db, string jurisdictionId, DateOnly on, CancellationToken ct)
    {
        var rows = await db.IntegrityFindings.AsNoTracking()
            .Where(f => f.ExpertId != null && f.WithdrawnAt == null && f.EffectiveFrom <= on && (f.EffectiveTo == null || f.EffectiveTo >= on)
                && db.Experts.Any(e => e.Id == f.ExpertId && e.JurisdictionId == jurisdictionId))
            .ToListAsync(ct);
        return IntegrityRules.ForExperts(rows, on);
    }

    /// <summary>Findings against these units that bear on revocation grounds (incidents.*), not withdrawn, newest first.</summary>
    public static Task<List<IntegrityFinding>> AgainstUnitsAsync(AppDbContext db, IReadOnlyCollection<int> unitIds, CancellationToken ct) =>
        db.IntegrityFindings.AsNoTracking().Where(f => f.UnitId != null && unitIds.Contains(f.UnitId.Value) && f.WithdrawnAt == null)
            .OrderByDescending(f => f.FoundOn).ThenByDescending(f => f.Id).ToListAsync(ct);
}

/// <summary>Findings against a center's lead unit shown as evidence, each with the revocation grounds (by their facts) it bears on.</summary>
public sealed record Evidence(IReadOnlyList<IntegrityFinding> Findings, IReadOnlyList<TechCenters.Policy.Rules.GroundRule> Grounds, DateOnly Today)
{
    public IEnumerable<(IntegrityFinding Finding, List<TechCenters.Policy.Rules.GroundRule> Grounds)> Rows =>
        Findings.Select(f => (f, Grounds.Where(g => FindingCategories.Of(f.Category) is { } c && g.FactsRead.Any(c.TrueInEffect.Contains)).ToList()));

    public static async Task<Evidence> LoadAsync(AppDbContext db, UserScope scope, int leadUnitId, IReadOnlyList<TechCenters.Policy.Rules.GroundRule> grounds, DateOnly today, CancellationToken ct) =>
        // Officers only: the lead unit reads its own case but the record is the bureau's.
        scope.Role is Roles.BureauOfficer or Roles.DepartmentOfficer
            ? new(await IntegrityRecord.AgainstUnitsAsync(db, [leadUnitId], ct), grounds, today)
            : new([], grounds, today);
}
