using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Features.AnnualReports;

/// <summary>The annual_report kind of case: its detail (<see cref="AnnualReport"/>) and the facts its process reads.</summary>
public sealed class AnnualReportKind : ICaseKind
{
    public string Kind => ProcessKinds.AnnualReport;

    public async Task<(object? Detail, Facts Facts)> LoadAsync(AppDbContext db, Case c, CancellationToken ct)
    {
        var r = await db.AnnualReports.Include(x => x.Center).FirstAsync(x => x.Id == c.Id, ct);
        return (r, FactsOf(c, r));
    }

    public string Url(Case c, UserScope scope) => $"/AnnualReports/{c.Id}";

    /// <summary>The year, the figures as typed, and whether the center reports to the bureau directly (第十二师 驻地高校/师直单位).</summary>
    public static Facts FactsOf(Case c, AnnualReport r)
    {
        var v = new Dictionary<string, object?>();
        foreach (var (k, x) in ApplicationFacts.Parse(r.FiguresJson)) v[k] = x;
        v[AnnualReportRules.YearFact] = r.Year;
        v["lead.reports_to_bureau_directly"] = c.DepartmentId is null;
        if (r.FirstSubmittedOn is { } on) v[AnnualReportRules.SubmittedOnFact] = on;
        return Facts.From(v);
    }
}

/// <summary>
/// The actions on annual reports: open the year's report of a center (the bureau for its centers, or the lead unit for its
/// own), save the draft, submit it (consistency checks, receipt, timeliness on the Asia/Shanghai date), return it with
/// its due day restored, and record a report not filed by its due day (逾期未报) as the pack makes of it.
/// </summary>
public sealed class AnnualReportActions(AppDbContext db, CaseKernel kernel, MoveCase mover)
{
    public const string OpenAttempt = "发起年度报告";

    /// <summary>Whether the center's department evaluated it in that year (呼和浩特 第二十三条): an evaluation case of the center opened that year.</summary>
    public async Task<bool> DepartmentEvaluatedAsync(int centerId, int year, CancellationToken ct)
    {
        var from = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime(); // Npgsql writes UTC only
        var to = from.AddYears(1);
        return await db.Cases.AnyAsync(c => c.CenterId == centerId && c.Kind == ProcessKinds.Evaluation && c.CreatedAt >= from && c.CreatedAt < to, ct);
    }

    public async Task<WorkflowResult> OpenAsync(WorkflowActor actor, int centerId, int year, CancellationToken ct = default)
    {
        var center = await db.Centers.AsNoTracking().VisibleTo(db, actor.Scope).Include(c => c.CoBuilders)
            .FirstOrDefaultAsync(c => c.Id == centerId, ct);
        if (center is null) return await kernel.RefuseAsync(actor, OpenAttempt, null, Refusal.NotFound("技术创新中心不存在或不在您的管理范围内。"), ct);
        var existing = await db.AnnualReports.AsNoTracking().Where(r => r.CenterId == centerId && r.Year == year).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
        var last = await db.AnnualReports.AsNoTracking().Where(r => r.CenterId == centerId && r.Year == year - 1).Select(r => r.FiguresJson).FirstOrDefaultAsync(ct);
        var pack = kernel.PackOf(center.JurisdictionId, center.PackVersion);
        var evaluated = await DepartmentEvaluatedAsync(centerId, year, ct);
        return await kernel.FinishAsync(actor, OpenAttempt, existing, DecideOpen(actor, center, pack, year, evaluated, existing, last, kernel.Clock), ct);
    }

    /// <summary>Pure: the year's report case at the filer's draft, due on the pack's day; or why not (none owed, already opened…).</summary>
    public static CaseOutcome DecideOpen(WorkflowActor actor, Center center, PolicyPack pack, int year, bool departmentEvaluated, int? existing,
        string? lastYearFigures, Clock clock)
    {
        var s = actor.Scope;
        var mayOpen = (s.Role == Roles.BureauOfficer && s.JurisdictionId == center.JurisdictionId) || (s.Role == Roles.Applicant && s.UnitId == center.LeadUnitId);
        if (!mayOpen) return Refusal.Forbidden("年度报告由科技局发起，或由中心的牵头（依托）单位自行开始填写。");
        if (center.Status == CenterStatus.Revoked) return Refusal.Conflict($"“{center.Name}”已撤销认定，不再报送年度报告。");
        if (year < center.ApprovedOn.Year || year > clock.Today.Year)
            return Refusal.Invalid($"报告年度应在 {center.ApprovedOn.Year} 年（批准认定当年）至 {clock.Today.Year} 年之间。");
        var owed = AnnualReportRules.Schedule(pack, year, departmentEvaluated);
        if (!owed.IsOwed) return Refusal.Conflict($"无需报送：{owed.Why}", owed.Article);
        if (existing is not null) return Refusal.Conflict($"“{center.Name}”的{year}年度报告已经发起，请在年度报告页面继续办理。");

        var process = CaseKernel.ProcessOf(pack, ProcessKinds.AnnualReport);
        var start = process.Start!;
        var c = new Case
        {
            Kind = ProcessKinds.AnnualReport, JurisdictionId = center.JurisdictionId, DepartmentId = center.DepartmentId, LeadUnitId = center.LeadUnitId,
            ApplicationId = center.ApplicationId, CenterId = center.Id, Title = $"{center.Name} {year}年度报告",
            PackVersion = pack.Version, PackDocument = pack.Document, StageId = start.Id, Step = start.Step,
            Holder = CaseContext.FilerOf(process), DueOn = owed.DueOn,
        };
        // 结转: last year's figures start this year's draft; the form shows them beside each field.
        var report = new AnnualReport { Case = c, CenterId = center.Id, Year = year, DueOn = owed.DueOn, FiguresJson = lastYearFigures ?? "{}" };
        var parties = new List<CaseParty> { new() { UnitId = center.LeadUnitId, Role = CaseParty.Lead } };
        parties.AddRange(center.CoBuilders.Select(b => new CaseParty { UnitId = b.UnitId, Role = CaseParty.CoBuilder }));
        return new Decision($"已发起{year}年度报告。{owed.Why}")
        {
            Open = [new NewCase(c, report, OpenAttempt, owed.Why, owed.Article, Audience.Parties) { Parties = parties }],
        };
    }

    public Task<WorkflowResult> SaveAsync(int id, WorkflowActor actor, int revision, IReadOnlyDictionary<string, string?> content,
        IReadOnlyDictionary<string, string?> figures, CancellationToken ct = default) =>
        kernel.RunAsync(id, actor, revision, "保存年度报告", (ctx, _) => Task.FromResult(DecideSave(ctx, content, figures)), ct);

    /// <summary>Pure: the draft's content and figures (each figure read against its definition), or why not.</summary>
    public static CaseOutcome DecideSave(CaseContext ctx, IReadOnlyDictionary<string, string?> content, IReadOnlyDictionary<string, string?> figures)
    {
        if (ctx.Editable() is { } no) return no;
        var r = ctx.DetailAs<AnnualReport>();
        var v = ctx.Pack.Env.Vocabulary;
        var (values, errors) = AnnualReportRules.Read(v, figures);
        var text = new Dictionary<string, string>();
        foreach (var item in AnnualReportRules.Outline(ctx.Pack))
        {
            var t = content.GetValueOrDefault(item)?.Trim() ?? "";
            if (t.Length > 20000) errors.Add($"“{item}”不能超过 20000 字。");
            if (t.Any(ch => char.IsControl(ch) && ch is not ('\n' or '\r' or '\t'))) errors.Add($"“{item}”含有控制字符，请删除后重新填写。");
            text[item] = t;
        }
        if (errors.Count > 0) return Refusal.Invalid(string.Join("；", errors));
        return new Decision("年度报告已保存。")
        {
            Steps = [new CaseStep(ctx, "保存年度报告", null, AnnualReportRules.OutlineArticle(ctx.Pack)) { OnTimeline = false }],
            Apply = [() =>
            {
                r.ContentJson = ApplicationFacts.ToJson(text);
                r.FiguresJson = ApplicationFacts.ToJson(values);
                r.SavedAt = ctx.Now;
            }],
        };
    }

    public async Task<WorkflowResult> SubmitAsync(int id, WorkflowActor actor, int revision, string idempotencyKey, CancellationToken ct = default)
    {
        var last = await db.AnnualReports.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.CenterId, r.Year }).FirstOrDefaultAsync(ct);
        var lastYear = last is null ? null : await db.AnnualReports.AsNoTracking().Where(r => r.CenterId == last.CenterId && r.Year == last.Year - 1 && r.VersionCount > 0)
            .Select(r => r.FiguresJson).FirstOrDefaultAsync(ct);
        var evaluated = last is not null && await DepartmentEvaluatedAsync(last.CenterId, last.Year, ct);
        return await kernel.RunAsync(id, actor, revision, "提交年度报告",
            (ctx, _) => Task.FromResult(DecideSubmit(ctx, idempotencyKey, lastYear is null ? null : ApplicationFacts.Parse(lastYear), evaluated)), ct);
    }

    /// <summary>
    /// Pure: 提交 from the draft to the pack's first reviewer — content complete and figures consistent (400 otherwise),
    /// a receipt and a frozen version, timeliness of the first submission on its Asia/Shanghai date against the pack's
    /// due day, and, when late, what the pack makes of it.
    /// </summary>
    public static CaseOutcome DecideSubmit(CaseContext ctx, string idempotencyKey, IReadOnlyDictionary<string, string>? lastYear, bool departmentEvaluated)
    {
        if (ctx.InStep("提交", StageSteps.Draft) is { } wrong) return wrong;
        if (ctx.As(ctx.Filer, "提交年度报告") is { } who) return who;
        if (ctx.Editable() is { } no) return no;
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 64) return Refusal.Invalid("提交标识无效，请刷新页面后重新提交。");
        var r = ctx.DetailAs<AnnualReport>();
        var v = ctx.Pack.Env.Vocabulary;
        var outline = AnnualReportRules.Outline(ctx.Pack);
        var check = AnnualReportRules.Consistency(v, ApplicationFacts.Parse(r.FiguresJson), lastYear, ApplicationFacts.Parse(r.ContentJson), outline);
        if (check.Errors.Count > 0) return Refusal.Invalid("不能提交：" + string.Join("；", check.Errors), AnnualReportRules.OutlineArticle(ctx.Pack));
        var target = ctx.Target(false);
        if (target is null) return Refusal.Conflict("该年度报告的流程没有可提交的下一环节。", ctx.Stage.Article);
        var (move, refused) = ctx.Move(target.Id, null);
        if (refused is not null) return refused;

        var on = ctx.Clock.DateOf(ctx.Now);
        var first = r.FirstSubmittedOn ?? on;
        var number = r.VersionCount + 1;
        var receipt = $"NB{r.Year}-{ctx.Case.Id:D5}-{number:D2}";
        var timely = AnnualReportRules.Timeliness(ctx.Pack, r.Year, first, departmentEvaluated);
        bool? late = r.DueOn is { } due ? first > due : null;
        var steps = new List<CaseStep>
        {
            new(ctx, "提交年度报告", $"回执编号 {receipt}；提交日期 {on:yyyy-MM-dd}（北京时间）" + (check.Warnings.Count > 0 ? "；提示：" + string.Join("；", check.Warnings) : ""),
                move!.Article, target)
            {
                ClearReturn = true, Verdict = ("提交", timely, number), Audience = Audience.Parties,
                FactsAfter = ctx.Facts.With(AnnualReportRules.SubmittedOnFact, first),
            },
        };
        if (late == true && r.Late is null)
        {
            var consequence = AnnualReportRules.Consequence(ctx.Pack, missing: false);
            steps.Add(new CaseStep(ctx, "逾期提交", Describe(consequence, $"应于 {r.DueOn:yyyy-MM-dd} 前报送，{first:yyyy-MM-dd} 提交"),
                consequence.Reasons.FirstOrDefault()?.Article ?? timely.Reasons.FirstOrDefault()?.Article) { Verdict = ("逾期", consequence, number), Audience = Audience.Parties });
        }
        return new Decision($"年度报告已提交，回执编号 {receipt}。" + (late == true ? "（逾期提交）" : ""))
        {
            Steps = steps,
            Add = [new AnnualReportVersion
            {
                ReportId = r.Id, Number = number, ReceiptNumber = receipt, IdempotencyKey = idempotencyKey, SubmittedAt = ctx.Now, SubmittedOn = on,
                SubmittedBy = ctx.Actor.Scope.UserName, ContentJson = r.ContentJson, FiguresJson = r.FiguresJson,
            }],
            Apply = [() =>
            {
                r.FirstSubmittedAt ??= ctx.Now;
                r.FirstSubmittedOn ??= on;
                r.SubmittedAt = ctx.Now;
                r.ReceiptNumber = receipt;
                r.VersionCount = number;
                r.Late ??= late;
            }],
        };
    }

    /// <summary>退回修改 through the generic return, with the report's due day back on the case for the filer.</summary>
    public Task<WorkflowResult> ReturnAsync(int id, WorkflowActor actor, int revision, string? reason, CancellationToken ct = default) =>
        kernel.RunAsync(id, actor, revision, "退回修改", (ctx, _) =>
        {
            var o = MoveCase.DecideReturn(ctx, reason);
            return Task.FromResult(o is Decision d && ctx.DetailAs<AnnualReport>().DueOn is { } due
                ? d with { Steps = d.Steps.Select(s => s with { DueOn = due }).ToList() } : o);
        }, ct);

    public Task<WorkflowResult> MoveAsync(int id, WorkflowActor actor, string? to, int revision, string? note, CancellationToken ct = default) =>
        mover.MoveAsync(id, actor, to, revision, note, ct);

    public Task<WorkflowResult> RecordMissingAsync(int id, WorkflowActor actor, int revision, CancellationToken ct = default) =>
        kernel.RunAsync(id, actor, revision, "登记逾期未报", (ctx, _) => Task.FromResult(DecideMissing(ctx)), ct);

    /// <summary>Pure: the bureau records a report not submitted by its due day (逾期未报), once, with what the pack makes of it.</summary>
    public static CaseOutcome DecideMissing(CaseContext ctx)
    {
        if (ctx.As(Actors.Bureau, "登记逾期未报") is { } who) return who;
        var r = ctx.DetailAs<AnnualReport>();
        if (r.DueOn is not { } due) return Refusal.Conflict("管理办法未规定年度报告的报送期限，不能登记逾期未报。", ctx.Stage.Article);
        if (r.FirstSubmittedOn is not null) return Refusal.Conflict($"该年度报告已于 {r.FirstSubmittedOn:yyyy-MM-dd} 提交，不是逾期未报。");
        if (ctx.Today <= due) return Refusal.Conflict($"报送期限 {due:yyyy-MM-dd}（含当日）尚未届满，不能登记逾期未报。");
        if (r.MissingRecordedAt is not null) return Refusal.Conflict("已登记逾期未报。");
        var consequence = AnnualReportRules.Consequence(ctx.Pack, missing: true);
        return new Decision("已登记逾期未报。")
        {
            Steps = [new CaseStep(ctx, "登记逾期未报", Describe(consequence, $"应于 {due:yyyy-MM-dd} 前报送，截至 {ctx.Today:yyyy-MM-dd} 未报送"),
                consequence.Reasons.FirstOrDefault()?.Article ?? ctx.Stage.Article) { Verdict = ("逾期未报", consequence, null), Audience = Audience.Parties, DueOn = due }],
            Apply = [() => r.MissingRecordedAt = ctx.Now],
        };
    }

    /// <summary>A late/missing record in words: what happened, and each ground of the pack it establishes (or that it establishes none).</summary>
    public static string Describe(Verdict consequence, string what) =>
        what + "。" + (consequence.Reasons.Count == 0
            ? "管理办法未将逾期或未报送年度报告列为处理情形。"
            : string.Join("；", consequence.Reasons.Select(x => $"{x.Message}（{x.Article}，{Verdict.OutcomeLabel(x.Outcome)}）")));
}
