using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebEdi.Data.Identity;
using WebEdi.Server.Portal;

namespace WebEdi.Server.Pages.Account;

/// <summary>The second step with one of the ten recovery codes instead of the app; each code works once.</summary>
public sealed class LoginWithRecoveryCodeModel(SignInManager<WebEdiUser> signIn, IStringLocalizer<AccountText> text) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "リカバリーコードを入力してください。")]
    [Display(Name = "リカバリーコード")]
    public string RecoveryCode { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("./Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return RedirectToPage("./Login");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(RecoveryCode.Replace(" ", "", StringComparison.Ordinal));
        if (result.Succeeded)
        {
            PortalCulture.Remember(Response, user.PreferredLanguage);
            TempData["Notice"] = text["リカバリーコードを1つ使いました。残りが少なくなったら、アカウント設定で新しいコードを作ってください。"].Value;
            return LocalRedirect(LoginModel.SafeReturnUrl(ReturnUrl));
        }

        ModelState.AddModelError("", result.IsLockedOut
            ? text["サインインに続けて失敗したため、アカウントを一時的にロックしました。しばらくしてからもう一度お試しください。"]
            : text["リカバリーコードが正しくないか、すでに使われています。"]);
        return Page();
    }
}
