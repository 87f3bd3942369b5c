using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QRCoder;
using WebEdi.Data;
using WebEdi.Data.Identity;
using WebEdi.Server.Portal.Identity;

namespace WebEdi.Server.Pages.Account.Manage;

/// <summary>
/// Two-factor sign-in with an authenticator app: set up (shared key, otpauth URI, QR code; a code must be verified
/// before it is switched on), ten recovery codes shown once, new codes, and switching off unless the company
/// requires it. Switching on also marks this session as two-factor, so a 2FA company lets the user through at once.
/// </summary>
[RecentSignInRequired]
public sealed class TwoFactorModel(
    UserManager<WebEdiUser> users, PortalSignIn session, WebEdiDbContext db, IStringLocalizer<AccountText> text) : PageModel
{
    public const string Issuer = "WebEdi";

    [BindProperty]
    [Required(ErrorMessage = "確認コードを入力してください。")]
    [Display(Name = "確認コード")]
    public string Code { get; set; } = "";

    /// <summary>"1" when the company access policy sent the user here.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Required { get; set; }

    public bool Enabled { get; private set; }

    public bool CompanyRequires { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public string SharedKey { get; private set; } = "";

    public string AuthenticatorUri { get; private set; } = "";

    public string QrCode { get; private set; } = "";

    /// <summary>New recovery codes, shown in this one answer and never again.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync(await CurrentUserAsync());
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await CurrentUserAsync();
        if (user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        var code = Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!ModelState.IsValid
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            if (ModelState.IsValid)
            {
                ModelState.AddModelError(nameof(Code), text["確認コードが正しくありません。認証アプリに今表示されているコードを入力してください。"]);
            }

            await LoadAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, AccountRules.RecoveryCodeCount) ?? []];
        await session.RefreshAsync(user, secondFactor: true);
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await CurrentUserAsync();
        if (!user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        ModelState.Clear();
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, AccountRules.RecoveryCodeCount) ?? []];
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await CurrentUserAsync();
        ModelState.Clear();
        if (await CompanyRequiresAsync(user))
        {
            ModelState.AddModelError("", text["会社の設定で2段階認証が必須のため、無効にできません。"]);
            await LoadAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        // A new key: switching on again means setting up the app again, and the old key (perhaps on a lost phone) is dead.
        await users.ResetAuthenticatorKeyAsync(user);
        await session.RefreshAsync(user, secondFactor: false);
        TempData["Notice"] = text["2段階認証を無効にしました。"].Value;
        return RedirectToPage();
    }

    private async Task<WebEdiUser> CurrentUserAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("The signed-in user is gone.");

    private async Task<bool> CompanyRequiresAsync(WebEdiUser user) =>
        user.CompanyId is { } company
        && await db.Companies.AsNoTracking().Where(c => c.Id == company).Select(c => c.RequiresTwoFactor).SingleAsync(HttpContext.RequestAborted);

    private async Task LoadAsync(WebEdiUser user)
    {
        Enabled = user.TwoFactorEnabled;
        CompanyRequires = await CompanyRequiresAsync(user);
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            // The reset renewed the security stamp; without a fresh cookie this session would end at the next check.
            await session.RefreshAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }

        SharedKey = string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        AuthenticatorUri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.Email ?? "")}" +
            $"?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(AuthenticatorUri, QRCodeGenerator.ECCLevel.M);
        QrCode = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }
}
