using System.Text;
using Shouldly;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Rules;

public sealed class Sm3Tests
{
    private readonly ICryptoProvider crypto = new BouncyCastleCryptoProvider();

    [Fact]
    public void Sm3_of_abc_matches_GB_T_32905_example_1() =>
        crypto.Sm3Hex("abc").ShouldBe("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");

    [Fact]
    public void Sm3_of_a_512_bit_message_matches_GB_T_32905_example_2() =>
        Convert.ToHexStringLower(crypto.Sm3(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("abcd", 16)))))
            .ShouldBe("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");

    [Fact]
    public void The_audit_hash_changes_when_any_field_changes()
    {
        var e = new AuditEntry
        {
            Sequence = 1, OccurredAt = new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero), UtcOffsetMinutes = 480,
            UserName = "a", ClientAddress = "127.0.0.1", Action = "登录", Outcome = "成功", PreviousHash = AuditLog.GenesisHash, Hash = "",
        };
        var h = AuditLog.ComputeHash(crypto, e);
        e.Outcome = "失败";
        AuditLog.ComputeHash(crypto, e).ShouldNotBe(h);
        e.Outcome = "成功";
        e.Detail = "";
        AuditLog.ComputeHash(crypto, e).ShouldNotBe(h); // empty and null are different
    }
}

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("Kx9#tree")]      // 8 characters, four classes
    [InlineData("kx9#tree")]      // three classes: lower, digit, symbol
    [InlineData("KX9#TREE")]      // upper, digit, symbol
    [InlineData("Kxntree9")]      // upper, lower, digit
    public void Acceptable_passwords_pass(string password) => PasswordPolicy.Check(password).ShouldBeEmpty();

    [Theory]
    [InlineData("Kx9#tre", "至少8位")]           // 7 characters
    [InlineData("kxntree9", "至少三类")]          // two classes
    [InlineData("KXNTREE#", "至少三类")]
    [InlineData("P@ssw0rd", "常见弱口令")]
    [InlineData("Admin@123", "常见弱口令")]
    [InlineData("password1", "常见弱口令")]
    public void Weak_passwords_are_refused_with_a_reason(string password, string reason) =>
        PasswordPolicy.Check(password).ShouldContain(e => e.Contains(reason));

    [Fact]
    public void A_password_containing_the_user_name_is_refused() =>
        PasswordPolicy.Check("Zhangsan#2026", "zhangsan").ShouldContain(e => e.Contains("用户名"));

    [Fact]
    public void The_common_password_list_has_a_few_hundred_entries() =>
        PasswordPolicy.CommonPasswords.Count.ShouldBeGreaterThan(300);
}

public sealed class MaskingTests
{
    [Fact]
    public void A_mobile_number_keeps_the_first_three_and_last_four_digits() =>
        Masking.Phone("13812348000").ShouldBe("138****8000");

    [Fact]
    public void An_ID_number_keeps_the_first_six_and_last_four_characters() =>
        Masking.IdNumber("65010219800101123X").ShouldBe("650102********123X");

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("12345", "*****")]
    public void Short_or_missing_values_never_leak(string? value, string expected)
    {
        Masking.Phone(value).ShouldBe(expected);
        Masking.IdNumber(value).ShouldBe(expected);
    }
}
