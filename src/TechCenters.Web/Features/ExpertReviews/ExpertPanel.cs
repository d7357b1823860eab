using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.ExpertReviews;

/// <summary>专家组: formed by the bureau for one or several applications waiting for expert review.</summary>
public sealed class ExpertPanel
{
    public int Id { get; set; }
    public required string JurisdictionId { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset FormedAt { get; set; }
    public string? FormedBy { get; set; }
    public List<PanelMember> Members { get; set; } = [];
    public List<PanelAssignment> Assignments { get; set; } = [];
}

/// <summary>专家组成员.</summary>
public sealed class PanelMember
{
    public int Id { get; set; }
    public int PanelId { get; set; }
    public int ExpertId { get; set; }
    public Expert? Expert { get; set; }
}

/// <summary>An application reviewed by a panel (one panel per application).</summary>
public sealed class PanelAssignment
{
    public int Id { get; set; }
    public int PanelId { get; set; }
    public ExpertPanel? Panel { get; set; }
    public int ApplicationId { get; set; }
}

/// <summary>一位专家对一份申报的评审意见：评分、书面意见，以及实地考察记录（政策包要求时）。</summary>
public sealed class ExpertReview
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public int ExpertId { get; set; }
    public Expert? Expert { get; set; }
    /// <summary>评分 0–100.</summary>
    public decimal Score { get; set; }
    /// <summary>是否同意通过论证（评审）.</summary>
    public bool Recommend { get; set; }
    public required string Opinion { get; set; }
    public string? SiteVisit { get; set; }
    public DateOnly? SiteVisitOn { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
}
