namespace TechCenters.Policy.Tests;

public class CatalogTests
{
    [Fact]
    public void Repository_packs_load_without_errors()
    {
        var catalog = PolicyCatalog.TryLoad(Catalogs.Root, out var errors);
        errors.ShouldBeEmpty(string.Join("\n", errors));
        catalog.ShouldNotBeNull();
        catalog.Jurisdictions.ShouldContain("xpcc-12th-division");
    }

    [Fact]
    public void Policies_root_is_found_by_walking_up_to_the_solution() =>
        File.Exists(Path.Combine(PolicyCatalog.FindPoliciesRoot(), PolicyCatalog.VocabularyFile)).ShouldBeTrue();

    private static TempPolicies Guideline()
    {
        // Like 新疆's guideline: in force 2023-01-27 to 2025-01-26, nothing after.
        var t = new TempPolicies();
        t.AddPack("xj", "2023-01-27", meta: TempPolicies.Meta("xj", "2023-01-27", to: "2025-01-26", title: "某自治区技术创新中心建设工作指引"));
        return t;
    }

    [Fact]
    public void An_expired_guideline_is_named_with_its_end_date()
    {
        using var t = Guideline();
        var res = t.Load().For("xj", new DateOnly(2025, 6, 1));
        res.Status.ShouldBe(ResolutionStatus.Expired);
        res.Pack.ShouldBeNull();
        res.Nearest!.Version.ShouldBe("2023-01-27");
        res.Message.ShouldContain("已于 2025-01-26 失效");
        res.Message.ShouldContain("某自治区技术创新中心建设工作指引");
    }

    [Theory]
    [InlineData("2023-01-26", ResolutionStatus.NotYetInForce)]
    [InlineData("2023-01-27", ResolutionStatus.InForce)]
    [InlineData("2025-01-26", ResolutionStatus.InForce)]
    [InlineData("2025-01-27", ResolutionStatus.Expired)]
    public void Guideline_dates_on_both_sides_of_each_end(string date, ResolutionStatus expected)
    {
        using var t = Guideline();
        t.Load().For("xj", DateOnly.Parse(date)).Status.ShouldBe(expected);
    }

    [Fact]
    public void Not_yet_in_force_says_from_when()
    {
        using var t = Guideline();
        var res = t.Load().For("xj", new DateOnly(2022, 12, 31));
        res.Message.ShouldContain("自 2023-01-27 起施行");
        res.InForce.ShouldBeFalse();
    }

    [Fact]
    public void A_replacing_version_ends_the_previous_one_the_day_before()
    {
        using var t = new TempPolicies();
        t.AddPack("wz", "2022-06-01", meta: TempPolicies.Meta("wz", "2022-06-01", docNo: "万州科局发〔2022〕19号"));
        t.AddPack("wz", "2024-04-18", meta: TempPolicies.Meta("wz", "2024-04-18", docNo: "万州科局发〔2024〕3号",
            replaces: "{ document: 万州科局发〔2022〕19号, article: 第二十八条 }"));
        var catalog = t.Load();
        catalog.For("wz", new DateOnly(2024, 4, 17)).Pack!.Version.ShouldBe("2022-06-01");
        catalog.For("wz", new DateOnly(2024, 4, 18)).Pack!.Version.ShouldBe("2024-04-18");
        catalog.Versions("wz")[0].EffectiveTo.ShouldBe(new DateOnly(2024, 4, 17));
        catalog.For("wz", new DateOnly(2030, 1, 1)).Pack!.Version.ShouldBe("2024-04-18");
    }

    [Fact]
    public void Unknown_jurisdiction_lists_the_known_ones()
    {
        var res = Catalogs.Repo.For("atlantis", new DateOnly(2025, 1, 1));
        res.Status.ShouldBe(ResolutionStatus.UnknownJurisdiction);
        res.Message.ShouldContain("xpcc-12th-division");
    }

    [Fact]
    public void Explain_lists_every_rule_with_its_article()
    {
        var pack = Catalogs.Repo.Versions("xpcc-12th-division")[0];
        var lines = pack.Explain();
        lines[0].ShouldBe("第十二师技术创新中心建设与运行管理办法（暂行）");
        lines.ShouldContain(l => l.Contains("第十条第2项") && l.Contains("原则上不低于3%") && l.Contains("2亿元及以上的，不低于2%"));
        lines.ShouldContain(l => l.Contains("注册地：未规定"));
        foreach (var rule in pack.Rules.Where(r => r.Article is not null))
            lines.ShouldContain(l => l.Contains(rule.Article!), rule.Id);
    }

    [Fact]
    public void Verdict_serializes_to_json_with_chinese_messages_and_back()
    {
        var pack = Catalogs.Repo.Versions("xpcc-12th-division")[0];
        var facts = Facts.FromJson("""{"lead":{"type":"enterprise","rd_expense_last_year":2400000,"sales_revenue_last_year":100000000,"main_revenue_last_year":100000000},"judgements":{"rd-intensity":"fail"},"judgement_reasons":{"rd-intensity":"无特殊情形"}}""", Catalogs.Repo.Vocabulary);
        var verdict = pack.Evaluate(facts, null, ["rd-intensity"]);
        var json = verdict.ToJson();
        json.ShouldContain("\"outcome\": \"Fail\"");
        json.ShouldContain("研发投入占销售收入比例 2.4%，低于第十条第2项要求的 3%");
        json.ShouldContain("\"ruleId\": \"rd-intensity\"");
        json.ShouldContain("\"answerReason\": \"无特殊情形\"");
        json.ShouldContain("推定");
        var back = Verdict.FromJson(json);
        back.Outcome.ShouldBe(Outcome.Fail);
        var reason = back.Reasons.ShouldHaveSingleItem();
        reason.Article.ShouldBe("第十条第2项");
        reason.Doubt.ShouldNotBeNull().ShouldSatisfyAllConditions(
            d => d.Kind.ShouldBe(DoubtKinds.Judgement), d => d.Words!.ShouldBe(["原则上"]), d => d.Answer.ShouldBe("fail"));
        back.Presumptions.ShouldNotBeNull().ShouldHaveSingleItem().ShouldContain("2024-07-19");
    }

    [Fact]
    public void A_verdict_stored_before_doubts_existed_still_reads()
    {
        var old = """
            { "jurisdiction": "hohhot", "version": "2024-07-19", "document": "呼和浩特市技术创新中心建设管理办法（试行）", "outcome": "Fail",
              "reasons": [ { "ruleId": "ground-fraud", "article": "第二十七条第三项", "outcome": "Fail", "required": "无", "actual": "有", "message": "存在…" } ] }
            """;
        var v = Verdict.FromJson(old);
        v.Outcome.ShouldBe(Outcome.Fail);
        v.Presumptions.ShouldBeNull();
        v.Reasons.ShouldHaveSingleItem().ShouldSatisfyAllConditions(r => r.Doubt.ShouldBeNull(), r => r.Derived.ShouldBeNull());
        v.ToJson().ShouldNotContain("doubt");
    }

    [Fact]
    public void Verdict_outcome_is_the_worst_reason()
    {
        Verdict.Combine([]).ShouldBe(Outcome.Pass);
        Verdict.Combine([R(Outcome.Pass), R(Outcome.NeedsJudgement)]).ShouldBe(Outcome.NeedsJudgement);
        Verdict.Combine([R(Outcome.Fail), R(Outcome.NeedsJudgement), R(Outcome.Pass)]).ShouldBe(Outcome.Fail);
        static Reason R(Outcome o) => new("r", "第一条", o, "", "", "");
    }
}

public class FactsForTests
{
    [Fact]
    public void A_pack_lists_the_facts_its_areas_read()
    {
        var pack = Catalogs.Repo.Versions("chongqing-wanzhou")[0];
        var facts = pack.FactsFor("eligibility");
        facts.ShouldContain("team.rd_staff");
        facts.ShouldContain("lead.software_industry");
        facts.ShouldNotContain("annual_report.submitted_on");
        pack.FactsFor().ShouldContain("annual_report.submitted_on");
    }
}

public class ValidationTests
{
    [Fact]
    public void The_repository_validates_clean() => PolicyValidation.Run(Catalogs.Root).ShouldBeEmpty();

    [Fact]
    public void A_failing_case_is_reported_with_its_file_and_line()
    {
        using var t = new TempPolicies();
        var dir = t.AddPack("test", "2024-01-01", new Dictionary<string, string>
        {
            ["eligibility"] = "- { id: staff, topic: people, kind: threshold, title: 研发人员, article: 第八条, fact: team.rd_staff, bound: 不少于, value: 10 }",
        });
        Directory.CreateDirectory(Path.Combine(dir, "cases"));
        File.WriteAllText(Path.Combine(dir, "cases", "people.yaml"), """
            cases:
              - name: 研发人员9人却期望符合
                rules: [staff]
                facts: { team: { rd_staff: 9 } }
                expect: { outcome: pass }
            """);
        var e = PolicyValidation.Run(t.Root).ShouldHaveSingleItem();
        e.File.ShouldBe("test/2024-01-01/cases/people.yaml");
        e.Line.ShouldBe(2);
        e.Message.ShouldContain("结论应为 pass，实际为 fail");
    }
}
