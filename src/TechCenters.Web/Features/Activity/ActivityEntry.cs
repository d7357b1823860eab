namespace TechCenters.Web.Features.Activity;

/// <summary>One step on an application's timeline: who, when, from → to, under which pack version and article.</summary>
public sealed class ActivityEntry
{
    public long Id { get; set; }
    public int ApplicationId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    public string? Role { get; set; }
    /// <summary>What happened, in Chinese (提交申报书, 推荐, 退回修改…).</summary>
    public required string Action { get; set; }
    public string? FromStage { get; set; }
    public string? ToStage { get; set; }
    public string? FromStageName { get; set; }
    public string? ToStageName { get; set; }
    public required string PackVersion { get; set; }
    public required string PackDocument { get; set; }
    public string? Article { get; set; }
    /// <summary>Reasons, opinion or receipt number.</summary>
    public string? Note { get; set; }
}
