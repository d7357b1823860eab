using Shouldly;
using TechCenters.Policy;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.ExpertReviews;
using TechCenters.Web.Features.Integrity;
using TechCenters.Web.Features.Units;
using Xunit;

namespace TechCenters.Web.Tests.Features.Integrity;

/// <summary>The record's date logic and how the gates read it, pure (no database, no jurisdiction named in the code under test).</summary>
public sealed class IntegrityRuleTests
{
    private static readonly Lazy<PolicyCatalog> Catalog = new(() => PolicyCatalog.Load(PolicyCatalog.FindPoliciesRoot()));
    private static PolicyPack Pack(string j) => Catalog.Value.Versions(j).Last();
    private const int Lead = 7, CoBuilder = 8;

    private static IntegrityFinding Finding(string category, DateOnly found, DateOnly? to = null, int unit = Lead, DateOnly? from = null, int id = 1) => new()
    {
        Id = id, JurisdictionId = "j", Subject = FindingSubject.Unit, UnitId = unit, SubjectName = "某某科技有限公司", Category = category,
        What = "虚报材料", LegalBasis = "某条", DocumentNumber = "某决〔2025〕1号", FoundOn = found, EffectiveFrom = from ?? found, EffectiveTo = to, RecordedBy = "t",
    };

    [Fact]
    public void A_finding_is_in_effect_through_its_last_day_and_not_the_day_after()
    {
        var f = Finding("bad_credit", new(2025, 1, 10), to: new(2026, 1, 9));
        IntegrityRules.InEffect(f, new(2025, 1, 9)).ShouldBeFalse(); // the day before it starts
        IntegrityRules.InEffect(f, new(2025, 1, 10)).ShouldBeTrue();
        IntegrityRules.InEffect(f, new(2026, 1, 9)).ShouldBeTrue();  // the last day
        IntegrityRules.InEffect(f, new(2026, 1, 10)).ShouldBeFalse(); // the day after
        var open = Finding("bad_credit", new(2025, 1, 10));
        IntegrityRules.InEffect(open, new(2099, 12, 31)).ShouldBeTrue(); // open-ended
        open.WithdrawnAt = DateTimeOffset.UnixEpoch;
        IntegrityRules.InEffect(open, new(2025, 6, 1)).ShouldBeFalse(); // withdrawn: never in effect, kept on record
        IntegrityRules.State(open, new(2025, 6, 1)).ShouldBe("已撤回");
    }

    [Fact]
    public void A_period_in_years_from_a_leap_day_ends_on_the_corresponding_day_or_the_months_last()
    {
        IntegrityRules.LastDayOf(new(2024, 2, 29), 2).ShouldBe(new DateOnly(2026, 2, 28));
        IntegrityRules.LastDayOf(new(2024, 2, 29), 4).ShouldBe(new DateOnly(2028, 2, 29));
        IntegrityRules.LastDayOf(new(2025, 3, 10), 3).ShouldBe(new DateOnly(2028, 3, 10));
        var f = Finding("research_dishonesty", new(2024, 2, 29), to: IntegrityRules.LastDayOf(new(2024, 2, 29), 2));
        IntegrityRules.InEffect(f, new(2026, 2, 28)).ShouldBeTrue();
        IntegrityRules.InEffect(f, new(2026, 3, 1)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("2022-03-11", true)]  // within the three years before the submission day 2025-03-10
    [InlineData("2022-03-10", false)] // three years before to the day: outside
    public void The_three_year_credit_window_reads_the_date_found_on_both_sides_of_the_bound(string found, bool fails)
    {
        var pack = Pack("chongqing-wanzhou");
        var on = new DateOnly(2025, 3, 10);
        var record = IntegrityRules.ForApplication([Finding("bad_credit", DateOnly.Parse(found), to: new(2022, 12, 31))], Lead, [], on);
        var facts = IntegrityCheck.WithRecord(Facts.From(new Dictionary<string, object?> { ["application.submitted_on"] = on }), record);
        var reason = IntegrityCheck.Evaluate(pack, facts, ["no-bad-credit"]).Reasons.Single();
        // Nothing declared: the record decides, and is cited.
        reason.Outcome.ShouldBe(fails ? Outcome.Fail : Outcome.Pass);
        reason.Message.ShouldContain("科研诚信记录第1号");
    }

    [Fact]
    public void A_declaration_the_record_contradicts_is_the_officers_with_both_sources_and_the_answer_settles_it()
    {
        var pack = Pack("chongqing-wanzhou");
        var on = new DateOnly(2025, 3, 10);
        var record = IntegrityRules.ForApplication([Finding("bad_credit", new(2024, 5, 6))], Lead, [], on);
        var declared = Facts.From(new Dictionary<string, object?> { ["application.submitted_on"] = on, ["lead.bad_credit_last_3y"] = false });
        var reason = IntegrityCheck.Evaluate(pack, IntegrityCheck.WithRecord(declared, record), ["no-bad-credit"]).Reasons.Single();
        reason.Outcome.ShouldBe(Outcome.NeedsJudgement);
        reason.Message.ShouldContain("申报自述");
        reason.Message.ShouldContain("某决〔2025〕1号");
        reason.Doubt!.Kind.ShouldBe(DoubtKinds.Judgement);
        reason.Doubt.Words!.ShouldContain(IntegrityCheck.Word);
        // Without the record the declaration alone passes; with a declaration that agrees, the record is cited as agreeing.
        IntegrityCheck.Evaluate(pack, declared, ["no-bad-credit"]).Outcome.ShouldBe(Outcome.Pass);
        var agrees = IntegrityCheck.Evaluate(pack, IntegrityCheck.WithRecord(declared.With("lead.bad_credit_last_3y", true), record), ["no-bad-credit"]).Reasons.Single();
        agrees.Outcome.ShouldBe(Outcome.Fail);
        agrees.Message.ShouldContain("一致");
        // The officer's answer with a reason settles it (and the contradiction stays in the message).
        var answered = IntegrityCheck.WithRecord(declared, record).With("judgements.no-bad-credit", "pass").With("judgement_reasons.no-bad-credit", "该处罚已被行政复议撤销");
        var settled = IntegrityCheck.Evaluate(pack, answered, ["no-bad-credit"]).Reasons.Single();
        settled.Outcome.ShouldBe(Outcome.Pass);
        settled.Message.ShouldContain("两者不一致");
        settled.Message.ShouldContain("行政复议撤销");
    }

    [Fact]
    public void A_credit_finding_in_effect_against_a_co_builder_bears_on_every_builders_credit_but_not_after_its_last_day()
    {
        var pack = Pack("hohhot");
        var f = Finding("research_dishonesty", new(2025, 1, 1), to: new(2025, 12, 31), unit: CoBuilder);
        var inEffect = IntegrityRules.ForApplication([f], Lead, [CoBuilder], new(2025, 12, 31));
        inEffect.ShouldContain(r => r.Path == "builders.good_research_credit" && r.Bool == false);
        inEffect.ShouldNotContain(r => r.Path == "lead.good_reputation"); // the lead unit's own reputation is not the co-builder's
        IntegrityRules.ForApplication([f], Lead, [CoBuilder], new(2026, 1, 1)).ShouldBeEmpty();
        // The text's "严重" leaves it to the officer even when the record says so: NeedsJudgement, the finding cited.
        var reason = IntegrityCheck.Evaluate(pack, IntegrityCheck.WithRecord(Facts.Empty, inEffect), ["builders-credit"]).Reasons.Single();
        reason.Outcome.ShouldBe(Outcome.NeedsJudgement);
        reason.Message.ShouldContain("科研诚信记录第1号");
    }

    [Fact]
    public void An_expert_with_a_finding_in_effect_is_excluded_with_the_finding_cited_and_not_after_it_ends()
    {
        var expert = new Expert { Id = 5, JurisdictionId = "j", Name = "张三", Field = "材料", Employer = "某大学" };
        var f = Finding("research_dishonesty", new(2025, 1, 1), to: new(2025, 6, 30));
        f.Subject = FindingSubject.Person;
        f.ExpertId = 5;
        var pack = Pack("chongqing-wanzhou");
        var last = Recusal.Terms.Of(pack, new(2025, 6, 30)) with { Findings = IntegrityRules.ForExperts([f], new(2025, 6, 30)) };
        Recusal.Conflict(expert, [], last)!.ShouldContain("科研诚信记录第1号");
        var after = Recusal.Terms.Of(pack, new(2025, 7, 1)) with { Findings = IntegrityRules.ForExperts([f], new(2025, 7, 1)) };
        Recusal.Conflict(expert, [], after).ShouldBeNull();
    }

    [Fact]
    public void Id_numbers_carry_their_check_character()
    {
        var id = IntegrityRules.IdNumber("11010119700101001");
        IntegrityRules.IdNumberValid(id).ShouldBeTrue();
        IntegrityRules.IdNumberValid(id[..17] + (id[17] == '0' ? '1' : '0')).ShouldBeFalse();
    }
}
