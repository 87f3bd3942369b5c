using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebEdi.Data.Identity;
using WebEdi.Domain;
using WebEdi.Domain.Users;
using WebEdi.Server.Portal;
using WebEdi.Server.Portal.Identity;

namespace WebEdi.Server.Pages.Account.Manage;

/// <summary>The user's own settings: display name, language, order e-mail and its quiet hours.</summary>
public sealed class IndexModel(UserManager<WebEdiUser> users, PortalSignIn session, IStringLocalizer<AccountText> text) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "表示名を入力してください。")]
    [StringLength(100, ErrorMessage = "表示名は100文字以内にしてください。")]
    [Display(Name = "表示名")]
    public string DisplayName { get; set; } = "";

    [BindProperty]
    public string Language { get; set; } = "ja";

    /// <summary>"role" (follow the role's default), "on" or "off".</summary>
    [BindProperty]
    public string OrderMail { get; set; } = "role";

    [BindProperty]
    [Display(Name = "開始")]
    public string? QuietStart { get; set; }

    [BindProperty]
    [Display(Name = "終了")]
    public string? QuietEnd { get; set; }

    public string Email { get; private set; } = "";

    public UserRole Role { get; private set; }

    public bool RoleSendsMail { get; private set; }

    public bool TwoFactorEnabled { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("The signed-in user is gone.");
        Describe(user);
        DisplayName = user.DisplayName;
        Language = user.PreferredLanguage;
        OrderMail = user.ReceivesOrderMail switch { true => "on", false => "off", null => "role" };
        QuietStart = user.QuietHoursStart?.ToString("HH:mm", CultureInfo.InvariantCulture);
        QuietEnd = user.QuietHoursEnd?.ToString("HH:mm", CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("The signed-in user is gone.");
        Describe(user);
        var start = ParseTime(QuietStart, nameof(QuietStart));
        var end = ParseTime(QuietEnd, nameof(QuietEnd));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            user.SetQuietHours(start, end);
        }
        catch (DomainRuleException)
        {
            ModelState.AddModelError(nameof(QuietEnd), text["夜間停止は開始と終了の両方を、異なる時刻で入力してください（使わない場合は両方とも空欄）。"]);
            return Page();
        }

        var renamed = user.DisplayName != DisplayName.Trim();
        user.DisplayName = DisplayName.Trim();
        user.PreferredLanguage = PortalCulture.Normalize(Language);
        user.ReceivesOrderMail = OrderMail switch { "on" => true, "off" => false, _ => null };
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result);
            return Page();
        }

        if (renamed)
        {
            // The name in the header comes from the session cookie.
            await session.RefreshAsync(user);
        }

        PortalCulture.Remember(Response, user.PreferredLanguage);
        TempData["Notice"] = text["設定を保存しました。"].Value;
        return RedirectToPage();
    }

    private void Describe(WebEdiUser user)
    {
        Email = user.Email ?? "";
        Role = user.Role;
        RoleSendsMail = user.Role is UserRole.CompanyAdmin or UserRole.Operator;
        TwoFactorEnabled = user.TwoFactorEnabled;
    }

    private TimeOnly? ParseTime(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (TimeOnly.TryParseExact(value.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        ModelState.AddModelError(field, text["時刻は 22:00 のように入力してください。"]);
        return null;
    }
}
