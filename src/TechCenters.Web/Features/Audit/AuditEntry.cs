namespace TechCenters.Web.Features.Audit;

/// <summary>One append-only, hash-chained audit record. The app never updates or deletes these rows.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    /// <summary>Position in the chain, 1-based, gap-free, unique.</summary>
    public long Sequence { get; set; }
    /// <summary>UTC instant, truncated to whole milliseconds so it round-trips on every provider.</summary>
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary>Offset of the deployment's local time (e.g. +480 for 北京时间) when the row was written.</summary>
    public int UtcOffsetMinutes { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    public required string ClientAddress { get; set; }
    public required string Action { get; set; }
    public string? ObjectType { get; set; }
    public string? ObjectId { get; set; }
    public required string Outcome { get; set; }
    public string? Detail { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }

    public DateTimeOffset LocalTime => OccurredAt.ToOffset(TimeSpan.FromMinutes(UtcOffsetMinutes));
}

public static class AuditOutcome
{
    public const string Success = "成功";
    public const string Failure = "失败";
    public const string Denied = "拒绝";
}
