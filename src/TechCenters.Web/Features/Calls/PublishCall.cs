using TechCenters.Web.Infrastructure;
using TechCenters.Policy;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Features.Calls;

public sealed record CallInput(string? Title, string? PriorityFields, string? Body, DateTime? OpensLocal, DateTime? ClosesLocal);

/// <summary>发布申报通知: a bureau officer publishes a call for its own jurisdiction, under the pack in force when it opens.</summary>
public sealed class PublishCall(AppDbContext db, PolicyCatalog catalog, AuditLog audit, Clock clock)
{

    public sealed record Result(WorkflowResult Outcome, Call? Call = null);

    public async Task<Result> RunAsync(WorkflowActor actor, CallInput input, IReadOnlyList<Attachment> files, CancellationToken ct = default)
    {
        var s = actor.Scope;
        if (s.Role != Roles.BureauOfficer || s.JurisdictionId is null)
            return new(new(WorkflowStatus.Forbidden, "申报通知由科技主管部门发布。"));
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(input.Title)) errors.Add("请填写通知标题。");
        else if (input.Title.Length > 200) errors.Add("通知标题不超过200个字。");
        if (input.OpensLocal is null || input.ClosesLocal is null) errors.Add("请填写开始与截止申报时间。");
        else if (input.ClosesLocal <= input.OpensLocal) errors.Add("截止申报时间应晚于开始时间。");
        if ((input.PriorityFields?.Length ?? 0) > 2000) errors.Add("优先建设布局领域不超过2000个字。");
        PolicyPack? pack = null;
        if (input.OpensLocal is { } opens)
        {
            var r = catalog.For(s.JurisdictionId, DateOnly.FromDateTime(opens));
            if (r.InForce) pack = r.Pack; else errors.Add("开始申报之日没有有效的管理办法：" + r.Message);
        }
        if (errors.Count > 0) return new(new(WorkflowStatus.Invalid, string.Join("\n", errors)));
        var now = clock.UtcNow;
        var call = new Call
        {
            JurisdictionId = s.JurisdictionId, Title = input.Title!.Trim(),
            PriorityFields = string.Join('\n', (input.PriorityFields ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
            Body = input.Body?.Trim(),
            OpensAt = clock.FromLocal(input.OpensLocal!.Value),
            ClosesAt = clock.FromLocal(input.ClosesLocal!.Value),
            PackVersion = pack!.Version, PackDocument = pack.Document, PublishedAt = now, PublishedBy = s.UserName,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Calls.Add(call);
        await db.SaveChangesAsync(ct);
        foreach (var f in files) { f.CallId = call.Id; db.Attachments.Add(f); }
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(s.UserId, s.UserName, actor.ClientAddress,
            new AuditRecord("发布申报通知", AuditOutcome.Success, "申报通知", call.Id.ToString(), $"{call.Title}（{pack.Document}）"), ct);
        await tx.CommitAsync(ct);
        return new(new(WorkflowStatus.Ok, "申报通知已发布。"), call);
    }
}
