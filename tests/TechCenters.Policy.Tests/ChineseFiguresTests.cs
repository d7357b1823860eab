namespace TechCenters.Policy.Tests;

/// <summary>Figures typed the way Chinese users type them are understood, or refused — never guessed.</summary>
public class ChineseFiguresTests
{
    [Theory]
    [InlineData("1200万", 12_000_000, false)]
    [InlineData("1200万元", 12_000_000, false)]
    [InlineData("1.2亿", 120_000_000, false)]
    [InlineData("1.2亿元", 120_000_000, false)]
    [InlineData("3,000,000", 3_000_000, false)]
    [InlineData("３０００", 3000, false)]
    [InlineData("十五", 15, false)]
    [InlineData("六十五", 65, false)]
    [InlineData("一百零五", 105, false)]
    [InlineData("两千三百万", 23_000_000, false)]
    [InlineData("两亿三千万", 230_000_000, false)]
    [InlineData("一点五亿", 150_000_000, false)]
    [InlineData("65%", 65, true)]
    [InlineData("65％", 65, true)]
    [InlineData("0.65", 0.65, false)]
    [InlineData("500平方米", 500, false)]
    [InlineData("25人", 25, false)]
    public void Understands(string typed, double value, bool percent)
    {
        var r = ChineseFigures.Parse(typed).ShouldNotBeNull(typed);
        r.Value.ShouldBe((decimal)value);
        r.Percent.ShouldBe(percent);
    }

    [Theory]
    [InlineData("")]
    [InlineData("约一千万")]
    [InlineData("1e309")]
    [InlineData("NaN")]
    [InlineData("12..5")]
    [InlineData("1200万美元")]
    [InlineData("<script>")]
    [InlineData("万")]
    public void Refuses_what_is_not_one_figure(string typed) => ChineseFigures.Parse(typed).ShouldBeNull(typed);
}
