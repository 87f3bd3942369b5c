using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WebEdi.Data.Identity;
using WebEdi.Server.Portal;

namespace WebEdi.Server.Pages.Account;

/// <summary>The language switch in the header: remembered for the browser, and saved as the user's preference (e-mail too).</summary>
public sealed class LanguageModel(UserManager<WebEdiUser> users) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync(string? language, string? returnUrl)
    {
        language = PortalCulture.Normalize(language);
        PortalCulture.Remember(Response, language);
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user && user.PreferredLanguage != language)
        {
            user.PreferredLanguage = language;
            await users.UpdateAsync(user);
        }

        return LocalRedirect(returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
