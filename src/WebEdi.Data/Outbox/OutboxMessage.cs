using WebEdi.Domain;

namespace WebEdi.Data.Outbox;

/// <summary>
/// A document for a buyer's ERP, written in the same transaction as the change that caused it (the transactional
/// outbox), so it exists exactly when the change does. The dispatcher delivers it at least once; its id is the
/// document id the buyer deduplicates by. The row is written once and not changed by the dispatch: what the fan-out
/// still has to do is the <see cref="FanOutQueueEntry"/> its insert adds, and how far each channel got is in its deliveries.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
        MessageType = null!;
        Payload = null!;
    }

    /// <summary>The document id (DocumentId in the contracts): the idempotency key at the buyer.</summary>
    public Guid Id { get; private set; }

    public Guid BuyerId { get; private set; }

    /// <summary>The contract's message name, e.g. <c>PurchaseOrderReceived</c>.</summary>
    public string MessageType { get; private set; }

    /// <summary>The document as the buyer receives it: JSON in the contracts' format.</summary>
    public string Payload { get; private set; }

    /// <summary>The buyer's order number, when the document concerns one: documents of one order go out in order.</summary>
    public string? OrderNumber { get; private set; }

    /// <summary>Position in the outbox; increases with every insert, so "oldest first" needs no clock.</summary>
    public long Sequence { get; private set; }

    public DateTime CreatedAt { get; private set; }

    // The previous release's claim (until 2026-12-04): its processes set these while a rolling upgrade still runs them,
    // so the columns stay for one release. This release neither reads nor writes them (Attempts is always 0); a trigger
    // takes a document such a process claims off the fan-out queue (migration 20261204120000). The next release drops them.

    /// <summary>Set only by an <c>adapters</c> process of the previous release that fanned the document out.</summary>
    public DateTime? DispatchedAt { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    public string? LeaseOwner { get; private set; }

    public DateTime? LeaseExpiresAt { get; private set; }

    public static OutboxMessage Create(Guid documentId, Guid buyerId, string messageType, string payload, string? orderNumber, DateTime at) => new()
    {
        Id = documentId,
        BuyerId = buyerId,
        MessageType = messageType,
        Payload = payload,
        OrderNumber = orderNumber,
        CreatedAt = Instant.Require(at),
    };
}
