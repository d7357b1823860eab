namespace TechCenters.Web.Features.Centers;

/// <summary>技术创新中心: created by the approval, with the pack version that judged it.</summary>
public sealed class Center
{
    public int Id { get; set; }
    public required string JurisdictionId { get; set; }
    public int ApplicationId { get; set; }
    public required string Name { get; set; }
    public int LeadUnitId { get; set; }
    public required string LeadUnitName { get; set; }
    /// <summary>共建单位 names, one per line.</summary>
    public string? CoBuilderNames { get; set; }
    /// <summary>批准文号.</summary>
    public required string ApprovalNumber { get; set; }
    public DateOnly ApprovedOn { get; set; }
    /// <summary>建设期（年）where the pack states one.</summary>
    public int? ConstructionYears { get; set; }
    public DateOnly? ConstructionEndsOn { get; set; }
    /// <summary>认定补助（元）where the pack grants one.</summary>
    public decimal? SubsidyYuan { get; set; }
    public required string PackVersion { get; set; }
    public required string PackDocument { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }

    public IEnumerable<string> CoBuilders => (CoBuilderNames ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
