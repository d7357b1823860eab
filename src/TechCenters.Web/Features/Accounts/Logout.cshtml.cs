using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Features.Accounts;

public sealed class LogoutModel(SignInManager<AppUser> signIn, AuditLog audit) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Inbox/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        await audit.AppendAsync(HttpContext, new AuditRecord("退出登录", AuditOutcome.Success, "账号", UserScope.From(User).UserId));
        await signIn.SignOutAsync();
        return Redirect(AccountsSetup.LoginPath);
    }
}
