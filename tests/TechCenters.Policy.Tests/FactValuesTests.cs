namespace TechCenters.Policy.Tests;

/// <summary>Each typed value is checked against its vocabulary definition: understood, or refused with a Chinese message.</summary>
public class FactValuesTests
{
    private static FactDefinition Def(string path) => Catalogs.Repo.Vocabulary.Fact(path).ShouldNotBeNull(path);

    [Theory]
    [InlineData("lead.rd_expense_last_year", "1200万", "12000000")]
    [InlineData("lead.rd_expense_last_year", "1.2亿元", "120000000")]
    [InlineData("team.rd_staff", "十五", "15")]
    [InlineData("lead.debt_to_asset_ratio_last_year", "65%", "0.65")]
    [InlineData("lead.debt_to_asset_ratio_last_year", "0.65", "0.65")]
    [InlineData("lead.debt_to_asset_ratio_last_year", "1", "1")]
    [InlineData("lead.debt_to_asset_ratio_last_year", "2/3", "0.666666666667")]
    [InlineData("lead.independent_legal_person", "是", "true")]
    [InlineData("lead.type", "高校", "university")]
    [InlineData("lead.type", "technical_institution", "technical_institution")]
    public void A_value_is_read_into_its_canonical_form(string path, string typed, string expected)
    {
        var r = FactValues.Parse(Def(path), typed);
        r.Error.ShouldBeNull();
        r.Value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("lead.debt_to_asset_ratio_last_year", "65", "含义不明")]
    [InlineData("lead.debt_to_asset_ratio_last_year", "-5%", "负数")]
    [InlineData("lead.rd_expense_last_year", "六十五万美元", "无法识别")]
    [InlineData("lead.rd_expense_last_year", "-100", "负数")]
    [InlineData("lead.rd_expense_last_year", "1e309", "无法识别")]
    [InlineData("lead.rd_expense_last_year", "NaN", "无法识别")]
    [InlineData("lead.rd_expense_last_year", "65%", "不是百分数")]
    [InlineData("lead.rd_expense_last_year", "100\u202E00", "方向控制字符")]
    [InlineData("lead.independent_legal_person", "也许", "是”或“否")]
    [InlineData("lead.type", "合作社", "之一")]
    public void A_bad_value_is_refused_with_a_Chinese_message_naming_the_field(string path, string typed, string message)
    {
        var r = FactValues.Parse(Def(path), typed);
        r.Value.ShouldBeNull();
        r.Error.ShouldNotBeNull().ShouldContain(message);
        r.Error.ShouldContain(Def(path).Label);
    }
}
