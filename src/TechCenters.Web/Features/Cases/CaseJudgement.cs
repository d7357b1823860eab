using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Activity;

namespace TechCenters.Web.Features.Cases;

/// <summary>
/// An officer's answer where the text leaves a matter to judgement (严重、原则上、一般应…): the rule, the words quoted,
/// 符合/不符合 and the reason. Rows are never changed: a later answer to the same rule is a new row, and the latest one
/// is the fact <c>judgements.&lt;rule&gt;</c> the rules read from then on.
/// </summary>
public sealed class CaseJudgement
{
    public long Id { get; set; }
    public int CaseId { get; set; }
    public required string RuleId { get; set; }
    public required string Article { get; set; }
    /// <summary>The judgement words of the text, 、-joined.</summary>
    public required string Words { get; set; }
    /// <summary>pass / fail (the vocabulary's judgements.* values).</summary>
    public required string Answer { get; set; }
    public required string Reason { get; set; }
    /// <summary>The case revision the answer was given on.</summary>
    public int CaseRevision { get; set; }
    public DateTimeOffset AnsweredAt { get; set; }
    public string? AnsweredBy { get; set; }
    public string? AnsweredByRole { get; set; }

    public string AnswerName => Answer == "pass" ? "符合" : "不符合";
}

public sealed class CaseJudgementMap : IEntityTypeConfiguration<CaseJudgement>
{
    public void Configure(EntityTypeBuilder<CaseJudgement> e)
    {
        e.ToTable("CaseJudgements", t => t.HasComment("经办人对条文判断用语（严重、原则上、一般应等）作出的判断"));
        e.Property(x => x.CaseId).HasComment("事项");
        e.Property(x => x.RuleId).HasMaxLength(100).HasComment("政策包规则标识");
        e.Property(x => x.Article).HasMaxLength(100).HasComment("条款");
        e.Property(x => x.Words).HasMaxLength(100).HasComment("条文判断用语");
        e.Property(x => x.Answer).HasMaxLength(10).HasComment("判断（pass 符合，fail 不符合）");
        e.Property(x => x.Reason).HasMaxLength(2000).HasComment("判断理由");
        e.Property(x => x.CaseRevision).HasComment("判断时的事项版本号");
        e.Property(x => x.AnsweredAt).HasComment("判断时间");
        e.Property(x => x.AnsweredBy).HasMaxLength(256).HasComment("判断人");
        e.Property(x => x.AnsweredByRole).HasMaxLength(50).HasComment("判断人角色");
        e.HasOne<Case>().WithMany(c => c.Judgements).HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.CaseId, x.RuleId, x.Id });
    }
}

/// <summary>
/// 作出判断: the officer holding a case answers one judgement reason of its verdict. Load (the case, its verdict) → pure
/// <see cref="Decide"/> → the kernel keeps the answer, the re-judged verdict and a timeline entry for officials.
/// </summary>
public sealed class AnswerJudgement(CaseKernel kernel, IEnumerable<ICaseKind> kinds)
{
    public const string Purpose = "判断";
    public const int ReasonMaxLength = 2000;

    /// <summary>The latest answer per rule, as the facts rules read (<c>judgements.x</c>, <c>judgement_reasons.x</c>).</summary>
    public static Facts WithAnswers(Facts facts, IEnumerable<CaseJudgement> answers)
    {
        foreach (var a in answers.GroupBy(a => a.RuleId).Select(g => g.MaxBy(a => a.Id)!))
            facts = facts.With(Rule.AnswerPrefix + a.RuleId, a.Answer).With(Rule.AnswerReasonPrefix + a.RuleId, a.Reason);
        return facts;
    }

    /// <summary>The answers held in <paramref name="from"/> put onto <paramref name="to"/> (facts rebuilt from a detail row).</summary>
    public static Facts Carry(Facts from, Facts to)
    {
        foreach (var path in from.Paths.Where(p => p.StartsWith(Rule.AnswerPrefix, StringComparison.Ordinal) || p.StartsWith(Rule.AnswerReasonPrefix, StringComparison.Ordinal)))
            to = to.With(path, from.Text(path));
        return to;
    }

    public static async Task<List<CaseJudgement>> OfAsync(AppDbContext db, int caseId, CancellationToken ct) =>
        await db.CaseJudgements.AsNoTracking().Where(j => j.CaseId == caseId).OrderBy(j => j.Id).ToListAsync(ct);

    /// <summary>The verdict this kind judges the case by, or null when its kind judges nothing.</summary>
    public Verdict? VerdictOf(CaseContext ctx, Facts? facts = null) =>
        kinds.FirstOrDefault(k => k.Kind == ctx.Case.Kind)?.Judge(ctx, facts ?? ctx.Facts);

    /// <summary>Reasons of the verdict the text leaves to the officer (answered or not).</summary>
    public static IReadOnlyList<Reason> Open(Verdict? v) =>
        v?.Reasons.Where(r => r.Doubt is { Kind: DoubtKinds.Judgement }).ToList() ?? [];

    public Task<WorkflowResult> AnswerAsync(int caseId, WorkflowActor actor, int revision, string? ruleId, string? answer, string? reason,
        CancellationToken ct = default) =>
        kernel.RunAsync(caseId, actor, revision, "作出判断", (ctx, _) => Task.FromResult(Decide(ctx, ruleId, answer, reason, f => VerdictOf(ctx, f))), ct);

    /// <summary>Whether this account may answer now: an official acting as the case's current holder.</summary>
    public static Refusal? MayAnswer(CaseContext ctx)
    {
        if (!ctx.Relation.ActsAs(Actors.Bureau) && !ctx.Relation.ActsAs(Actors.Department))
            return Refusal.Forbidden("条文留给经办人判断的事项，由科技局或主管部门的经办人作出判断，您无权办理。", ctx.Stage.Article);
        if (ctx.Case.Holder is not { } holder)
            return Refusal.Conflict($"该{ctx.What}已办结（“{ctx.Name(ctx.Stage)}”），不能再作判断。", ctx.Stage.Article);
        if (!ctx.Relation.ActsAs(holder))
            return Refusal.Conflict($"该{ctx.What}当前由{ctx.ActorName(holder)}办理（“{ctx.Name(ctx.Stage)}”），轮到您办理时才能作出判断。", ctx.Stage.Article);
        return null;
    }

    /// <summary>Pure: the answer to keep, the verdict re-judged with it, and the entry officials read — or why not.</summary>
    public static CaseOutcome Decide(CaseContext ctx, string? ruleId, string? answer, string? reason, Func<Facts, Verdict?> judge)
    {
        if (MayAnswer(ctx) is { } no) return no;
        var current = judge(ctx.Facts);
        var open = Open(current).FirstOrDefault(r => r.RuleId == ruleId);
        if (current is null || open is null)
            return Refusal.Invalid($"“{ruleId}”不是本{ctx.What}需经办人判断的条款，请刷新页面后重试。");
        if (answer is not ("pass" or "fail"))
            return Refusal.Invalid("请选择“符合”或“不符合”。", open.Article);
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason))
            return Refusal.Invalid($"判断须写明理由（{open.Article}用语“{string.Join("、", open.Doubt!.Words ?? [])}”留给经办人判断，理由将与判定一并保存）。", open.Article);
        if (reason.Length > ReasonMaxLength)
            return Refusal.Invalid($"判断理由不能超过 {ReasonMaxLength} 字（现为 {reason.Length} 字）。", open.Article);

        var facts = ctx.Facts.With(Rule.AnswerPrefix + open.RuleId, answer).With(Rule.AnswerReasonPrefix + open.RuleId, reason);
        var judged = judge(facts)!;
        var words = string.Join("、", open.Doubt!.Words ?? []);
        var title = ctx.Pack.Rule(open.RuleId)?.Title ?? open.RuleId;
        var row = new CaseJudgement
        {
            CaseId = ctx.Case.Id, RuleId = open.RuleId, Article = open.Article, Words = words, Answer = answer, Reason = reason,
            CaseRevision = ctx.Case.Revision + 1, AnsweredAt = ctx.Now, AnsweredBy = ctx.Actor.Scope.UserName, AnsweredByRole = ctx.Actor.Scope.Role,
        };
        var changed = open.Doubt.Answer is { } before && before != answer ? $"（由“{(before == "pass" ? "符合" : "不符合")}”改为）" : "";
        return new Decision($"已就“{title}”（{open.Article}）作出判断：{row.AnswerName}。判定已按您的判断重新得出：{Verdict.OutcomeLabel(judged.Outcome)}。")
        {
            Steps = [new CaseStep(ctx, "作出判断", $"{title}（用语“{words}”）：{row.AnswerName}{changed}。理由：{reason}", open.Article)
            {
                Audience = Audience.Officials | Audience.Applicant, // the party learns how its case was judged, and why
                Verdict = (Purpose, judged, null),
            }],
            Add = [row],
        };
    }
}
