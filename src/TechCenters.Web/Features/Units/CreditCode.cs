namespace TechCenters.Web.Features.Units;

/// <summary>统一社会信用代码 (GB 32100-2015): 18 characters, the last one a check character.</summary>
public static class CreditCode
{
    public const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Null when valid, otherwise a Chinese reason.</summary>
    public static string? Validate(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return "统一社会信用代码不能为空";
        if (code.Length != 18) return $"统一社会信用代码应为18位，实际为{code.Length}位";
        for (var i = 0; i < 18; i++)
            if (Charset.IndexOf(code[i]) < 0)
                return $"统一社会信用代码第{i + 1}位“{code[i]}”不是允许的字符（数字或除I、O、Z、S、V外的大写字母）";
        var expected = CheckCharacter(code.AsSpan(0, 17));
        return code[17] == expected ? null : $"统一社会信用代码校验位应为“{expected}”，实际为“{code[17]}”";
    }

    public static bool IsValid(string? code) => Validate(code) is null;

    /// <summary>The check character for the first 17 characters.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("需要前17位", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var v = Charset.IndexOf(first17[i]);
            if (v < 0) throw new ArgumentException($"非法字符 {first17[i]}", nameof(first17));
            sum += v * Weights[i];
        }
        var check = 31 - sum % 31;
        return Charset[check == 31 ? 0 : check];
    }

    public static string Complete(string first17) => first17 + CheckCharacter(first17);
}
