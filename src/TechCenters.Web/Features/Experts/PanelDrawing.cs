using System.Security.Cryptography;
using System.Text;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Features.ExpertReviews;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Experts;

/// <summary>
/// 随机抽取专家组, pure. Every expert of the pool is either excluded with a reason (out of the pool, not available, a
/// conflict by <see cref="Recusal"/>, outside the field) or a candidate; the candidates are put in an order fixed by the
/// seed alone (SHA-256 of seed and expert id), so the same seed over the same candidates gives the same panel on any
/// machine. The panel takes, in that order, one expert of each kind the pack's composition rule names, then the next
/// candidates up to the size; <see cref="PanelCheck"/> stays the decider of whether the panel meets the pack, and a
/// shortfall names the rule (or the requested size) that could not be met.
/// </summary>
public static class PanelDrawing
{
    public sealed record Candidate(int Id, string Name, ExpertiseKind Kind, string Field, string Order);
    public sealed record Exclusion(int Id, string Name, string Reason);
    public sealed record CaseParties(string Title, IReadOnlyList<Recusal.Party> Parties);
    public sealed record Result(IReadOnlyList<Candidate> Candidates, IReadOnlyList<Exclusion> Exclusions, IReadOnlyList<int> Selected, string? Shortfall);

    public static string NewSeed() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The candidate's place in the draw: a function of the seed and the expert only.</summary>
    public static string OrderKey(string seed, int expertId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}:{expertId}")));

    public static bool InField(Expert e, string? field)
    {
        if (string.IsNullOrWhiteSpace(field) || e.Kind != ExpertiseKind.Technical) return true;
        var f = field.Trim();
        return e.Field.Contains(f, StringComparison.Ordinal) || f.Contains(e.Field, StringComparison.Ordinal)
            || (e.FieldCode ?? "").Split([',', '、', '，', ' '], StringSplitOptions.RemoveEmptyEntries).Any(c => c.StartsWith(f, StringComparison.Ordinal));
    }

    /// <param name="excluded">Experts out of this draw before any other rule, with the reason (a replacement draw: everyone
    /// on the panel, kept or gone).</param>
    /// <param name="kept">A replacement draw: the members who stay; the pack's rules are met by them and the drawn together.</param>
    /// <param name="composition">The pack's review-panel composition applies (an evaluation's assessors: not; the pack gives none for them).</param>
    public static Result Draw(string seed, IEnumerable<Expert> pool, IReadOnlyList<CaseParties> cases, PolicyPack pack, Recusal.Terms terms,
        string? field, int size, IReadOnlyDictionary<int, string>? excluded = null, IReadOnlyList<Candidate>? kept = null, bool composition = true)
    {
        var exclusions = new List<Exclusion>();
        var candidates = new List<Candidate>();
        foreach (var e in pool.OrderBy(e => e.Id))
        {
            string? reason = null;
            if (excluded?.GetValueOrDefault(e.Id) is { } already) reason = already;
            else if (!e.InPool) reason = "已出库";
            else if (!e.AvailableOn(terms.Today))
                reason = "暂停参评" + (e.UnavailableUntil is { } u ? $"至{u:yyyy-MM-dd}" : "") + (string.IsNullOrWhiteSpace(e.AvailabilityNote) ? "" : $"（{e.AvailabilityNote}）");
            else if (cases.Select(c => Recusal.Conflict(e, c.Parties, terms) is { } r ? (cases.Count > 1 ? $"{c.Title}：{r}" : r) : null).OfType<string>().FirstOrDefault() is { } conflict)
                reason = conflict;
            else if (!InField(e, field)) reason = $"专业领域“{e.Field}”不属于抽取领域“{field!.Trim()}”";
            if (reason is null) candidates.Add(new(e.Id, e.Name, e.Kind, e.Field, OrderKey(seed, e.Id)));
            else exclusions.Add(new(e.Id, e.Name, reason));
        }
        var ordered = candidates.OrderBy(c => c.Order, StringComparer.Ordinal).ThenBy(c => c.Id).ToList();
        var (selected, shortfall) = Select(pack, ordered, size, kept, composition);
        return new(ordered, exclusions, selected, shortfall);
    }

    /// <summary>The kinds the pack's composition rule names (expert_panel.expertise), with the rule.</summary>
    public static IReadOnlyList<(string Code, ListRule Rule)> RequiredKinds(PolicyPack pack) =>
        pack.Rules.OfType<ListRule>().Where(r => r.Topic == "expert_panel" && r.Fact == "expert_panel.expertise")
            .SelectMany(r => r.Items.Select(i => (i, r))).ToList();

    /// <summary>The panel from candidates already in seed order, and what it falls short of. Repeating a draw is this call.</summary>
    public static (IReadOnlyList<int> Selected, string? Shortfall) Select(PolicyPack pack, IReadOnlyList<Candidate> ordered, int size,
        IReadOnlyList<Candidate>? kept = null, bool composition = true)
    {
        kept ??= [];
        var selected = new List<Candidate>();
        var missing = new List<string>();
        foreach (var (code, rule) in composition ? RequiredKinds(pack) : [])
        {
            if (kept.Any(k => PanelCheck.Code(k.Kind) == code)) continue; // a member who stays already gives this kind
            var next = ordered.FirstOrDefault(c => PanelCheck.Code(c.Kind) == code && !selected.Contains(c));
            if (next is null) missing.Add($"候选专家中没有{pack.Env.Vocabulary.Facts.GetValueOrDefault("expert_panel.expertise")?.ValueLabel(code) ?? code}，不能满足“{rule.Title}”（{pack.Document}{rule.Article}）");
            else if (selected.Count < size) selected.Add(next);
        }
        selected.AddRange(ordered.Where(c => !selected.Contains(c)).Take(Math.Max(0, size - selected.Count)));
        var problems = new List<string>(missing);
        if (selected.Count < size) problems.Add($"符合条件的候选专家共{ordered.Count}人，少于拟抽取的{size}人");
        var stubs = kept.Concat(selected).Select(c => new Expert { Id = c.Id, Name = c.Name, Kind = c.Kind, Field = c.Field, JurisdictionId = "", Employer = "" }).ToList();
        if (composition && missing.Count == 0 && PanelCheck.Refusal(pack, stubs) is { } refusal) problems.Add(refusal.TrimEnd('。'));
        return (selected.Select(c => c.Id).ToList(), problems.Count == 0 ? null : string.Join("；", problems) + "。");
    }

    /// <summary>The size to propose: the pack's lower bound on the panel's size when it states one.</summary>
    public static int? PackSize(PolicyPack pack) =>
        pack.Rules.OfType<ThresholdRule>().FirstOrDefault(r => r.Topic == "expert_panel" && r.Fact == "expert_panel.size") is { } r ? (int)r.Value.Value : null;
}
