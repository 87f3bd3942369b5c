using System.Net.Mail;
using System.Net.Mime;
using System.Text;

namespace WebEdi.Ordering.Notifications;

/// <summary>A plain-text UTF-8 e-mail to one recipient.</summary>
/// <param name="MessageId">Stable per digest, so a receiving server can recognise a resend after a crash.</param>
public sealed record OutgoingMail(string To, string ToName, string Subject, string TextBody, string MessageId);

/// <summary>Hands an e-mail on for delivery: to an SMTP server or into a pickup folder. Throws when it cannot.</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

/// <summary>The one place a <see cref="MailMessage"/> is put together, so SMTP and pickup files look the same.</summary>
internal static class MailMessages
{
    public static MailMessage Create(OutgoingMail mail, MailAddress from)
    {
        var message = new MailMessage
        {
            From = from,
            Subject = mail.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            Body = mail.TextBody,
            BodyEncoding = Encoding.UTF8,
            // Base64 keeps Japanese text a third larger instead of three times (quoted-printable) and lines short.
            BodyTransferEncoding = TransferEncoding.Base64,
            IsBodyHtml = false,
        };
        message.To.Add(new MailAddress(mail.To, mail.ToName, Encoding.UTF8));
        message.Headers.Add("Message-ID", mail.MessageId);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }
}

/// <summary>Delivers through an SMTP server (<c>WebEdi:Mail:Delivery = Smtp</c>).</summary>
public sealed class SmtpMailSender(MailOptions options) : IMailSender
{
    private readonly MailAddress _from = new(options.From, "WebEdi", Encoding.UTF8);

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        using var message = MailMessages.Create(mail, _from);
        using var client = new SmtpClient(options.Smtp.Host, options.Smtp.Port)
        {
            EnableSsl = options.Smtp.EnableSsl,
            Timeout = 60_000,
            DeliveryMethod = SmtpDeliveryMethod.Network,
        };
        if (!string.IsNullOrWhiteSpace(options.Smtp.Username))
        {
            client.Credentials = new System.Net.NetworkCredential(options.Smtp.Username, options.Smtp.Password);
        }

        await client.SendMailAsync(message, cancellationToken);
    }
}

/// <summary>Writes each message as an RFC 5322 <c>.eml</c> file into a folder (<c>WebEdi:Mail:Delivery = Pickup</c>).</summary>
public sealed class PickupMailSender(MailOptions options, string directory) : IMailSender
{
    private readonly MailAddress _from = new(options.From, "WebEdi", Encoding.UTF8);

    public string Directory { get; } = directory;

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        using var message = MailMessages.Create(mail, _from);
        using var client = new SmtpClient
        {
            DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
            PickupDirectoryLocation = Directory,
        };
        await client.SendMailAsync(message, cancellationToken);
    }
}
