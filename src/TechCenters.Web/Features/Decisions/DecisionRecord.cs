namespace TechCenters.Web.Features.Decisions;

/// <summary>决策会议（会议研究、局长办公会、局党组会）对一份申报的结果。</summary>
public sealed class DecisionRecord
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public required string JurisdictionId { get; set; }
    /// <summary>The meeting as the pack names it (会议研究 / 局长办公会审议 / 局党组会研究同意).</summary>
    public required string Meeting { get; set; }
    public DateOnly MeetingDate { get; set; }
    public bool Approved { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string? RecordedBy { get; set; }
}
