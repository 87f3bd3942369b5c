using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebEdi.Data.Identity;
using WebEdi.Server.Portal.Identity;

namespace WebEdi.Server.Pages.Account.Manage;

/// <summary>A new password; the user's other sessions end (new security stamp), this one continues.</summary>
[RecentSignInRequired]
public sealed class ChangePasswordModel(UserManager<WebEdiUser> users, PortalSignIn session, IStringLocalizer<AccountText> text) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "現在のパスワードを入力してください。")]
    [DataType(DataType.Password)]
    [Display(Name = "現在のパスワード")]
    public string CurrentPassword { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "新しいパスワードを入力してください。")]
    [DataType(DataType.Password)]
    [Display(Name = "新しいパスワード")]
    public string NewPassword { get; set; } = "";

    [BindProperty]
    [Compare(nameof(NewPassword), ErrorMessage = "確認用のパスワードが一致しません。")]
    [DataType(DataType.Password)]
    [Display(Name = "新しいパスワード（確認）")]
    public string ConfirmPassword { get; set; } = "";

    public string Email { get; private set; } = "";

    public async Task OnGetAsync() => Email = (await users.GetUserAsync(User))?.Email ?? "";

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("The signed-in user is gone.");
        Email = user.Email ?? "";
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await users.ChangePasswordAsync(user, CurrentPassword, NewPassword);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result);
            return Page();
        }

        await session.RefreshAsync(user, passwordEntered: true);
        TempData["Notice"] = text["パスワードを変更しました。ほかの端末のサインインは終了します。"].Value;
        return RedirectToPage("./Index");
    }
}
