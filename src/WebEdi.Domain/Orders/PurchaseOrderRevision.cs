namespace WebEdi.Domain.Orders;

/// <summary>One revision of an order exactly as received (normalised), kept so both sides can see what changed when.</summary>
public sealed class PurchaseOrderRevision
{
    private PurchaseOrderRevision()
    {
        Snapshot = null!;
    }

    public Guid Id { get; private set; }

    public Guid PurchaseOrderId { get; private set; }

    public int Number { get; private set; }

    public DateTime ReceivedAt { get; private set; }

    public OrderSnapshot Snapshot { get; private set; }

    internal static PurchaseOrderRevision Create(Guid orderId, int number, OrderSnapshot snapshot, DateTime at) => new()
    {
        Id = Guid.CreateVersion7(),
        PurchaseOrderId = orderId,
        Number = number,
        ReceivedAt = Instant.Require(at),
        Snapshot = snapshot,
    };
}
