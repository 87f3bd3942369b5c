using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebEdi.Data.Identity;
using WebEdi.Server.Portal.Identity;

namespace WebEdi.Server.Pages.Account.Manage;

/// <summary>
/// A new e-mail address takes effect only when the link mailed to it is opened (ConfirmEmailChange), so a typo
/// cannot lock the user out and nobody can move an account to an address they do not read.
/// </summary>
[RecentSignInRequired]
public sealed class ChangeEmailModel(UserManager<WebEdiUser> users, AccountMail mail, IStringLocalizer<AccountText> text) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "メールアドレスを入力してください。")]
    [EmailAddress(ErrorMessage = "メールアドレスの形式が正しくありません。")]
    [StringLength(256)]
    [Display(Name = "新しいメールアドレス")]
    public string NewEmail { get; set; } = "";

    public string CurrentEmail { get; private set; } = "";

    public bool Sent { get; private set; }

    public async Task OnGetAsync() => CurrentEmail = (await users.GetUserAsync(User))?.Email ?? "";

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("The signed-in user is gone.");
        CurrentEmail = user.Email ?? "";
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = NewEmail.Trim();
        if (string.Equals(email, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError(nameof(NewEmail), text["現在と同じメールアドレスです。"]);
            return Page();
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            ModelState.AddModelError(nameof(NewEmail), text["このメールアドレスはすでに登録されています。"]);
            return Page();
        }

        var token = await users.GenerateChangeEmailTokenAsync(user, email);
        await mail.SendEmailChangeAsync(user, email, token, HttpContext.RequestAborted);
        Sent = true;
        NewEmail = email;
        return Page();
    }
}
