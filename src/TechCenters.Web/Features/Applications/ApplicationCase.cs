using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Infrastructure;

using TechCenters.Web.Features.Revocations;
namespace TechCenters.Web.Features.Applications;

/// <summary>
/// The application kind of case: its detail (the 申报书 with its call, lead unit and co-builders) and the facts its
/// process and eligibility rules read — typed facts, registry data, the plan, and any revocation of the lead unit.
/// </summary>
public sealed class ApplicationKind(Clock clock) : ICaseKind
{
    public string Kind => ProcessKinds.Application;

    public async Task<(object? Detail, Facts Facts)> LoadAsync(AppDbContext db, Case c, CancellationToken ct)
    {
        // One round trip, not the pages' split query: an application has a handful of co-builders, and this load is on
        // the path of every action on the case (a submission among them — docs/performance.md, Submissions).
        var app = await ApplicationCase.Query(db).AsSingleQuery().FirstAsync(a => a.Id == c.Id, ct);
        return (app, await ApplicationCase.FactsAsync(db, app, ApplicationCase.DateOf(clock, app), ct));
    }

    public string Url(Case c, UserScope scope) => scope.Role == Roles.Expert ? $"/ExpertReviews/Review?id={c.Id}" : $"/Applications/{c.Id}";

    /// <summary>An application is judged by its eligibility panel (conditions, naming, bans).</summary>
    public Verdict? Judge(CaseContext ctx, Facts facts) => ApplicationRules.Panel(ctx.Pack, facts);

    public IExpertWork ExpertWork => ExpertReviews.Reviewing.Instance;
}

public static class ApplicationCase
{
    /// <summary>Applications with what their facts and pages need (case, lead unit, call, co-builders in order).</summary>
    public static IQueryable<Application> Query(AppDbContext db) =>
        db.Applications.Include(a => a.Case).ThenInclude(c => c.LeadUnit).Include(a => a.Call)
            .Include(a => a.CoBuilders.OrderBy(c => c.Position)).ThenInclude(c => c.Unit)
            .AsSplitQuery();

    /// <summary>The date an application is judged on: its (last) submission, else today.</summary>
    public static DateOnly DateOf(Clock clock, Application a) => clock.DateOf(a.SubmittedAt ?? clock.UtcNow);

    /// <summary>The facts of the application as it stands (registry data, plan, the lead unit's last revocation).</summary>
    public static async Task<Facts> FactsAsync(AppDbContext db, Application a, DateOnly on, CancellationToken ct = default)
    {
        var rev = await db.Revocations.AsNoTracking().Where(r => r.UnitId == a.Case.LeadUnitId)
            .OrderByDescending(r => r.RevokedOn).FirstOrDefaultAsync(ct);
        // What the integrity record says about the lead unit and the co-builders on the day judged.
        var lead = a.Case.LeadUnitId!.Value;
        var builders = a.CoBuilders.Select(c => c.UnitId).ToList();
        var units = builders.Append(lead).ToList();
        var findings = await db.IntegrityFindings.AsNoTracking().Where(f => f.UnitId != null && units.Contains(f.UnitId.Value) && f.WithdrawnAt == null).ToListAsync(ct);
        return Integrity.IntegrityCheck.WithRecord(FactsOf(a, rev, on), Integrity.IntegrityRules.ForApplication(findings, lead, builders, on));
    }

    public static Facts FactsOf(Application a, Revocation? rev, DateOnly date) => FactsOf(a, (rev?.RevokedOn, rev?.Ground), date);

    public static Facts FactsOf(Application a, (DateOnly? On, string? Ground) revocation, DateOnly date) =>
        ApplicationFacts.Build(ApplicationFacts.Parse(a.FactsJson), a.Case.LeadUnit!,
            a.CoBuilders.Select(c => new ApplicationFacts.CoBuilderFact(c.Unit?.Name ?? "", c.Unit?.Type ?? Units.UnitType.Enterprise, c.Region, c.Core)),
            ApplicationFacts.Parse(a.PlanJson), a.CenterName, date, revocation.On, revocation.Ground);

    /// <summary>The lead unit's last revocation as <see cref="FactsOf(Application, Revocation?, DateOnly)"/> put it in the facts (date, grounds).</summary>
    public static (DateOnly? On, string? Ground) RevocationOf(Facts facts) =>
        (facts.Date("revocation.revoked_on"), facts.TextList("revocation.grounds") is { } grounds ? string.Join(",", grounds) : null);
}

public static class ApplicationScope
{
    /// <summary>Which applications an account can see: those whose case it can see (the one scope, <see cref="CaseScope"/>).</summary>
    public static IQueryable<Application> VisibleTo(this IQueryable<Application> apps, AppDbContext db, UserScope s)
    {
        var visible = db.Cases.VisibleTo(db, s).Select(c => c.Id);
        return apps.Where(a => visible.Contains(a.Id));
    }
}
