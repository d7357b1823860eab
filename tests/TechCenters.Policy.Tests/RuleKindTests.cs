using TechCenters.Policy.Rules;

namespace TechCenters.Policy.Tests;

/// <summary>Each rule kind on both sides of its bound, through a real (temporary) pack.</summary>
public class RuleKindTests
{
    private static Reason One(PolicyPack pack, string id, string factsYaml)
    {
        var verdict = pack.Evaluate(Facts.FromYaml(factsYaml, Catalogs.Repo.Vocabulary), null, [id]);
        return verdict.Reasons.ShouldHaveSingleItem();
    }

    private static readonly Lazy<PolicyPack> Threshold = new(() => TempPolicies.PackWith("eligibility", """
        - id: staff
          topic: people
          kind: threshold
          title: 研发人员
          article: 第八条第6项
          fact: team.rd_staff
          bound: 不少于
          value: 10
        - id: area
          topic: facilities
          kind: threshold
          title: 研发场地面积
          article: 第八条第7项
          fact: facilities.lab_area_m2
          bound: 以上
          value: 500
          relaxations:
            - when: [{ fact: lead.software_industry, is: true }]
              judgement: 适当
              article: 第八条第7项
              note: 从事软件研究开发等特殊行业的可适当低于以上标准
        - id: debt
          topic: lead_unit
          kind: threshold
          title: 资产负债率
          article: 三（三）2
          applies_when: [{ fact: lead.type, equals: enterprise }]
          fact: lead.debt_to_asset_ratio_last_year
          bound: 低于
          value: 70%
        - id: independent
          topic: legal_form
          kind: flag
          title: 独立法人
          article: 第八条第1项
          fact: lead.independent_legal_person
          text: 依托单位应是独立法人
        - id: leader
          topic: lead_unit
          kind: flag
          title: 龙头企业
          article: 第十条第2项
          fact: lead.industry_leader
          text: 行业龙头骨干企业
          judgement: 重大
        - id: with-enterprises
          topic: university_lead
          kind: co_builders
          title: 与区内企业共建
          article: 三（三）2
          applies_when: [{ fact: lead.type, in: [university, research_institute] }]
          types: [enterprise]
          regions: [local]
          bound: 以上
          value: 2
        - id: core-max
          topic: co_builders
          kind: co_builders
          title: 核心共建单位
          article: 附件签章页
          core: true
          bound: 不超过
          value: 5
        - id: own-share
          topic: agreement
          kind: threshold
          title: 依托单位自身占比
          article: 第九条第八项
          fact: agreement.host_own_share
          bound: 以上
          value: 60%
        """));

    [Theory]
    [InlineData(10, Outcome.Pass)]
    [InlineData(9, Outcome.Fail)]
    [InlineData(11, Outcome.Pass)]
    public void Threshold_includes_the_figure_for_不少于(int staff, Outcome expected) =>
        One(Threshold.Value, "staff", $"team: {{ rd_staff: {staff} }}").Outcome.ShouldBe(expected);

    [Fact]
    public void Threshold_reason_names_rule_article_required_and_actual()
    {
        var r = One(Threshold.Value, "staff", "team: { rd_staff: 9 }");
        r.RuleId.ShouldBe("staff");
        r.Article.ShouldBe("第八条第6项");
        r.Required.ShouldBe("不少于10人");
        r.Actual.ShouldBe("9人");
        r.Message.ShouldBe("研发人员 9人，低于第八条第6项要求的 10人");
    }

    [Fact]
    public void Missing_fact_needs_judgement_and_says_which() =>
        One(Threshold.Value, "staff", "{}").ShouldSatisfyAllConditions(
            r => r.Outcome.ShouldBe(Outcome.NeedsJudgement),
            r => r.Doubt!.Fact.ShouldBe("team.rd_staff"), r => r.Message.ShouldContain("未提供“研发人员数”"), r => r.Message.ShouldNotContain("team.rd_staff"));

    [Theory]
    [InlineData(500, false, Outcome.Pass)]
    [InlineData(499, false, Outcome.Fail)]
    [InlineData(300, true, Outcome.NeedsJudgement)]
    [InlineData(600, true, Outcome.Pass)]
    public void Judgement_relaxation_turns_a_shortfall_into_an_officers_call(int area, bool software, Outcome expected)
    {
        var r = One(Threshold.Value, "area", $"facilities: {{ lab_area_m2: {area} }}\nlead: {{ software_industry: {software.ToString().ToLowerInvariant()} }}");
        r.Outcome.ShouldBe(expected);
        if (expected == Outcome.NeedsJudgement) r.Message.ShouldContain("可适当低于以上标准");
    }

    [Theory]
    [InlineData("70%", Outcome.Fail)]
    [InlineData("69.9%", Outcome.Pass)]
    [InlineData("0.7", Outcome.Fail)]
    public void 低于_excludes_the_figure(string ratio, Outcome expected) =>
        One(Threshold.Value, "debt", $"lead: {{ type: enterprise, debt_to_asset_ratio_last_year: {ratio} }}").Outcome.ShouldBe(expected);

    [Fact]
    public void Rules_that_do_not_apply_give_no_reason()
    {
        var verdict = Threshold.Value.Evaluate(Facts.FromYaml("lead: { type: university }"), null, ["debt"]);
        verdict.Reasons.ShouldBeEmpty();
        verdict.Outcome.ShouldBe(Outcome.Pass);
    }

    [Theory]
    [InlineData(true, Outcome.Pass)]
    [InlineData(false, Outcome.Fail)]
    public void Flag_must_hold(bool value, Outcome expected) =>
        One(Threshold.Value, "independent", $"lead: {{ independent_legal_person: {value.ToString().ToLowerInvariant()} }}").Outcome.ShouldBe(expected);

    [Fact]
    public void Judgement_flag_never_fails_outright() =>
        One(Threshold.Value, "leader", "lead: { industry_leader: false }").Outcome.ShouldBe(Outcome.NeedsJudgement);

    [Theory]
    [InlineData(2, Outcome.Pass)]
    [InlineData(1, Outcome.Fail)]
    public void Co_builders_are_counted_by_type_and_region(int localEnterprises, Outcome expected)
    {
        var list = string.Concat(Enumerable.Range(0, localEnterprises).Select(i => $"\n  - {{ name: 企业{i}, type: enterprise, region: local }}"));
        var facts = $"lead: {{ type: university }}\nco_builders:{list}\n  - {{ name: 外地企业, type: enterprise, region: domestic }}\n  - {{ name: 本地高校, type: university, region: local }}";
        One(Threshold.Value, "with-enterprises", facts).Outcome.ShouldBe(expected);
    }

    [Theory]
    [InlineData(5, Outcome.Pass)]
    [InlineData(6, Outcome.Fail)]
    public void Core_co_builders_at_most(int core, Outcome expected)
    {
        var list = string.Concat(Enumerable.Range(0, core).Select(i => $"\n  - {{ name: 单位{i}, type: enterprise, region: local, core: true }}"));
        One(Threshold.Value, "core-max", $"co_builders:{list}\n  - {{ name: 非核心, type: enterprise, core: false }}").Outcome.ShouldBe(expected);
    }

    [Theory]
    [InlineData("60%", Outcome.Pass)]
    [InlineData("59.99%", Outcome.Fail)]
    public void 以上_includes_the_figure_for_shares(string share, Outcome expected) =>
        One(Threshold.Value, "own-share", $"agreement: {{ host_own_share: {share} }}").Outcome.ShouldBe(expected);

    private static readonly Lazy<PolicyPack> Ratio = new(() => TempPolicies.PackWith("eligibility", """
        - id: rd
          topic: lead_unit
          kind: ratio
          title: 研发投入占销售收入比例
          article: 第十条第2项
          numerator: lead.rd_expense_last_year
          denominator: lead.sales_revenue_last_year
          bound: 不低于
          value: 3%
          relaxations:
            - when: [{ fact: lead.main_revenue_last_year, bound: 及以上, value: 200000000 }]
              value: 2%
              article: 第十条第2项
        """));

    [Theory]
    [InlineData(3, 100, 100, Outcome.Pass)]
    [InlineData(2.99, 100, 100, Outcome.Fail)]
    [InlineData(2, 100, 200, Outcome.Pass)]        // 主营收入恰为2亿元：放宽至2%
    [InlineData(2, 100, 199.99, Outcome.Fail)]     // 不足2亿元：不放宽
    [InlineData(1.99, 100, 300, Outcome.Fail)]
    public void Ratio_with_conditional_relaxation(double rdMillion, double salesMillion, double mainRevenueMillion, Outcome expected)
    {
        var facts = Facts.From([
            new("lead.rd_expense_last_year", (decimal)rdMillion * 1_000_000m),
            new("lead.sales_revenue_last_year", (decimal)salesMillion * 1_000_000m),
            new("lead.main_revenue_last_year", (decimal)mainRevenueMillion * 1_000_000m),
        ]);
        Ratio.Value.Evaluate(facts).Reasons.ShouldHaveSingleItem().Outcome.ShouldBe(expected);
    }

    [Fact]
    public void Ratio_message_reads_like_the_regulation()
    {
        var facts = Facts.FromYaml("lead: { rd_expense_last_year: 2400000, sales_revenue_last_year: 100000000, main_revenue_last_year: 100000000 }");
        var r = Ratio.Value.Evaluate(facts).Reasons.Single();
        r.Message.ShouldBe("研发投入占销售收入比例 2.4%，低于第十条第2项要求的 3%");
        r.Required.ShouldBe("不低于3%");
        r.Actual.ShouldBe("2.4%");
    }

    [Fact]
    public void Ratio_over_zero_needs_judgement() =>
        Ratio.Value.Evaluate(Facts.FromYaml("lead: { rd_expense_last_year: 1, sales_revenue_last_year: 0 }")).Outcome.ShouldBe(Outcome.NeedsJudgement);

    private static readonly Lazy<PolicyPack> Bodies = new(() => TempPolicies.PackWith("governance", """
        - { id: size, topic: decision_body, kind: body_size, title: 理事会人数, article: 附2, body: council, limits: [{ bound: 不少于, value: 5 }, { bound: 不超过, value: 9 }] }
        - { id: builders, topic: advisory_body, kind: body_share, title: 建设单位人员占比, article: 第十二条, body: technical_guidance_committee, label: 牵头和共建单位人员, of: [lead, co_builder], bound: 不超过, value: 1/3 }
        - { id: chair, topic: advisory_body, kind: body_chair, title: 主任来源, article: 第十二条, body: technical_guidance_committee, not_from: [lead, co_builder], strength: must, text: 主任应由非牵头单位、共建单位的专家担任 }
        - { id: chair-should, topic: advisory_body, kind: body_chair, title: 主任来源, article: 第十三条, body: expert_committee, not_from: [lead], strength: should, text: 主任一般应由非牵头单位的人员担任 }
        - { id: meetings, topic: advisory_body, kind: body_meetings, title: 会议, article: 第十五条, body: technical_guidance_committee, bound: 至少, value: 1 }
        - { id: majority, topic: decision_body, kind: body_majority, title: 表决, article: 附2, body: council, bound: 以上, value: 2/3 }
        """));

    [Theory]
    [InlineData(4, Outcome.Fail)]
    [InlineData(5, Outcome.Pass)]
    [InlineData(9, Outcome.Pass)]
    [InlineData(10, Outcome.Fail)]
    public void Body_size_range_includes_both_ends(int members, Outcome expected) =>
        One(Bodies.Value, "size", $"bodies: {{ council: {{ members: {{ lead: {members} }} }} }}").Outcome.ShouldBe(expected);

    [Theory]
    [InlineData(3, 6, Outcome.Pass)]   // 3/9 = 1/3 exactly: 不超过 includes it
    [InlineData(4, 6, Outcome.Fail)]
    [InlineData(1, 2, Outcome.Pass)]
    public void Body_share_不超过_one_third(int builders, int external, Outcome expected) =>
        One(Bodies.Value, "builders", $"bodies: {{ technical_guidance_committee: {{ members: {{ lead: {builders}, external: {external} }} }} }}").Outcome.ShouldBe(expected);

    [Theory]
    [InlineData("external", Outcome.Pass)]
    [InlineData("co_builder", Outcome.Fail)]
    public void Chair_must_come_from_outside(string chair, Outcome expected) =>
        One(Bodies.Value, "chair", $"bodies: {{ technical_guidance_committee: {{ chair: {chair} }} }}").Outcome.ShouldBe(expected);

    [Fact]
    public void Chair_should_rule_breach_needs_judgement() =>
        One(Bodies.Value, "chair-should", "bodies: { expert_committee: { chair: lead } }").Outcome.ShouldBe(Outcome.NeedsJudgement);

    [Theory]
    [InlineData(0, Outcome.Fail)]
    [InlineData(1, Outcome.Pass)]
    public void Meetings_at_least_once_a_year(int n, Outcome expected) =>
        One(Bodies.Value, "meetings", $"bodies: {{ technical_guidance_committee: {{ meetings_last_year: {n} }} }}").Outcome.ShouldBe(expected);

    [Theory]
    [InlineData("2/3", Outcome.Pass)]
    [InlineData("66%", Outcome.Fail)]
    public void Majority_2_3_以上_includes_two_thirds(string share, Outcome expected) =>
        One(Bodies.Value, "majority", $"bodies: {{ council: {{ major_decision_approval: {share} }} }}").Outcome.ShouldBe(expected);

    private static readonly Lazy<PolicyPack> Evaluation = new(() => TempPolicies.PackWith("evaluation", """
        - id: bands
          topic: grade_bands
          kind: grade_bands
          title: 评估结果
          article: 第二十八条
          fact: evaluation.score
          bands:
            - { grade: 优秀, min: 90, min_bound: （含）以上, article: 第二十八条第一项 }
            - { grade: 合格, min: 60, min_bound: 不低于, max: 90, max_bound: 低于, article: 第二十八条第二项 }
            - { grade: 不合格, max: 60, max_bound: 低于, article: 第二十八条第三项 }
        - id: quota
          topic: quota
          kind: quota
          title: 优秀名额
          article: 第二十三条
          grade: 优秀
          bound: 不超过
          value: 20%
          total_fact: evaluation.cohort_size
          count_fact: evaluation.cohort_excellent
        - { id: poor, topic: consequences, kind: consequence, title: 较差, article: 第二十三条, grade: 较差, rectification: { months: 6, bound: 不超过 }, revoke_if_unrectified: true }
        - { id: fail, topic: consequences, kind: consequence, title: 不合格, article: 第三十条, grade: 不合格, revoke: true, ban_years: 3 }
        - { id: excellent, topic: consequences, kind: consequence, title: 优秀, article: 五3, grade: 优秀, next_cycle: true, funds_yuan: 2000000 }
        """));

    [Theory]
    [InlineData(100, "优秀")]
    [InlineData(90, "优秀")]
    [InlineData(89.99, "合格")]
    [InlineData(60, "合格")]
    [InlineData(59.99, "不合格")]
    [InlineData(0, "不合格")]
    public void Grade_bands_as_written(double score, string grade)
    {
        var r = One(Evaluation.Value, "bands", $"evaluation: {{ score: {score} }}");
        r.Value.ShouldBe(grade);
        ((GradeBandsRule)Evaluation.Value.Rule("bands")!).BandFor((decimal)score)!.Grade.ShouldBe(grade);
    }

    [Theory]
    [InlineData(10, 2, Outcome.Pass)]
    [InlineData(10, 3, Outcome.Fail)]
    [InlineData(5, 1, Outcome.Pass)]
    [InlineData(4, 1, Outcome.Fail)]
    public void Quota_不超过_20_percent(int total, int excellent, Outcome expected) =>
        One(Evaluation.Value, "quota", $"evaluation: {{ cohort_size: {total}, cohort_excellent: {excellent} }}").Outcome.ShouldBe(expected);

    [Theory]
    [InlineData(10, 2)]
    [InlineData(4, 0)]
    [InlineData(5, 1)]
    [InlineData(14, 2)]
    public void Quota_gives_the_most_allowed(int total, int max) =>
        ((QuotaRule)Evaluation.Value.Rule("quota")!).MaxAllowed(total).ShouldBe(max);

    [Fact]
    public void Consequences_follow_the_grade()
    {
        One(Evaluation.Value, "fail", "evaluation: { grade: 不合格 }").ShouldSatisfyAllConditions(
            r => r.Outcome.ShouldBe(Outcome.Fail), r => r.Value!.ShouldContain("3年内不得再行申报"));
        One(Evaluation.Value, "poor", "evaluation: { grade: 较差 }").ShouldSatisfyAllConditions(
            r => r.Outcome.ShouldBe(Outcome.NeedsJudgement), r => r.Value!.ShouldContain("不超过6个月"));
        One(Evaluation.Value, "excellent", "evaluation: { grade: 优秀 }").ShouldSatisfyAllConditions(
            r => r.Outcome.ShouldBe(Outcome.Pass), r => r.Value!.ShouldContain("200万元"));
        Evaluation.Value.Evaluate(Facts.FromYaml("evaluation: { grade: 良好 }"), null, ["fail", "poor", "excellent"]).Reasons.ShouldBeEmpty();
    }

    private static readonly Lazy<PolicyPack> Process = new(() => TempPolicies.PackWith("process", """
        - { id: notice, topic: public_notice, kind: period, title: 公示期, article: 第九条第4项, unit: working_days, bound: 不少于, value: 5, event: 公示, fact: public_notice.working_days }
        - { id: name, topic: naming, kind: naming, title: 命名, article: 第二十六条, prefix: 重庆市万州区, suffix: 技术创新中心, pattern: 重庆市万州区XXX技术创新中心, fact: application.center_name }
        - { id: subsidy, topic: subsidy, kind: amount, title: 补助, article: 第九条第4项, bound: 最高, value_yuan: 200000, text: 认定补助, fact: approval.subsidy_yuan }
        - { id: panel, topic: expert_panel, kind: list, title: 专家组构成, article: 第九条第3项, items: [technical, management, finance], fact: expert_panel.expertise }
        - { id: panel-size, topic: expert_panel, kind: threshold, title: 专家组人数, article: 第九条第3项, fact: expert_panel.size, bound: 不少于, value: 5, judgement: 原则上 }
        """));

    [Theory]
    [InlineData(4, Outcome.Fail)]
    [InlineData(5, Outcome.Pass)]
    [InlineData(7, Outcome.Pass)]
    public void Working_day_period_不少于_5(int days, Outcome expected) =>
        One(Process.Value, "notice", $"public_notice: {{ working_days: {days} }}").Outcome.ShouldBe(expected);

    [Theory]
    [InlineData("重庆市万州区智能装备技术创新中心", Outcome.Pass)]
    [InlineData("万州区智能装备技术创新中心", Outcome.Fail)]
    [InlineData("重庆市万州区智能装备研究中心", Outcome.Fail)]
    public void Naming_pattern(string name, Outcome expected) =>
        One(Process.Value, "name", $"application: {{ center_name: {name} }}").Outcome.ShouldBe(expected);

    [Theory]
    [InlineData(200000, Outcome.Pass)]
    [InlineData(200001, Outcome.Fail)]
    public void Amount_最高_includes_the_figure(int yuan, Outcome expected) =>
        One(Process.Value, "subsidy", $"approval: {{ subsidy_yuan: {yuan} }}").Outcome.ShouldBe(expected);

    [Fact]
    public void List_requires_every_item()
    {
        One(Process.Value, "panel", "expert_panel: { expertise: [technical, management, finance] }").Outcome.ShouldBe(Outcome.Pass);
        var r = One(Process.Value, "panel", "expert_panel: { expertise: [technical, management] }");
        r.Outcome.ShouldBe(Outcome.Fail);
        r.Message.ShouldContain("缺少财务专家");
    }

    [Fact]
    public void Event_rules_are_not_judged_without_their_event() =>
        Process.Value.Evaluate(Facts.Empty, null, ["notice", "subsidy"]).Reasons.ShouldBeEmpty();

    [Fact]
    public void Period_end_dates()
    {
        using var t = new TempPolicies();
        var pack = TempPolicies.PackWith("revocation", """
            - { id: rect, topic: rectification, kind: period, title: 整改期, article: 第二十六条, unit: months, value: 12, event: 整改 }
            """);
        ((PeriodRule)pack.Rule("rect")!).EndAfter(new DateOnly(2025, 3, 31)).ShouldBe(new DateOnly(2026, 3, 31));
    }

    private static readonly Lazy<PolicyPack> Reporting = new(() => TempPolicies.PackWith("reporting", """
        - { id: due, topic: due_date, kind: deadline, title: 年报期限, article: 第十九条, month: 1, day: 30, word: 前, year: following, event: 年度报告, date_fact: annual_report.submitted_on, year_fact: annual_report.year }
        - { id: due-end, topic: content, kind: deadline, title: 自评价期限, article: 第二十四条, month: 1, day: end, word: 底前, year: following, event: 自评价报告, date_fact: annual_report.submitted_on, year_fact: annual_report.year }
        - id: chain
          topic: review_chain
          kind: review_chain
          title: 审核
          article: 第十九条
          steps: [lead_unit, co_builders, department, bureau]
          alternatives:
            - when: [{ fact: lead.reports_to_bureau_directly, is: true }]
              steps: [lead_unit, co_builders, bureau]
              article: 第十九条
        """));

    [Theory]
    [InlineData("2026-01-30", Outcome.Pass)]
    [InlineData("2026-01-31", Outcome.Fail)]
    [InlineData("2025-12-15", Outcome.Pass)]
    public void Deadline_前_includes_the_day(string submitted, Outcome expected) =>
        One(Reporting.Value, "due", $"annual_report: {{ year: 2025, submitted_on: {submitted} }}").Outcome.ShouldBe(expected);

    [Theory]
    [InlineData("2024-01-31", Outcome.Pass)]
    [InlineData("2024-02-01", Outcome.Fail)]
    public void Deadline_月底前_is_the_last_day_of_the_month(string submitted, Outcome expected) =>
        One(Reporting.Value, "due-end", $"annual_report: {{ year: 2023, submitted_on: {submitted} }}").Outcome.ShouldBe(expected);

    /// <summary>Bug 0335: a report year the calendar cannot hold (annual_report.year: 100000000) threw out of the pure rule
    /// (DateOnly's range) instead of giving a verdict. Both sides of each bound: 9998 is the last year whose following year
    /// has a due date; 1 the first year.</summary>
    [Theory]
    [InlineData("9998", "9999-01-30", Outcome.Pass)]
    [InlineData("9999", "9999-01-30", Outcome.NeedsJudgement)]
    [InlineData("100000000", "2026-01-30", Outcome.NeedsJudgement)]
    [InlineData("1", "0002-01-30", Outcome.Pass)]
    [InlineData("0", "2026-01-30", Outcome.NeedsJudgement)]
    [InlineData("-5", "2026-01-30", Outcome.NeedsJudgement)]
    [InlineData("2025.5", "2026-01-30", Outcome.NeedsJudgement)]
    public void Bug_0335_a_year_the_calendar_cannot_hold_is_a_doubt_not_a_crash(string year, string submitted, Outcome expected)
    {
        var reason = One(Reporting.Value, "due", $"annual_report: {{ year: {year}, submitted_on: {submitted} }}");
        reason.Outcome.ShouldBe(expected);
        if (expected == Outcome.NeedsJudgement)
        {
            reason.Doubt.ShouldNotBeNull().Kind.ShouldBe(DoubtKinds.Undefined);
            reason.Message.ShouldContain("不是能推算年度报告期限的年份");
        }
    }

    [Fact]
    public void Review_chain_alternative_skips_a_tier()
    {
        var chain = (ReviewChainRule)Reporting.Value.Rule("chain")!;
        chain.StepsFor(Facts.FromYaml("lead: { reports_to_bureau_directly: true }")).ShouldBe(["lead_unit", "co_builders", "bureau"]);
        chain.StepsFor(Facts.FromYaml("lead: { reports_to_bureau_directly: false }")).ShouldBe(["lead_unit", "co_builders", "department", "bureau"]);
    }

    [Fact]
    public void Ground_fails_only_when_it_occurred()
    {
        var pack = TempPolicies.PackWith("revocation", """
            - { id: fake, topic: grounds, kind: ground, title: 弄虚作假, article: 第二十四条（一）, text: 存在弄虚作假行为的, fact: incidents.false_information, effect: revoke, ban_years: 3 }
            """);
        One(pack, "fake", "incidents: { false_information: true }").ShouldSatisfyAllConditions(
            r => r.Outcome.ShouldBe(Outcome.Fail), r => r.Message.ShouldContain("3年内不得再行申报"));
        One(pack, "fake", "incidents: { false_information: false }").Outcome.ShouldBe(Outcome.Pass);
        pack.Evaluate(Facts.Empty).Reasons.ShouldBeEmpty();
    }

    [Fact]
    public void Every_kind_is_covered_by_these_tests()
    {
        var tested = new[] { Threshold.Value, Ratio.Value, Bodies.Value, Evaluation.Value, Process.Value, Reporting.Value }
            .SelectMany(p => p.Rules).Select(r => r.Kind).ToHashSet();
        tested.UnionWith(["ground", "period", "stages", "absent", "duty", "grades", "signature_pages"]); // tested above, in LoaderTests, SignaturePagesTests and by the packs
        tested.UnionWith(["ground", "period", "stages", "absent", "duty", "grades", "indicators"]); // tested above, in IndicatorsTests, LoaderTests and by the packs
        tested.UnionWith(["ban", "evaluation_schedule"]); // tested in CalendarKindTests
        tested.UnionWith(["defined_values", "application_form"]); // tested in FidelityTests
        tested.UnionWith(["change_kinds"]); // tested in ChangeKindsTests
        PackReaderKinds().Except(tested).ShouldBeEmpty();
    }

    private static IEnumerable<string> PackReaderKinds() => PolicyKinds.Names;
}

public class PeriodEndTests
{
    private static PeriodRule Notice() => (PeriodRule)TempPolicies.PackWith("process", """
        - { id: notice, topic: public_notice, kind: period, title: 公示期, article: 第九条第4项, unit: working_days, value: 5, event: 公示 }
        """).Rule("notice")!;

    [Fact]
    public void Working_day_periods_are_counted_by_the_calendar_given()
    {
        var seen = (DateOnly.MinValue, 0);
        var end = Notice().EndAfter(new DateOnly(2025, 9, 30), (d, n) => { seen = (d, n); return new DateOnly(2025, 10, 15); });
        end.ShouldBe(new DateOnly(2025, 10, 15));
        seen.ShouldBe((new DateOnly(2025, 9, 30), 5));
    }

    [Fact]
    public void An_unpublished_calendar_gives_no_end_date_rather_than_a_guess()
    {
        Notice().EndAfter(new DateOnly(2027, 12, 28), (_, _) => null).ShouldBeNull();
        Notice().EndAfter(new DateOnly(2027, 12, 28)).ShouldBeNull();
    }
}
