using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace TechCenters.Web.Features.Accounts;

public sealed class ChineseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "操作失败" };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"用户名“{userName}”已存在" };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = $"用户名“{userName}”无效，只能包含字母、数字和 -._@+" };
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"口令长度至少{length}位" };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "口令错误" };
    public override IdentityError UserAlreadyInRole(string role) => new() { Code = nameof(UserAlreadyInRole), Description = $"账号已具有角色“{Roles.ToChinese(role)}”" };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "数据已被他人修改，请刷新后重试" };
}

public static class ChineseModelBindingMessages
{
    public static void Apply(DefaultModelBindingMessageProvider p)
    {
        p.SetAttemptedValueIsInvalidAccessor((v, f) => $"“{v}”不是有效的{f}");
        p.SetMissingBindRequiredValueAccessor(f => $"缺少{f}");
        p.SetMissingKeyOrValueAccessor(() => "缺少值");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "请求内容不能为空");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(v => $"“{v}”无效");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "输入值无效");
        p.SetUnknownValueIsInvalidAccessor(f => $"{f}的值无效");
        p.SetValueIsInvalidAccessor(v => $"“{v}”无效");
        p.SetValueMustBeANumberAccessor(f => $"{f}必须是数字");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "必须是数字");
        p.SetValueMustNotBeNullAccessor(v => $"{v}不能为空");
    }
}
