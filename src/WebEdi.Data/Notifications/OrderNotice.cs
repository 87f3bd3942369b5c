using WebEdi.Domain;

namespace WebEdi.Data.Notifications;

public enum OrderNoticeKind
{
    /// <summary>A new purchase order arrived (新規注文).</summary>
    New,

    /// <summary>The buyer sent a new revision (注文変更).</summary>
    Changed,

    /// <summary>The buyer cancelled the order or some of its lines (注文取消).</summary>
    Cancelled,
}

/// <summary>
/// Something a supplier should hear about, written by the intake in the same transaction as the order change. The
/// notification digest collects these into one e-mail per supplier and recipient per interval.
/// </summary>
public sealed class OrderNotice
{
    private OrderNotice()
    {
        OrderNumber = null!;
    }

    public Guid Id { get; private set; }

    /// <summary>Increases with every insert: a recipient's digest takes every notice after the last one it was sent.</summary>
    public long Sequence { get; private set; }

    public Guid SupplierId { get; private set; }

    public Guid BuyerId { get; private set; }

    public Guid PurchaseOrderId { get; private set; }

    public string OrderNumber { get; private set; }

    public int Revision { get; private set; }

    public OrderNoticeKind Kind { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public static OrderNotice Create(Guid supplierId, Guid buyerId, Guid purchaseOrderId, string orderNumber, int revision, OrderNoticeKind kind, DateTime at) => new()
    {
        Id = Guid.CreateVersion7(),
        SupplierId = supplierId,
        BuyerId = buyerId,
        PurchaseOrderId = purchaseOrderId,
        OrderNumber = orderNumber,
        Revision = revision,
        Kind = kind,
        CreatedAt = Instant.Require(at),
    };
}
