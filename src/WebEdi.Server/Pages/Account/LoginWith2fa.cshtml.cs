using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebEdi.Data.Identity;
using WebEdi.Server.Portal;

namespace WebEdi.Server.Pages.Account;

/// <summary>
/// The second step of signing in: a code from the authenticator app, each code accepted once. Browsers are never
/// remembered: every sign-in asks for a code.
/// </summary>
public sealed class LoginWith2faModel(SignInManager<WebEdiUser> signIn, IStringLocalizer<AccountText> text) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "確認コードを入力してください。")]
    [Display(Name = "確認コード")]
    public string Code { get; set; } = "";

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

        var code = Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            PortalCulture.Remember(Response, user.PreferredLanguage);
            return LocalRedirect(LoginModel.SafeReturnUrl(ReturnUrl));
        }

        ModelState.AddModelError("", result.IsLockedOut
            ? text["サインインに続けて失敗したため、アカウントを一時的にロックしました。しばらくしてからもう一度お試しください。"]
            : text["確認コードが正しくないか、すでに使われています。新しいコードを入力してください。"]);
        return Page();
    }
}
