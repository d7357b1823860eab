using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TechCenters.Web.Features.Security;

namespace TechCenters.Web.Features.Verify;

/// <summary>
/// 文件核验 (public, no login): a receipt or an official document is checked by its number and the verification code
/// printed on it; the answer says whether the platform signed it and whether the records still say what was signed.
/// </summary>
public sealed class IndexModel(DocumentSigner signer, KeyRing ring) : PageModel
{
    [BindProperty(SupportsGet = true)]
    [StringLength(120, ErrorMessage = "编号不超过120个字符")]
    public string? Number { get; set; }

    [BindProperty(SupportsGet = true)]
    [StringLength(19, ErrorMessage = "验证码为16位字母和数字（可含短横线）")]
    public string? Code { get; set; }

    public VerifyResult? Result { get; private set; }
    public string PublicKeyId => ring.Keys.CurrentSigning.Id;
    public string PublicKey => ring.Keys.CurrentSigning.PublicKey;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Number is null && Code is null) return Page();
        if (string.IsNullOrWhiteSpace(Number)) ModelState.AddModelError(nameof(Number), "请输入回执编号或文号");
        if (DocumentSigner.NormalizeCode(Code) is null) ModelState.AddModelError(nameof(Code), "验证码为16位字母和数字（可含短横线），请核对");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Result = await signer.VerifyAsync(Code!, Number, ct);
        if (!Result.Found) Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
