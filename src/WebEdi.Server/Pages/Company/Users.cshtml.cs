using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using WebEdi.Data;
using WebEdi.Data.Identity;
using WebEdi.Domain.Users;
using WebEdi.Server.Portal;
using WebEdi.Server.Portal.Identity;

namespace WebEdi.Server.Pages.Company;

/// <summary>
/// The company's people: who has which role, 2FA and lock-out state; invitations (sent by e-mail, revocable); role
/// changes and deactivation. Every id in a form is looked up inside the admin's own company, else 404. An admin
/// cannot demote or deactivate themselves, nor leave the company without an active admin.
/// </summary>
public sealed partial class UsersModel(
    WebEdiDbContext db, UserManager<WebEdiUser> users, PortalUser me, AccountMail mail, TimeProvider clock,
    IStringLocalizer<CompanyText> text, IStringLocalizer<SharedResource> shared, ILogger<UsersModel> logger) : PageModel
{
    public sealed record Person(
        Guid Id, string Email, string DisplayName, UserRole Role, bool TwoFactor, DateTimeOffset? LockoutEnd, bool Deactivated, bool IsMe);

    [BindProperty]
    [Required(ErrorMessage = "メールアドレスを入力してください。")]
    [EmailAddress(ErrorMessage = "メールアドレスの形式が正しくありません。")]
    [StringLength(256)]
    [Display(Name = "メールアドレス")]
    public string InviteEmail { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "表示名を入力してください。")]
    [StringLength(100, ErrorMessage = "表示名は100文字以内にしてください。")]
    [Display(Name = "表示名")]
    public string InviteName { get; set; } = "";

    [BindProperty]
    [Display(Name = "役割")]
    public UserRole InviteRole { get; set; } = UserRole.Operator;

    public IReadOnlyList<Person> People { get; private set; } = [];

    public IReadOnlyList<Invitation> OpenInvitations { get; private set; } = [];

    public TimeZoneInfo TimeZone { get; private set; } = TimeZoneInfo.Utc;

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostInviteAsync()
    {
        if (!AccountRules.CompanyRoles.Contains(InviteRole))
        {
            ModelState.AddModelError(nameof(InviteRole), text["役割を選んでください。"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var email = InviteEmail.Trim();
        var now = clock.GetUtcNow().UtcDateTime;
        if (await users.FindByEmailAsync(email) is not null)
        {
            ModelState.AddModelError(nameof(InviteEmail), text["このメールアドレスはすでにWebEdiに登録されています。"]);
        }
        else if ((await db.Invitations.Where(i => i.CompanyId == me.Company && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
                     .Select(i => i.Email).ToListAsync(HttpContext.RequestAborted))
                 .Contains(email, StringComparer.OrdinalIgnoreCase))
        {
            ModelState.AddModelError(nameof(InviteEmail), text["このアドレスには有効な招待があります。送り直すには、その招待を取り消してから招待してください。"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var (invitation, token) = Invitation.Create(me.Company, email, InviteName, InviteRole, me.UserId, now, Invitation.DefaultLifetime);
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        var companyName = await db.Companies.Where(c => c.Id == me.Company).Select(c => c.Name).SingleAsync(HttpContext.RequestAborted);
        try
        {
            await mail.SendInvitationAsync(invitation, companyName, me.DisplayName, token, HttpContext.RequestAborted);
            TempData["Notice"] = text["{0} さんに招待メールを送りました。", invitation.DisplayName].Value;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogMailFailed(logger, e, invitation.Id);
            TempData["Notice"] = text["招待を作成しましたが、メールを送れませんでした。招待を取り消し、しばらくしてからもう一度招待してください。"].Value;
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == id && i.CompanyId == me.Company, HttpContext.RequestAborted);
        if (invitation is null)
        {
            return NotFound();
        }

        invitation.Revoke(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Notice"] = text["{0} への招待を取り消しました。", invitation.Email].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid id, UserRole role)
    {
        if (await FindAsync(id) is not { } user)
        {
            return NotFound();
        }

        if (!AccountRules.CompanyRoles.Contains(role))
        {
            return BadRequest();
        }

        if (user.Role == role)
        {
            return RedirectToPage();
        }

        if (await RefuseAsync(user, role != UserRole.CompanyAdmin, text["自分自身の役割は変更できません。ほかの管理者に依頼してください。"]))
        {
            await LoadAsync();
            return Page();
        }

        user.ChangeRole(role);
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result);
            await LoadAsync();
            return Page();
        }

        TempData["Notice"] = text["{0} さんの役割を「{1}」にしました。", user.DisplayName, Role(role)].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeactivateAsync(Guid id)
    {
        if (await FindAsync(id) is not { } user)
        {
            return NotFound();
        }

        if (await RefuseAsync(user, removesAdmin: true, text["自分自身を利用停止にはできません。"]))
        {
            await LoadAsync();
            return Page();
        }

        await users.SetLockoutEndDateAsync(user, AccountRules.DeactivatedUntil);
        // A new security stamp ends the user's sessions at their next check (within a minute).
        await users.UpdateSecurityStampAsync(user);
        TempData["Notice"] = text["{0} さんを利用停止にしました。", user.DisplayName].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReactivateAsync(Guid id)
    {
        if (await FindAsync(id) is not { } user)
        {
            return NotFound();
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        TempData["Notice"] = text["{0} さんの利用を再開しました。", user.DisplayName].Value;
        return RedirectToPage();
    }

    private string Role(UserRole role) => shared[role.JapaneseName()];

    private Task<WebEdiUser?> FindAsync(Guid id) =>
        db.Users.SingleOrDefaultAsync(u => u.Id == id && u.CompanyId == me.Company, HttpContext.RequestAborted);

    /// <summary>Adds the reason and returns true when the change would remove the admin themselves or the last active admin.</summary>
    private async Task<bool> RefuseAsync(WebEdiUser user, bool removesAdmin, string selfMessage)
    {
        if (user.Id == me.UserId)
        {
            ModelState.AddModelError("", selfMessage);
            return true;
        }

        if (removesAdmin && user.Role == UserRole.CompanyAdmin && !user.IsDeactivated())
        {
            var admins = await db.Users.Where(u => u.CompanyId == me.Company && u.Role == UserRole.CompanyAdmin)
                .Select(u => u.LockoutEnd).ToListAsync(HttpContext.RequestAborted);
            if (admins.Count(end => !AccountRules.IsDeactivated(end)) <= 1)
            {
                ModelState.AddModelError("", text["会社に有効な管理者が1人もいなくなるため、変更できません。先にほかのユーザーを管理者にしてください。"]);
                return true;
            }
        }

        return false;
    }

    private async Task LoadAsync()
    {
        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == me.Company, HttpContext.RequestAborted);
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(company.TimeZoneId);
        var people = await db.Users.AsNoTracking().Where(u => u.CompanyId == me.Company)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.Role, u.TwoFactorEnabled, u.LockoutEnd })
            .ToListAsync(HttpContext.RequestAborted);
        People = [.. people
            .Select(u => new Person(u.Id, u.Email ?? "", u.DisplayName, u.Role, u.TwoFactorEnabled, u.LockoutEnd, AccountRules.IsDeactivated(u.LockoutEnd), u.Id == me.UserId))
            .OrderBy(p => p.Deactivated).ThenByDescending(p => p.Role).ThenBy(p => p.Email, StringComparer.OrdinalIgnoreCase)];
        var now = clock.GetUtcNow().UtcDateTime;
        OpenInvitations = await db.Invitations.AsNoTracking()
            .Where(i => i.CompanyId == me.Company && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .OrderByDescending(i => i.CreatedAt).ToListAsync(HttpContext.RequestAborted);
    }

    public string Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone).ToString("yyyy/MM/dd HH:mm", PortalCulture.Formats);

    public string Local(DateTimeOffset at) => Local(at.UtcDateTime);

    [LoggerMessage(LogLevel.Error, "The mail of invitation {InvitationId} could not be sent.")]
    private static partial void LogMailFailed(ILogger logger, Exception exception, Guid invitationId);
}
