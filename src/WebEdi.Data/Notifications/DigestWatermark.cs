namespace WebEdi.Data.Notifications;

/// <summary>
/// How far one recipient (a user, or a <see cref="NotificationAddress"/>) has been told: the last
/// <see cref="OrderNotice.Sequence"/> a digest for them included. A recipient in quiet hours keeps their watermark, so
/// their next digest simply takes everything after it. Advanced in the same transaction that stores the digest.
/// </summary>
public sealed class DigestWatermark
{
    private DigestWatermark()
    {
    }

    /// <summary>The user's id, or the notification address's id.</summary>
    public Guid RecipientId { get; private set; }

    public Guid SupplierId { get; private set; }

    /// <summary>The concurrency token: two builders advancing the same watermark cannot both store a digest.</summary>
    public long LastSequence { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public static DigestWatermark Start(Guid recipientId, Guid supplierId, long lastSequence, DateTime at) => new()
    {
        RecipientId = recipientId,
        SupplierId = supplierId,
        LastSequence = lastSequence,
        UpdatedAt = at,
    };

    public void Advance(long sequence, DateTime at)
    {
        if (sequence < LastSequence)
        {
            throw new InvalidOperationException($"A watermark only moves forward ({LastSequence} → {sequence}).");
        }

        LastSequence = sequence;
        UpdatedAt = at;
    }
}
