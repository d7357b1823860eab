using Shouldly;
using TechCenters.Web.Features.Units;
using Xunit;

namespace TechCenters.Web.Tests.Rules;

public sealed class CreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")] // the example printed in GB 32100-2015
    [InlineData("91110000600037341L")]
    [InlineData("91310000775785552L")]
    [InlineData("12100000400000624D")]
    [InlineData("911100001000079554")]
    public void Valid_codes_pass(string code) => CreditCode.Validate(code).ShouldBeNull();

    [Theory]
    [InlineData("91350100M000100Y44", "校验位应为“3”")]     // wrong check character
    [InlineData("91110000600037341M", "校验位应为“L”")]
    [InlineData("91350100M000100Y4", "应为18位")]           // 17 characters
    [InlineData("91350100M000100Y433", "应为18位")]         // 19 characters
    [InlineData("91350100I000100Y43", "第9位")]             // I is not in the charset
    [InlineData("91350100m000100Y43", "第9位")]             // lower case is not allowed
    [InlineData("", "不能为空")]
    public void Invalid_codes_are_refused_with_a_reason(string code, string reason) => CreditCode.Validate(code)!.ShouldContain(reason);

    [Theory]
    [InlineData('O')] [InlineData('Z')] [InlineData('S')] [InlineData('V')]
    public void Letters_left_out_of_the_charset_are_refused(char letter) =>
        CreditCode.IsValid("91350100M000100Y4" + letter).ShouldBeFalse();

    [Fact]
    public void A_check_value_of_31_maps_to_0()
    {
        // Search a 17-character body whose weighted sum is divisible by 31: its check character must be '0'.
        var body = "9135010000000000".ToCharArray();
        foreach (var c in CreditCode.Charset)
        {
            var candidate = new string(body) + c;
            var sum = 0;
            int[] w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
            for (var i = 0; i < 17; i++) sum += CreditCode.Charset.IndexOf(candidate[i]) * w[i];
            if (sum % 31 != 0) continue;
            CreditCode.CheckCharacter(candidate).ShouldBe('0');
            return;
        }
        throw new InvalidOperationException("没有找到加权和为31倍数的样例");
    }

    [Fact]
    public void Complete_appends_a_check_character_that_validates() =>
        CreditCode.IsValid(CreditCode.Complete("91650100MA77ABCD1")).ShouldBeTrue();
}
