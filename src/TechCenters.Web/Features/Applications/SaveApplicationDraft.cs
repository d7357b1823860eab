using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Units;
using TechCenters.Policy;
using TechCenters.Policy.Rules;

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

/// <summary>What a draft would become: the posted form checked, co-builders found in the registry. Applied only when committed.</summary>
public sealed record DraftChange(string CenterName, string FactsJson, string FormJson, string PlanJson, IReadOnlyList<ApplicationCoBuilder> CoBuilders)
{
    /// <summary>Writes the change onto the tracked application (the writer runs this when it commits).</summary>
    public void ApplyTo(AppDbContext db, Application app)
    {
        app.CenterName = CenterName;
        app.Case.Title = CenterName;
        app.FactsJson = FactsJson;
        app.FormJson = FormJson;
        app.PlanJson = PlanJson;
        db.ApplicationCoBuilders.RemoveRange(app.CoBuilders);
        app.CoBuilders = CoBuilders.Select(c => new ApplicationCoBuilder
            { UnitId = c.UnitId, Unit = c.Unit, WorkShare = c.WorkShare, Core = c.Core, Region = c.Region, Position = c.Position }).ToList();
    }

    /// <summary>The application as it would read with the change, untracked (for its facts and the eligibility panel).</summary>
    public Application Preview(Application app) => new()
    {
        Id = app.Id, Case = app.Case, CallId = app.CallId, Call = app.Call, CenterName = CenterName, FactsJson = FactsJson, FormJson = FormJson,
        PlanJson = PlanJson, CoBuilders = CoBuilders.ToList(), ReceiptNumber = app.ReceiptNumber, SubmittedAt = app.SubmittedAt, VersionCount = app.VersionCount,
    };
}

/// <summary>保存草稿: the lead unit saves the form as it works; a stale revision is a conflict, never an overwrite.</summary>
public sealed class SaveApplicationDraft(AppDbContext db, CaseKernel kernel)
{
    public static readonly string[] Regions = ["local", "province", "domestic", "foreign"];

    public Task<WorkflowResult> RunAsync(int id, WorkflowActor actor, int expectedRevision, ApplicationInput input, CancellationToken ct = default) =>
        kernel.RunAsync(id, actor, expectedRevision, "保存申报书草稿", async (ctx, token) =>
        {
            if (Editable(ctx) is { } refused) return refused;
            var app = ctx.DetailAs<Application>();
            var (change, errors) = await PrepareAsync(app, input, token);
            if (errors.Count > 0) return Refusal.Invalid(string.Join("\n", errors));
            return new Decision("草稿已保存。")
            {
                Apply = [() => change!.ApplyTo(db, app)],
                Steps = [new CaseStep(ctx, "保存申报书草稿", null, null) { OnTimeline = false }],
            };
        }, ct);

    /// <summary>
    /// Checks the posted form — every typed fact against its vocabulary definition (type, unit, range), the co-builders
    /// against the registry — read-only; the change, or the errors, by field (then nothing would change).
    /// </summary>
    public async Task<(DraftChange? Change, List<string> Errors)> PrepareAsync(Application app, ApplicationInput input, CancellationToken ct = default)
    {
        var (change, errors, _) = await CheckAsync(app, input, ct);
        return (change, errors);
    }

    public async Task<(DraftChange? Change, List<string> Errors, Dictionary<string, string> FieldErrors)> CheckAsync(Application app, ApplicationInput input,
        CancellationToken ct = default)
    {
        var errors = new List<string>();
        var fieldErrors = new Dictionary<string, string>();
        var pack = kernel.PackOf(app.Case);
        var typed = ApplicationForm.FormFacts(pack).ToHashSet();
        var facts = new Dictionary<string, string>();
        foreach (var (path, value) in input.Facts)
        {
            if (!typed.Contains(path) || value.Length == 0) continue;
            var def = pack.Env.Vocabulary.Fact(path);
            if (def is null) continue;
            var read = FactValues.Parse(def, value);
            if (read.Error is not null) { errors.Add(read.Error); fieldErrors[ApplicationInput.FactPrefix + path] = read.Error; }
            else if (read.Value is { Length: > 0 } v) facts[path] = v;
        }
        errors.AddRange(Security.FactInput.Problems(input)); // checklist ticks and co-builder choices: offered values only
        if (string.IsNullOrWhiteSpace(input.CenterName)) { errors.Add("请填写拟定中心名称。"); fieldErrors["CenterName"] = "请填写拟定中心名称。"; }
        var coBuilders = new List<ApplicationCoBuilder>();
        var pos = 0;
        foreach (var cb in input.CoBuilders)
        {
            if (CreditCode.Validate(cb.CreditCode) is { } bad) { errors.Add($"共建单位统一社会信用代码 {cb.CreditCode}：{bad}"); continue; }
            var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.CreditCode == cb.CreditCode, ct);
            if (unit is null) { errors.Add($"统一社会信用代码 {cb.CreditCode} 不在单位库中，请先由科技局登记该单位。"); continue; }
            if (unit.Id == app.Case.LeadUnitId) { errors.Add("牵头单位不能同时作为共建单位。"); continue; }
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
        if (errors.Count > 0) return (null, errors, fieldErrors);

        // A typed figure that contradicts the figures it is computed from is refused (the library computes and compares).
        var conflicts = Facts.From(facts.Select(v => new KeyValuePair<string, object?>(v.Key, v.Value))).Derive(pack.Env.Vocabulary).Conflicts;
        if (conflicts.Count > 0) return (null, conflicts.ToList(), fieldErrors);
        return (new DraftChange(input.CenterName!.Trim(),
            ApplicationFacts.ToJson(facts),
            ApplicationFacts.ToJson(input.Form.Where(f => f.Value.Length > 0 && f.Value.Length <= 4000).ToDictionary()),
            ApplicationFacts.ToJson(input.Plan.Where(f => f.Value.Length > 0).ToDictionary()),
            coBuilders), errors, fieldErrors);
    }

    /// <summary>
    /// Whether this account may change the application now: its stage lets the lead unit edit and the case is with it
    /// (a submitted version is frozen until it is returned), and the call is still open unless it was returned.
    /// </summary>
    public static Refusal? Editable(CaseContext ctx)
    {
        if (ctx.Editable() is { } refused) return refused;
        var app = ctx.DetailAs<Application>();
        if (ctx.Case.ReturnReason is null && ctx.Now >= app.Call!.ClosesAt)
            return Refusal.Conflict($"申报已于 {ctx.Clock.Format(app.Call.ClosesAt)}（北京时间）截止，申报书只读。");
        return null;
    }
}
