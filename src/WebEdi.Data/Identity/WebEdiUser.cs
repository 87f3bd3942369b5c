using Microsoft.AspNetCore.Identity;
using WebEdi.Domain;
using WebEdi.Domain.Users;

namespace WebEdi.Data.Identity;

/// <summary>
/// A person who signs in. Stored in ASP.NET Core Identity's own tables (AspNetUsers, …) inside the WebEdi
/// DbContext, so sign-in, lockout and two-factor work with Identity's stock stores.
/// </summary>
public sealed class WebEdiUser : IdentityUser<Guid>
{
    /// <summary>The company the user belongs to; null only for platform operators.</summary>
    public Guid? CompanyId { get; private set; }

    public UserRole Role { get; private set; }

    public string DisplayName { get; set; } = "";

    /// <summary>"ja" or "en": the language of pages and e-mail for this user.</summary>
    public string PreferredLanguage { get; set; } = "ja";

    public DateTime CreatedAt { get; private set; }

    public static WebEdiUser Create(string email, string displayName, Guid? companyId, UserRole role, DateTime at)
    {
        UserRoles.EnsureValidMembership(companyId, role);
        if (string.IsNullOrWhiteSpace(displayName) || displayName.Length > 100)
        {
            throw new DomainRuleException("displayName", "invalid", "is required and at most 100 characters.");
        }

        return new WebEdiUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            DisplayName = displayName.Trim(),
            CompanyId = companyId,
            Role = role,
            CreatedAt = at.Kind == DateTimeKind.Utc ? at : throw new ArgumentException("Instants must be UTC.", nameof(at)),
        };
    }

    public void ChangeRole(UserRole role)
    {
        UserRoles.EnsureValidMembership(CompanyId, role);
        Role = role;
    }
}
