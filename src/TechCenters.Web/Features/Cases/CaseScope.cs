using System.Linq.Expressions;
using LinqKit;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Activity;

namespace TechCenters.Web.Features.Cases;

/// <summary>
/// The one place that decides which cases an account sees (anything else is a 404), for every kind: the bureau its
/// jurisdiction; a department its own department and every department below it; a unit's staff the cases it is party to
/// (lead or co-builder); experts the cases assigned to them; and whoever a kind says sees its cases by a relation only it
/// has (<see cref="ICaseKind.SeenBy"/>: an evaluation's entrusted organisation), composed here without naming its tables.
/// </summary>
public static class CaseScope
{
    public static IQueryable<Case> VisibleTo(this IQueryable<Case> cases, AppDbContext db, UserScope s)
    {
        // The role's own predicate, none for a role without one (then only a kind's relation can show a case).
        Expression<Func<Case, bool>>? visible = s.Role switch
        {
            Roles.BureauOfficer when s.JurisdictionId is not null => c => c.JurisdictionId == s.JurisdictionId,
            Roles.DepartmentOfficer when s.DepartmentId is { } d => c => c.DepartmentId != null && c.Department!.Path.Contains(Units.Department.SubtreeMarker(d)),
            Roles.Applicant when s.UnitId is { } u => c => c.LeadUnitId == u || db.Set<CaseParty>().Any(p => p.CaseId == c.Id && p.UnitId == u),
            Roles.Expert when s.ExpertId is { } x => c => db.Set<CaseAssignment>().Any(a => a.CaseId == c.Id && a.ExpertId == x && a.EndedAt == null),
            _ => null,
        };
        // Each kind's own readers, as conditions of the same statement: a case of that kind whose id its query gives.
        // LinqKit's Or rebinds the second lambda's parameter to the first's (one lambda, no Invoke: EF Core needs no AsExpandable).
        foreach (var kind in db.Kinds)
            if (kind.SeenBy(db, s) is { } seen)
            {
                var name = kind.Kind;
                Expression<Func<Case, bool>> theirs = c => c.Kind == name && seen.Contains(c.Id);
                visible = visible is null ? theirs : visible.Or(theirs);
            }
        return cases.Where(visible ?? (c => false));
    }

    /// <summary>Whether one case is seen by its kind's own relation (<see cref="ICaseKind.SeenBy"/>): one query, false without one.</summary>
    public static async Task<bool> SeenByKindAsync(AppDbContext db, UserScope s, Case c, CancellationToken ct) =>
        db.Kinds.FirstOrDefault(k => k.Kind == c.Kind)?.SeenBy(db, s) is { } seen && await seen.AnyAsync(id => id == c.Id, ct);
}

/// <summary>
/// Who an account is to a case — its relation, not only its role — as the pack actors it acts as, and the timeline
/// audience it belongs to. Pure: the caller supplies what the database says about parties and assignments.
/// </summary>
public sealed record CaseRelation(IReadOnlySet<string> Acts, Audience Audience)
{
    public static readonly CaseRelation Nobody = new(new HashSet<string> { Actors.Public }, Audience.Public);

    public bool ActsAs(string actor) => Acts.Contains(actor);

    /// <summary>The account's relation: <paramref name="party"/> is its unit's role on the case (lead / co_builder) if any.</summary>
    public static CaseRelation Of(UserScope s, Case c, bool inDepartmentSubtree, string? party, bool assigned)
    {
        var related = s.Role switch
        {
            Roles.BureauOfficer => s.JurisdictionId == c.JurisdictionId,
            Roles.DepartmentOfficer => inDepartmentSubtree,
            Roles.Applicant => party is not null,
            Roles.Expert or Roles.Evaluator => assigned,
            _ => false,
        };
        var actors = new HashSet<string> { Actors.Public };
        if (!related) return new(actors, Audience.Public);
        actors.UnionWith(ActorsOfRole(s.Role, party));
        var audience = s.Role switch
        {
            Roles.BureauOfficer => Audience.Parties,
            Roles.DepartmentOfficer => Audience.Department,
            Roles.Applicant => Audience.Applicant,
            _ => Audience.Reviewers,
        };
        return new(actors, audience | Audience.Public);
    }

    /// <summary>
    /// The pack actors a role acts as when it is related to a case: 决策会议 (局长办公会、局党组会) is recorded by a bureau
    /// officer; the lead unit's staff act for the unit, the center it hosts and the center's council; a co-builder's staff
    /// act as the co-builders; experts as the panel, evaluators as the third party.
    /// </summary>
    public static IReadOnlyList<string> ActorsOfRole(string? role, string? party = CaseParty.Lead) => role switch
    {
        Roles.BureauOfficer => [Actors.Bureau, Actors.DecisionMeeting, Actors.ProfessionalAgency],
        Roles.DepartmentOfficer => [Actors.Department],
        Roles.Applicant when party == CaseParty.CoBuilder => [Actors.CoBuilders],
        Roles.Applicant => [Actors.LeadUnit, Actors.Center, Actors.Council],
        Roles.Expert => [Actors.ExpertPanel],
        Roles.Evaluator => [Actors.ThirdParty],
        _ => [],
    };

    /// <summary>For a case a list already narrowed with <see cref="CaseScope.VisibleTo"/>: the relation, given the unit's party role.</summary>
    public static CaseRelation Listed(UserScope s, Case c, string? party) =>
        Of(s, c, true, s.Role == Roles.Applicant && c.LeadUnitId == s.UnitId ? CaseParty.Lead : party, true);

    /// <summary>Reads what the relation depends on (subtree, party, assignment) and resolves it.</summary>
    public static async Task<CaseRelation> ResolveAsync(AppDbContext db, UserScope s, Case c, CancellationToken ct = default)
    {
        var subtree = s.Role == Roles.DepartmentOfficer && s.DepartmentId is { } d && c.DepartmentId is { } cd
            && await db.Departments.AnyAsync(x => x.Id == cd && x.Path.Contains(Units.Department.SubtreeMarker(d)), ct);
        string? party = null;
        if (s.Role == Roles.Applicant && s.UnitId is { } u)
            party = c.LeadUnitId == u ? CaseParty.Lead
                : await db.Set<CaseParty>().Where(p => p.CaseId == c.Id && p.UnitId == u).Select(p => p.Role).FirstOrDefaultAsync(ct);
        // Assigned: an expert's assignment, or for an evaluator the case's kind's own relation (the same hook as the scope's).
        var assigned = s.Role switch
        {
            Roles.Expert when s.ExpertId is { } x => await db.Set<CaseAssignment>().AnyAsync(a => a.CaseId == c.Id && a.ExpertId == x && a.EndedAt == null, ct),
            Roles.Evaluator => await CaseScope.SeenByKindAsync(db, s, c, ct),
            _ => false,
        };
        return Of(s, c, subtree, party, assigned);
    }
}

/// <summary>Pack actors → the timeline audience that includes them (for a stage's `see` list).</summary>
public static class ActorAudience
{
    public static Audience Of(string actor) => actor switch
    {
        Actors.Bureau or Actors.DecisionMeeting or Actors.ProfessionalAgency => Audience.Bureau,
        Actors.Department => Audience.Department,
        Actors.LeadUnit or Actors.Center or Actors.Council or Actors.CoBuilders => Audience.Applicant,
        Actors.ExpertPanel or Actors.ThirdParty => Audience.Reviewers,
        Actors.Public => Audience.Public,
        _ => Audience.None,
    };

    /// <summary>Who reads entries made in a stage: every party, or those its `see` names (and the bureau).</summary>
    public static Audience OfStage(Stage stage) =>
        stage.See.Count == 0 ? Audience.Parties : stage.See.Aggregate(Audience.Bureau, (a, actor) => a | Of(actor));
}
