using TechCenters.Policy.Rules;

namespace TechCenters.Policy.Tests;

/// <summary>The strict loader: every mistake is an error with file, line and a clear message.</summary>
public class LoaderTests
{
    private static IReadOnlyList<PolicyError> ErrorsFor(string area, string rules)
    {
        using var t = new TempPolicies();
        t.AddPack("test", "2024-01-01", new Dictionary<string, string> { [area] = rules });
        return t.Errors();
    }

    [Fact]
    public void A_well_formed_pack_loads()
    {
        using var t = new TempPolicies();
        t.AddPack("test", "2024-01-01");
        t.Errors().ShouldBeEmpty();
    }

    [Fact]
    public void Unknown_key_is_an_error_with_file_and_line()
    {
        var errors = ErrorsFor("eligibility", """
            - id: staff
              topic: people
              kind: threshold
              title: 研发人员
              article: 第八条第6项
              fact: team.rd_staff
              bound: 不少于
              value: 10
              vaule: 11
            """);
        var e = errors.ShouldHaveSingleItem();
        e.File.ShouldBe("test/2024-01-01/eligibility.yaml");
        e.Line.ShouldBe(10);
        e.Message.ShouldContain("未知的键“vaule”");
    }

    [Fact]
    public void Duplicate_key_is_an_error()
    {
        var errors = ErrorsFor("eligibility", """
            - id: staff
              topic: people
              kind: threshold
              title: 研发人员
              article: 第八条第6项
              fact: team.rd_staff
              bound: 不少于
              value: 10
              value: 12
            """);
        var e = errors.ShouldHaveSingleItem();
        e.Line.ShouldBe(10);
        e.Message.ShouldContain("重复的键“value”");
    }

    [Fact]
    public void Missing_citation_is_an_error()
    {
        var errors = ErrorsFor("eligibility", """
            - id: staff
              topic: people
              kind: threshold
              title: 研发人员
              fact: team.rd_staff
              bound: 不少于
              value: 10
            """);
        var e = errors.ShouldHaveSingleItem();
        e.Line.ShouldBe(2);
        e.Message.ShouldContain("缺少条款引用 article");
    }

    [Fact]
    public void Null_citation_is_an_error()
    {
        var errors = ErrorsFor("eligibility", """
            - { id: staff, topic: people, kind: threshold, title: 研发人员, article: null, fact: team.rd_staff, bound: 不少于, value: 10 }
            """);
        errors.ShouldHaveSingleItem().Message.ShouldContain("缺少条款引用");
    }

    [Fact]
    public void Unknown_bound_word_is_an_error()
    {
        var errors = ErrorsFor("eligibility", """
            - { id: staff, topic: people, kind: threshold, title: 研发人员, article: 第八条, fact: team.rd_staff, bound: 大约, value: 10 }
            """);
        errors.ShouldHaveSingleItem().Message.ShouldContain("未知的界限词“大约”");
    }

    [Fact]
    public void Unknown_kind_is_an_error()
    {
        var errors = ErrorsFor("eligibility", """
            - { id: staff, topic: people, kind: expression, title: 研发人员, article: 第八条, expr: "x > 10" }
            """);
        var e = errors.First();
        e.Message.ShouldContain("未知的规则类型“expression”");
        e.Line.ShouldBe(2);
        e.Column.ShouldBeGreaterThan(1);
    }

    [Fact]
    public void Unknown_fact_is_an_error()
    {
        var errors = ErrorsFor("eligibility", """
            - { id: staff, topic: people, kind: threshold, title: 研发人员, article: 第八条, fact: team.rd_stuff, bound: 不少于, value: 10 }
            """);
        errors.ShouldHaveSingleItem().Message.ShouldContain("未知的事实“team.rd_stuff”");
    }

    [Fact]
    public void Unknown_topic_is_an_error()
    {
        var errors = ErrorsFor("eligibility", """
            - { id: staff, topic: staffing, kind: threshold, title: 研发人员, article: 第八条, fact: team.rd_staff, bound: 不少于, value: 10 }
            """);
        errors.ShouldContain(e => e.Message.Contains("“staffing”不是 eligibility 清单中的主题"));
    }

    [Fact]
    public void Duplicate_rule_id_is_an_error()
    {
        var errors = ErrorsFor("eligibility", """
            - { id: staff, topic: people, kind: threshold, title: 研发人员, article: 第八条, fact: team.rd_staff, bound: 不少于, value: 10 }
            - { id: staff, topic: people, kind: threshold, title: 固定人员, article: 第八条, fact: team.fixed_staff, bound: 不少于, value: 10 }
            """);
        var e = errors.ShouldHaveSingleItem();
        e.Message.ShouldContain("规则 id“staff”在本版本中重复");
        e.Line.ShouldBe(3);
    }

    [Fact]
    public void Absent_rule_needs_a_note_and_no_article()
    {
        var errors = ErrorsFor("eligibility", """
            - { id: reg, topic: registration, kind: absent, article: 第一条 }
            """);
        errors.ShouldContain(e => e.Message.Contains("article 应为 null"));
        errors.ShouldContain(e => e.Message.Contains("须用 note 说明"));
    }

    [Fact]
    public void A_topic_cannot_be_both_absent_and_stated()
    {
        var errors = ErrorsFor("eligibility", """
            - { id: staff, topic: people, kind: threshold, title: 研发人员, article: 第八条, fact: team.rd_staff, bound: 不少于, value: 10 }
            - { id: no-people, topic: people, kind: absent, note: 未规定 }
            """);
        errors.ShouldHaveSingleItem().Message.ShouldContain("既写了 absent 又有规则");
    }

    [Fact]
    public void Every_checklist_topic_must_be_stated()
    {
        using var t = new TempPolicies();
        var dir = t.AddPack("test", "2024-01-01");
        var path = Path.Combine(dir, "reporting.yaml");
        File.WriteAllLines(path, File.ReadAllLines(path).Where(l => !l.Contains("topic: exemptions")));
        t.Errors().ShouldHaveSingleItem().Message.ShouldContain("清单主题“exemptions”");
    }

    [Fact]
    public void Missing_area_file_is_an_error()
    {
        using var t = new TempPolicies();
        var dir = t.AddPack("test", "2024-01-01");
        File.Delete(Path.Combine(dir, "changes.yaml"));
        t.Errors().ShouldContain(e => e.File == "test/2024-01-01/changes.yaml" && e.Message.Contains("缺少 changes.yaml"));
    }

    [Fact]
    public void Stray_file_in_a_version_folder_is_an_error()
    {
        using var t = new TempPolicies();
        var dir = t.AddPack("test", "2024-01-01");
        File.WriteAllText(Path.Combine(dir, "misc.yaml"), "rules: []\n");
        t.Errors().ShouldHaveSingleItem().Message.ShouldContain("未知的文件“misc.yaml”");
    }

    [Fact]
    public void Yaml_syntax_errors_carry_their_line()
    {
        var errors = ErrorsFor("eligibility", """
            - { id: staff, topic: people, kind: threshold, title: 研发人员, article: 第八条, fact: team.rd_staff, bound: 不少于, value: 10 }
            - [ unclosed
            """);
        errors.ShouldHaveSingleItem().Message.ShouldContain("YAML 语法错误");
        errors[0].Line.ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public void Unreachable_and_dead_end_stages_are_errors()
    {
        var errors = ErrorsFor("process", """
            - id: lifecycle
              topic: stages
              kind: stages
              title: 程序
              article: 第一条
              stages:
                - { id: apply, name: 申请, step: application, actor: lead_unit, article: 第一条 }
                - { id: review, name: 评审, step: expert_review, actor: bureau, article: 第二条 }
                - { id: orphan, name: 孤立, step: decision, actor: bureau, article: 第三条 }
                - { id: done, name: 批准, step: approval, actor: bureau, article: 第四条, final: true }
              transitions:
                - { from: apply, to: review, actor: lead_unit, article: 第一条 }
            """);
        errors.ShouldContain(e => e.Message.Contains("阶段“orphan”（孤立）从第一阶段不可达"));
        errors.ShouldContain(e => e.Message.Contains("非终止阶段“review”（评审）没有出口"));
        errors.ShouldContain(e => e.Message.Contains("阶段“done”（批准）从第一阶段不可达"));
    }

    private const string Lifecycle = """
        - id: lifecycle
          topic: stages
          kind: stages
          title: 程序
          article: 第一条
          stages:
            - { id: call, name: 发布通知, step: call, actor: bureau, article: 第一条 }
            - { id: apply, name: 申请, step: application, actor: lead_unit, article: 第二条 }
            - { id: review, name: 评审, step: expert_review, actor: bureau, article: 第三条 }
            - { id: rejected, name: 未通过评审, step: rejection, actor: bureau, article: 第三条, final: true }
            - { id: done, name: 批准, step: approval, actor: bureau, article: 第四条, final: true }
          transitions:
            - { from: call, to: apply, actor: lead_unit, article: 第二条 }
            - { from: apply, to: review, actor: lead_unit, article: 第二条 }
            - { from: review, to: rejected, actor: bureau, article: 第三条 }
            - { from: review, to: done, actor: bureau, article: 第四条 }
        """;

    [Fact]
    public void A_lifecycle_with_valid_steps_loads() => ErrorsFor("process", Lifecycle).ShouldBeEmpty();

    [Fact]
    public void An_unknown_or_missing_step_is_an_error_with_its_line()
    {
        var unknown = ErrorsFor("process", Lifecycle.Replace("step: expert_review", "step: peer_review"));
        var e = unknown.ShouldHaveSingleItem();
        e.Message.ShouldContain("step“peer_review”未知");
        e.Message.ShouldContain("expert_review");
        e.Line.ShouldBe(10); // line 1 is "rules:"; the review stage is line 10
        ErrorsFor("process", Lifecycle.Replace("step: expert_review, ", "")).ShouldContain(x => x.Message.Contains("step") && x.Line == 10);
    }

    [Fact]
    public void Exactly_one_application_step_is_required()
    {
        ErrorsFor("process", Lifecycle.Replace("step: call", "step: application"))
            .ShouldContain(e => e.Message.Contains("有且只有一个 step: application") && e.Message.Contains("实际 2 个"));
        ErrorsFor("process", Lifecycle.Replace("step: application", "step: recommendation"))
            .ShouldContain(e => e.Message.Contains("实际 0 个"));
    }

    [Fact]
    public void An_approval_stage_is_required_and_approval_and_rejection_stages_are_final()
    {
        ErrorsFor("process", Lifecycle.Replace("step: approval", "step: rejection"))
            .ShouldContain(e => e.Message.Contains("至少有一个 step: approval"));
        ErrorsFor("process", Lifecycle.Replace("step: rejection, actor: bureau, article: 第三条, final: true", "step: rejection, actor: bureau, article: 第三条"))
            .ShouldContain(e => e.Message.Contains("阶段“rejected”的 step 为 rejection") && e.Message.Contains("final: true"));
        ErrorsFor("process", Lifecycle.Replace("step: approval, actor: bureau, article: 第四条, final: true", "step: approval, actor: bureau, article: 第四条")
                .Replace("- { from: review, to: done, actor: bureau, article: 第四条 }", "- { from: review, to: done, actor: bureau, article: 第四条 }\n    - { from: done, to: rejected, actor: bureau, article: 第四条 }"))
            .ShouldContain(e => e.Message.Contains("阶段“done”的 step 为 approval"));
    }

    [Fact]
    public void Stages_must_be_listed_in_lifecycle_order()
    {
        var swapped = ErrorsFor("process", Lifecycle.Replace(
            "    - { id: rejected, name: 未通过评审, step: rejection, actor: bureau, article: 第三条, final: true }\n    - { id: done, name: 批准, step: approval, actor: bureau, article: 第四条, final: true }",
            "    - { id: done, name: 批准, step: approval, actor: bureau, article: 第四条, final: true }\n    - { id: rejected, name: 未通过评审, step: rejection, actor: bureau, article: 第三条, final: true }"));
        swapped.ShouldBeEmpty(); // two finals in either order are both after review
        var backwards = ErrorsFor("process", Lifecycle.Replace(
            "    - { id: call, name: 发布通知, step: call, actor: bureau, article: 第一条 }\n    - { id: apply, name: 申请, step: application, actor: lead_unit, article: 第二条 }\n    - { id: review, name: 评审, step: expert_review, actor: bureau, article: 第三条 }",
            "    - { id: call, name: 发布通知, step: call, actor: bureau, article: 第一条 }\n    - { id: review, name: 评审, step: expert_review, actor: bureau, article: 第三条 }\n    - { id: apply, name: 申请, step: application, actor: lead_unit, article: 第二条 }"));
        backwards.ShouldContain(e => e.Message.Contains("“review”列在“apply”之前") && e.Line == 15);
    }

    [Fact]
    public void The_steps_of_the_vocabulary_are_exactly_the_librarys()
    {
        Catalogs.Repo.Vocabulary.Steps.Keys.ShouldBe(StageSteps.All, ignoreOrder: true);
        using var t = new TempPolicies();
        t.AddPack("test", "2024-01-01");
        var vocab = Path.Combine(t.Root, "vocabulary.yaml");
        File.WriteAllText(vocab, File.ReadAllText(vocab).Replace("  selection: 择优确定拟建名单\n", "  selection: 择优确定拟建名单\n  lottery: 抽签\n"));
        t.Errors().ShouldContain(e => e.Message.Contains("“lottery”不是库认识的步骤"));
    }

    [Theory]
    [InlineData("  co_builders: case.has_co_builders\n", "  co_builder: case.has_co_builders\n", "“co_builder”不是已定义的角色")]
    [InlineData("  co_builders: case.has_co_builders\n", "  co_builders: case.has_cobuilders\n", "应为 bool 类型的已定义事实")]
    [InlineData("  co_builders: case.has_co_builders\n", "  co_builders: lead.main_revenue_last_year\n", "应为 bool 类型的已定义事实")]
    [InlineData("party_reviewers:", "party_reviewer:", "party_reviewers")]
    public void Party_reviewers_name_a_known_actor_and_a_bool_fact(string from, string to, string message)
    {
        using var t = new TempPolicies();
        t.AddPack("test", "2024-01-01");
        var vocab = Path.Combine(t.Root, "vocabulary.yaml");
        var text = File.ReadAllText(vocab);
        text.ShouldContain(from);
        File.WriteAllText(vocab, text.Replace(from, to));
        t.Errors().ShouldContain(e => e.Message.Contains(message));
    }

    [Fact]
    public void Grade_bands_with_a_gap_or_overlap_are_errors()
    {
        var gap = ErrorsFor("evaluation", """
            - id: bands
              topic: grade_bands
              kind: grade_bands
              title: 分数段
              article: 第二十八条
              fact: evaluation.score
              bands:
                - { grade: 优秀, min: 90, min_bound: 以上, article: 第二十八条第一项 }
                - { grade: 合格, min: 60, min_bound: 以上, max: 90, max_bound: 以下, article: 第二十八条第二项 }
                - { grade: 不合格, max: 60, max_bound: 低于, article: 第二十八条第三项 }
            """);
        gap.ShouldHaveSingleItem().Message.ShouldContain("“优秀”与“合格”之间有重叠或空隙");
    }

    [Fact]
    public void Overlapping_versions_are_errors()
    {
        using var t = new TempPolicies();
        t.AddPack("test", "2023-01-01", meta: TempPolicies.Meta("test", "2023-01-01", to: "2024-06-30"));
        t.AddPack("test", "2024-01-01");
        var e = t.Errors().ShouldHaveSingleItem();
        e.File.ShouldBe("test/2024-01-01/pack.yaml");
        e.Message.ShouldContain("版本重叠");
    }

    [Fact]
    public void An_open_ended_version_must_be_replaced_explicitly()
    {
        using var t = new TempPolicies();
        t.AddPack("test", "2023-01-01", meta: TempPolicies.Meta("test", "2023-01-01", docNo: "测试〔2022〕1号"));
        t.AddPack("test", "2024-01-01");
        t.Errors().ShouldHaveSingleItem().Message.ShouldContain("replaces 未指明废止");
    }

    [Fact]
    public void Version_folder_must_match_the_in_force_date()
    {
        using var t = new TempPolicies();
        t.AddPack("test", "2024-01-01", meta: TempPolicies.Meta("test", "2024-01-02"));
        t.Errors().ShouldContain(e => e.Message.Contains("与版本目录名 2024-01-01 不一致"));
    }

    [Fact]
    public void Load_throws_with_every_error()
    {
        using var t = new TempPolicies();
        var dir = t.AddPack("test", "2024-01-01");
        File.WriteAllText(Path.Combine(dir, "x.yaml"), "");
        File.WriteAllText(Path.Combine(dir, "y.yaml"), "");
        var ex = Should.Throw<PolicyLoadException>(() => t.Load());
        ex.Errors.Count.ShouldBe(2);
        ex.Message.ShouldContain("共 2 处错误");
    }
}
