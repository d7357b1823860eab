using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace TechCenters.Web.Features.Accounts;

/// <summary>口令策略 (等保三级): ≥ 8 characters, ≥ 3 of 4 character classes, not a common password.</summary>
public static class PasswordPolicy
{
    public const int MinLength = 8;

    private static readonly Lazy<FrozenSet<string>> Common = new(LoadCommon);

    public static IReadOnlyCollection<string> CommonPasswords => Common.Value;

    /// <summary>Chinese reasons the password is refused; empty when it is acceptable.</summary>
    public static List<string> Check(string? password, string? userName = null)
    {
        var errors = new List<string>();
        password ??= "";
        if (password.Length < MinLength) errors.Add($"口令长度至少{MinLength}位");
        var classes = (password.Any(char.IsUpper) ? 1 : 0) + (password.Any(char.IsLower) ? 1 : 0)
            + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        if (classes < 3) errors.Add("口令须包含大写字母、小写字母、数字、特殊字符中的至少三类");
        if (Common.Value.Contains(password)) errors.Add("口令属于常见弱口令，请更换");
        if (!string.IsNullOrEmpty(userName) && password.Contains(userName, StringComparison.OrdinalIgnoreCase))
            errors.Add("口令不得包含用户名");
        return errors;
    }

    private static FrozenSet<string> LoadCommon()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("TechCenters.Web.Features.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("常见弱口令清单缺失");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && !line.StartsWith('#')) set.Add(line.Trim());
        return set.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}

public sealed class PasswordPolicyValidator : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var errors = PasswordPolicy.Check(password, user.UserName);
        return Task.FromResult(errors.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed(errors.Select(e => new IdentityError { Code = "PasswordPolicy", Description = e }).ToArray()));
    }
}
