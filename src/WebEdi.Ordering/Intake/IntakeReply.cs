using WebEdi.Contracts;

namespace WebEdi.Ordering.Intake;

/// <summary>
/// What the intake answered one ERP message with: the same document that went into the outbox for the buyer, either a
/// <see cref="PurchaseOrderReceived"/> or a <see cref="PurchaseOrderRejected"/>.
/// </summary>
public sealed record IntakeReply(PurchaseOrderReceived? Received, PurchaseOrderRejected? Rejected)
{
    public Guid DocumentId => Received?.DocumentId ?? Rejected!.DocumentId;

    public bool IsRejected => Rejected is not null;

    /// <summary>The message's order number, where it could be read.</summary>
    public string? OrderNumber => Received?.OrderNumber ?? Rejected?.OrderNumber;
}
