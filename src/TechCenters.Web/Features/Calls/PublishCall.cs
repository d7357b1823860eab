using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Infrastructure;
using TechCenters.Policy;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Features.Calls;

public sealed record CallInput(string? Title, string? PriorityFields, string? Body, DateTime? OpensLocal, DateTime? ClosesLocal);

/// <summary>
/// 发布申报通知: a bureau officer publishes a call for its own jurisdiction, under the pack in force when it opens — after
/// a preview (<see cref="Check"/>: period, fields, pack version) and a confirmation. Until the first application is made
/// under it, the call can be corrected (更正) or withdrawn (撤回); each is audited.
/// </summary>
public sealed class PublishCall(AppDbContext db, PolicyCatalog catalog, AuditLog audit, Clock clock)
{
    public sealed record Result(WorkflowResult Outcome, Call? Call = null);

    /// <summary>What the preview shows: the errors that block publishing, the pack the call falls under, and notes.</summary>
    public sealed record Checked(IReadOnlyList<string> Errors, PolicyPack? Pack, IReadOnlyList<string> Notes);

    /// <summary>Checks a call as it would be published now: title, period (closing after opening and after now), lengths, pack in force on the opening day.</summary>
    public Checked Check(string jurisdictionId, CallInput input)
    {
        var errors = new List<string>();
        var notes = new List<string>();
        if (string.IsNullOrWhiteSpace(input.Title)) errors.Add("请填写通知标题。");
        else if (input.Title.Length > 200) errors.Add("通知标题不超过200个字。");
        if (string.IsNullOrWhiteSpace(input.Body)) errors.Add("请填写通知正文（申报条件、材料要求、报送方式等）。");
        else if (input.Body.Length > 20000) errors.Add("通知正文不超过20000个字。");
        if ((input.PriorityFields?.Length ?? 0) > 2000) errors.Add("优先建设布局领域不超过2000个字。");
        if (input.OpensLocal is null || input.ClosesLocal is null) errors.Add("请填写开始与截止申报时间。");
        else if (input.ClosesLocal <= input.OpensLocal) errors.Add("截止申报时间应晚于开始时间。");
        else if (clock.FromLocal(input.ClosesLocal.Value) <= clock.UtcNow) errors.Add("截止申报时间已过，请改为今后的时间。");
        PolicyPack? pack = null;
        if (input.OpensLocal is { } opens)
        {
            var r = catalog.For(jurisdictionId, DateOnly.FromDateTime(opens));
            if (r.InForce) pack = r.Pack; else errors.Add("开始申报之日没有有效的管理办法：" + r.Message);
            if (pack is not null && input.ClosesLocal is { } closes && input.ClosesLocal > opens)
            {
                var atClose = catalog.For(jurisdictionId, DateOnly.FromDateTime(closes));
                if (!atClose.InForce || atClose.Pack!.Version != pack.Version)
                    notes.Add($"受理期内管理办法有变动（截止之日：{atClose.Message}）。申报书按开始之日的版本编制，提交时按提交之日有效的版本判定。");
            }
        }
        return new(errors, pack, notes);
    }

    public async Task<Result> RunAsync(WorkflowActor actor, CallInput input, IReadOnlyList<Attachment> files, CancellationToken ct = default)
    {
        var s = actor.Scope;
        if (s.Role != Roles.BureauOfficer || s.JurisdictionId is null)
            return new(new(WorkflowStatus.Forbidden, "申报通知由科技主管部门发布。"));
        var check = Check(s.JurisdictionId, input);
        if (check.Errors.Count > 0) return new(new(WorkflowStatus.Invalid, string.Join("\n", check.Errors)));
        var pack = check.Pack!;
        var call = new Call
        {
            JurisdictionId = s.JurisdictionId, Title = "", PackVersion = "", PackDocument = "",
            PublishedAt = clock.UtcNow, PublishedBy = s.UserName,
        };
        Fill(call, input, pack);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Calls.Add(call);
        await db.SaveChangesAsync(ct);
        foreach (var f in files) { f.CallId = call.Id; db.Attachments.Add(f); }
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(s.UserId, s.UserName, actor.ClientAddress,
            new AuditRecord("发布申报通知", AuditOutcome.Success, "申报通知", call.Id.ToString(), $"{call.Title}（{pack.Document}）"), ct);
        await tx.CommitAsync(ct);
        return new(new(WorkflowStatus.Ok, $"申报通知“{call.Title}”已发布，受理时间 {clock.Format(call.OpensAt)} 至 {clock.Format(call.ClosesAt)}。"), call);
    }

    /// <summary>更正: the bureau corrects its own call while no application has been made under it.</summary>
    public async Task<Result> CorrectAsync(WorkflowActor actor, int id, CallInput input, IReadOnlyList<Attachment> files, CancellationToken ct = default)
    {
        var (call, refusal) = await ChangeableAsync(actor, id, "更正", ct);
        if (refusal is not null) { await RefuseAsync(actor, "更正申报通知", id, refusal, ct); return new(refusal); }
        var check = Check(call!.JurisdictionId, input);
        if (check.Errors.Count > 0) return new(new(WorkflowStatus.Invalid, string.Join("\n", check.Errors)));
        var before = $"{call.Title}；{clock.Format(call.OpensAt)} 至 {clock.Format(call.ClosesAt)}";
        Fill(call, input, check.Pack!);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var f in files) { f.CallId = call.Id; db.Attachments.Add(f); }
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(actor.Scope.UserId, actor.Scope.UserName, actor.ClientAddress, new AuditRecord("更正申报通知", AuditOutcome.Success, "申报通知", id.ToString(),
            $"更正前：{before}；更正后：{call.Title}；{clock.Format(call.OpensAt)} 至 {clock.Format(call.ClosesAt)}（{call.PackDocument}）"), ct);
        await tx.CommitAsync(ct);
        return new(new(WorkflowStatus.Ok, $"申报通知“{call.Title}”已更正。"), call);
    }

    /// <summary>撤回: the bureau withdraws its own call, with a reason, while no application has been made under it.</summary>
    public async Task<Result> WithdrawAsync(WorkflowActor actor, int id, string? reason, CancellationToken ct = default)
    {
        var (call, refusal) = await ChangeableAsync(actor, id, "撤回", ct);
        if (refusal is null && string.IsNullOrWhiteSpace(reason)) refusal = new(WorkflowStatus.Invalid, "请填写撤回理由（将向申报单位公开）。");
        else if (refusal is null && reason!.Trim().Length > 500) refusal = new(WorkflowStatus.Invalid, "撤回理由不超过500个字。");
        if (refusal is not null) { await RefuseAsync(actor, "撤回申报通知", id, refusal, ct); return new(refusal); }
        call!.WithdrawnAt = clock.UtcNow;
        call.WithdrawnBy = actor.Scope.UserName;
        call.WithdrawReason = reason!.Trim();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(actor.Scope.UserId, actor.Scope.UserName, actor.ClientAddress,
            new AuditRecord("撤回申报通知", AuditOutcome.Success, "申报通知", id.ToString(), $"{call.Title}；理由：{call.WithdrawReason}"), ct);
        await tx.CommitAsync(ct);
        return new(new(WorkflowStatus.Ok, $"申报通知“{call.Title}”已撤回，不再受理申报。"), call);
    }

    /// <summary>Why this account may not correct or withdraw this call now (null call: not found or not its jurisdiction's).</summary>
    public async Task<(Call? Call, WorkflowResult? Refusal)> ChangeableAsync(WorkflowActor actor, int id, string doing, CancellationToken ct)
    {
        var s = actor.Scope;
        if (s.Role != Roles.BureauOfficer || s.JurisdictionId is null)
            return (null, new(WorkflowStatus.Forbidden, $"申报通知由发布它的科技主管部门{doing}。"));
        var call = await db.Calls.FirstOrDefaultAsync(c => c.Id == id && c.JurisdictionId == s.JurisdictionId, ct);
        if (call is null) return (null, new(WorkflowStatus.NotFound, "申报通知不存在或不属于本辖区。"));
        if (call.Withdrawn) return (call, new(WorkflowStatus.Conflict, $"申报通知已于 {clock.Format(call.WithdrawnAt!.Value)} 撤回，不能再{doing}。"));
        var applications = await db.Applications.CountAsync(a => a.CallId == id, ct);
        if (applications > 0)
            return (call, new(WorkflowStatus.Conflict, $"已有 {applications} 家单位在该通知下创建申报书，通知不能再{doing}；如需调整，请另行发布补充通知。"));
        return (call, null);
    }

    private async Task RefuseAsync(WorkflowActor actor, string action, int id, WorkflowResult refusal, CancellationToken ct) =>
        await audit.AppendAsync(actor.Scope.UserId, actor.Scope.UserName, actor.ClientAddress,
            new AuditRecord(action, AuditOutcome.Failure, "申报通知", id.ToString(), refusal.Message), ct);

    private void Fill(Call call, CallInput input, PolicyPack pack)
    {
        call.Title = input.Title!.Trim();
        call.PriorityFields = string.Join('\n', (input.PriorityFields ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        call.Body = input.Body?.Trim();
        call.OpensAt = clock.FromLocal(input.OpensLocal!.Value);
        call.ClosesAt = clock.FromLocal(input.ClosesLocal!.Value);
        call.PackVersion = pack.Version;
        call.PackDocument = pack.Document;
    }
}
