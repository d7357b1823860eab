namespace TechCenters.Web.Features.Calls;

/// <summary>申报通知: published by a bureau for its jurisdiction; applications are made under it while it is open.</summary>
public sealed class Call
{
    public int Id { get; set; }
    public required string JurisdictionId { get; set; }
    public required string Title { get; set; }
    /// <summary>年度优先建设布局领域, one per line (沧州 names them per year).</summary>
    public string? PriorityFields { get; set; }
    public string? Body { get; set; }
    public DateTimeOffset OpensAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }
    /// <summary>The pack version (folder date) in force when the call opens, and its document number.</summary>
    public required string PackVersion { get; set; }
    public required string PackDocument { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public string? PublishedBy { get; set; }

    public IEnumerable<string> Fields => (PriorityFields ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    public bool IsOpen(DateTimeOffset now) => now >= OpensAt && now < ClosesAt;
}

/// <summary>Times on pages are 北京时间 (Asia/Shanghai, UTC+8 without daylight saving); they are stored in UTC.</summary>
public static class Beijing
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);
    public static string Format(DateTimeOffset utc) => utc.ToOffset(Offset).ToString("yyyy-MM-dd HH:mm");
    public static string Format(DateTimeOffset? utc) => utc is { } u ? Format(u) : "—";
    public static DateOnly Date(DateTimeOffset utc) => DateOnly.FromDateTime(utc.ToOffset(Offset).DateTime);
}
