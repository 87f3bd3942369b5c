using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WebEdi.Data.Identity;

namespace WebEdi.Server.Pages.Account;

/// <summary>Sign-out is a POST with an anti-forgery token (a GET would let any page sign a user out).</summary>
public sealed class LogoutModel(SignInManager<WebEdiUser> signIn) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return RedirectToPage("./Login");
    }
}
