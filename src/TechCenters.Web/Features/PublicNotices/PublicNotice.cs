namespace TechCenters.Web.Features.PublicNotices;

/// <summary>公示: the list of proposed centers, on a public page without personal data.</summary>
public sealed class PublicNotice
{
    public int Id { get; set; }
    public required string JurisdictionId { get; set; }
    public required string Title { get; set; }
    public DateOnly PublishedOn { get; set; }
    /// <summary>公示期 in working days when the pack states one.</summary>
    public int? WorkingDays { get; set; }
    /// <summary>Last day of the period (objections accepted through this day; approval from the next day).</summary>
    public DateOnly EndsOn { get; set; }
    /// <summary>The end was entered and confirmed by the officer (no stated length, or a year without a published holiday notice).</summary>
    public bool EndConfirmedByOfficer { get; set; }
    /// <summary>How the end was determined (the calendar's explanation or the officer's confirmation).</summary>
    public required string EndBasis { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    public List<PublicNoticeItem> Items { get; set; } = [];

    public bool OpenOn(DateOnly day) => day >= PublishedOn && day <= EndsOn;
    public bool EndedBefore(DateOnly day) => day > EndsOn;
}

/// <summary>One proposed center on a notice: a snapshot of public facts only (names of center and units).</summary>
public sealed class PublicNoticeItem
{
    public int Id { get; set; }
    public int NoticeId { get; set; }
    public PublicNotice? Notice { get; set; }
    public int ApplicationId { get; set; }
    public required string CenterName { get; set; }
    public required string LeadUnitName { get; set; }
    public string? CoBuilderNames { get; set; }
}

/// <summary>异议: raised by anyone during the period, with a contact and a reason; each needs a recorded resolution.</summary>
public sealed class Objection
{
    public int Id { get; set; }
    public int NoticeId { get; set; }
    public int ItemId { get; set; }
    public int ApplicationId { get; set; }
    public required string Contact { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public string? Resolution { get; set; }
    /// <summary>异议成立 (true) or 不成立 (false); null while unresolved.</summary>
    public bool? Upheld { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
}
