using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.Centers;

namespace TechCenters.Web.Features.Rectifications;

/// <summary>The `rectification` kind on the kernel.</summary>
public sealed class RectificationKind : ICaseKind
{
    public string Kind => ProcessKinds.Rectification;

    public async Task<(object? Detail, Facts Facts)> LoadAsync(AppDbContext db, Case c, CancellationToken ct) =>
        (await db.Rectifications.FirstAsync(x => x.Id == c.Id, ct), Facts.Empty);

    public string Url(Case c, UserScope scope) => $"/Rectifications/Case?id={c.Id}";
}

/// <summary>
/// 整改: the center files its report (rectifying → recheck); the bureau re-checks: passed returns the center to 运行, still
/// failing proposes revocation to the bureau (a timeline entry and a notification; the revocation itself is its own case).
/// </summary>
public sealed class RectificationActions(AppDbContext db, CaseKernel kernel)
{
    public Task<WorkflowResult> SubmitAsync(WorkflowActor actor, int id, int revision, string? report, CancellationToken ct = default) =>
        kernel.RunAsync(id, actor, revision, "提交整改报告", (ctx, _) => Task.FromResult(DecideSubmit(ctx, report)), ct);

    public static CaseOutcome DecideSubmit(CaseContext ctx, string? report)
    {
        if (ctx.Editable() is { } refused) return refused;
        var text = report?.Trim();
        if (string.IsNullOrEmpty(text)) return Refusal.Invalid("请填写整改报告。", ctx.Stage.Article);
        if (text.Length > 20000) return Refusal.Invalid("整改报告不能超过 20000 字。", ctx.Stage.Article);
        var target = ctx.Target(rejection: false)!;
        var (move, refusedMove) = ctx.Move(target.Id, null);
        if (refusedMove is not null) return refusedMove;
        var r = ctx.DetailAs<Rectification>();
        var late = ctx.Today > r.Deadline ? $"（已超过整改期限 {r.Deadline:yyyy-MM-dd}）" : "";
        return new Decision($"整改报告已提交{late}，等待复核。")
        {
            Steps = [new CaseStep(ctx, "提交整改报告", late.Length > 0 ? late.Trim('（', '）') : null, move!.Article, target) { Audience = Audience.Parties }],
            Apply = [() => { r.Report = text; r.SubmittedAt = ctx.Now; }],
        };
    }

    public async Task<WorkflowResult> RecheckAsync(WorkflowActor actor, int id, int revision, bool passed, string? opinion, CancellationToken ct = default)
    {
        var ctxCenter = await db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => c.CenterId).FirstOrDefaultAsync(ct);
        var center = ctxCenter is { } cid ? await db.Centers.FirstOrDefaultAsync(c => c.Id == cid, ct) : null;
        var bureauUsers = center is null ? [] : await db.Users.Where(u => u.JurisdictionId == center.JurisdictionId && db.UserRoles.Any(r => r.UserId == u.Id
            && db.Roles.Any(x => x.Id == r.RoleId && x.Name == Roles.BureauOfficer))).Select(u => u.Id).ToListAsync(ct);
        return await kernel.RunAsync(id, actor, revision, "整改复核", (ctx, _) => Task.FromResult(DecideRecheck(ctx, center!, passed, opinion, bureauUsers)), ct);
    }

    public static CaseOutcome DecideRecheck(CaseContext ctx, Center center, bool passed, string? opinion, IReadOnlyList<string> bureauUsers)
    {
        if (ctx.InStep("复核", StageSteps.Recheck) is { } notNow) return notNow;
        var text = opinion?.Trim();
        if (string.IsNullOrEmpty(text)) return Refusal.Invalid("请填写复核意见。", ctx.Stage.Article);
        if (text.Length > 4000) return Refusal.Invalid("复核意见不能超过 4000 字。", ctx.Stage.Article);
        var target = ctx.Target(rejection: !passed)!;
        var (move, refused) = ctx.Move(target.Id, text);
        if (refused is not null) return refused;
        var r = ctx.DetailAs<Rectification>();
        var steps = new List<CaseStep> { new(ctx, passed ? "整改复核合格" : "整改复核未达标", text, move!.Article, target) { Audience = Audience.Parties } };
        var add = new List<object>();
        var apply = new List<Action> { () => r.RecheckOpinion = text };
        if (passed)
        {
            apply.Add(() => { center.Status = CenterStatus.Active; center.Revision++; });
            add.Add(new CenterHistory { CenterId = center.Id, ChangedAt = ctx.Now, ChangedBy = ctx.Actor.Scope.UserName, Field = "状态", From = "整改中", To = "运行", CaseId = ctx.Case.Id, Note = $"整改复核合格（{move.Article}）" });
        }
        else
        {
            var ground = r.RevocationGround is { } g && ctx.Pack.Rule(g) is { } rule ? $"（撤销情形：{rule.Title}，{rule.Article}）" : "";
            steps.Add(new CaseStep(ctx, "提出撤销建议", $"整改后仍未达标，依{move.Article}应撤销资格{ground}；请按撤销程序办理", move.Article) { Audience = Audience.Bureau });
            add.AddRange(bureauUsers.Select(u => (object)new Notifications.Notification
            {
                UserId = u, CaseId = ctx.Case.Id, Kind = Notifications.NotificationKinds.Assigned, CreatedAt = ctx.Now,
                Title = $"建议撤销：{center.Name}（整改后仍未达标）", Body = $"依{move.Article}{ground}", Link = $"/Rectifications/Case?id={ctx.Case.Id}",
            }));
        }
        return new Decision(passed ? "整改复核合格，中心恢复运行。" : "整改复核未达标，已向科技局提出撤销建议。") { Steps = steps, Apply = apply, Add = add };
    }
}
