using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WebEdi.Data.Identity;
using WebEdi.Server.Portal.Identity;

namespace WebEdi.Server.Pages.Account;

/// <summary>
/// Asks for a reset link. The answer is the same whether or not the address has an account (nobody can probe which
/// addresses do); the mail goes out only to an existing, active account, in the user's language.
/// </summary>
public sealed partial class ForgotPasswordModel(UserManager<WebEdiUser> users, AccountMail mail, ILogger<ForgotPasswordModel> logger) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "メールアドレスを入力してください。")]
    [EmailAddress(ErrorMessage = "メールアドレスの形式が正しくありません。")]
    [Display(Name = "メールアドレス")]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await users.FindByEmailAsync(Email.Trim()) is { } user && !user.IsDeactivated())
        {
            try
            {
                var token = await users.GeneratePasswordResetTokenAsync(user);
                await mail.SendPasswordResetAsync(user, token, HttpContext.RequestAborted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The answer must not differ; the operator sees the failure in the log.
                LogMailFailed(logger, e, user.Id);
            }
        }

        Sent = true;
        return Page();
    }

    [LoggerMessage(LogLevel.Error, "The password reset mail for user {UserId} could not be sent.")]
    private static partial void LogMailFailed(ILogger logger, Exception exception, Guid userId);
}
