using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Features.Accounts;

/// <summary>修改口令: the current password, a new one that passes the policy, typed twice; then sign in again.</summary>
public sealed class PasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit, TimeProvider time) : PageModel
{
    [BindProperty] public PasswordInput Input { get; set; } = new();
    public bool Done { get; private set; }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "请输入当前口令")]
        [StringLength(128, ErrorMessage = "口令过长")]
        [DataType(DataType.Password)]
        public string Current { get; set; } = "";

        [Required(ErrorMessage = "请输入新口令")]
        [StringLength(128, ErrorMessage = "口令过长")]
        [DataType(DataType.Password)]
        public string New { get; set; } = "";

        [Required(ErrorMessage = "请再次输入新口令")]
        [Compare(nameof(New), ErrorMessage = "两次输入的新口令不一致")]
        [DataType(DataType.Password)]
        public string Confirm { get; set; } = "";
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (ModelState.IsValid)
        {
            var result = await users.ChangePasswordAsync(user, Input.Current, Input.New);
            if (result.Succeeded)
            {
                user.PasswordChangedAt = time.GetUtcNow();
                await users.UpdateAsync(user);
                await audit.AppendAsync(HttpContext, new AuditRecord("修改口令", AuditOutcome.Success, "账号", user.Id));
                // The security stamp changed, so every session of this account ends; this one too (a fresh
                // sign-in would also restart the 8-hour limit, which a password change must not do).
                await signIn.SignOutAsync();
                Done = true;
                Input = new();
                return Page();
            }
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code == "PasswordMismatch" ? "Input.Current" : "Input.New", e.Code == "PasswordMismatch" ? "当前口令不正确" : e.Description);
        }
        await audit.AppendAsync(HttpContext, new AuditRecord("修改口令", AuditOutcome.Failure, "账号", user.Id,
            string.Join("；", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage))));
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
