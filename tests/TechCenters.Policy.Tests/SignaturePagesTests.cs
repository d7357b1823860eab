using TechCenters.Policy.Rules;

namespace TechCenters.Policy.Tests;

/// <summary>kind: signature_pages — 签章页 as data for the application form, with the signer limit on both sides of its bound.</summary>
public class SignaturePagesTests
{
    private const string Pages = """
        - id: signature-pages
          topic: materials
          kind: signature_pages
          title: 签章页
          article: 附件签章页
          pages:
            - { title: 牵头单位意见, signer: lead_unit, fields: [意见, 负责人, 单位盖章, 日期] }
            - { title: 核心共建单位意见, signer: co_builders, bound: 不超过, value: 5, fields: [意见, 负责人, 单位盖章, 日期] }
            - { title: 推荐部门审查意见, signer: department, fields: [审查意见, 负责人, 单位盖章, 日期] }
            - { title: 合作单位意见, signer: co_builders, bound: 低于, value: 3, fields: [意见] }
            - { title: 专家意见, signer: expert_panel, bound: 不少于, value: 3, fields: [意见, 签字] }
        """;

    private static readonly Lazy<SignaturePagesRule> Rule = new(() =>
        TempPolicies.PackWith("eligibility", Pages).Rules.OfType<SignaturePagesRule>().Single());

    private static IReadOnlyList<PolicyError> ErrorsFor(string rules)
    {
        using var t = new TempPolicies();
        t.AddPack("test", "2024-01-01", new Dictionary<string, string> { ["eligibility"] = rules });
        return t.Errors();
    }

    [Fact]
    public void Pages_load_in_order_with_signer_fields_and_limit()
    {
        var pages = Rule.Value.Pages;
        pages.Select(p => p.Title).ShouldBe(["牵头单位意见", "核心共建单位意见", "推荐部门审查意见", "合作单位意见", "专家意见"]);
        pages[0].Signer.ShouldBe("lead_unit");
        pages[1].Signer.ShouldBe("co_builders");
        pages[2].Fields.ShouldBe(["审查意见", "负责人", "单位盖章", "日期"]);
        pages[1].Bound!.Word.ShouldBe("不超过");
        pages[1].Limit!.Value.ShouldBe(5m);
    }

    [Fact]
    public void A_page_with_bu_chao_guo_5_allows_5_signers_but_not_6()
    {
        var page = Rule.Value.Pages[1];
        page.Allows(5).ShouldBeTrue();
        page.Allows(6).ShouldBeFalse();
        page.MaxSigners.ShouldBe(5);
    }

    [Fact]
    public void A_page_with_di_yu_3_excludes_the_figure_itself()
    {
        var page = Rule.Value.Pages[3];
        page.Allows(2).ShouldBeTrue();
        page.Allows(3).ShouldBeFalse();
        page.MaxSigners.ShouldBe(2);
    }

    [Fact]
    public void A_page_with_a_lower_bound_has_no_maximum()
    {
        var page = Rule.Value.Pages[4];
        page.Allows(2).ShouldBeFalse();
        page.Allows(3).ShouldBeTrue();
        page.MaxSigners.ShouldBeNull();
    }

    [Fact]
    public void A_page_without_a_limit_is_signed_by_exactly_one_unit()
    {
        var page = Rule.Value.Pages[0];
        page.Allows(1).ShouldBeTrue();
        page.Allows(0).ShouldBeFalse();
        page.Allows(2).ShouldBeFalse();
        page.MaxSigners.ShouldBe(1);
    }

    [Fact]
    public void Signature_pages_check_no_fact_and_explain_in_chinese()
    {
        var pack = TempPolicies.PackWith("eligibility", Pages);
        pack.Evaluate(Facts.FromYaml("lead: { type: enterprise }", Catalogs.Repo.Vocabulary), null, ["signature-pages"]).Reasons.ShouldBeEmpty();
        var line = pack.Explain().Single(l => l.Contains("签章页："));
        line.ShouldContain("附件签章页");
        line.ShouldContain("核心共建单位意见（共建单位，不超过5家签署：意见、负责人、单位盖章、日期）");
    }

    [Fact]
    public void Unknown_signer_is_an_error_with_line()
    {
        var errors = ErrorsFor("""
            - id: sig
              topic: materials
              kind: signature_pages
              title: 签章页
              article: 附件
              pages:
                - { title: 牵头单位意见, signer: lead_unit, fields: [意见] }
                - { title: 市长意见, signer: mayor, fields: [意见] }
            """);
        var e = errors.ShouldHaveSingleItem();
        e.Line.ShouldBe(9);
        e.Message.ShouldContain("mayor");
    }

    [Fact]
    public void Unknown_bound_word_on_a_page_is_an_error()
    {
        var errors = ErrorsFor("""
            - id: sig
              topic: materials
              kind: signature_pages
              title: 签章页
              article: 附件
              pages:
                - { title: 共建单位意见, signer: co_builders, bound: 大约, value: 5, fields: [意见] }
            """);
        errors.ShouldHaveSingleItem().Message.ShouldContain("未知的界限词“大约”");
    }

    [Fact]
    public void A_bound_without_a_value_is_an_error()
    {
        var errors = ErrorsFor("""
            - id: sig
              topic: materials
              kind: signature_pages
              title: 签章页
              article: 附件
              pages:
                - { title: 共建单位意见, signer: co_builders, bound: 不超过, fields: [意见] }
            """);
        errors.ShouldHaveSingleItem().Message.ShouldContain("须同时给出");
    }

    [Fact]
    public void A_fractional_signer_limit_is_an_error()
    {
        var errors = ErrorsFor("""
            - id: sig
              topic: materials
              kind: signature_pages
              title: 签章页
              article: 附件
              pages:
                - { title: 共建单位意见, signer: co_builders, bound: 不超过, value: 2.5, fields: [意见] }
            """);
        errors.ShouldHaveSingleItem().Message.ShouldContain("正整数");
    }

    [Fact]
    public void Unknown_key_on_a_page_and_missing_fields_are_errors()
    {
        var errors = ErrorsFor("""
            - id: sig
              topic: materials
              kind: signature_pages
              title: 签章页
              article: 附件
              pages:
                - { title: 牵头单位意见, signer: lead_unit, seal: true }
            """);
        errors.Count.ShouldBe(2);
        errors.ShouldContain(e => e.Message.Contains("fields"));
        errors.ShouldContain(e => e.Message.Contains("seal"));
    }

    [Fact]
    public void Xinjiang_pack_has_three_signature_pages_with_at_most_five_core_co_builders()
    {
        var pack = Catalogs.Repo.Versions("xinjiang").Single();
        var rule = pack.Rules.OfType<SignaturePagesRule>().Single();
        rule.Article.ShouldBe("附件签章页");
        rule.Pages.Select(p => p.Signer).ShouldBe(["lead_unit", "co_builders", "department"]);
        rule.Pages[1].MaxSigners.ShouldBe(5);
        // the same figure is checked against the facts by the co_builders rule citing the same page
        var check = pack.Rules.OfType<CoBuildersRule>().Single(r => r.Core == true);
        check.Article.ShouldBe(rule.Article);
        check.Value.Value.ShouldBe(rule.Pages[1].Limit!.Value);
        check.Bound.ShouldBe(rule.Pages[1].Bound);
    }
}
