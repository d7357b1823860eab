using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Applications;

/// <summary>What the 申报书 form posts: typed facts, other form fields, plan sections and co-builders by credit code.</summary>
public sealed record ApplicationInput(
    string? CenterName,
    IReadOnlyDictionary<string, string> Facts,
    IReadOnlyDictionary<string, string> Form,
    IReadOnlyDictionary<string, string> Plan,
    IReadOnlyList<CoBuilderInput> CoBuilders)
{
    public const string FactPrefix = "f:";
    public const string FormPrefix = "form:";
    public const string PlanPrefix = "plan:";

    /// <summary>Reads the posted form (field names carry a prefix so any vocabulary path can be a field).</summary>
    public static ApplicationInput From(IFormCollection form)
    {
        Dictionary<string, string> Prefixed(string p) => form.Keys.Where(k => k.StartsWith(p, StringComparison.Ordinal))
            .ToDictionary(k => k[p.Length..], k => form[k].ToString().Trim());
        var codes = form["cb.code"];
        var cbs = new List<CoBuilderInput>();
        for (var i = 0; i < codes.Count; i++)
        {
            var code = codes[i]?.Trim().ToUpperInvariant();
            if (string.IsNullOrEmpty(code)) continue;
            cbs.Add(new CoBuilderInput(code, At(form["cb.share"], i), At(form["cb.core"], i) == "true", At(form["cb.region"], i) ?? "local"));
        }
        return new(form["CenterName"].ToString().Trim(), Prefixed(FactPrefix), Prefixed(FormPrefix), Prefixed(PlanPrefix), cbs)
        {
            // Every row's choices, the empty template row's too, are one of the offered values (bad input is refused, not ignored).
            Malformed = form["cb.region"].Any(r => !string.IsNullOrEmpty(r) && !SaveApplicationDraft.Regions.Contains(r)) || form["cb.core"].Any(c => c is not ("true" or "false")),
        };
    }

    public bool Malformed { get; init; }

    private static string? At(Microsoft.Extensions.Primitives.StringValues v, int i) => i < v.Count ? v[i] : null;
}

public sealed record CoBuilderInput(string CreditCode, string? Share, bool Core, string Region);

/// <summary>保存草稿: the lead unit saves the form as it works; a stale revision is a conflict, never an overwrite.</summary>
public sealed class SaveApplicationDraft(AppDbContext db, ApplicationWorkflow workflow, TimeProvider time)
{
    public static readonly string[] Regions = ["local", "province", "domestic", "foreign"];

    public async Task<WorkflowResult> RunAsync(int id, WorkflowActor actor, int expectedRevision, ApplicationInput input, CancellationToken ct = default)
    {
        var app = await workflow.LoadAsync(id, actor.Scope, ct);
        if (app is null) return WorkflowResult.NotFound();
        var check = await EditableAsync(app, actor, ct);
        if (!check.Ok) return check;
        if (app.Revision != expectedRevision) return WorkflowResult.StaleRevision();
        var errors = await ApplyAsync(app, input, ct);
        if (errors.Count > 0) return new(WorkflowStatus.Invalid, string.Join("\n", errors));
        app.Revision++;
        app.UpdatedAt = time.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return WorkflowResult.StaleRevision();
        }
        return new(WorkflowStatus.Ok, "草稿已保存。");
    }

    /// <summary>Applies the posted form to the tracked application (nothing saved); returns the errors, if any (then nothing is applied).</summary>
    public async Task<List<string>> ApplyAsync(Application app, ApplicationInput input, CancellationToken ct = default)
    {
        var errors = Security.FactInput.Problems(workflow.PackOf(app), workflow.Catalog.Vocabulary, input); // typed facts in canonical form only
        if (string.IsNullOrWhiteSpace(input.CenterName)) errors.Add("请填写拟定中心名称。");
        var coBuilders = new List<ApplicationCoBuilder>();
        var pos = 0;
        foreach (var cb in input.CoBuilders)
        {
            if (CreditCode.Validate(cb.CreditCode) is { } bad) { errors.Add($"共建单位统一社会信用代码 {cb.CreditCode}：{bad}"); continue; }
            var unit = await db.Units.FirstOrDefaultAsync(u => u.CreditCode == cb.CreditCode, ct);
            if (unit is null) { errors.Add($"统一社会信用代码 {cb.CreditCode} 不在单位库中，请先由科技局登记该单位。"); continue; }
            if (unit.Id == app.LeadUnitId) { errors.Add("牵头单位不能同时作为共建单位。"); continue; }
            if (coBuilders.Any(c => c.UnitId == unit.Id)) { errors.Add($"共建单位“{unit.Name}”重复。"); continue; }
            decimal? share = null;
            if (!string.IsNullOrWhiteSpace(cb.Share))
            {
                var t = cb.Share.Trim().TrimEnd('%');
                if (decimal.TryParse(t, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= 0 && v <= 100)
                    share = v / 100m;
                else errors.Add($"共建单位“{unit.Name}”的任务分工比例应为 0–100 之间的百分数。");
            }
            if (!Regions.Contains(cb.Region)) errors.Add($"共建单位“{unit.Name}”的所在地无效。");
            coBuilders.Add(new ApplicationCoBuilder { UnitId = unit.Id, Unit = unit, WorkShare = share, Core = cb.Core, Region = cb.Region, Position = pos++ });
        }
        if (errors.Count > 0) return errors;

        var pack = workflow.PackOf(app);
        var typed = ApplicationForm.FormFacts(pack).ToHashSet();
        app.CenterName = input.CenterName!.Trim();
        app.FactsJson = ApplicationFacts.ToJson(input.Facts.Where(f => typed.Contains(f.Key) && f.Value.Length > 0).ToDictionary());
        app.FormJson = ApplicationFacts.ToJson(input.Form.Where(f => f.Value.Length > 0 && f.Value.Length <= 4000).ToDictionary());
        app.PlanJson = ApplicationFacts.ToJson(input.Plan.Where(f => f.Value.Length > 0).ToDictionary());
        db.ApplicationCoBuilders.RemoveRange(app.CoBuilders);
        app.CoBuilders = coBuilders;
        return errors;
    }

    /// <summary>Whether the lead unit may change the application now, and why not (read-only after the closing time).</summary>
    public async Task<WorkflowResult> EditableAsync(Application app, WorkflowActor actor, CancellationToken ct = default)
    {
        if (actor.Scope.Role != Roles.Applicant)
            return new(WorkflowStatus.Forbidden, "申报书由牵头（依托）单位填写，您的角色只能查看。");
        var stage = ApplicationWorkflow.StagesOf(workflow.PackOf(app)).Stage(app.StageId)!;
        var resubmit = await CanResubmitAsync(app, ct);
        if (app.Holder != ActorRoles.LeadUnit && !resubmit)
            return new(WorkflowStatus.Conflict, $"申报书当前处于“{stage.Name}”阶段，由{workflow.PackOf(app).Env.Actor(app.Holder ?? stage.Actor)}办理，申报单位不能修改。");
        if (app.ReturnReason is null && time.GetUtcNow() >= app.Call!.ClosesAt)
            return new(WorkflowStatus.Conflict, $"申报已于 {workflow.Clock.Format(app.Call.ClosesAt)}（北京时间）截止，申报书只读。");
        return new(WorkflowStatus.Ok, "");
    }

    /// <summary>
    /// 截止前重新提交: after the lead unit's own submission, while nobody has acted on it yet and the call is open,
    /// the lead unit may submit a new version (every version is kept, the last one counts).
    /// </summary>
    public async Task<bool> CanResubmitAsync(Application app, CancellationToken ct = default)
    {
        if (app.VersionCount == 0 || app.Holder is null || app.Holder == ActorRoles.LeadUnit) return false;
        if (time.GetUtcNow() >= app.Call!.ClosesAt) return false;
        var last = await db.Activities.AsNoTracking().Where(a => a.ApplicationId == app.Id).OrderByDescending(a => a.Id)
            .Select(a => a.Role).FirstOrDefaultAsync(ct);
        return last == Roles.Applicant;
    }
}
