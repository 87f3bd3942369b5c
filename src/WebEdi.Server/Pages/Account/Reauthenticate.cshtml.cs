using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebEdi.Data.Identity;
using WebEdi.Server.Portal.Identity;

namespace WebEdi.Server.Pages.Account;

/// <summary>
/// Password re-entry before a sensitive change (e-mail, password, two-factor) when the last one is older than
/// <c>WebEdi:Portal:ReauthenticationMinutes</c>. Failures count towards the lock-out like sign-in failures.
/// </summary>
public sealed class ReauthenticateModel(
    SignInManager<WebEdiUser> signIn, PortalSignIn session, IStringLocalizer<AccountText> text) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "パスワードを入力してください。")]
    [DataType(DataType.Password)]
    [Display(Name = "パスワード")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string Email { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is not { } user)
        {
            return RedirectToPage("./Login", new { returnUrl = ReturnUrl });
        }

        Email = user.Email ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is not { } user)
        {
            return RedirectToPage("./Login", new { returnUrl = ReturnUrl });
        }

        Email = user.Email ?? "";
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.CheckPasswordSignInAsync(user, Password, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await session.RefreshAsync(user, passwordEntered: true);
            return LocalRedirect(LoginModel.SafeReturnUrl(ReturnUrl is { Length: > 0 } ? ReturnUrl : "/Account/Manage"));
        }

        if (result.IsLockedOut)
        {
            await signIn.SignOutAsync();
            TempData["Notice"] = text["サインインに続けて失敗したため、アカウントを一時的にロックしました。しばらくしてからもう一度お試しください。"].Value;
            return RedirectToPage("./Login");
        }

        ModelState.AddModelError("", text["パスワードが正しくありません。"]);
        return Page();
    }
}
