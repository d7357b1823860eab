using TechCenters.Policy.Rules;

namespace TechCenters.Policy.Tests;

/// <summary>
/// The kinds added for 呼和浩特: ban (撤销后N年内不得再行申报), evaluation_schedule (which evaluation a year takes), and a
/// count condition on a list fact (多个单位联合建设的). Each on both sides of its bound, through a real (temporary) pack.
/// </summary>
public class CalendarKindTests
{
    private static IReadOnlyList<Reason> Run(PolicyPack pack, string id, string factsYaml) =>
        pack.Evaluate(Facts.FromYaml(factsYaml, Catalogs.Repo.Vocabulary), null, [id]).Reasons;

    private static Reason One(PolicyPack pack, string id, string factsYaml) => Run(pack, id, factsYaml).ShouldHaveSingleItem();

    private static readonly Lazy<PolicyPack> Ban = new(() => TempPolicies.PackWith("revocation", """
        - { id: ground-a, topic: grounds, kind: ground, title: 整改后仍不合格, article: 第二十六条, text: 整改后仍不合格的, fact: incidents.failed_after_rectification, effect: revoke }
        - { id: ground-b, topic: grounds, kind: ground, title: 自行要求撤销, article: 第二十七条第七项, text: 建设主体单位自行要求撤销, fact: incidents.host_requested, effect: revoke }
        - id: ban
          topic: ban
          kind: ban
          title: 撤销后3年内不得再行申报
          article: 第二十六条
          unit: years
          value: 3
          text: 整改后仍不合格被撤销的，3年内不得再行申报
          grounds: [ground-a]
          ground_fact: revocation.ground
          from_fact: revocation.revoked_on
          date_fact: application.submitted_on
        - id: ban-months
          topic: ban
          kind: ban
          title: 撤销后6个月内不得再行申报
          article: 第九十九条
          unit: months
          value: 6
          text: 被撤销的，6个月内不得再行申报
          from_fact: revocation.revoked_on
          date_fact: application.submitted_on
        """));

    [Theory]
    [InlineData("2026-03-10", "2029-03-10", Outcome.Fail)] // the last day of the 3 years is still barred
    [InlineData("2026-03-10", "2029-03-11", Outcome.Pass)] // the day after is allowed
    [InlineData("2026-03-10", "2026-03-10", Outcome.Fail)] // the day of revocation
    [InlineData("2026-03-10", "2026-03-09", Outcome.Pass)] // before the revocation: not a re-application
    [InlineData("2024-02-29", "2027-02-28", Outcome.Fail)] // 29 Feb: the period ends on 28 Feb of the third year
    [InlineData("2024-02-29", "2027-03-01", Outcome.Pass)]
    public void Ban_bars_applications_through_the_last_day_of_the_period(string revoked, string applied, Outcome expected) =>
        One(Ban.Value, "ban", $"revocation: {{ ground: ground-a, revoked_on: {revoked} }}\napplication: {{ submitted_on: {applied} }}")
            .Outcome.ShouldBe(expected);

    [Fact]
    public void Ban_message_names_the_article_and_the_last_barred_day()
    {
        var r = One(Ban.Value, "ban", "revocation: { ground: ground-a, revoked_on: 2026-03-10 }\napplication: { submitted_on: 2027-01-05 }");
        r.Article.ShouldBe("第二十六条");
        r.Actual.ShouldBe("2027-01-05");
        r.Required.ShouldBe("2029-03-11 及以后申报");
        r.Message.ShouldBe("2026-03-10 撤销资格，2027-01-05 再行申报，仍在第二十六条规定的3年内（至 2029-03-10），不得再行申报");
    }

    [Fact]
    public void Ban_does_not_apply_to_a_revocation_on_another_ground() =>
        Run(Ban.Value, "ban", "revocation: { ground: ground-b, revoked_on: 2026-03-10 }\napplication: { submitted_on: 2026-06-01 }").ShouldBeEmpty();

    [Fact]
    public void Ban_without_the_ground_or_the_revocation_date_needs_judgement()
    {
        One(Ban.Value, "ban", "revocation: { revoked_on: 2026-03-10 }\napplication: { submitted_on: 2026-06-01 }").ShouldSatisfyAllConditions(
            r => r.Outcome.ShouldBe(Outcome.NeedsJudgement), r => r.Doubt!.Fact.ShouldBe("revocation.ground"));
        One(Ban.Value, "ban", "revocation: { ground: ground-a }\napplication: { submitted_on: 2026-06-01 }").ShouldSatisfyAllConditions(
            r => r.Outcome.ShouldBe(Outcome.NeedsJudgement), r => r.Doubt!.Fact.ShouldBe("revocation.revoked_on"));
    }

    [Fact]
    public void Ban_is_judged_only_when_a_new_application_is_recorded() =>
        Run(Ban.Value, "ban", "revocation: { ground: ground-a, revoked_on: 2026-03-10 }").ShouldBeEmpty();

    [Theory]
    [InlineData("2026-10-30", Outcome.Fail)] // 4-30 + 6 months = 10-30, still barred
    [InlineData("2026-10-31", Outcome.Pass)]
    public void Ban_in_months_without_grounds_applies_to_every_revocation(string applied, Outcome expected) =>
        One(Ban.Value, "ban-months", $"revocation: {{ revoked_on: 2026-04-30 }}\napplication: {{ submitted_on: {applied} }}")
            .Outcome.ShouldBe(expected);

    [Fact]
    public void Ban_needs_grounds_and_ground_fact_together()
    {
        using var t = new TempPolicies();
        t.AddPack("test", "2024-01-01", new Dictionary<string, string>
        {
            ["revocation"] = """
                - { id: ban, topic: ban, kind: ban, title: 禁止, article: 第一条, unit: years, value: 3, text: 禁止, grounds: [x], from_fact: revocation.revoked_on, date_fact: application.submitted_on }
                """,
        });
        t.Errors().ShouldContain(e => e.Message.Contains("grounds 与 ground_fact 须同时给出"));
    }

    [Fact]
    public void Ban_rejects_units_other_than_years_and_months()
    {
        using var t = new TempPolicies();
        t.AddPack("test", "2024-01-01", new Dictionary<string, string>
        {
            ["revocation"] = """
                - { id: ban, topic: ban, kind: ban, title: 禁止, article: 第一条, unit: working_days, value: 3, text: 禁止, from_fact: revocation.revoked_on, date_fact: application.submitted_on }
                """,
        });
        t.Errors().ShouldContain(e => e.Message.Contains("unit 应为 years/months"));
    }

    private static readonly Lazy<PolicyPack> Schedule = new(() => TempPolicies.PackWith("evaluation", """
        - id: schedule
          topic: kinds
          kind: evaluation_schedule
          title: 各年度开展的评价
          article: 第二十三条
          cycle_years: 3
          at_cycle_end: 综合绩效评价
          at_milestone: 阶段绩效评价
          otherwise: 自评价
          approved_fact: center.approved_on
          year_fact: evaluation.year
          milestone_fact: evaluation.funding_milestone
        """));

    [Theory]
    [InlineData("2024-09-01", 2026, false, "自评价")]
    [InlineData("2024-09-01", 2027, false, "综合绩效评价")] // 批复期满3年
    [InlineData("2024-09-01", 2028, false, "自评价")]
    [InlineData("2024-09-01", 2030, false, "综合绩效评价")] // the second cycle ends
    [InlineData("2024-09-01", 2026, true, "阶段绩效评价")]
    [InlineData("2024-09-01", 2027, true, "综合绩效评价")] // the cycle end wins over a milestone
    [InlineData("2024-01-01", 2027, false, "综合绩效评价")]
    [InlineData("2024-12-31", 2027, false, "综合绩效评价")]
    [InlineData("2024-09-01", 2024, false, "自评价")]
    public void Schedule_gives_the_evaluation_of_the_year(string approved, int year, bool milestone, string expected)
    {
        var r = One(Schedule.Value, "schedule", $"center: {{ approved_on: {approved} }}\nevaluation: {{ year: {year}, funding_milestone: {milestone.ToString().ToLowerInvariant()} }}");
        r.Outcome.ShouldBe(Outcome.Pass);
        r.Value.ShouldBe(expected);
        r.Article.ShouldBe("第二十三条");
    }

    [Fact]
    public void Schedule_message_explains_the_cycle_end() =>
        One(Schedule.Value, "schedule", "center: { approved_on: 2024-09-01 }\nevaluation: { year: 2027, funding_milestone: false }")
            .Message.ShouldBe("2024-09-01 批复，2027-09-01 批复期满3年，依第二十三条2027年开展综合绩效评价");

    [Fact]
    public void Schedule_needs_judgement_without_the_milestone_or_the_approval_date_or_before_approval()
    {
        One(Schedule.Value, "schedule", "center: { approved_on: 2024-09-01 }\nevaluation: { year: 2026 }").ShouldSatisfyAllConditions(
            r => r.Outcome.ShouldBe(Outcome.NeedsJudgement), r => r.Doubt!.Fact.ShouldBe("evaluation.funding_milestone"));
        One(Schedule.Value, "schedule", "evaluation: { year: 2026, funding_milestone: false }").ShouldSatisfyAllConditions(
            r => r.Outcome.ShouldBe(Outcome.NeedsJudgement), r => r.Doubt!.Fact.ShouldBe("center.approved_on"));
        One(Schedule.Value, "schedule", "center: { approved_on: 2024-09-01 }\nevaluation: { year: 2023, funding_milestone: false }")
            .Outcome.ShouldBe(Outcome.NeedsJudgement);
    }

    [Fact]
    public void Schedule_is_judged_only_for_a_given_year() =>
        Run(Schedule.Value, "schedule", "center: { approved_on: 2024-09-01 }").ShouldBeEmpty();

    [Fact]
    public void Schedule_cycle_end_in_year()
    {
        var rule = Schedule.Value.Rules.OfType<EvaluationScheduleRule>().Single();
        rule.CycleEndIn(new DateOnly(2024, 9, 1), 2027).ShouldBe(new DateOnly(2027, 9, 1));
        rule.CycleEndIn(new DateOnly(2024, 9, 1), 2029).ShouldBeNull();
        rule.CycleEndIn(new DateOnly(2024, 9, 1), 2033).ShouldBe(new DateOnly(2033, 9, 1));
    }

    private static readonly Lazy<PolicyPack> Joint = new(() => TempPolicies.PackWith("eligibility", """
        - id: agreement
          topic: agreement
          kind: flag
          title: 联合建设协议书
          article: 第八条第五项
          applies_when: [{ fact: co_builders, bound: 不少于, value: 1 }]
          fact: agreement.exists
          text: 多个单位联合建设的应当有联合建设协议书
        """));

    [Fact]
    public void Count_condition_on_a_list_applies_from_one_item()
    {
        One(Joint.Value, "agreement", "co_builders: [{ name: 甲, type: enterprise }]\nagreement: { exists: false }").Outcome.ShouldBe(Outcome.Fail);
        One(Joint.Value, "agreement", "co_builders: [{ name: 甲, type: enterprise }]\nagreement: { exists: true }").Outcome.ShouldBe(Outcome.Pass);
    }

    [Fact]
    public void Count_condition_on_an_empty_list_does_not_apply() =>
        Run(Joint.Value, "agreement", "co_builders: []\nagreement: { exists: false }").ShouldBeEmpty();

    [Fact]
    public void Count_condition_on_an_empty_json_list_does_not_apply() =>
        Joint.Value.Evaluate(Facts.FromJson("""{ "co_builders": [], "agreement": { "exists": false } }""", Catalogs.Repo.Vocabulary), null, ["agreement"])
            .Reasons.ShouldBeEmpty();

    [Fact]
    public void Count_condition_without_the_list_needs_judgement() =>
        One(Joint.Value, "agreement", "agreement: { exists: false }").Outcome.ShouldBe(Outcome.NeedsJudgement);

    [Fact]
    public void Count_condition_is_described_with_its_bound()
    {
        var rule = Joint.Value.Rules.Single(r => r.Id == "agreement");
        Condition.DescribeAll(rule.AppliesWhen, Catalogs.Repo.Vocabulary).ShouldBe("共建单位不少于1家");
    }

    [Fact]
    public void Count_condition_is_refused_on_a_text_fact()
    {
        using var t = new TempPolicies();
        t.AddPack("test", "2024-01-01", new Dictionary<string, string>
        {
            ["eligibility"] = """
                - { id: x, topic: agreement, kind: flag, title: 协议, article: 第一条, applies_when: [{ fact: application.center_name, bound: 不少于, value: 1 }], fact: agreement.exists, text: 协议 }
                """,
        });
        t.Errors().ShouldContain(e => e.Message.Contains("不是数值或列表"));
    }
}
