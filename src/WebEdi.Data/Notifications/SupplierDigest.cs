using WebEdi.Domain;

namespace WebEdi.Data.Notifications;

public enum DigestStatus
{
    /// <summary>Stored, not yet delivered; the sender will try (again) at <see cref="SupplierDigest.NextAttemptAt"/>.</summary>
    Pending,

    /// <summary>Handed to the SMTP server (or written to the pickup folder).</summary>
    Sent,

    /// <summary>Every attempt failed; nothing more is tried.</summary>
    Failed,
}

public enum DigestRecipientKind
{
    /// <summary>A user of the supplier company.</summary>
    User,

    /// <summary>One of the company's extra notification addresses.</summary>
    Address,
}

/// <summary>
/// One e-mail to one recipient of a supplier, listing the order notices since their previous one. Rendered when it is
/// created (in the transaction that advances the recipient's <see cref="DigestWatermark"/>), sent later by a separate
/// step; the row is also the notification log a supplier admin reads.
/// </summary>
public sealed class SupplierDigest
{
    private SupplierDigest()
    {
        Recipient = null!;
        RecipientName = null!;
        Language = null!;
        Subject = null!;
        Body = null!;
    }

    public Guid Id { get; private set; }

    public Guid SupplierId { get; private set; }

    public Guid RecipientId { get; private set; }

    public DigestRecipientKind RecipientKind { get; private set; }

    /// <summary>The e-mail address it went to.</summary>
    public string Recipient { get; private set; }

    public string RecipientName { get; private set; }

    /// <summary>"ja" or "en".</summary>
    public string Language { get; private set; }

    public string Subject { get; private set; }

    /// <summary>The plain-text body, UTF-8.</summary>
    public string Body { get; private set; }

    /// <summary>How many order notices (new, changed, cancelled) it lists.</summary>
    public int NoticeCount { get; private set; }

    public long FirstSequence { get; private set; }

    public long LastSequence { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DigestStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTime NextAttemptAt { get; private set; }

    public DateTime? SentAt { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>The sender that claimed it; with <see cref="LeaseExpiresAt"/>, keeps two processes from sending it twice.</summary>
    public string? LeaseOwner { get; private set; }

    public DateTime? LeaseExpiresAt { get; private set; }

    public static SupplierDigest Create(
        Guid supplierId, Guid recipientId, DigestRecipientKind recipientKind, string recipient, string recipientName, string language,
        string subject, string body, int noticeCount, long firstSequence, long lastSequence, DateTime at) => new()
    {
        Id = Guid.CreateVersion7(),
        SupplierId = supplierId,
        RecipientId = recipientId,
        RecipientKind = recipientKind,
        Recipient = recipient,
        RecipientName = recipientName,
        Language = language,
        Subject = subject,
        Body = body,
        NoticeCount = noticeCount,
        FirstSequence = firstSequence,
        LastSequence = lastSequence,
        CreatedAt = Instant.Require(at),
        Status = DigestStatus.Pending,
        NextAttemptAt = at,
    };
}
