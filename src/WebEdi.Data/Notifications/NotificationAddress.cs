using System.Net.Mail;
using WebEdi.Domain;

namespace WebEdi.Data.Notifications;

/// <summary>
/// An extra address a supplier's order e-mail goes to besides its users, e.g. a shared 受注係 mailbox. Mail to these
/// addresses is written in Japanese.
/// </summary>
public sealed class NotificationAddress
{
    private NotificationAddress()
    {
        Email = null!;
    }

    public Guid Id { get; private set; }

    public Guid CompanyId { get; private set; }

    public string Email { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public static NotificationAddress Create(Guid companyId, string email, DateTime at)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > 256 || !MailAddress.TryCreate(email.Trim(), out var address) || address.Address != email.Trim())
        {
            throw new DomainRuleException("email", "invalid_email", "must be one e-mail address of at most 256 characters.");
        }

        return new NotificationAddress
        {
            Id = Guid.CreateVersion7(),
            CompanyId = companyId,
            Email = address.Address,
            CreatedAt = Instant.Require(at),
        };
    }
}
