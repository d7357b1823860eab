using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Web.Data;

namespace TechCenters.Web.Features.Evaluations;

/// <summary>How a campaign reads in lists and on its page: status names, one row per participant with its case's result.</summary>
public static class CampaignView
{
    public static string StatusName(CampaignStatus s) => s switch
    {
        CampaignStatus.Open => "进行中",
        CampaignStatus.Confirmed => "结果已确认",
        _ => "结果已公布",
    };

    public sealed record Row(int CenterId, string CenterName, string LeadUnit, DateOnly ApprovedOn, bool Included, string Reason, string? Article, string Source,
        string? Type, int? CaseId, string? StageId, decimal? Score, string? Grade, string? FinalGrade, string? Consequence, decimal? Funds, string? QuotaReason);

    /// <summary>The participants of a campaign as rows, in one query (paged by the caller).</summary>
    public static IQueryable<Row> Rows(AppDbContext db, int campaignId) =>
        from p in db.EvaluationParticipants.AsNoTracking()
        where p.CampaignId == campaignId
        join e in db.Evaluations.AsNoTracking() on p.CaseId equals (int?)e.Id into es
        from e in es.DefaultIfEmpty()
        join c in db.Cases.AsNoTracking() on p.CaseId equals (int?)c.Id into cs
        from c in cs.DefaultIfEmpty()
        select new Row(p.CenterId, p.Center!.Name, p.Center.LeadUnitName, p.Center.ApprovedOn, p.Included, p.Reason, p.Article, p.Source, p.EvaluationType,
            p.CaseId, c == null ? null : c.StageId, e == null ? null : e.Score, e == null ? null : e.Grade, e == null ? null : e.FinalGrade,
            e == null ? null : e.Consequence, e == null ? null : e.FundsYuan, e == null ? null : e.QuotaReason);

    /// <summary>Grade → count among the included (confirmed grade when there is one), in the pack's order, for the chart.</summary>
    public static async Task<List<(string Grade, int Count)>> DistributionAsync(AppDbContext db, PolicyPack pack, int campaignId, CancellationToken ct)
    {
        var counts = await db.Evaluations.AsNoTracking().Where(e => e.CampaignId == campaignId && e.Grade != null)
            .GroupBy(e => e.FinalGrade ?? e.Grade).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        return EvaluationRules.Grades(pack).Select(g => (g, counts.FirstOrDefault(c => c.Key == g)?.N ?? 0)).ToList();
    }
}
