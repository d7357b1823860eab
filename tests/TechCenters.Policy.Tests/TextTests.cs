using TechCenters.Policy.Texts;

namespace TechCenters.Policy.Tests;

/// <summary>Official texts split into articles and items, citations read into them, and `policy coverage` on real and made-up packs.</summary>
public class RegulationTextTests
{
    private const string Articles = """
        某市技术创新中心管理办法
        第一章 总则
        第一条 为规范管理，制定本办法。
        第二条 组建条件：
        1．依托单位应是独立法人。
        2．研发人员不少于10人，
        其中固定人员不少于5人。
        第三条 有下列情形之一的，撤销资格。
        （一）严重弄虚作假的；
        （二）发生重大安全事故的。
        第四条 本办法自印发之日起施行。
        附：1.申报书
        2.提纲
        附1
        申报书
        注：此为模板。
        一、基本信息
        1.中心名称
        2.3年发展目标（量化指标）
        二、承诺
        法定代表人签字：____
        """;

    [Fact]
    public void Articles_items_appendices_and_named_parts_nest_by_their_markers()
    {
        var t = RegulationText.Parse(Articles, [new TextAnchor("签章", "附1", "法定代表人签字")]);
        t.Roots.Select(r => r.Key).ShouldBe(["前言", "1", "2", "3", "4", "附1"]);
        t.Find(["2", "2"]).ShouldNotBeNull().Text.ShouldBe("研发人员不少于10人，\n其中固定人员不少于5人。\n");
        t.Find(["3", "1"]).ShouldNotBeNull().Marker.ShouldBe("（一）");
        t.Find(["4", "附", "2"]).ShouldNotBeNull().Text.ShouldContain("提纲");
        t.Find(["附1", "注"]).ShouldNotBeNull().Text.ShouldContain("模板");
        t.Find(["附1", "1", "2"]).ShouldNotBeNull().Text.ShouldStartWith("3年发展目标"); // "2.3年" is item 2, not the number 2.3
        t.Find(["附1", "签章"]).ShouldNotBeNull().Text.ShouldContain("法定代表人签字");
        t.Find(["附1", "2"]).ShouldNotBeNull().Children.ShouldBeEmpty();
        t.Find(["2", "2"])!.Display.ShouldBe("第二条 › 2．");
    }

    [Fact]
    public void A_text_without_articles_numbers_its_top_level_with_its_first_markers()
    {
        var t = RegulationText.Parse("""
            为推动建设，制定本指引。
            一、总体要求
            （一）功能定位
            技术创新中心是……
            二、组建条件
            （一）组建条件
            1.原则上应为独立法人。
            2.资产负债率低于70%。
            （二）组建程序
            1.统筹布局。
            （1）统筹建设布局。
            """);
        t.Roots.Select(r => r.Key).ShouldBe(["前言", "1", "2"]);
        t.Find(["2", "1", "2"]).ShouldNotBeNull().Text.ShouldContain("70%");
        t.Find(["2", "2", "1", "1"]).ShouldNotBeNull().Marker.ShouldBe("（1）");
    }

    [Fact]
    public void A_part_kept_whole_is_not_split_and_ends_at_the_next_part_of_its_level()
    {
        var text = """
            附3
            一、背景
            1.需求
            2.缺口
            二、目标
            1.定位
            十、附件清单
            1.协议
            """;
        var t = RegulationText.Parse(text, whole: ["附3.1", "附3.2"]);
        t.Find(["附3", "1"]).ShouldNotBeNull().Children.ShouldBeEmpty();
        t.Find(["附3", "1"])!.Text.ShouldContain("缺口");
        t.Find(["附3", "2"]).ShouldNotBeNull().Children.ShouldBeEmpty();
        t.Find(["附3", "10", "1"]).ShouldNotBeNull();
    }

    [Fact]
    public void Numbering_that_restarts_inside_a_part_stays_its_text()
    {
        var t = RegulationText.Parse("附件\n1.甲\n2.乙\n1.丙\n");
        t.Find(["附件"])!.Children.Select(c => c.Key).ShouldBe(["附件.1", "附件.2"]);
        t.Find(["附件", "2"])!.Text.ShouldContain("1.丙");
    }

    [Theory]
    [InlineData("十", 10)]
    [InlineData("十二", 12)]
    [InlineData("二十八", 28)]
    [InlineData("三十", 30)]
    [InlineData("一百零一", 101)]
    [InlineData("7", 7)]
    public void Chinese_numbers_are_read(string text, int expected) => ChineseNumber.Parse(text).ShouldBe(expected);
}

public class CitationTests
{
    private static string Paths(string citation) =>
        string.Join(" | ", Citation.Parse(citation, out var error)?.Select(p => string.Join(".", p)) ?? [$"ERR {error}"]);

    [Theory]
    [InlineData("第九条第4项", "9.4")]
    [InlineData("第三十条第（三）项", "30.3")]
    [InlineData("第二十四条（三）", "24.3")]
    [InlineData("第八条第二项", "8.2")]
    [InlineData("三（三）2", "3.3.2")]
    [InlineData("四（一）1（2）", "4.1.1.2")]
    [InlineData("五3、五4", "5.3 | 5.4")]
    [InlineData("附1第三部分第1项", "附1.3.1")]
    [InlineData("附3注", "附3.注")]
    [InlineData("附件签章页", "附件.签章页")]
    [InlineData("前言", "前言")]
    [InlineData("第三条第1项、第3项", "3.1 | 3.3")]
    [InlineData("第十三条、附2第二部分第3项、第4项", "13 | 附2.2.3 | 附2.2.4")]
    [InlineData("第九条第2项、第六条第1项", "9.2 | 6.1")]
    [InlineData("第八条至第十条", "8 | 9 | 10")]
    [InlineData("第四条第一项至第三项", "4.1 | 4.2 | 4.3")]
    [InlineData("附3第一部分至第三部分", "附3.1 | 附3.2 | 附3.3")]
    [InlineData("附件提纲一至三", "附件.提纲.1 | 附件.提纲.2 | 附件.提纲.3")]
    [InlineData("二（三）1至3", "2.3.1 | 2.3.2 | 2.3.3")]
    public void Citations_read_as_packs_write_them(string citation, string expected) => Paths(citation).ShouldBe(expected);

    [Theory]
    [InlineData("第八条至第十条至第十二条")]
    [InlineData("第十条至第八条")]
    [InlineData("")]
    public void A_citation_that_cannot_be_read_says_why(string citation) => Paths(citation).ShouldStartWith("ERR ");
}

/// <summary>`policy coverage` as a library: the five packs are complete; a made-up pack shows each kind of gap.</summary>
public class CoverageTests
{
    [Theory, MemberData(nameof(ConformanceTests.Packs), MemberType = typeof(ConformanceTests))]
    public void Every_article_and_item_of_the_official_text_is_encoded_or_has_a_recorded_reason(string folder)
    {
        var pack = Catalogs.Repo.Packs.Single(p => p.Folder == folder);
        var report = PackCoverage.For(pack, Catalogs.Root);
        report.Problems.ShouldBeEmpty(string.Join("\n", report.Problems));
        report.Lines.Count.ShouldBeGreaterThan(20);
        report.Lines.ShouldAllBe(l => l.Covered);
    }

    private static PolicyPack Made(TempPolicies t, string text, string? coverage = null, IDictionary<string, string>? rules = null)
    {
        var dir = t.AddPack("test", "2024-01-01", rules);
        File.WriteAllText(Path.Combine(dir, PackCoverage.TextFile), text);
        if (coverage is not null) File.WriteAllText(Path.Combine(dir, PackCoverage.CoverageFile), coverage);
        return t.Load().Packs.Single();
    }

    private const string Text = """
        测试办法
        第一条 申请、批准程序另行规定。
        第二条 为规范管理，制定本办法。
        第九条 研发人员不少于10人。
        第九十九条 本办法自2024年1月1日起施行。
        """;

    private const string Staff = """
        - { id: staff, topic: people, kind: threshold, title: 研发人员, article: 第九条, fact: team.rd_staff, bound: 不少于, value: 10 }
        """;

    [Fact]
    public void An_article_no_rule_cites_and_no_reason_explains_is_a_gap_naming_the_file_to_change()
    {
        using var t = new TempPolicies();
        var pack = Made(t, Text, rules: new Dictionary<string, string> { ["eligibility"] = Staff });
        var report = PackCoverage.For(pack, t.Root);
        report.Complete.ShouldBeFalse();
        report.Problems.ShouldContain(p => p.Contains("第二条") && p.Contains("test/2024-01-01/coverage.yaml"), string.Join("\n", report.Problems));
        report.Problems.ShouldContain(p => p.StartsWith("前言"));
        report.Lines.Single(l => l.Unit.Key == "9").Rules.ShouldBe(["staff"]);
    }

    [Fact]
    public void A_recorded_reason_covers_an_article()
    {
        using var t = new TempPolicies();
        var pack = Made(t, Text, "units:\n  前言: 标题\n  第二条: 宗旨条款\n", new Dictionary<string, string> { ["eligibility"] = Staff });
        var report = PackCoverage.For(pack, t.Root);
        report.Problems.ShouldBeEmpty(string.Join("\n", report.Problems));
        report.ToLines().ShouldContain(l => l.Contains("〔未编码：宗旨条款〕"));
    }

    [Fact]
    public void A_citation_of_an_article_the_text_does_not_have_is_reported()
    {
        using var t = new TempPolicies();
        var pack = Made(t, Text, "units:\n  前言: 标题\n  第二条: 宗旨条款\n", new Dictionary<string, string>
        {
            ["eligibility"] = Staff + "\n- { id: ghost, topic: record, kind: duty, title: 记录, article: 第十条第2项, text: 无 }\n",
        });
        PackCoverage.For(pack, t.Root).Problems.ShouldContain(p => p.Contains("ghost") && p.Contains("第十条第2项") && p.Contains("找不到"));
    }

    [Fact]
    public void A_judgement_word_of_the_text_needs_a_flag_and_a_flag_needs_its_word()
    {
        using var t = new TempPolicies();
        var text = Text.Replace("研发人员不少于10人。", "研发人员原则上不少于10人。");
        var unflagged = Made(t, text, "units:\n  前言: 标题\n  第二条: 宗旨条款\n", new Dictionary<string, string> { ["eligibility"] = Staff });
        PackCoverage.For(unflagged, t.Root).Problems.ShouldContain(p => p.Contains("“原则上”") && p.Contains("judgement: 原则上"));

        using var t2 = new TempPolicies();
        var wrongWord = Made(t2, text, "units:\n  前言: 标题\n  第二条: 宗旨条款\n", new Dictionary<string, string>
        {
            ["eligibility"] = Staff.Replace("value: 10 }", "value: 10, judgement: [原则上, 严重] }"),
        });
        var problems = PackCoverage.For(wrongWord, t2.Root).Problems;
        problems.ShouldHaveSingleItem().ShouldContain("“严重”");
    }

    [Fact]
    public void A_word_explained_in_coverage_needs_no_flag()
    {
        using var t = new TempPolicies();
        var text = Text.Replace("研发人员不少于10人。", "研发人员原则上不少于10人。");
        var pack = Made(t, text, "units:\n  前言: 标题\n  第二条: 宗旨条款\nwords:\n  第九条: { 原则上: 文本另有例外规定 }\n",
            new Dictionary<string, string> { ["eligibility"] = Staff });
        PackCoverage.For(pack, t.Root).Problems.ShouldBeEmpty();
    }

    [Fact]
    public void A_pack_without_its_official_text_says_which_file_to_add()
    {
        using var t = new TempPolicies();
        t.AddPack("test", "2024-01-01");
        var report = PackCoverage.For(t.Load().Packs.Single(), t.Root);
        report.Problems.ShouldHaveSingleItem().ShouldContain("test/2024-01-01/text.txt");
    }
}
