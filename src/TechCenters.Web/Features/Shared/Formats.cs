using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace TechCenters.Web.Features.Shared;

/// <summary>Formats the entities define, checked the same way on a form and in an import. Pure.</summary>
public static partial class Formats
{
    [GeneratedRegex(@"^1\d{10}$")] public static partial Regex PhonePattern();
    [GeneratedRegex(@"^\d{3}(\.\d{2})?(\.\d{2})?([,、，]\d{3}(\.\d{2})?(\.\d{2})?)*$")] public static partial Regex FieldCodePattern();

    /// <summary>A mobile number without spaces or dashes, or null with the check's message.</summary>
    public static (string? Value, string? Error) Phone(string raw)
    {
        var phone = raw.Replace(" ", "").Replace("-", "");
        return PhonePattern().IsMatch(phone) ? (phone, null) : (null, "应为11位手机号码");
    }

    public static string? Email(string raw) => new EmailAddressAttribute().IsValid(raw) && raw.Contains('.') ? null : "不是有效的电子邮箱地址";

    public static (string? Value, string? Error) IdNumber(string raw)
    {
        var id = raw.ToUpperInvariant();
        if (id.Length != 18 || !id[..17].All(char.IsAsciiDigit)) return (null, "应为18位居民身份证号码（请以文本格式填写）");
        return TechCenters.Web.Features.Integrity.IntegrityRules.IdNumberValid(id) ? (id, null) : (null, "居民身份证号码校验位错误");
    }

    /// <summary>A credit code check (GB 32100) as a message for the column (without repeating its name).</summary>
    public static (string? Value, string? Error) CreditCode(string raw)
    {
        var code = raw.ToUpperInvariant();
        return TechCenters.Web.Features.Units.CreditCode.Validate(code) is { } reason
            ? (null, reason.StartsWith("统一社会信用代码", StringComparison.Ordinal) ? reason["统一社会信用代码".Length..] : reason)
            : (code, null);
    }
}
