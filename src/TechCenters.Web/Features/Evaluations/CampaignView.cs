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

    /// <summary>A participant as the campaign page and export show it (a class with setters, so queries can order by it).</summary>
    public sealed class Row
    {
        public int CenterId { get; init; }
        public string CenterName { get; init; } = "";
        public string LeadUnit { get; init; } = "";
        public DateOnly ApprovedOn { get; init; }
        public bool Included { get; init; }
        public string Reason { get; init; } = "";
        public string? Article { get; init; }
        public string Source { get; init; } = "";
        public string? Type { get; init; }
        public int? CaseId { get; init; }
        public string? StageId { get; init; }
        public decimal? Score { get; init; }
        public string? Grade { get; init; }
        public string? FinalGrade { get; init; }
        public string? Consequence { get; init; }
        public decimal? Funds { get; init; }
        public string? QuotaReason { get; init; }
    }

    /// <summary>The participants of a campaign as rows, in one query (paged by the caller).</summary>
    public static IQueryable<Row> Rows(AppDbContext db, int campaignId) =>
        from p in db.EvaluationParticipants.AsNoTracking()
        where p.CampaignId == campaignId
        join x in db.Centers.AsNoTracking() on p.CenterId equals x.Id
        from e in db.Evaluations.AsNoTracking().Where(e => (int?)e.Id == p.CaseId).DefaultIfEmpty()
        from c in db.Cases.AsNoTracking().Where(c => (int?)c.Id == p.CaseId).DefaultIfEmpty()
        select new Row
        {
            CenterId = p.CenterId, CenterName = x.Name, LeadUnit = x.LeadUnitName, ApprovedOn = x.ApprovedOn, Included = p.Included, Reason = p.Reason,
            Article = p.Article, Source = p.Source, Type = p.EvaluationType, CaseId = p.CaseId, StageId = c == null ? null : c.StageId,
            Score = e == null ? null : e.Score, Grade = e == null ? null : e.Grade, FinalGrade = e == null ? null : e.FinalGrade,
            Consequence = e == null ? null : e.Consequence, Funds = e == null ? null : e.FundsYuan, QuotaReason = e == null ? null : e.QuotaReason,
        };

    /// <summary>Grade → count among the included (confirmed grade when there is one), in the pack's order, for the chart.</summary>
    public static async Task<List<(string Grade, int Count)>> DistributionAsync(AppDbContext db, PolicyPack pack, int campaignId, CancellationToken ct)
    {
        var counts = await db.Evaluations.AsNoTracking().Where(e => e.CampaignId == campaignId && e.Grade != null)
            .GroupBy(e => e.FinalGrade ?? e.Grade).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        return EvaluationRules.Grades(pack).Select(g => (g, counts.FirstOrDefault(c => c.Key == g)?.N ?? 0)).ToList();
    }
}
