using TechCenters.Policy.Rules;

namespace TechCenters.Policy.Tests;

/// <summary>kind: change_kinds — the matters a center changes only through a reviewed request, what each changes, the evidence asked.</summary>
public class ChangeKindsTests
{
    private const string Rules = """
        - id: change-kinds
          topic: kinds
          kind: change_kinds
          title: 须批准的重大事项变更
          article: 第二十条
          items:
            - { name: 名称, changes: name }
            - { name: 依托单位名称变更, changes: host_unit_name }
            - { name: 其他重大事项, changes: other }
          evidence:
            - { name: 佐证材料, article: 第二十条 }
          fact: change.kind
        """;

    private static readonly Lazy<PolicyPack> Pack = new(() => TempPolicies.PackWith("changes", Rules));

    private static Reason For(string kind) =>
        Pack.Value.Evaluate(Facts.FromYaml($"change: {{ kind: {kind} }}", Catalogs.Repo.Vocabulary), null, ["change-kinds"]).Reasons.ShouldHaveSingleItem();

    [Fact]
    public void A_listed_matter_is_one_the_text_requires_a_request_for()
    {
        var r = For("名称");
        r.Outcome.ShouldBe(Outcome.Pass);
        r.Message.ShouldContain("第二十条");
        r.Message.ShouldContain("中心名称");
    }

    [Fact]
    public void An_open_matter_is_the_officers_to_judge_never_a_silent_pass()
    {
        var r = For("其他重大事项");
        r.Outcome.ShouldBe(Outcome.NeedsJudgement);
        r.Doubt!.Kind.ShouldBe(DoubtKinds.Undefined);
        r.Message.ShouldContain("需经办人判断");
    }

    [Fact]
    public void A_wording_the_text_does_not_list_fails() => For("注册地").Outcome.ShouldBe(Outcome.Fail);

    [Fact]
    public void Without_a_request_nothing_is_judged() =>
        Pack.Value.Evaluate(Facts.Empty, null, ["change-kinds"]).Reasons.ShouldBeEmpty();

    [Fact]
    public void Items_say_what_they_change_and_the_evidence_is_read_with_its_article()
    {
        var rule = (ChangeKindsRule)Pack.Value.Rule("change-kinds")!;
        rule.Items.Select(i => (i.Name, i.Changes)).ShouldBe([("名称", "name"), ("依托单位名称变更", "host_unit_name"), ("其他重大事项", "other")]);
        rule.ItemNamed("其他重大事项")!.Open.ShouldBeTrue();
        rule.Evidence.ShouldHaveSingleItem().ShouldBe(new ChangeKindsRule.EvidenceItem("佐证材料", "第二十条"));
        rule.Describe(Pack.Value.Env).ShouldContain("须附佐证材料");
    }

    [Fact]
    public void A_target_outside_the_closed_list_is_a_load_error_with_its_line()
    {
        using var t = new TempPolicies();
        t.AddPack("test", "2024-01-01", new Dictionary<string, string> { ["changes"] = """
            - id: change-kinds
              topic: kinds
              kind: change_kinds
              title: 变更事项
              article: 第二十条
              items:
                - { name: 名称, changes: title }
                - { name: 名称, changes: name }
            """ });
        var errors = t.Errors();
        errors.ShouldContain(e => e.Message.Contains("changes“title”未知") && e.Line > 0);
        errors.ShouldContain(e => e.Message.Contains("重复的变更事项“名称”"));
    }

    [Theory]
    [InlineData("name", new[] { "naming" })]
    [InlineData("host_unit", new[] { "legal_form", "registration", "lead_unit", "university_lead", "record" })]
    [InlineData("core_co_builders", new[] { "co_builders", "university_lead" })]
    [InlineData("other", new string[0])]
    public void Each_target_is_judged_by_the_topics_of_the_changed_record(string target, string[] topics) =>
        ChangeTargets.Topics(target).ShouldBe(topics);
}
