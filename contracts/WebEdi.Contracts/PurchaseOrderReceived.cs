using System.ComponentModel.DataAnnotations;

namespace WebEdi.Contracts;

/// <summary>
/// Event to the buyer's ERP (受付通知): WebEdi accepted a <see cref="SubmitPurchaseOrder"/>,
/// <see cref="ChangePurchaseOrder"/> or <see cref="CancelPurchaseOrder"/>; <see cref="Outcome"/> says what it did.
/// Delivered at least once: deduplicate by <see cref="DocumentId"/>.
/// </summary>
public sealed record PurchaseOrderReceived
{
    /// <summary>
    /// The identity of this reply, the buyer's idempotency key: a redelivered reply carries the same id. On RabbitMQ it
    /// is also the message id. Remember it and ignore a reply whose id you have already processed.
    /// </summary>
    public required Guid DocumentId { get; init; }

    /// <summary>The buyer's company code in WebEdi (発注企業コード).</summary>
    [StringLength(20, MinimumLength = 2)]
    [RegularExpression(ContractPatterns.CompanyCode)]
    public required string BuyerCode { get; init; }

    /// <summary>The buyer's code for the supplier (仕入先コード) the order is addressed to.</summary>
    [StringLength(20, MinimumLength = 1)]
    [RegularExpression(ContractPatterns.SupplierCode)]
    public required string SupplierCode { get; init; }

    /// <summary>The buyer's order number (注文番号).</summary>
    [StringLength(40, MinimumLength = 1)]
    public required string OrderNumber { get; init; }

    /// <summary>
    /// The revision (版数) the command carried; for a cancellation, the revision the order had when it was cancelled.
    /// </summary>
    [Range(0, int.MaxValue)]
    public required int Revision { get; init; }

    /// <summary>What WebEdi did with the command.</summary>
    public required IntakeOutcome Outcome { get; init; }

    /// <summary>When WebEdi processed the command, in UTC (ISO 8601 with offset <c>+00:00</c>).</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
