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

/// <summary>One ERP message as read from the wire: its command, or the problems that kept it from being read.</summary>
public sealed record IntakeMessage(string MessageType, object? Command, string? OrderNumber, int? Revision, IReadOnlyList<Problem> Problems)
{
    public static IntakeMessage From(ReadResult read, string? messageType) =>
        new(messageType ?? "(unknown)", read.Message, read.OrderNumber, read.Revision, read.Problems);
}
