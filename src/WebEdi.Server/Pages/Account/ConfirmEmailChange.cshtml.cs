using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WebEdi.Data.Identity;
using WebEdi.Server.Portal.Identity;

namespace WebEdi.Server.Pages.Account;

/// <summary>
/// The link mailed to a new address: only now does the address (which is also the sign-in name) change. The change
/// renews the security stamp, so every session of the user ends and they sign in with the new address.
/// </summary>
public sealed class ConfirmEmailChangeModel(UserManager<WebEdiUser> users, SignInManager<WebEdiUser> signIn) : PageModel
{
    public bool Changed { get; private set; }

    public string Email { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid userId, string? email, string? code)
    {
        if (await users.FindByIdAsync(userId.ToString()) is { } user && email is { Length: > 0 } && AccountMail.DecodeToken(code) is { } token)
        {
            var result = await users.ChangeEmailAsync(user, email, token);
            if (result.Succeeded)
            {
                await users.SetUserNameAsync(user, email);
                if (PortalUserId() == user.Id)
                {
                    await signIn.SignOutAsync();
                }

                Changed = true;
                Email = email;
            }
        }

        return Page();
    }

    private Guid? PortalUserId() => Portal.PortalUser.From(User)?.UserId;
}
