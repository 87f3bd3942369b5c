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

    /// <summary>
    /// Whether the user gets the order e-mail digest; null follows the role: company admins and operators do (they
    /// answer orders), viewers do not.
    /// </summary>
    public bool? ReceivesOrderMail { get; set; }

    /// <summary>Start of the user's quiet hours, wall-clock time in the company's time zone; null when none.</summary>
    public TimeOnly? QuietHoursStart { get; private set; }

    /// <summary>End of the quiet hours (exclusive); before the start when they cross midnight (22:00–07:00).</summary>
    public TimeOnly? QuietHoursEnd { get; private set; }

    /// <summary>The effective choice: <see cref="ReceivesOrderMail"/>, or the role's default when it is not set.</summary>
    public bool GetsOrderMail() => ReceivesOrderMail ?? Role is UserRole.CompanyAdmin or UserRole.Operator;

    /// <summary>No order e-mail between these local times (both null: none). Mail held back arrives after them.</summary>
    public void SetQuietHours(TimeOnly? start, TimeOnly? end)
    {
        if (start is null != end is null || (start is not null && start == end))
        {
            throw new DomainRuleException("quietHours", "invalid", "needs both a start and a different end, or neither.");
        }

        QuietHoursStart = start;
        QuietHoursEnd = end;
    }

    /// <summary>Whether <paramref name="localTime"/> (the company's wall clock) falls in the quiet hours.</summary>
    public bool IsInQuietHours(DateTime localTime) =>
        QuietHoursStart is { } start && QuietHoursEnd is { } end && TimeOnly.FromDateTime(localTime).IsBetween(start, end);

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
            CreatedAt = Instant.Require(at),
        };
    }

    public void ChangeRole(UserRole role)
    {
        UserRoles.EnsureValidMembership(CompanyId, role);
        Role = role;
    }
}
