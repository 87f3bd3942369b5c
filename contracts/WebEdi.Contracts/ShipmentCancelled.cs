using System.ComponentModel.DataAnnotations;

namespace WebEdi.Contracts;

/// <summary>
/// Event to the buyer's ERP (出荷取消): the supplier withdrew a shipment before your receiving dock received it. Reverse
/// the quantities of the <see cref="ShipmentNotified"/> with the same supplier code and delivery note number: they are
/// open on your orders again. The delivery note number is not used again. Delivered at least once: deduplicate by
/// <see cref="DocumentId"/>.
/// </summary>
public sealed record ShipmentCancelled
{
    /// <summary>The identity of this document, the buyer's idempotency key. On RabbitMQ it is also the message id.</summary>
    public required Guid DocumentId { get; init; }

    /// <summary>The buyer's company code in WebEdi (発注企業コード).</summary>
    [StringLength(20, MinimumLength = 2)]
    [RegularExpression(ContractPatterns.CompanyCode)]
    public required string BuyerCode { get; init; }

    /// <summary>The buyer's code for the supplier (仕入先コード) that shipped.</summary>
    [StringLength(20, MinimumLength = 1)]
    [RegularExpression(ContractPatterns.SupplierCode)]
    public required string SupplierCode { get; init; }

    /// <summary>The delivery note number (納品書番号) of the withdrawn shipment.</summary>
    [StringLength(20, MinimumLength = 1)]
    [RegularExpression(ContractPatterns.DeliveryNoteNumber)]
    public required string DeliveryNoteNumber { get; init; }

    /// <summary>The ship date (出荷日) the shipment had, <c>yyyy-MM-dd</c>.</summary>
    public required DateOnly ShipDate { get; init; }

    /// <summary>The lines that are open again, exactly as the shipment notice listed them (at least one).</summary>
    [MinLength(1)]
    public required IReadOnlyList<ShippedLine> Lines { get; init; }

    /// <summary>The supplier's person who cancelled the shipment, as shown in WebEdi.</summary>
    [StringLength(100)]
    public string? CancelledBy { get; init; }

    /// <summary>When the supplier cancelled the shipment, in UTC (ISO 8601 with offset <c>+00:00</c>).</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
