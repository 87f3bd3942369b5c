using WebEdi.Domain;

namespace WebEdi.Data.Deliveries;

/// <summary>
/// One message on an adapter's queue: the group of deliveries it hands over (they carry its <see cref="Id"/> as their
/// token) and who holds them. The adapter that takes the message claims this one row, not each delivery: of two
/// adapters given the same message (the broker hands it out again after a lost acknowledgement) exactly one wins, and
/// the deliveries stay <see cref="DeliveryState.Queued"/> while they are sent — one row update per document fewer on
/// the path of every document. The row lives only while its message is on its way; the adapter removes it when done.
/// </summary>
public sealed class DeliveryHandOver
{
    private DeliveryHandOver()
    {
    }

    /// <summary>The message's token, as carried by the deliveries it holds.</summary>
    public Guid Id { get; private set; }

    public ChannelKind Kind { get; private set; }

    /// <summary>How many deliveries it was created with.</summary>
    public int Count { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>
    /// After this the deliveries are taken back and queued again: the queue lease while the message waits on the queue
    /// (it was lost), then the send lease the adapter renews while it sends (it died).
    /// </summary>
    public DateTime LeaseExpiresAt { get; private set; }

    /// <summary>When an adapter took the message; from then on its deliveries are being sent.</summary>
    public DateTime? ClaimedAt { get; private set; }

    /// <summary>The adapter process that took it (process id and machine).</summary>
    public string? ClaimedBy { get; private set; }

    public static DeliveryHandOver Create(ChannelKind kind, int count, DateTime at, TimeSpan lease) => new()
    {
        Id = Guid.NewGuid(),
        Kind = kind,
        Count = count,
        CreatedAt = Instant.Require(at),
        LeaseExpiresAt = at + lease,
    };
}
