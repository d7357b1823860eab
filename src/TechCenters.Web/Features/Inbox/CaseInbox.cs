using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Features.Inbox;

/// <summary>
/// 待办 over every kind of case, in one query: the cases whose move is this account's (as the holder's actor, its unit
/// the lead or a co-builder as the holder requires), and, for an expert, the assigned cases still waiting for their
/// review — earliest due first, overdue marked.
/// </summary>
public static class CaseInbox
{
    public sealed record Item(int Id, string Kind, string Title, string LeadName, string StageName, string? Article, DateOnly? DueOn, bool Overdue,
        string? ReturnReason, int WaitingDays, string Url);

    public static async Task<List<Item>> LoadAsync(AppDbContext db, PolicyCatalog catalog, IEnumerable<ICaseKind> kinds, Clock clock, UserScope s,
        int take = 30, CancellationToken ct = default)
    {
        var mine = CaseRelation.ActorsOfRole(s.Role).ToList();
        if (mine.Count == 0) return [];
        var coBuilders = Actors.CoBuilders;
        var cases = db.Cases.AsNoTracking().VisibleTo(db, s)
            .Where(c => c.Holder != null && (
                (mine.Contains(c.Holder) && (s.Role != Roles.Applicant || c.LeadUnitId == s.UnitId))
                || (s.Role == Roles.Applicant && c.Holder == coBuilders
                    && db.CaseParties.Any(p => p.CaseId == c.Id && p.UnitId == s.UnitId && p.Role == CaseParty.CoBuilder))
                || (s.Role == Roles.Expert && c.Step == StageSteps.ExpertReview)));
        // Experts hold a case's review or scoring together: one whose part is in (a review, a sheet) has nothing more to do
        // there — each kind says when, as a condition of this one query.
        if (s.Role == Roles.Expert && s.ExpertId is { } expert)
            foreach (var kind in kinds)
                if (kind.ExpertWork is { } work)
                {
                    var name = kind.Kind;
                    var given = work.GivenBy(db, expert);
                    cases = cases.Where(c => c.Kind != name || !given.Contains(c.Id));
                }
        var rows = await cases
            .OrderBy(c => c.DueOn == null).ThenBy(c => c.DueOn).ThenBy(c => c.UpdatedAt).ThenBy(c => c.Id)
            .Select(c => new { Case = c, Lead = c.LeadUnit!.Name })
            .Take(take).ToListAsync(ct);
        var today = clock.Today;
        var now = clock.UtcNow;
        return rows.Select(r =>
        {
            var c = r.Case;
            var pack = catalog.Versions(c.JurisdictionId).First(v => v.Version == c.PackVersion);
            var stage = pack.Process(c.Kind)?.Stage(c.StageId);
            var relation = CaseRelation.Listed(s, c, s.Role == Roles.Applicant && c.LeadUnitId != s.UnitId ? CaseParty.CoBuilder : null);
            var url = kinds.FirstOrDefault(k => k.Kind == c.Kind)?.Url(c, s) ?? $"/Cases/{c.Id}";
            return new Item(c.Id, c.Kind, c.Title, r.Lead, stage?.NameFor(relation.Acts) ?? c.StageId, stage?.Article, c.DueOn,
                c.DueOn is { } due && due < today, c.ReturnReason, (int)Math.Floor((now - c.UpdatedAt).TotalDays), url);
        }).ToList();
    }
}
