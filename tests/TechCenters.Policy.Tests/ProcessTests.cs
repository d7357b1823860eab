using TechCenters.Policy.Rules;

namespace TechCenters.Policy.Tests;

/// <summary>One process per kind of case: written as stages, or made by the loader from the area's review chain.</summary>
public class ProcessTests
{
    private static PolicyPack Pack(string slug) => Catalogs.Repo.Versions(slug)[^1];

    private static IReadOnlyList<PolicyError> ErrorsFor(string area, string rules)
    {
        using var t = new TempPolicies();
        t.AddPack("test", "2024-01-01", new Dictionary<string, string> { [area] = rules });
        return t.Errors();
    }

    [Fact]
    public void Every_pack_has_an_application_process_and_the_stages_shorthand_is_it()
    {
        foreach (var pack in Catalogs.Repo.Packs)
        {
            pack.Process(ProcessKinds.Application).ShouldNotBeNull(pack.Folder);
            pack.Stages.ShouldBeSameAs(pack.Process(ProcessKinds.Application));
            pack.Stages!.Generated.ShouldBeFalse();
        }
    }

    [Fact]
    public void A_review_chain_becomes_a_straight_line_process_that_returns_to_the_filer()
    {
        // 第十二师 第十九条: 依托单位 → 共建单位 → 属地主管部门 → 师科技局 (驻地高校、师直单位 without the department).
        var p = Pack("xpcc-12th-division").Process(ProcessKinds.AnnualReport).ShouldNotBeNull();
        p.Generated.ShouldBeTrue();
        p.Article.ShouldBe("第十九条");
        p.Stages.Select(s => s.Id).ShouldBe(["draft", "review_co_builders", "review_department", "review_bureau", "accepted"]);
        p.Stages[0].Step.ShouldBe(StageSteps.Draft);
        p.Stages[0].Edit.ShouldBe(["lead_unit"]);
        p.Stages.Where(s => s.Step == StageSteps.Review).ShouldAllBe(s => s.ReturnTo == "draft");
        p.Stages[^1].IsApproval.ShouldBeTrue();
        p.Stages[1].Name.ShouldBe("共建单位审核");

        var normal = Facts.FromYaml("lead: { reports_to_bureau_directly: false }\ncase: { has_co_builders: true }");
        var direct = Facts.FromYaml("lead: { reports_to_bureau_directly: true }\ncase: { has_co_builders: true }");
        p.Next("review_co_builders", normal).Select(t => t.To).ShouldBe(["review_department"]);
        p.Next("review_co_builders", direct).Select(t => t.To).ShouldBe(["review_bureau"]);
        // The moves both chains share carry no chain condition.
        p.Next("draft", normal).Select(t => t.To).ShouldBe(["review_co_builders"]);
        p.Next("draft", direct).Select(t => t.To).ShouldBe(["review_co_builders"]);
    }

    [Fact]
    public void A_review_by_co_builders_is_passed_over_when_the_case_has_none_and_waits_for_the_fact_when_unknown()
    {
        // A 第十二师 center without co-builders (or whose co-builders all left) once waited at 共建单位审核 for nobody.
        var p = Pack("xpcc-12th-division").Process(ProcessKinds.AnnualReport).ShouldNotBeNull();
        var none = Facts.FromYaml("lead: { reports_to_bureau_directly: false }\ncase: { has_co_builders: false }");
        var directNone = Facts.FromYaml("lead: { reports_to_bureau_directly: true }\ncase: { has_co_builders: false }");
        p.Next("draft", none).Select(t => t.To).ShouldBe(["review_department"]);
        p.Next("draft", directNone).Select(t => t.To).ShouldBe(["review_bureau"]);
        p.Next("draft", Facts.FromYaml("lead: { reports_to_bureau_directly: false }")).ShouldBeEmpty();
        p.HolderOf(p.Stage("draft")!, none, true, "lead_unit").ShouldBe("lead_unit");
        p.DeadEnds().ShouldBeEmpty();
        p.Unreachable().ShouldBeEmpty();
        // A chain without co-builders is untouched (沧州's change requests).
        Pack("cangzhou").Process(ProcessKinds.ChangeRequest)!.Transitions.ShouldAllBe(t => t.When.All(c => c.Fact != StagesRule.HasCoBuildersFact));
    }

    [Fact]
    public void A_change_request_process_can_be_rejected_by_the_last_reviewer_and_withdrawn_by_the_filer()
    {
        var p = Pack("cangzhou").Process(ProcessKinds.ChangeRequest).ShouldNotBeNull();
        p.Stages.Select(s => s.Id).ShouldBe(["draft", "review_department", "review_bureau", "accepted", "rejected", "withdrawn"]);
        p.Stage("accepted")!.Name.ShouldBe("批准变更");
        p.Stage("rejected")!.IsRejection.ShouldBeTrue();
        p.Stage("withdrawn")!.IsWithdrawal.ShouldBeTrue();
        var facts = Facts.FromYaml("{}");
        p.Next("review_bureau", facts).Select(t => (t.To, t.Actor)).ShouldBe([("accepted", "bureau"), ("rejected", "bureau"), ("withdrawn", "lead_unit")]);
        p.Next("review_department", facts).ShouldNotContain(t => t.To == "rejected");
        // Withdrawing is always open to the filer, but it does not make the filer the holder.
        p.HolderOf(p.Stage("review_department")!, facts, false, "lead_unit").ShouldBe("department");
        p.HolderOf(p.Stage("draft")!, facts, false, "lead_unit").ShouldBe("lead_unit");
        p.HolderOf(p.Stage("accepted")!, facts, false, "lead_unit").ShouldBeNull();
    }

    [Fact]
    public void A_pack_whose_text_sets_no_annual_report_has_no_such_process()
    {
        Pack("cangzhou").Process(ProcessKinds.AnnualReport).ShouldBeNull();
        // 新疆 四（二）4: reviewed by the competent unit, then the 科技厅 — a process without a due date (none is set).
        Pack("xinjiang").Process(ProcessKinds.AnnualReport)!.Stages.Select(s => s.Actor).ShouldBe(["center", "department", "bureau", "bureau"]);
    }

    [Fact]
    public void Stages_say_in_data_who_sees_them_who_edits_and_where_a_return_goes()
    {
        var xj = Pack("xinjiang").Stages!;
        var selection = xj.Stage("selection")!;
        selection.SeenBy(["lead_unit"]).ShouldBeFalse();
        selection.NameFor(["lead_unit"]).ShouldBe("论证结果研究中");
        selection.NameFor(["bureau"]).ShouldBe("择优确定拟新建名单");
        xj.Stage("cultivation")!.ReturnTo.ShouldBe("intent_application");
        xj.Stage("intent_application")!.Edit.ShouldBe(["lead_unit"]);
        // A stage without `see` is seen by every party under its own name.
        xj.Stage("demonstration")!.NameFor(["department"]).ShouldBe("方案论证和实地评估");
        Pack("cangzhou").Stages!.Stage("intake_review")!.ReturnTo.ShouldBe("application");
    }

    [Fact]
    public void A_return_must_name_an_earlier_stage_and_a_final_stage_cannot_return()
    {
        const string Lifecycle = """
            - id: lifecycle
              topic: stages
              kind: stages
              title: 程序
              article: 第一条
              stages:
                - { id: apply, name: 申请, step: application, actor: lead_unit, article: 第一条, edit: [lead_unit] }
                - { id: check, name: 审核, step: recommendation, actor: department, article: 第一条, return_to: RETURN }
                - { id: done, name: 批准, step: approval, actor: bureau, article: 第一条, final: true }
              transitions:
                - { from: apply, to: check, actor: lead_unit, article: 第一条 }
                - { from: check, to: done, actor: department, article: 第一条 }
            """;
        ErrorsFor("process", Lifecycle.Replace("RETURN", "apply")).ShouldBeEmpty();
        ErrorsFor("process", Lifecycle.Replace("RETURN", "done")).ShouldContain(e => e.Message.Contains("return_to“done”应为列在它之前的阶段"));
        ErrorsFor("process", Lifecycle.Replace("RETURN", "apply").Replace("final: true }", "final: true, edit: [bureau] }"))
            .ShouldContain(e => e.Message.Contains("终止阶段“done”不能退回或修改"));
        ErrorsFor("process", Lifecycle.Replace("RETURN", "apply").Replace("see: ", "").Replace("edit: [lead_unit]", "edit: [nobody]"))
            .ShouldContain(e => e.Message.Contains("unknown actor"));
    }

    [Fact]
    public void Each_kind_has_one_process_and_a_process_outside_its_area_names_its_kind()
    {
        const string Report = """
            - id: RID
              topic: review_chain
              kind: stages
              process: annual_report
              title: 年报流程
              article: 第二条
              stages:
                - { id: draft, name: 编写, step: draft, actor: lead_unit, article: 第二条, edit: [lead_unit] }
                - { id: ok, name: 通过, step: approval, actor: bureau, article: 第二条, final: true }
              transitions:
                - { from: draft, to: ok, actor: lead_unit, article: 第二条 }
            """;
        using (var t = new TempPolicies())
        {
            t.AddPack("test", "2024-01-01", new Dictionary<string, string> { ["reporting"] = Report.Replace("RID", "a") });
            var pack = t.Load().Packs.Single();
            pack.Process(ProcessKinds.AnnualReport)!.Id.ShouldBe("a");
            pack.Process(ProcessKinds.AnnualReport)!.Generated.ShouldBeFalse();
        }
        ErrorsFor("reporting", Report.Replace("RID", "a") + "\n" + Report.Replace("RID", "b"))
            .ShouldContain(e => e.Message.Contains("一个版本每类事项只能有一个流程"));
        // The revocation area holds two kinds (rectification, revocation): a stages rule there must say which.
        var unnamed = string.Join("\n", Report.Replace("RID", "a").Replace("topic: review_chain", "topic: grounds").Split('\n').Where(l => !l.Contains("process:")));
        ErrorsFor("revocation", unnamed).ShouldContain(e => e.Message.Contains("流程须注明 process"));
    }

    [Fact]
    public void Every_process_of_every_pack_is_reachable_with_a_way_out_and_only_known_actors()
    {
        foreach (var pack in Catalogs.Repo.Packs)
            foreach (var (kind, p) in pack.Processes)
            {
                p.Process.ShouldBe(kind);
                p.Unreachable().ShouldBeEmpty($"{pack.Folder} {kind}");
                p.DeadEnds().ShouldBeEmpty($"{pack.Folder} {kind}");
                p.Stages.Where(s => s.Final).ShouldAllBe(s => StageSteps.IsFinal(s.Step));
                foreach (var s in p.Stages) pack.Actors.Keys.ShouldContain(s.Actor);
                foreach (var s in p.Stages.SelectMany(s => s.See.Concat(s.Edit))) pack.Actors.Keys.ShouldContain(s);
            }
    }

    private const string ChainWithCoBuilders = """
        - id: annual-report-chain
          topic: review_chain
          kind: review_chain
          title: 年度报告审核
          article: 第十九条
          steps: [lead_unit, co_builders, department, bureau]
        """;

    private static StagesRule ChainProcess(Func<string, string>? vocabulary = null)
    {
        using var t = new TempPolicies();
        t.AddPack("test", "2024-01-01", new Dictionary<string, string> { ["reporting"] = ChainWithCoBuilders });
        if (vocabulary is not null)
        {
            var path = Path.Combine(t.Root, PolicyCatalog.VocabularyFile);
            File.WriteAllText(path, vocabulary(File.ReadAllText(path)));
        }
        return t.Load().Packs.Single().Process(ProcessKinds.AnnualReport).ShouldNotBeNull();
    }

    [Fact]
    public void Which_reviewers_may_be_absent_is_vocabulary_data_a_co_builder_review_is_skipped_when_the_case_has_none_and_kept_when_it_has()
    {
        var p = ChainProcess();
        Catalogs.Repo.Vocabulary.PartyReviewers["co_builders"].ShouldBe(StagesRule.HasCoBuildersFact);
        p.Next("draft", Facts.FromYaml("case: { has_co_builders: true }")).Select(t => t.To).ShouldBe(["review_co_builders"]);
        p.Next("draft", Facts.FromYaml("case: { has_co_builders: false }")).Select(t => t.To).ShouldBe(["review_department"]);
        p.Next("draft", Facts.FromYaml("{}")).ShouldBeEmpty();
        p.DeadEnds().ShouldBeEmpty();

        // Without the vocabulary entry the chain is a plain straight line: the co-builders always review.
        var plain = ChainProcess(v => v.Replace("  co_builders: case.has_co_builders\n", "").Replace("party_reviewers: ", "party_reviewers: {}"));
        plain.Next("draft", Facts.FromYaml("case: { has_co_builders: false }")).Select(t => t.To).ShouldBe(["review_co_builders"]);
        plain.Transitions.ShouldAllBe(t => t.When.Count == 0);
    }
}
