using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Activity;

namespace TechCenters.Web.Features.Cases;

public enum WorkflowStatus { Ok = 200, Invalid = 400, Forbidden = 403, NotFound = 404, Conflict = 409 }

/// <summary>The outcome of a request on a case; on anything but Ok nothing was changed.</summary>
public sealed record WorkflowResult(WorkflowStatus Status, string Message, ActivityEntry? Activity = null, int? CaseId = null)
{
    /// <summary>Committed, but the message is a warning (<see cref="Decision.Warning"/>).</summary>
    public bool Warning { get; init; }
    public bool Ok => Status == WorkflowStatus.Ok;
    public int HttpStatus => (int)Status;
    public static WorkflowResult NotFound(string what = "事项") => new(WorkflowStatus.NotFound, $"{what}不存在或不在您的管辖范围内。");
    public static WorkflowResult StaleRevision(string what = "该事项") =>
        new(WorkflowStatus.Conflict, $"{what}已被他人修改或办理，您的操作未保存。请刷新页面查看最新内容后重试。");
}

/// <summary>Who is acting: the account's scope and where the request came from (for the audit trail).</summary>
public sealed record WorkflowActor(UserScope Scope, string ClientAddress, string? DisplayName = null)
{
    public static WorkflowActor From(HttpContext http) =>
        new(UserScope.From(http.User), http.Connection.RemoteIpAddress?.ToString() ?? "本机",
            http.User.FindFirst(UserScope.DisplayNameClaim)?.Value);

    /// <summary>The platform itself (demo seed, scheduled jobs).</summary>
    public static WorkflowActor System(string name = "系统") => new(new UserScope(null, name, null, null, null, null, null), "本机", name);
}
