using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using WebEdi.Data;
using WebEdi.Data.Identity;
using WebEdi.Server.Portal;
using WebEdi.Server.Portal.Identity;

namespace WebEdi.Server.Pages.Account;

/// <summary>
/// The invitation link: the invitee chooses a display name and a password and becomes a user of the inviting company
/// with the role the admin chose, signed in. An expired, revoked or used link gets a page saying so.
/// </summary>
public sealed class AcceptInvitationModel(
    WebEdiDbContext db, UserManager<WebEdiUser> users, SignInManager<WebEdiUser> signIn, TimeProvider clock,
    IStringLocalizer<AccountText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "表示名を入力してください。")]
    [StringLength(100, ErrorMessage = "表示名は100文字以内にしてください。")]
    [Display(Name = "表示名")]
    public string DisplayName { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "パスワードを入力してください。")]
    [DataType(DataType.Password)]
    [Display(Name = "パスワード")]
    public string Password { get; set; } = "";

    [BindProperty]
    [Compare(nameof(Password), ErrorMessage = "確認用のパスワードが一致しません。")]
    [DataType(DataType.Password)]
    [Display(Name = "パスワード（確認）")]
    public string ConfirmPassword { get; set; } = "";

    /// <summary>Null when the link matches no invitation.</summary>
    public Invitation? Invitation { get; private set; }

    public InvitationState State { get; private set; }

    public string CompanyName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        if (Invitation is { } invitation)
        {
            DisplayName = invitation.DisplayName;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (Invitation is not { } invitation || State != InvitationState.Open || !ModelState.IsValid)
        {
            return Page();
        }

        if (await users.FindByEmailAsync(invitation.Email) is not null)
        {
            ModelState.AddModelError("", text["このメールアドレスはすでに登録されています。サインインするか、パスワードの再設定をお使いください。"]);
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var user = WebEdiUser.Create(invitation.Email, DisplayName, invitation.CompanyId, invitation.Role, now);
        user.PreferredLanguage = PortalCulture.Current;
        // The link reached this mailbox: the address is confirmed.
        user.EmailConfirmed = true;

        // Identity saves the new user and the accepted invitation (tracked by the same DbContext) in one SaveChanges.
        invitation.Accept(now);
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded)
        {
            ModelState.AddErrors(created);
            return Page();
        }

        await signIn.SignOutAsync();
        await signIn.SignInAsync(user, isPersistent: false);
        PortalCulture.Remember(Response, user.PreferredLanguage);
        TempData["Notice"] = text["ようこそ。アカウントを作成しました。"].Value;
        return Redirect("/Orders");
    }

    private async Task LoadAsync()
    {
        if (string.IsNullOrEmpty(Token))
        {
            return;
        }

        var hash = Data.Identity.Invitation.Hash(Token);
        Invitation = await db.Invitations.SingleOrDefaultAsync(i => i.TokenHash == hash, HttpContext.RequestAborted);
        if (Invitation is { } invitation && invitation.Matches(Token))
        {
            State = invitation.StateAt(clock.GetUtcNow().UtcDateTime);
            CompanyName = await db.Companies.Where(c => c.Id == invitation.CompanyId).Select(c => c.Name).SingleAsync(HttpContext.RequestAborted);
        }
        else
        {
            Invitation = null;
        }
    }
}
