using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Features.Accounts;

public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, AuditLog audit, IConfiguration config,
    IPasswordHasher<AppUser> hasher) : PageModel
{
    // An unknown user name costs the same PBKDF2 work as a wrong password, so timing does not reveal which names exist.
    private static string? dummyHash;

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public const string FailureMessage = "用户名或口令错误，或账号因连续登录失败已被锁定。连续失败5次锁定15分钟，请稍后再试或联系安全管理员解锁。";
    public bool Demo => config.GetValue("Demo:Enabled", false);
    /// <summary>The demo accounts' shared password (shown on the page in demo mode only).</summary>
    public string DemoPassword => config["Demo:Password"] ?? TechCenters.Web.Data.Seed.DemoSeeder.DefaultDemoPassword;

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "请输入用户名")]
        [StringLength(256, ErrorMessage = "用户名过长")]
        [Display(Name = "用户名")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "请输入口令")]
        [StringLength(128, ErrorMessage = "口令过长")]
        [Display(Name = "口令")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }

    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true) return LocalRedirect(SafeReturn());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var user = await users.FindByNameAsync(Input.UserName);
        if (user is null)
        {
            var probe = new AppUser();
            dummyHash ??= hasher.HashPassword(probe, Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(probe, dummyHash, Input.Password);
        }
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.AppendAsync(HttpContext, new AuditRecord("登录", AuditOutcome.Success, "账号", user?.Id), Input.UserName, user?.Id);
            return LocalRedirect(SafeReturn());
        }
        if (result.IsLockedOut)
        {
            await audit.AppendAsync(HttpContext, new AuditRecord("登录", AuditOutcome.Denied, "账号", user?.Id, "账号已锁定"), Input.UserName, user?.Id);
        }
        else
        {
            await audit.AppendAsync(HttpContext, new AuditRecord("登录", AuditOutcome.Failure, "账号", user?.Id, user is null ? "用户名不存在" : "口令错误"), Input.UserName, user?.Id);
        }
        // One answer for an unknown name, a wrong password and a locked account: the page never tells which names exist.
        Error = FailureMessage;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    private string SafeReturn() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/Inbox";
}
