using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Applications;

namespace TechCenters.Web.Features.Policies;

/// <summary>
/// What `policy diff --database` judges under both versions: the jurisdiction's open applications (not in a final stage)
/// and its recognized centers, each with the facts the platform holds for it. Load only; the comparison is the library's.
/// </summary>
public static class PolicyDiffCases
{
    public static async Task<IReadOnlyList<(string Id, string Label, Facts Facts)>> LoadAsync(AppDbContext db, string jurisdiction, DateOnly today, CancellationToken ct)
    {
        var apps = await ApplicationCase.Query(db).AsNoTracking().Where(a => a.Case.JurisdictionId == jurisdiction).ToListAsync(ct);
        var centers = await db.Centers.AsNoTracking().Where(c => c.JurisdictionId == jurisdiction).ToListAsync(ct);
        var list = new List<(string, string, Facts)>();
        foreach (var a in apps.Where(a => a.Case.Step is not (StageSteps.Approval or StageSteps.Rejection)))
            list.Add(($"申报 {a.Id}", $"{a.CenterName}（{a.Case.LeadUnit!.Name}，{a.Case.PackVersion} 版）",
                ApplicationCase.FactsOf(a, null, a.SubmittedAt is { } s ? Derivation.ChinaDate(s) : today)));
        foreach (var c in centers)
        {
            if (apps.FirstOrDefault(a => a.Id == c.ApplicationId) is not { } a) continue;
            var facts = ApplicationCase.FactsOf(a, null, c.ApprovedOn).With("center.approved_on", c.ApprovedOn);
            list.Add(($"中心 {c.Id}", $"{c.Name}（{c.ApprovalNumber}，{c.PackVersion} 版）", facts));
        }
        return list;
    }
}
