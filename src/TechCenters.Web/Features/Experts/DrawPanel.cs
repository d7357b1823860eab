using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.ExpertReviews;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Experts;

/// <summary>随机抽取专家: the bureau draws a panel for applications in expert review; the draw is recorded whole and on each case's timeline (bureau only).</summary>
public sealed class DrawPanel(AppDbContext db, CaseKernel kernel)
{
    public const string Attempt = "随机抽取专家";
    public const int MaxSize = 30;
    internal static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public sealed record Outcome(WorkflowResult Result, PanelDraw? Draw);

    public async Task<Outcome> RunAsync(WorkflowActor actor, IReadOnlyCollection<int> caseIds, string? field, int? size, CancellationToken ct = default)
    {
        PanelDraw? draw = null;
        if (caseIds.Count == 0) return new(await kernel.RefuseAsync(actor, Attempt, null, Refusal.Invalid("请选择要抽取专家的申报。"), ct), null);
        var result = await kernel.RunManyAsync(caseIds, actor, Attempt, async (contexts, token) =>
        {
            var jurisdiction = contexts[0].Case.JurisdictionId;
            var pool = await db.Experts.AsNoTracking().Include(e => e.Relations).Where(e => e.JurisdictionId == jurisdiction).ToListAsync(token);
            var ids = contexts.Select(c => c.Case.Id).ToList();
            var withPanel = await db.PanelAssignments.Where(a => ids.Contains(a.ApplicationId)).Select(a => a.ApplicationId).ToListAsync(token);
            var findings = await Integrity.IntegrityRecord.ExpertFindingsAsync(db, jurisdiction, contexts[0].Today, token);
            var outcome = Decide(contexts, pool, withPanel, field, size, PanelDrawing.NewSeed(), findings);
            if (outcome is Decision d) draw = d.Add.OfType<PanelDraw>().Single();
            return outcome;
        }, ct);
        return new(result, result.Ok ? draw : null);
    }

    /// <summary>Pure: the draw recorded with its seed, candidates, exclusions and result (or shortfall), or why not.</summary>
    public static CaseOutcome Decide(IReadOnlyList<CaseContext> contexts, IReadOnlyList<Expert> pool, IReadOnlyCollection<int> withPanel,
        string? field, int? size, string seed, IReadOnlyDictionary<int, string>? findings = null)
    {
        var first = contexts[0];
        var packs = contexts.Select(c => c.Pack.Folder).Distinct().Count();
        if (packs > 1 || contexts.Any(c => c.Case.JurisdictionId != first.Case.JurisdictionId))
            return Refusal.Invalid("一次抽取的申报应适用同一管理办法版本，请分别抽取。");
        foreach (var ctx in contexts)
        {
            var app = ctx.DetailAs<Application>();
            if (ctx.As(Actors.Bureau, "抽取专家") is { } notMine) return notMine;
            if (ctx.InStep("抽取专家", StageSteps.ExpertReview) is { } order) return order with { Message = $"“{app.CenterName}”：{order.Message}" };
            if (withPanel.Contains(app.Id)) return Refusal.Conflict($"“{app.CenterName}”已有专家组，不能再抽取。");
        }
        var n = size ?? PanelDrawing.PackSize(first.Pack);
        if (n is not { } count || count < 1 || count > MaxSize) return Refusal.Invalid($"请填写拟抽取人数（1至{MaxSize}人）。");
        if (field is { Length: > 100 }) return Refusal.Invalid("专业领域不超过100个字。");
        var terms = Recusal.Terms.Of(first.Pack, first.Today) with { Findings = findings ?? new Dictionary<int, string>() };
        var cases = contexts.Select(c => new PanelDrawing.CaseParties(c.DetailAs<Application>().CenterName, Recusal.PartiesOf(c.DetailAs<Application>()))).ToList();
        var r = PanelDrawing.Draw(seed, pool, cases, first.Pack, terms, field, count);
        var draw = new PanelDraw
        {
            JurisdictionId = first.Case.JurisdictionId, CaseIds = string.Join(",", contexts.Select(c => c.Case.Id)),
            Field = string.IsNullOrWhiteSpace(field) ? null : field.Trim(), Size = count, Seed = seed,
            CandidatesJson = JsonSerializer.Serialize(r.Candidates, Json), ExclusionsJson = JsonSerializer.Serialize(r.Exclusions, Json),
            SelectedIds = string.Join(",", r.Selected), Shortfall = r.Shortfall, DrawnAt = first.Now, DrawnBy = first.Actor.Scope.UserName,
        };
        var names = string.Join("、", r.Selected.Select(id => r.Candidates.First(c => c.Id == id)).Select(c => $"{c.Name}（{c.Kind.ToChinese()}）"));
        var note = $"随机种子{seed}；候选{r.Candidates.Count}人，排除{r.Exclusions.Count}人；抽中：{(names.Length == 0 ? "无" : names)}" +
                   (r.Shortfall is null ? "" : $"；未能满足：{r.Shortfall}");
        var article = first.Pack.Rules.FirstOrDefault(x => x.Topic == "expert_panel" && x.Article is not null)?.Article ?? first.Stage.Article;
        return new Decision(r.Shortfall is null ? "专家已抽取，请核对后组建专家组。" : $"抽取未能满足要求：{r.Shortfall}")
        {
            Add = [draw],
            // Who was drawn is the bureau's to know, like the panel itself.
            Steps = [.. contexts.Select(c => new CaseStep(c, Attempt, note, article) { Audience = Audience.Bureau })],
        };
    }

    public static IReadOnlyList<PanelDrawing.Candidate> CandidatesOf(PanelDraw d) =>
        JsonSerializer.Deserialize<List<PanelDrawing.Candidate>>(d.CandidatesJson, Json) ?? [];

    public static IReadOnlyList<PanelDrawing.Candidate> KeptOf(PanelDraw d) =>
        d.KeptJson is null ? [] : JsonSerializer.Deserialize<List<PanelDrawing.Candidate>>(d.KeptJson, Json) ?? [];

    public static IReadOnlyList<PanelDrawing.Exclusion> ExclusionsOf(PanelDraw d) =>
        JsonSerializer.Deserialize<List<PanelDrawing.Exclusion>>(d.ExclusionsJson, Json) ?? [];

    /// <summary>
    /// 复核: the order recomputed from the recorded seed for every recorded candidate, and the panel selected again from it
    /// under the same pack; equal to the record when the draw was what it says.
    /// </summary>
    public static (bool OrderMatches, IReadOnlyList<int> Selected, string? Shortfall) Repeat(PanelDraw d, TechCenters.Policy.PolicyPack pack)
    {
        var recorded = CandidatesOf(d);
        var reordered = recorded.Select(c => c with { Order = PanelDrawing.OrderKey(d.Seed, c.Id) })
            .OrderBy(c => c.Order, StringComparer.Ordinal).ThenBy(c => c.Id).ToList();
        var orderMatches = reordered.Select(c => (c.Id, c.Order)).SequenceEqual(recorded.Select(c => (c.Id, c.Order)));
        var (selected, shortfall) = PanelDrawing.Select(pack, reordered, d.Size, KeptOf(d), composition: d.CampaignId is null);
        return (orderMatches, selected, shortfall);
    }
}
