using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebEdi.Data.Identity;
using WebEdi.Server.Portal;

namespace WebEdi.Server.Pages.Account;

/// <summary>Sign-in with e-mail and password; two-factor users continue on <c>LoginWith2fa</c>.</summary>
public sealed class LoginModel(
    SignInManager<WebEdiUser> signIn, CompanyAccessPolicy access, IStringLocalizer<AccountText> text) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "メールアドレスを入力してください。")]
    [EmailAddress(ErrorMessage = "メールアドレスの形式が正しくありません。")]
    [Display(Name = "メールアドレス")]
    public string Email { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "パスワードを入力してください。")]
    [DataType(DataType.Password)]
    [Display(Name = "パスワード")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Why the user was sent here, e.g. "network" when a request came from outside the company's networks.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Reason { get; set; }

    public void OnGet()
    {
        if (Reason == "network")
        {
            ModelState.AddModelError("", text["このネットワークからは利用できません。会社の管理者が許可したネットワークから接続してください。"]);
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await signIn.UserManager.FindByEmailAsync(Email.Trim());
        if (user?.CompanyId is { } companyId && !await access.AllowsAsync(companyId, HttpContext.Connection.RemoteIpAddress, HttpContext.RequestAborted))
        {
            ModelState.AddModelError("", text["このネットワークからは利用できません。会社の管理者が許可したネットワークから接続してください。"]);
            return Page();
        }

        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            PortalCulture.Remember(Response, user!.PreferredLanguage);
            return LocalRedirect(SafeReturnUrl(ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("./LoginWith2fa", new { returnUrl = SafeReturnUrl(ReturnUrl) });
        }

        ModelState.AddModelError("", result.IsLockedOut
            ? text["サインインに続けて失敗したため、アカウントを一時的にロックしました。しばらくしてからもう一度お試しください。"]
            : text["メールアドレスまたはパスワードが正しくありません。"]);
        return Page();
    }

    /// <summary>Only a path on this site; anything else (another host, "//evil") goes to the order list.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/Orders";
}
