using System.ComponentModel.DataAnnotations;

namespace WebEdi.Contracts;

/// <summary>
/// Event to the buyer's ERP (受付エラー): WebEdi refused a command and changed nothing. <see cref="Problems"/> lists
/// every problem found, not just the first, so one correction can fix them all. Delivered at least once: deduplicate
/// by <see cref="DocumentId"/>.
/// </summary>
public sealed record PurchaseOrderRejected
{
    /// <summary>
    /// The identity of this reply, the buyer's idempotency key: a redelivered reply carries the same id. On RabbitMQ it
    /// is also the message id.
    /// </summary>
    public required Guid DocumentId { get; init; }

    /// <summary>The buyer's company code in WebEdi (発注企業コード), taken from the credentials or the queue.</summary>
    [StringLength(20, MinimumLength = 2)]
    [RegularExpression(ContractPatterns.CompanyCode)]
    public required string BuyerCode { get; init; }

    /// <summary>The order number (注文番号) of the refused command, when it could be read.</summary>
    public string? OrderNumber { get; init; }

    /// <summary>The revision (版数) of the refused command, when it could be read and the command has one.</summary>
    public int? Revision { get; init; }

    /// <summary>
    /// The name of the refused command, e.g. <c>SubmitPurchaseOrder</c> — the AMQP <c>type</c> or HTTP route it
    /// arrived with.
    /// </summary>
    public required string MessageType { get; init; }

    /// <summary>Every problem found: at least one.</summary>
    [MinLength(1)]
    public required IReadOnlyList<Problem> Problems { get; init; }

    /// <summary>When WebEdi processed the command, in UTC (ISO 8601 with offset <c>+00:00</c>).</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
