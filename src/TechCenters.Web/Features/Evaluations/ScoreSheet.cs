using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Cases;

namespace TechCenters.Web.Features.Evaluations;

/// <summary>
/// 评分表 (XLSX, MiniExcel): the template the platform generates for the evaluations an account scores in a campaign — one
/// row per center, one column per leaf indicator of the pack's table (or grade + conclusion) — and its upload: every row
/// checked, errors named by row and column in Chinese, nothing imported if any row is wrong.
/// </summary>
public sealed class ScoreSheet(AppDbContext db, CaseKernel kernel, EvaluationAssessors assessors)
{
    public const string IdColumn = "事项编号";
    public const string NameColumn = "中心名称";
    public const string GradeColumn = "评估等级";
    public const string ConclusionColumn = "评估结论与理由";

    /// <summary>The columns of the pack's sheet after the id and name: (header, leaf id or null for grade/conclusion).</summary>
    public static IReadOnlyList<(string Header, string Key)> Columns(PolicyPack pack)
    {
        if (EvaluationRules.Indicators(pack) is { } table)
            return [.. table.Leaves.Select(l => ($"{l.Name}（0-{table.MaxScore(l).ToString("0.##", CultureInfo.InvariantCulture)}分）", l.Id)),
                (ConclusionColumn, ConclusionColumn)];
        return [(GradeColumn, GradeColumn), (ConclusionColumn, ConclusionColumn)];
    }

    /// <summary>
    /// The evaluations of a campaign this account scores now: in scoring, visible to it and held by an actor it acts as
    /// (<see cref="EvaluationActions.MayScore"/>: an organisation entrusted with a case whose scoring experts hold does not
    /// score it); an expert's without their sheet yet.
    /// </summary>
    public Task<List<Case>> ScorableAsync(UserScope scope, int campaignId, CancellationToken ct)
    {
        var actors = CaseRelation.ActorsOfRole(scope.Role).ToList();
        return db.Cases.VisibleTo(db, scope).Where(c => c.Kind == ProcessKinds.Evaluation && c.Step == StageSteps.Scoring && c.Holder != null && actors.Contains(c.Holder)
            && db.Evaluations.Any(e => e.Id == c.Id && e.CampaignId == campaignId)
            && (scope.Role != Roles.Expert || !db.Set<ExpertSheet>().Any(x => x.CaseId == c.Id && x.ExpertId == scope.ExpertId))).OrderBy(c => c.Id).ToListAsync(ct);
    }

    public async Task<byte[]?> TemplateAsync(UserScope scope, int campaignId, CancellationToken ct)
    {
        var campaign = await db.EvaluationCampaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null) return null;
        var cases = await ScorableAsync(scope, campaignId, ct);
        if (cases.Count == 0 && scope.Role != Roles.BureauOfficer) return null;
        var columns = Columns(kernel.PackOf(campaign.JurisdictionId, campaign.PackVersion));
        var names = await db.Centers.AsNoTracking().Where(c => cases.Select(x => x.CenterId).Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var rows = cases.Select(c =>
        {
            var row = new Dictionary<string, object?> { [IdColumn] = c.Id, [NameColumn] = names.GetValueOrDefault(c.CenterId ?? 0) };
            foreach (var (h, _) in columns) row[h] = null;
            return row;
        }).ToList();
        if (rows.Count == 0)
        {
            var header = new Dictionary<string, object?> { [IdColumn] = null, [NameColumn] = null };
            foreach (var (h, _) in columns) header[h] = null;
            rows.Add(header);
        }
        using var ms = new MemoryStream();
        await ms.SaveAsAsync(rows, cancellationToken: ct);
        return ms.ToArray();
    }

    /// <summary>Imports a filled sheet: all rows scored in one transaction, or none (the errors, row by row).</summary>
    public async Task<(WorkflowResult Result, IReadOnlyList<string> Errors)> UploadAsync(WorkflowActor actor, int campaignId, Stream file, CancellationToken ct)
    {
        var campaign = await db.EvaluationCampaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null) return (WorkflowResult.NotFound("评估工作"), []);
        var pack = kernel.PackOf(campaign.JurisdictionId, campaign.PackVersion);
        var columns = Columns(pack);
        List<IDictionary<string, object?>> rows;
        try
        {
            using var ms = new MemoryStream();
            await file.CopyToAsync(ms, ct);
            ms.Position = 0;
            rows = (await ms.QueryAsync(useHeaderRow: true, excelType: ExcelType.XLSX, cancellationToken: ct)).Cast<IDictionary<string, object?>>().ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (new(WorkflowStatus.Invalid, "无法读取上传的文件：请使用平台生成的评分表模板（.xlsx）。"), []);
        }
        var errors = new List<string>();
        if (rows.Count > 0)
            foreach (var h in new[] { IdColumn }.Concat(columns.Select(c => c.Header)))
                if (!rows[0].ContainsKey(h)) errors.Add($"缺少列“{h}”，请使用平台生成的评分表模板");
        if (errors.Count > 0) return (new(WorkflowStatus.Invalid, "评分表格式不正确，未导入任何数据。"), errors);
        var scorable = (await ScorableAsync(actor.Scope, campaignId, ct)).Select(c => c.Id).ToHashSet();
        var parsed = new Dictionary<int, (Dictionary<string, string?> Scores, string? Grade, string? Conclusion)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var line = i + 2; // the header is row 1
            string? Cell(string h) => row.TryGetValue(h, out var v) && v is not null ? Convert.ToString(v, CultureInfo.InvariantCulture)?.Trim() : null;
            if (columns.All(c => string.IsNullOrEmpty(Cell(c.Header))) && string.IsNullOrEmpty(Cell(IdColumn))) continue;
            if (!int.TryParse(Cell(IdColumn), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) || !scorable.Contains(id))
            {
                errors.Add($"第{line}行：“{IdColumn}”{Cell(IdColumn)}不是您当前待评分的评估事项");
                continue;
            }
            if (!parsed.TryAdd(id, (columns.Where(c => c.Key != GradeColumn && c.Key != ConclusionColumn).ToDictionary(c => c.Key, c => Cell(c.Header)),
                    Cell(GradeColumn), Cell(ConclusionColumn))))
            {
                errors.Add($"第{line}行：事项编号 {id} 重复");
                continue;
            }
            // The whole sheet is checked through the library's batch path (no reasons); reasons are computed per center on import.
            var (_, error) = EvaluationActions.Score(pack, parsed[id].Scores, parsed[id].Grade, parsed[id].Conclusion, reasons: false);
            if (error is not null) errors.Add($"第{line}行：{error}");
        }
        if (errors.Count == 0 && parsed.Count == 0) errors.Add("评分表中没有任何评分");
        if (errors.Count > 0) return (new(WorkflowStatus.Invalid, $"评分表有 {errors.Count} 处错误，未导入任何数据。"), errors);
        var result = await kernel.RunManyAsync(parsed.Keys, actor, "导入评分表", async (contexts, token) =>
        {
            var steps = new List<CaseStep>();
            var apply = new List<Action>();
            var add = new List<object>();
            foreach (var ctx in contexts)
            {
                var p = parsed[ctx.Case.Id];
                // An assigned expert's rows are their own sheets; anyone else's score the cases.
                var outcome = actor.Scope.Role == Roles.Expert
                    ? EvaluationAssessors.DecideScore(ctx, await assessors.SheetFactsAsync(ctx, token), p.Scores, p.Grade, p.Conclusion)
                    : EvaluationActions.DecideScore(ctx, p.Scores, p.Grade, p.Conclusion);
                if (outcome is Refusal) return outcome;
                var d = (Decision)outcome;
                steps.AddRange(d.Steps);
                apply.AddRange(d.Apply);
                add.AddRange(d.Add);
            }
            return new Decision($"已导入 {contexts.Count} 家中心的评分。") { Steps = steps, Apply = apply, Add = add };
        }, ct);
        return (result, []);
    }
}
