using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebEdi.Data.Identity;
using WebEdi.Server.Portal.Identity;

namespace WebEdi.Server.Pages.Account;

/// <summary>The reset link's page: e-mail address and a new password. A reset ends the user's other sessions.</summary>
public sealed class ResetPasswordModel(UserManager<WebEdiUser> users, IStringLocalizer<AccountText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "メールアドレスを入力してください。")]
    [EmailAddress(ErrorMessage = "メールアドレスの形式が正しくありません。")]
    [Display(Name = "メールアドレス")]
    public string Email { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "新しいパスワードを入力してください。")]
    [DataType(DataType.Password)]
    [Display(Name = "新しいパスワード")]
    public string Password { get; set; } = "";

    [BindProperty]
    [Compare(nameof(Password), ErrorMessage = "確認用のパスワードが一致しません。")]
    [DataType(DataType.Password)]
    [Display(Name = "新しいパスワード（確認）")]
    public string ConfirmPassword { get; set; } = "";

    public bool HasCode => AccountMail.DecodeToken(Code) is { Length: > 0 };

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!HasCode || !ModelState.IsValid)
        {
            return Page();
        }

        // An unknown address gets the same answer as a success, so the page tells nobody which addresses exist.
        if (await users.FindByEmailAsync(Email.Trim()) is { } user)
        {
            var result = await users.ResetPasswordAsync(user, AccountMail.DecodeToken(Code)!, Password);
            if (!result.Succeeded)
            {
                ModelState.AddErrors(result);
                return Page();
            }
        }

        TempData["Notice"] = text["パスワードを変更しました。新しいパスワードでサインインしてください。"].Value;
        return RedirectToPage("./Login");
    }
}
