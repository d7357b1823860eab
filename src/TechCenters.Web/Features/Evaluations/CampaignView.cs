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

    /// <summary>A participant as the XLSX export writes it, with Chinese headings.</summary>
    public sealed class ExportRow
    {
        [MiniExcelLibs.Attributes.ExcelColumnName("中心名称")] public string CenterName { get; init; } = "";
        [MiniExcelLibs.Attributes.ExcelColumnName("牵头（依托）单位")] public string LeadUnit { get; init; } = "";
        [MiniExcelLibs.Attributes.ExcelColumnName("批准日期")] public string ApprovedOn { get; init; } = "";
        [MiniExcelLibs.Attributes.ExcelColumnName("是否参评")] public string Included { get; init; } = "";
        [MiniExcelLibs.Attributes.ExcelColumnName("参评依据")] public string Reason { get; init; } = "";
        [MiniExcelLibs.Attributes.ExcelColumnName("条款")] public string? Article { get; init; }
        [MiniExcelLibs.Attributes.ExcelColumnName("评估类型")] public string? Type { get; init; }
        [MiniExcelLibs.Attributes.ExcelColumnName("得分")] public decimal? Score { get; init; }
        [MiniExcelLibs.Attributes.ExcelColumnName("评定等级")] public string? Grade { get; init; }
        [MiniExcelLibs.Attributes.ExcelColumnName("确认等级")] public string? FinalGrade { get; init; }
        [MiniExcelLibs.Attributes.ExcelColumnName("名额调整理由")] public string? QuotaReason { get; init; }
        [MiniExcelLibs.Attributes.ExcelColumnName("结果应用")] public string? Consequence { get; init; }
        [MiniExcelLibs.Attributes.ExcelColumnName("经费支持（元）")] public decimal? Funds { get; init; }

        public static ExportRow From(Row r) => new()
        {
            CenterName = r.CenterName, LeadUnit = r.LeadUnit, ApprovedOn = r.ApprovedOn.ToString("yyyy-MM-dd"), Included = r.Included ? "是" : "否",
            Reason = r.Reason, Article = r.Article, Type = r.Type, Score = r.Score, Grade = r.Grade, FinalGrade = r.FinalGrade,
            QuotaReason = r.QuotaReason, Consequence = r.Consequence, Funds = r.Funds,
        };
    }

    /// <summary>
    /// The campaign page's order — included first, best score first, then center — as the participants' center ids (paged
    /// by the caller, then read in full with <see cref="Rows"/>): the order needs only the participant and its score, so
    /// the sort over the whole campaign carries narrow rows and no center or case join. <paramref name="included"/>: only
    /// the participants in (true) or out (false) of the round; null, all.
    /// </summary>
    public static IQueryable<int> PageKeys(AppDbContext db, int campaignId, bool? included = null) =>
        from p in db.EvaluationParticipants.AsNoTracking()
        where p.CampaignId == campaignId && (included == null || p.Included == included)
        from e in db.Evaluations.AsNoTracking().Where(e => (int?)e.Id == p.CaseId).DefaultIfEmpty()
        orderby p.Included descending, e.Score descending, p.CenterId
        select p.CenterId;

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
}
