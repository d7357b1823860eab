using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Approvals;
using TechCenters.Policy.Rules;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.Documents;
using TechCenters.Web.Features.Security;

namespace TechCenters.Web.Features.Evaluations;

/// <summary>
/// 评估结果通知: a confirmed campaign's results as an official document, SM2-signed when first issued, rebuilt from
/// today's records so /Verify tells an unaltered notice from one whose grades were changed afterwards.
/// </summary>
public sealed class ResultsNoticeSource(AppDbContext db, CaseKernel kernel, Infrastructure.Clock clock) : ISignedDocumentSource
{
    private const string Prefix = "evaluation";
    public string Kind => SignedKinds.EvaluationResults;
    public static string SubjectOf(int campaignId) => SignedKinds.Subject(Prefix, campaignId);

    public async Task<string?> CurrentPayloadAsync(string subject, CancellationToken ct) =>
        SignedKinds.IdOf(subject, Prefix) is { } id && await DocumentAsync(id, ct) is { } doc
            ? DocumentSigner.Payload(doc)
            : null;

    /// <summary>The notice of a confirmed or published campaign (null before confirmation). No scope check: callers check it.</summary>
    public async Task<OfficialDocument?> DocumentAsync(int campaignId, CancellationToken ct) =>
        await db.EvaluationCampaigns.AsNoTracking().FirstOrDefaultAsync(x => x.Id == campaignId, ct) is { } c
            ? await DocumentAsync(c, ct)
            : null;

    /// <summary>The same, for a campaign the caller has already loaded.</summary>
    public async Task<OfficialDocument?> DocumentAsync(EvaluationCampaign c, CancellationToken ct)
    {
        if (c.Status == CampaignStatus.Open || c.ConfirmedAt is not { } confirmedAt) return null;
        var campaignId = c.Id;
        var bureau = await db.Jurisdictions.AsNoTracking().Where(j => j.Id == c.JurisdictionId).Select(j => j.BureauName).FirstAsync(ct);
        var rows = await db.Evaluations.AsNoTracking().Where(e => e.CampaignId == campaignId && e.FinalGrade != null)
            .Join(db.Centers, e => e.CenterId, x => x.Id, (e, x) => new { x.Id, x.Name, x.LeadUnitName, e.FinalGrade })
            .ToListAsync(ct);
        var graded = rows.Select(r => new GradedCenter(r.Id, r.Name, r.LeadUnitName, r.FinalGrade!)).ToList();
        return Notice(c, kernel.PackOf(c.JurisdictionId, c.PackVersion), bureau, clock.DateOf(confirmedAt), graded);
    }

    public sealed record GradedCenter(int Id, string Name, string LeadUnit, string Grade);

    /// <summary>The notice's text: one paragraph per grade in the pack's order (best first), centers in id order.</summary>
    public static OfficialDocument Notice(EvaluationCampaign c, Policy.PolicyPack pack, string bureau, DateOnly confirmedOn, IReadOnlyList<GradedCenter> rows)
    {
        var order = EvaluationRules.Grades(pack).ToList();
        int Rank(string g) => order.IndexOf(g) is var i and >= 0 ? i : order.Count;
        var body = new List<string>
        {
            $"根据{Shared.Readable.Document(pack.Title, pack.Document)}{pack.Process(ProcessKinds.Evaluation)?.Article}的规定，我局组织开展了{c.Title}。"
            + $"经{c.DecisionRecord?.TrimEnd('。')}确认，现将评估结果通知如下：",
        };
        var n = 0;
        foreach (var g in rows.GroupBy(r => r.Grade).OrderBy(g => Rank(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            n++;
            body.Add($"{Numeral(n)}、{g.Key}（{g.Count()}家）：" + string.Join("、", g.OrderBy(r => r.Id).Select(r => $"{r.Name}（{r.LeadUnit}）")) + "。");
        }
        if (n == 0) body.Add("本次评估无确认等级的技术创新中心。");
        body.Add("特此通知。");
        return new OfficialDocument(bureau, $"评估〔{c.Year}〕{c.Id}号", $"{bureau}关于{c.Title}结果的通知", "各技术创新中心及其牵头（依托）单位：",
            body, bureau, OfficialDate.Format(confirmedOn));
    }

    private static string Numeral(int n) => n switch
    {
        <= 10 => "一二三四五六七八九十"[n - 1].ToString(),
        < 20 => "十" + "一二三四五六七八九"[n - 11],
        _ => n.ToString(CultureInfo.InvariantCulture),
    };
}
