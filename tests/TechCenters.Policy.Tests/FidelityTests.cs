using TechCenters.Policy.Calendar;
using TechCenters.Policy.Rules;

namespace TechCenters.Policy.Tests;

/// <summary>
/// Issue 17: doubt is a verdict (undefined values, judgement words with the officer's answer, presumed dates), structured
/// conditions, derived facts, and the regression tests of the misreadings fixed in the five packs (Bug_01NN).
/// </summary>
public class FidelityTests
{
    private static Facts F(string yaml) => Facts.FromYaml(yaml, Catalogs.Repo.Vocabulary);
    private static PolicyPack Pack(string jurisdiction) => Catalogs.Repo.Versions(jurisdiction)[^1];
    private static IReadOnlyList<Reason> Run(PolicyPack pack, string facts, params string[] rules) =>
        pack.Evaluate(F(facts), null, rules).Reasons;

    // ——— doubt: judgement words ———

    [Fact]
    public void A_bare_judgement_flag_is_refused_with_the_words_the_text_may_use()
    {
        using var t = new TempPolicies();
        t.AddPack("test", "2024-01-01", new Dictionary<string, string>
        {
            ["eligibility"] = "- { id: leader, topic: lead_unit, kind: flag, title: 龙头企业, article: 第十条, fact: lead.industry_leader, text: 龙头企业, judgement: true }",
        });
        t.Errors().ShouldHaveSingleItem().Message.ShouldSatisfyAllConditions(m => m.ShouldContain("不能只写 true"), m => m.ShouldContain("原则上"));
    }

    [Fact]
    public void An_unknown_judgement_word_and_the_old_in_principle_key_are_refused()
    {
        using var t = new TempPolicies();
        t.AddPack("test", "2024-01-01", new Dictionary<string, string>
        {
            ["eligibility"] = """
                - { id: a, topic: lead_unit, kind: flag, title: 甲, article: 第十条, fact: lead.industry_leader, text: 甲, judgement: 大概 }
                - { id: b, topic: people, kind: threshold, title: 乙, article: 第十条, fact: team.rd_staff, bound: 不少于, value: 10, in_principle: true }
                """,
        });
        var errors = t.Errors();
        errors.ShouldContain(e => e.Message.Contains("“大概”不是词汇表中的判断用语"));
        errors.ShouldContain(e => e.Message.Contains("judgement: 原则上"));
    }

    private static readonly Lazy<PolicyPack> Judged = new(() => TempPolicies.PackWith("revocation", """
        - { id: fraud, topic: grounds, kind: ground, title: 严重弄虚作假, article: 第三十条第（三）项, text: 严重弄虚作假的, fact: incidents.false_materials, effect: revoke, judgement: 严重 }
        - { id: handle, topic: grounds, kind: ground, title: 评估中弄虚作假, article: 五5, text: 评估中弄虚作假的, fact: incidents.fraud_in_evaluation, effect: handle }
        - id: accident
          topic: grounds
          kind: ground
          title: 重大质量、安全、环境事故
          article: 第三十条第（四）项
          text: 由于技术原因发生重大质量、安全、环境事故的
          when: [{ any_of: [{ fact: incidents.safety_quality_accident, is: true }, { fact: incidents.environmental_accident, is: true }] }]
          effect: revoke
          judgement: [技术原因, 重大]
        """));

    [Fact]
    public void A_judgement_word_turns_a_failure_into_the_officers_call_with_the_word_quoted()
    {
        var r = Run(Judged.Value, "incidents: { false_materials: true }", "fraud").ShouldHaveSingleItem();
        r.Outcome.ShouldBe(Outcome.NeedsJudgement);
        r.Message.ShouldContain("用语“严重”");
        r.Message.ShouldNotContain("judgements."); // the officer reads Chinese; the answer's key travels in the doubt
        r.Doubt.ShouldNotBeNull().ShouldSatisfyAllConditions(
            d => d.Kind.ShouldBe(DoubtKinds.Judgement), d => d.Words!.ShouldBe(["严重"]), d => d.Fact.ShouldBe("judgements.fraud"), d => d.Answer.ShouldBeNull());
        Run(Judged.Value, "incidents: { false_materials: false }", "fraud").ShouldHaveSingleItem().Outcome.ShouldBe(Outcome.Pass);
    }

    [Theory]
    [InlineData("fail", Outcome.Fail)]
    [InlineData("pass", Outcome.Pass)]
    public void The_officers_answer_with_a_reason_decides_and_stays_with_the_verdict(string answer, Outcome expected)
    {
        var r = Run(Judged.Value, $"incidents: {{ false_materials: true }}\njudgements: {{ fraud: {answer} }}\njudgement_reasons: {{ fraud: 伪造检测报告 }}", "fraud")
            .ShouldHaveSingleItem();
        r.Outcome.ShouldBe(expected);
        r.Message.ShouldContain("理由：伪造检测报告");
        r.Doubt.ShouldNotBeNull().ShouldSatisfyAllConditions(d => d.Answer.ShouldBe(answer), d => d.AnswerReason.ShouldBe("伪造检测报告"));
    }

    [Fact]
    public void An_answer_without_a_reason_does_not_decide()
    {
        var r = Run(Judged.Value, "incidents: { false_materials: true }\njudgements: { fraud: fail }", "fraud").ShouldHaveSingleItem();
        r.Outcome.ShouldBe(Outcome.NeedsJudgement);
        r.Message.ShouldContain("判断须附理由");
        r.Message.ShouldNotContain("judgement_reasons.");
    }

    [Fact]
    public void A_ground_whose_consequence_the_text_leaves_to_other_rules_is_undefined_not_passed()
    {
        var r = Run(Judged.Value, "incidents: { fraud_in_evaluation: true }", "handle").ShouldHaveSingleItem();
        r.Outcome.ShouldBe(Outcome.NeedsJudgement);
        r.Doubt!.Kind.ShouldBe(DoubtKinds.Undefined);
        r.Message.ShouldContain("未规定处理结果");
    }

    [Theory]
    [InlineData("safety_quality_accident: true", Outcome.NeedsJudgement)]
    [InlineData("environmental_accident: true", Outcome.NeedsJudgement)]
    [InlineData("safety_quality_accident: false, environmental_accident: false", Outcome.Pass)]
    public void Any_of_joins_the_facts_of_one_ground(string incidents, Outcome expected)
    {
        var r = Run(Judged.Value, $"incidents: {{ {incidents} }}", "accident").ShouldHaveSingleItem();
        r.Outcome.ShouldBe(expected);
        if (expected == Outcome.NeedsJudgement) r.Message.ShouldContain("“技术原因”、“重大”");
    }

    [Fact]
    public void Any_of_with_no_member_holding_and_one_unknown_cannot_decide_so_the_ground_is_not_reported() =>
        Run(Judged.Value, "incidents: { safety_quality_accident: false }", "accident").ShouldBeEmpty(); // a ground is judged only when reported

    // ——— doubt: undefined values ———

    private static readonly Lazy<PolicyPack> Defined = new(() => TempPolicies.PackWith("eligibility", """
        - { id: types, topic: lead_unit, kind: defined_values, title: 依托单位类型, article: 第八条第1项, fact: lead.type, values: [enterprise, university, research_institute], open: true, text: 依托单位应是企业、高校或科研机构等独立法人 }
        - { id: closed, topic: university_lead, kind: defined_values, title: 牵头单位类型, article: 第十条第2项, fact: lead.type, values: [enterprise, university], text: 规定了条件的类型 }
        """));

    [Theory]
    [InlineData("university", "types", Outcome.Pass, null)]
    [InlineData("new_rd_institution", "types", Outcome.NeedsJudgement, "原文以“等”结尾")]
    [InlineData("enterprise", "closed", Outcome.Pass, null)]
    [InlineData("technical_institution", "closed", Outcome.NeedsJudgement, "本办法对此未作规定")]
    public void A_value_the_text_does_not_define_is_undefined_never_passed_or_failed(string type, string rule, Outcome expected, string? says)
    {
        var r = Run(Defined.Value, $"lead: {{ type: {type} }}", rule).ShouldHaveSingleItem();
        r.Outcome.ShouldBe(expected);
        if (says is not null) { r.Message.ShouldContain(says); r.Doubt!.Kind.ShouldBe(DoubtKinds.Undefined); }
    }

    [Fact]
    public void A_grade_word_outside_the_texts_grades_is_undefined()
    {
        var r = Run(Pack("chongqing-wanzhou"), "evaluation: { grade: 合格 }", "grades", "excellent", "poor").ShouldHaveSingleItem();
        r.RuleId.ShouldBe("grades");
        r.Doubt!.Kind.ShouldBe(DoubtKinds.Undefined);
    }

    [Fact]
    public void A_missing_fact_is_a_doubt_that_names_the_fact()
    {
        var r = Run(Defined.Value, "{}", "types").ShouldHaveSingleItem();
        r.Doubt.ShouldBe(new Doubt(DoubtKinds.Missing, "lead.type"));
    }

    // ——— doubt: presumed dates ———

    [Fact]
    public void A_verdict_of_a_version_whose_in_force_date_is_inferred_says_so_with_its_source()
    {
        var v = Pack("hohhot").Evaluate(F("lead: { registered_in_jurisdiction: true }"), null, ["registered-in-city"]);
        v.Presumptions.ShouldNotBeNull().ShouldHaveSingleItem().ShouldSatisfyAllConditions(p => p.ShouldContain("推定"), p => p.ShouldContain("2024-07-18"));
        v.ToLines().ShouldContain(l => l.StartsWith("［推定］"));
        Pack("chongqing-wanzhou").Evaluate(F("{}"), null, ["rd-staff"]).Presumptions.ShouldBeNull(); // 第二十八条 states its date
    }

    [Fact]
    public void A_deadline_whose_day_the_text_does_not_state_is_presumed_and_every_reason_says_so()
    {
        var pack = TempPolicies.PackWith("reporting", """
            - id: due
              topic: due_date
              kind: deadline
              title: 年度报告期限
              article: 第十九条
              month: 1
              day: end
              word: 底前
              year: following
              event: 年度报告
              date_fact: annual_report.submitted_on
              year_fact: annual_report.year
              presumed: 原文“每年年初报送”未写日期，取1月底；依局发通知（示例）
            """);
        var late = pack.Evaluate(F("annual_report: { year: 2025, submitted_on: 2026-02-01 }"), null, ["due"]).Reasons.ShouldHaveSingleItem();
        late.Outcome.ShouldBe(Outcome.Fail);
        late.Presumed.ShouldNotBeNull().ShouldContain("每年年初");
        late.Message.ShouldContain("该日期为推定");
        var onTime = pack.Evaluate(F("annual_report: { year: 2025, submitted_on: 2026-01-31 }"), null, ["due"]).Reasons.ShouldHaveSingleItem();
        onTime.Outcome.ShouldBe(Outcome.Pass);
        onTime.Presumed.ShouldNotBeNull();
        pack.Explain().ShouldContain(l => l.Contains("［推定："));
        Pack("xpcc-12th-division").Evaluate(F("annual_report: { year: 2025, submitted_on: 2026-01-31 }"), null, ["annual-report-due"])
            .Reasons.ShouldHaveSingleItem().Presumed.ShouldBeNull(); // 第十九条 states 1月31日
    }

    // ——— conditions ———

    private static readonly Lazy<PolicyPack> Conditions = new(() => TempPolicies.PackWith("eligibility", """
        - id: status
          topic: record
          kind: flag
          title: 已认定或筹建中的中心
          article: 第十九条
          applies_when: [{ any_of: [{ fact: center.status, equals: recognized }, { fact: center.status, equals: preparing }] }]
          fact: lead.good_reputation
          text: 信誉良好
        - id: leading-co-builder
          topic: co_builders
          kind: flag
          title: 有科技领军企业共建
          article: 第九条
          applies_when: [{ fact: co_builders, where: [{ field: type, equals: enterprise }, { field: tech_leading_enterprise, is: true }], bound: 不少于, value: 1 }]
          fact: agreement.exists
          text: 与科技领军企业签订共建协议
        - id: exactly-one
          topic: legal_form
          kind: flag
          title: 法人形态二者居一
          article: 第十条第1项
          applies_when: [{ one_of: [{ fact: lead.independent_legal_person, is: true }, { fact: lead.relatively_independent_management, is: true }] }]
          fact: lead.registered_in_jurisdiction
          text: 在辖区注册
        """));

    [Theory]
    [InlineData("recognized", true)]
    [InlineData("preparing", true)]
    [InlineData("revoked", false)]
    public void Any_of_holds_when_one_member_holds(string status, bool applies) =>
        Run(Conditions.Value, $"center: {{ status: {status} }}\nlead: {{ good_reputation: true }}", "status").Count.ShouldBe(applies ? 1 : 0);

    [Theory]
    [InlineData("[{ name: 甲, type: enterprise, tech_leading_enterprise: true }]", 1)]
    [InlineData("[{ name: 甲, type: enterprise, tech_leading_enterprise: false }, { name: 乙, type: university, tech_leading_enterprise: true }]", 0)]
    [InlineData("[{ name: 甲, type: enterprise }]", 0)]
    public void Where_counts_only_the_list_items_whose_attributes_match(string coBuilders, int reasons) =>
        Run(Conditions.Value, $"co_builders: {coBuilders}\nagreement: {{ exists: true }}", "leading-co-builder").Count.ShouldBe(reasons);

    [Theory]
    [InlineData("independent_legal_person: true, relatively_independent_management: false", 1)]
    [InlineData("independent_legal_person: true, relatively_independent_management: true", 0)]
    [InlineData("independent_legal_person: false, relatively_independent_management: false", 0)]
    public void One_of_holds_when_exactly_one_member_holds(string lead, int reasons) =>
        Run(Conditions.Value, $"lead: {{ {lead}, registered_in_jurisdiction: true }}", "exactly-one").Count.ShouldBe(reasons);

    [Fact]
    public void Structured_conditions_read_in_explain()
    {
        var lines = Conditions.Value.Explain();
        lines.ShouldContain(l => l.Contains("适用条件：（创新中心状态为已认定或创新中心状态为筹建中）"));
        lines.ShouldContain(l => l.Contains("单位类型为企业且科技领军企业的共建单位不少于1家"));
        lines.ShouldContain(l => l.Contains("中恰有一项"));
    }

    [Fact]
    public void Malformed_conditions_are_refused_with_chinese_messages()
    {
        using var t = new TempPolicies();
        t.AddPack("test", "2024-01-01", new Dictionary<string, string>
        {
            ["eligibility"] = """
                - { id: a, topic: record, kind: flag, title: 甲, article: 第一条, applies_when: [{ any_of: [{ fact: lead.type, equals: enterprise }] }], fact: lead.good_reputation, text: 甲 }
                - { id: b, topic: people, kind: flag, title: 乙, article: 第一条, applies_when: [{ fact: co_builders, where: [{ field: colour, equals: red }], bound: 不少于, value: 1 }], fact: team.stable, text: 乙 }
                - { id: c, topic: facilities, kind: flag, title: 丙, article: 第一条, applies_when: [{ fact: lead.type, where: [{ field: type, equals: enterprise }], bound: 不少于, value: 1 }], fact: facilities.adequate, text: 丙 }
                """,
        });
        var errors = t.Errors().Select(e => e.Message).ToList();
        errors.ShouldContain(m => m.Contains("any_of 至少须列出 2 个条件"));
        errors.ShouldContain(m => m.Contains("没有字段“colour”"));
        errors.ShouldContain(m => m.Contains("where 只能用于列表事实"));
    }

    // ——— derived facts ———

    [Fact]
    public void The_debt_ratio_is_computed_from_liabilities_and_assets_with_its_formula_and_article()
    {
        var r = Run(Pack("xinjiang"), "lead: { type: enterprise, total_liabilities_last_year: 31000000, total_assets_last_year: 50000000 }", "enterprise-debt-ratio")
            .ShouldHaveSingleItem();
        r.Outcome.ShouldBe(Outcome.Pass);
        r.Actual.ShouldBe("62%");
        r.Article.ShouldBe("三（三）2");
        r.Derived.ShouldNotBeNull().ShouldHaveSingleItem().ShouldBe("申报前1年度资产负债率 = 申报前1年度负债总额 ÷ 申报前1年度资产总额：3100万元 ÷ 5000万元 = 62%");
        r.Message.ShouldContain("3100万元 ÷ 5000万元");
    }

    [Theory]
    [InlineData("62%")]
    [InlineData("0.62")]
    [InlineData("62.0%")]
    public void A_typed_ratio_that_agrees_with_its_figures_to_the_precision_typed_is_accepted(string typed) =>
        F($"lead: {{ total_liabilities_last_year: 31000000, total_assets_last_year: 50000000, debt_to_asset_ratio_last_year: \"{typed}\" }}")
            .Paths.ShouldContain("lead.debt_to_asset_ratio_last_year");

    [Fact]
    public void A_typed_ratio_that_contradicts_the_figures_it_derives_from_is_refused_in_chinese()
    {
        var e = Should.Throw<FactsException>(() =>
            F("lead: { total_liabilities_last_year: 31000000, total_assets_last_year: 50000000, debt_to_asset_ratio_last_year: 55% }"));
        e.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            m => m.ShouldContain("“申报前1年度资产负债率”填报为 55%"), m => m.ShouldContain("62%"), m => m.ShouldContain("两者不一致"));
    }

    [Theory]
    [InlineData("2024-01-01", "2026-12-31", Outcome.Pass)]   // both days counted: exactly 3 years
    [InlineData("2024-01-01", "2026-12-30", Outcome.Fail)]   // one day short
    [InlineData("2024-02-29", "2027-02-28", Outcome.Pass)]   // a leap day starts it: the month ends count
    public void An_agreements_term_is_computed_from_its_dates(string starts, string ends, Outcome expected)
    {
        var r = Run(Pack("xpcc-12th-division"), $"agreement: {{ starts_on: {starts}, ends_on: {ends} }}", "agreement-term").ShouldHaveSingleItem();
        r.Outcome.ShouldBe(expected);
        r.Derived!.ShouldHaveSingleItem().ShouldContain("共建期限");
    }

    [Theory]
    [InlineData("2023-05-10", 2025, Outcome.Pass)]   // 按年度: 2025 − 2023 = 2
    [InlineData("2024-01-01", 2025, Outcome.Fail)]
    public void Years_since_recognition_are_counted_by_year(string approved, int year, Outcome expected) =>
        Run(Pack("cangzhou"), $"center: {{ approved_on: {approved} }}\nevaluation: {{ year: {year} }}", "participation")
            .ShouldHaveSingleItem().Outcome.ShouldBe(expected);

    [Fact]
    public void The_china_date_of_a_timestamp_is_its_asia_shanghai_date()
    {
        // 2025-03-09 17:30 UTC is 2025-03-10 01:30 in Beijing: the application was made on the 10th.
        var f = F("application: { submitted_at: \"2025-03-09T17:30:00Z\" }\nlead: { bad_credit_dates: [2022-03-10] }").Derive(Catalogs.Repo.Vocabulary);
        f.Date("application.submitted_on").ShouldBe(new DateOnly(2025, 3, 10));
        f.Bool("lead.bad_credit_last_3y").ShouldBe(false); // 2022-03-10 is three years before, outside 近三年
        Derivation.ChinaDate(new DateTimeOffset(2025, 3, 9, 15, 59, 59, TimeSpan.Zero)).ShouldBe(new DateOnly(2025, 3, 9));
    }

    [Fact]
    public void The_public_notice_is_counted_in_working_days_from_the_day_after_publication()
    {
        var calendar = WorkingDayCalendar.LoadDirectory(Path.Combine(Catalogs.Root, "calendar"));
        Func<DateOnly, DateOnly, int?> Count = calendar.WorkingDaysAfter;
        // Published Friday 2026-09-25; the National Day holiday is not counted: 5 working days end on 2026-10-09.
        var facts = F("public_notice: { published_on: 2026-09-25, ends_on: 2026-10-09 }").Derive(Catalogs.Repo.Vocabulary, Count);
        facts.Number("public_notice.working_days").ShouldBe(5);
        var r = Pack("chongqing-wanzhou").Evaluate(facts, null, ["public-notice"]).Reasons.ShouldHaveSingleItem();
        r.Outcome.ShouldBe(Outcome.Pass);
        r.Message.ShouldContain("2026-09-25 次日起至 2026-10-09，5个工作日");
        var short1 = F("public_notice: { published_on: 2026-09-25, ends_on: 2026-10-08 }").Derive(Catalogs.Repo.Vocabulary, Count);
        Pack("chongqing-wanzhou").Evaluate(short1, null, ["public-notice"]).Reasons.ShouldHaveSingleItem().Outcome.ShouldBe(Outcome.Fail);
    }

    [Fact]
    public void Derivations_are_checked_when_the_vocabulary_loads()
    {
        using var t = new TempPolicies();
        var vocab = File.ReadAllText(Path.Combine(t.Root, PolicyCatalog.VocabularyFile))
            .Replace("derive: { divide: [lead.total_liabilities_last_year, lead.total_assets_last_year] }", "derive: { divide: [lead.total_liabilities_last_year, lead.no_such_fact] }");
        File.WriteAllText(Path.Combine(t.Root, PolicyCatalog.VocabularyFile), vocab);
        t.AddPack("test", "2024-01-01");
        t.Errors().ShouldContain(e => e.Message.Contains("未知的事实“lead.no_such_fact”"));
    }

    // ——— a form asks what its text asks ———

    [Fact]
    public void Only_the_pack_whose_text_lays_out_a_form_has_one_and_it_lists_its_attachments_signatures_and_leaders()
    {
        var form = Pack("xpcc-12th-division").Rules.OfType<ApplicationFormRule>().ShouldHaveSingleItem();
        form.AskedFacts.ShouldBe(["application.center_name", "lead.main_revenue_last_year", "lead.rd_expense_last_year"]);
        form.Attachments.Select(a => a.Article).ShouldContain("附3第十部分第5项");
        form.Signatures.ShouldHaveSingleItem().Signer.ShouldBe("lead_unit");
        form.TextFields.Select(f => f.Key).ShouldContain("tech_leader.talent_program");
        form.TextFields.Select(f => f.Key).ShouldContain("director.position");
        foreach (var j in new[] { "xinjiang", "hohhot", "chongqing-wanzhou", "cangzhou" })
            Pack(j).Rules.OfType<ApplicationFormRule>().ShouldBeEmpty(j);
    }

    // ——— a pack author is helped ———

    [Fact]
    public void A_period_in_years_on_a_fact_counted_in_months_does_not_load()
    {
        using var t = new TempPolicies();
        t.AddPack("test", "2024-01-01", new Dictionary<string, string>
        {
            ["revocation"] = "- { id: rect, topic: rectification, kind: period, title: 整改期, article: 第九条, unit: years, bound: 不超过, value: 1, event: 整改, fact: rectification.months }",
        });
        t.Errors().ShouldHaveSingleItem().Message.ShouldSatisfyAllConditions(
            m => m.ShouldContain("years（年）"), m => m.ShouldContain("“个月”"), m => m.ShouldContain("1年 = 12个月"));
    }

    [Fact]
    public void Explain_shows_when_a_rule_applies_its_judgement_words_its_sources_and_notes()
    {
        var xpcc = string.Join("\n", Pack("xpcc-12th-division").Explain());
        xpcc.ShouldContain("适用条件：牵头（依托）单位类型为企业");
        xpcc.ShouldContain("“原则上”，需经办人判断");
        var xinjiang = string.Join("\n", Pack("xinjiang").Explain());
        xinjiang.ShouldContain("依据：《关于加快创新平台能力建设 增强科技战略支撑力量的若干政策措施》（新科资字〔2022〕80号）");
        xinjiang.ShouldContain("注：依《关于加快创新平台能力建设");
        var hohhot = string.Join("\n", Pack("hohhot").Explain());
        hohhot.ShouldContain("（“严重”，需经办人判断）");
    }

    // ——— the misreadings of issue 17 ———

    [Fact]
    public void Bug_0101_wanzhou_three_year_ban_follows_only_the_grounds_of_article_24()
    {
        var pack = Pack("chongqing-wanzhou");
        var ban = pack.Rule("ban").ShouldBeOfType<BanRule>();
        ban.Grounds.ShouldNotContain("ground-still-poor");
        ban.Grounds.ShouldContain("ground-no-annual-report");
        var afterPoor = Run(pack, "revocation: { revoked_on: 2026-03-10, grounds: [ground-still-poor] }\napplication: { submitted_on: 2026-06-01 }", "ban");
        afterPoor.ShouldBeEmpty();
        Run(pack, "revocation: { revoked_on: 2026-03-10, grounds: [ground-fraud] }\napplication: { submitted_on: 2026-06-01 }", "ban")
            .ShouldHaveSingleItem().Outcome.ShouldBe(Outcome.Fail);
    }

    [Fact]
    public void Bug_0102_each_wording_of_an_evaluation_ground_has_its_own_fact()
    {
        string FactOf(string j, string rule) => Pack(j).Rule(rule).ShouldBeOfType<GroundRule>().Fact!;
        var facts = new[]
        {
            FactOf("xpcc-12th-division", "ground-evaluation-absent"),      // 无故不参加考核评估
            FactOf("xpcc-12th-division", "ground-evaluation-obstructed"),  // 干扰评估工作
            FactOf("chongqing-wanzhou", "ground-skip-evaluation"),         // 无正当理由不参加评估
            FactOf("cangzhou", "ground-evaluation-absent"),                // 不参加绩效评估
        };
        facts.Distinct().Count().ShouldBe(4);
        FactOf("xinjiang", "ground-not-attending").ShouldBe(FactOf("cangzhou", "ground-evaluation-absent")); // both: 不参加（不问理由）
        // Not taking part for a good reason revokes in 沧州 (no qualifier) but not in 万州 unless it was without one.
        var absent = "incidents: { evaluation_not_attended: true }";
        Pack("cangzhou").Evaluate(F(absent), ["revocation"]).Outcome.ShouldBe(Outcome.Fail);
        Pack("chongqing-wanzhou").Evaluate(F(absent), ["revocation"]).Reasons.ShouldBeEmpty();
    }

    [Fact]
    public void Bug_0103_xpcc_files_the_director_and_the_expert_committee_with_the_bureau_and_the_department()
    {
        var filing = Pack("xpcc-12th-division").Rules.Where(r => r.Topic == "filing").OfType<FlagRule>().Select(r => r.Fact).ToList();
        filing.ShouldBe(["director.filed_with_bureau", "director.filed_with_department",
            "bodies.expert_committee.filed_with_bureau", "bodies.expert_committee.filed_with_department"], ignoreOrder: true);
    }

    [Fact]
    public void Bug_0104_external_experts_come_from_outside_the_lead_unit_and_co_builders()
    {
        foreach (var j in new[] { "xinjiang", "xpcc-12th-division" })
        {
            var rule = Pack(j).Rule("expert-committee-outside-center").ShouldBeOfType<BodyShareRule>();
            rule.Of.ShouldBe(["government", "external"], ignoreOrder: true);
            Run(Pack(j), "bodies: { expert_committee: { members: { lead: 4, external: 3 } } }", rule.Id).ShouldHaveSingleItem().Outcome.ShouldBe(Outcome.Fail, j);
        }
    }

    [Fact]
    public void Bug_0105_hohhot_grounds_qualified_by_yanzhong_are_judgement_flags()
    {
        var pack = Pack("hohhot");
        pack.Rule("ground-law-violation")!.JudgementWords.ShouldContain("严重");
        pack.Rule("ground-fraud")!.JudgementWords.ShouldContain("严重");
        pack.Rule("ground-major-accident")!.JudgementWords.ShouldBe(["重大", "严重", "不良影响"]);
        Run(pack, "incidents: { law_violation: true }", "ground-law-violation").ShouldHaveSingleItem().Outcome.ShouldBe(Outcome.NeedsJudgement);
    }

    [Fact]
    public void Bug_0106_grade_labels_are_the_texts_own_words()
    {
        foreach (var pack in Catalogs.Repo.Packs)
        {
            var text = File.ReadAllText(Path.Combine(Catalogs.Root, pack.Folder, "text.txt"));
            foreach (var g in pack.Rules.OfType<GradesRule>().SelectMany(r => r.Grades)
                         .Concat(pack.Rules.OfType<ConsequenceRule>().Select(c => c.Grade))
                         .Concat(pack.Rules.OfType<DefinedValuesRule>().Where(d => d.Fact == "evaluation.grade").SelectMany(d => d.Values)))
                text.ShouldContain(g, customMessage: $"{pack.Folder}: 等级“{g}”不是原文用语");
        }
        Pack("chongqing-wanzhou").Rules.OfType<GradesRule>().Single().Grades.ShouldBe(["优秀", "良好", "较差"]);
    }

    [Fact]
    public void Bug_0107_rectification_reads_not_more_than_n_months_in_rule_and_consequence()
    {
        var pack = Pack("xpcc-12th-division");
        var consequence = pack.Rule("basic-pass").ShouldBeOfType<ConsequenceRule>();
        var period = pack.Rule("rectification").ShouldBeOfType<PeriodRule>();
        consequence.RectificationMonths.ShouldBe(12);
        consequence.RectificationBound!.Word.ShouldBe("不超过");
        period.Required.ShouldBe("不超过12个月");
        consequence.Summary().ShouldContain("限期整改（不超过12个月）");
    }

    [Fact]
    public void Bug_0108_wanzhou_panel_of_fewer_than_five_needs_a_recorded_reason_shown_in_the_verdict()
    {
        var pack = Pack("chongqing-wanzhou");
        Run(pack, "expert_panel: { size: 4 }", "panel-size").ShouldHaveSingleItem().Outcome.ShouldBe(Outcome.NeedsJudgement);
        var allowed = Run(pack, "expert_panel: { size: 4 }\njudgements: { panel-size: pass }\njudgement_reasons: { panel-size: 一名专家回避 }", "panel-size").ShouldHaveSingleItem();
        allowed.Outcome.ShouldBe(Outcome.Pass);
        allowed.Message.ShouldContain("理由：一名专家回避");
        Run(pack, "expert_panel: { size: 5 }", "panel-size").ShouldHaveSingleItem().Outcome.ShouldBe(Outcome.Pass);
    }

    [Theory]
    [InlineData("xpcc-12th-division", "2024-09-01", "2027-09-01")]
    [InlineData("hohhot", "2024-02-29", "2027-02-28")]
    [InlineData("chongqing-wanzhou", "2024-09-01", null)]
    public void Bug_0109_the_construction_period_ends_on_one_date_computed_by_the_library(string jurisdiction, string approved, string? ends)
    {
        var terms = ApprovalTerms.For(Pack(jurisdiction), DateOnly.Parse(approved));
        terms.ConstructionEnds.ShouldBe(ends is null ? null : DateOnly.Parse(ends));
        if (ends is not null)
        {
            terms.ConstructionYears.ShouldBe(3);
            terms.ConstructionStarts.ShouldBe(DateOnly.Parse(approved).AddDays(1));
            terms.ConstructionSentence!.ShouldContain("至" + ChineseDates.Format(DateOnly.Parse(ends)) + "届满");
        }
    }

    [Fact]
    public void Bug_0110_only_xpcc_asks_for_its_annex_1_profile_items()
    {
        // 第十二师 附1 asks 主营业务收入; no other text asks it unless a rule of its own reads it.
        Pack("xpcc-12th-division").FactsFor().Concat(Pack("xpcc-12th-division").Rules.OfType<ApplicationFormRule>().SelectMany(f => f.AskedFacts))
            .ShouldContain("lead.main_revenue_last_year");
        foreach (var j in new[] { "xinjiang", "hohhot", "chongqing-wanzhou", "cangzhou" })
        {
            Pack(j).FactsFor("eligibility").ShouldNotContain("lead.main_revenue_last_year", j);
            Pack(j).Rules.OfType<ApplicationFormRule>().ShouldBeEmpty(j);
        }
    }

    [Fact]
    public void Bug_0111_approval_terms_say_only_the_duties_the_text_sets()
    {
        ApprovalTerms.For(Pack("cangzhou"), new DateOnly(2026, 1, 5)).Duties.ShouldSatisfyAllConditions(
            d => d.ShouldNotContain(x => x.Contains("年度报告")), d => d.ShouldContain(x => x.Contains("第二十五条")));
        ApprovalTerms.For(Pack("chongqing-wanzhou"), new DateOnly(2026, 1, 5)).Duties.ShouldContain(d => d.Contains("1月30日前") && d.Contains("第十九条"));
        ApprovalTerms.For(Pack("xinjiang"), new DateOnly(2024, 1, 5)).Duties.ShouldContain(d => d.Contains("按要求报送年度报告"));
    }
}
