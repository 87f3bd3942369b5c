using System.Net.Mail;

namespace WebEdi.Ordering.Notifications;

public enum MailDelivery
{
    /// <summary>Writes each message as an RFC 5322 <c>.eml</c> file into a folder: the embedded default, no server needed.</summary>
    Pickup,

    /// <summary>Hands each message to an SMTP server (a relay, Mailpit, the company's mail server).</summary>
    Smtp,
}

/// <summary>Section <c>WebEdi:Mail</c>.</summary>
public sealed class MailOptions
{
    public const string Section = "WebEdi:Mail";

    /// <summary><c>Pickup</c> (embedded default) or <c>Smtp</c>.</summary>
    public MailDelivery Delivery { get; set; } = MailDelivery.Pickup;

    /// <summary>The sender address of every WebEdi e-mail.</summary>
    public string From { get; set; } = "webedi@localhost";

    /// <summary>The folder for <c>Pickup</c>; empty means <c>{DataDirectory}/mail</c>.</summary>
    public string? PickupDirectory { get; set; }

    /// <summary>At most one digest per recipient in this many minutes; the first notice waits this long for others.</summary>
    public int DigestIntervalMinutes { get; set; } = 15;

    public SmtpOptions Smtp { get; set; } = new();

    public TimeSpan DigestInterval => TimeSpan.FromMinutes(DigestIntervalMinutes);

    public IEnumerable<string> Validate()
    {
        if (!Enum.IsDefined(Delivery))
        {
            yield return $"{Section}:Delivery must be Pickup or Smtp.";
        }

        if (string.IsNullOrWhiteSpace(From) || !MailAddress.TryCreate(From, out _))
        {
            yield return $"{Section}:From '{From}' is not an e-mail address.";
        }

        if (DigestIntervalMinutes is < 1 or > 1440)
        {
            yield return $"{Section}:DigestIntervalMinutes must be between 1 and 1440 (is {DigestIntervalMinutes}).";
        }

        if (Delivery != MailDelivery.Smtp)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(Smtp.Host))
        {
            yield return $"{Section}:Smtp:Host is required when {Section}:Delivery is Smtp.";
        }

        if (Smtp.Port is < 1 or > 65535)
        {
            yield return $"{Section}:Smtp:Port must be between 1 and 65535 (is {Smtp.Port}).";
        }

        if (!string.IsNullOrEmpty(Smtp.Password) && string.IsNullOrWhiteSpace(Smtp.Username))
        {
            yield return $"{Section}:Smtp:Username is required when {Section}:Smtp:Password is set.";
        }
    }
}

/// <summary>Section <c>WebEdi:Mail:Smtp</c>.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>Upgrade the connection with STARTTLS (System.Net.Mail does not speak implicit TLS on port 465).</summary>
    public bool EnableSsl { get; set; }

    /// <summary>Sign in with these credentials when set.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }
}
