using System.Text;

namespace WebEdi.Testing;

/// <summary>
/// A message the private SMTP server accepted, decoded the way a mail client shows it: encoded-word
/// headers (Japanese subjects in UTF-8 or ISO-2022-JP), base64 and quoted-printable bodies, multipart
/// alternatives and attachments.
/// </summary>
public sealed class ReceivedMail
{
    private readonly IReadOnlyList<KeyValuePair<string, string>> _headers;

    private ReceivedMail(
        IReadOnlyList<KeyValuePair<string, string>> headers,
        string envelopeFrom,
        IReadOnlyList<string> envelopeRecipients,
        string textBody,
        string? htmlBody,
        IReadOnlyList<MailAttachment> attachments,
        string raw)
    {
        _headers = headers;
        EnvelopeFrom = envelopeFrom;
        EnvelopeRecipients = envelopeRecipients;
        TextBody = textBody;
        HtmlBody = htmlBody;
        Attachments = attachments;
        Raw = raw;
        From = MimeReader.Addresses(RawHeader("From") ?? string.Empty) is [var first, ..] ? first : envelopeFrom;
        To = MimeReader.Addresses(RawHeader("To") ?? string.Empty);
        Cc = MimeReader.Addresses(RawHeader("Cc") ?? string.Empty);
        Subject = Header("Subject") ?? string.Empty;
    }

    /// <summary>The address in the From header (without display name), e.g. <c>orders@buyer.example</c>.</summary>
    public string From { get; }

    /// <summary>The addresses in the To header.</summary>
    public IReadOnlyList<string> To { get; }

    /// <summary>The addresses in the Cc header.</summary>
    public IReadOnlyList<string> Cc { get; }

    /// <summary>The SMTP envelope sender (MAIL FROM).</summary>
    public string EnvelopeFrom { get; }

    /// <summary>The SMTP envelope recipients (RCPT TO), Bcc included.</summary>
    public IReadOnlyList<string> EnvelopeRecipients { get; }

    /// <summary>The decoded subject.</summary>
    public string Subject { get; }

    /// <summary>The decoded text/plain body, line breaks as <c>\n</c>, no trailing ones; empty when the mail has none.</summary>
    public string TextBody { get; }

    /// <summary>The decoded text/html body, line breaks as <c>\n</c>, no trailing ones; null when the mail has none.</summary>
    public string? HtmlBody { get; }

    public IReadOnlyList<MailAttachment> Attachments { get; }

    /// <summary>The message as received (headers and encoded body), read as UTF-8.</summary>
    public string Raw { get; }

    /// <summary>The first header of that name (case-insensitive), unfolded and decoded; null when absent.</summary>
    public string? Header(string name)
    {
        var raw = RawHeader(name);
        return raw is null ? null : MimeReader.DecodeEncodedWords(raw).Trim();
    }

    /// <summary>Parses a message as it came over SMTP.</summary>
    public static ReceivedMail Parse(byte[] message, string envelopeFrom = "", IReadOnlyList<string>? envelopeRecipients = null)
    {
        var entity = MimeReader.ReadEntity(message);
        string? text = null;
        string? html = null;
        var attachments = new List<MailAttachment>();
        foreach (var leaf in MimeReader.Leaves(entity))
        {
            var fileName = leaf.FileName;
            var isAttachment = fileName is not null || leaf.Disposition == "attachment";
            if (!isAttachment && leaf.MediaType == "text/plain" && text is null)
            {
                text = leaf.DecodeText();
            }
            else if (!isAttachment && leaf.MediaType == "text/html" && html is null)
            {
                html = leaf.DecodeText();
            }
            else
            {
                attachments.Add(new MailAttachment(fileName ?? string.Empty, leaf.MediaType, leaf.DecodeContent()));
            }
        }

        return new ReceivedMail(
            entity.Headers,
            envelopeFrom,
            envelopeRecipients ?? [],
            text ?? string.Empty,
            html,
            attachments,
            Encoding.UTF8.GetString(message));
    }

    public override string ToString() => $"{From} → {string.Join(", ", To)}: {Subject}";

    private string? RawHeader(string name) =>
        _headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>A part of a received mail that is not its text or HTML body.</summary>
/// <param name="FileName">The decoded file name; empty when the part has none.</param>
/// <param name="ContentType">The media type, e.g. <c>application/pdf</c>.</param>
/// <param name="Content">The decoded bytes.</param>
public sealed record MailAttachment(string FileName, string ContentType, ReadOnlyMemory<byte> Content);
