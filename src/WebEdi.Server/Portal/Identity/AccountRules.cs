using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using WebEdi.Data.Identity;
using WebEdi.Domain.Users;

namespace WebEdi.Server.Portal.Identity;

/// <summary>Small account facts shared by the account and company pages.</summary>
public static class AccountRules
{
    /// <summary>A deactivated user is locked out "for ever"; reactivating clears it.</summary>
    public static readonly DateTimeOffset DeactivatedUntil = DateTimeOffset.MaxValue;

    public const int RecoveryCodeCount = 10;

    // PostgreSQL's timestamptz may hand MaxValue back as "infinity" or a few ticks off; anything this late is "for ever".
    public static bool IsDeactivated(this WebEdiUser user) => user.LockoutEnd is { Year: >= 9999 };

    public static bool IsDeactivated(DateTimeOffset? lockoutEnd) => lockoutEnd is { Year: >= 9999 };

    /// <summary>The roles a company admin may give: the company roles (a platform operator belongs to no company).</summary>
    public static readonly IReadOnlyList<UserRole> CompanyRoles = [UserRole.Viewer, UserRole.Operator, UserRole.CompanyAdmin];

    /// <summary>The role's Japanese name, the key of its English one in SharedResource.</summary>
    public static string JapaneseName(this UserRole role) => role switch
    {
        UserRole.Viewer => "閲覧者",
        UserRole.Operator => "担当者",
        UserRole.CompanyAdmin => "管理者",
        _ => "運用者",
    };

    /// <summary>Identity's errors as form errors (already localized by <see cref="PortalIdentityErrorDescriber"/>).</summary>
    public static void AddErrors(this ModelStateDictionary modelState, IdentityResult result, string key = "")
    {
        foreach (var error in result.Errors)
        {
            modelState.AddModelError(key, error.Description);
        }
    }
}
