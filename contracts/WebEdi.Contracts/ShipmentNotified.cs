using System.ComponentModel.DataAnnotations;

namespace WebEdi.Contracts;

/// <summary>
/// Event to the buyer's ERP (出荷案内・事前出荷通知, ASN): the supplier shipped goods under one delivery note (納品書). One
/// document per shipment; a shipment holds lines of one or more of your orders, all going to one delivery location.
/// Book the quantities as "in transit" against the order lines; the goods arrive with the printed note, whose Code 39
/// barcode is <see cref="DeliveryNoteNumber"/>. A later <see cref="ShipmentCancelled"/> with the same supplier code and
/// delivery note number withdraws it. Delivered at least once: deduplicate by <see cref="DocumentId"/>.
/// </summary>
public sealed record ShipmentNotified
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

    /// <summary>
    /// The delivery note number (納品書番号), unique per supplier and never reused, even after a cancellation: printed on
    /// the note and encoded in its Code 39 barcode. 1–20 characters of A–Z, 0–9 and '-'.
    /// </summary>
    [StringLength(20, MinimumLength = 1)]
    [RegularExpression(ContractPatterns.DeliveryNoteNumber)]
    public required string DeliveryNoteNumber { get; init; }

    /// <summary>The ship date (出荷日) the supplier gave, <c>yyyy-MM-dd</c>.</summary>
    public required DateOnly ShipDate { get; init; }

    /// <summary>Where the goods go (納入場所), as your orders named it; absent when the orders named none.</summary>
    [StringLength(100)]
    public string? DeliveryLocation { get; init; }

    /// <summary>The shipped lines, in the order printed on the note (at least one).</summary>
    [MinLength(1)]
    public required IReadOnlyList<ShippedLine> Lines { get; init; }

    /// <summary>The supplier's person who created the shipment (出荷担当者), as shown in WebEdi.</summary>
    [StringLength(100)]
    public string? ShippedBy { get; init; }

    /// <summary>When the supplier created the shipment, in UTC (ISO 8601 with offset <c>+00:00</c>).</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>A quantity of one of your order lines on a shipment (出荷明細).</summary>
public sealed record ShippedLine
{
    /// <summary>Your order number (注文番号) the line belongs to.</summary>
    [StringLength(40, MinimumLength = 1)]
    [RegularExpression(ContractPatterns.OrderNumber)]
    public required string OrderNumber { get; init; }

    /// <summary>The line number (行番号) in that order.</summary>
    [Range(1, 99999)]
    public required int LineNumber { get; init; }

    /// <summary>Your item code (品目コード) of the line.</summary>
    [StringLength(40, MinimumLength = 1)]
    public required string BuyerItemCode { get; init; }

    /// <summary>The supplier's item code (仕入先品番) when the order line has one.</summary>
    [StringLength(40)]
    public string? SupplierItemCode { get; init; }

    /// <summary>
    /// The quantity shipped now (出荷数量): greater than zero, at most the line's open quantity, at most 3 decimal
    /// places. A line may be shipped in parts on several shipments (分納).
    /// </summary>
    [Range(typeof(decimal), "0", "1000000000", MinimumIsExclusive = true, MaximumIsExclusive = true,
        ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public required decimal Quantity { get; init; }

    /// <summary>The unit of the quantity (単位) as your order line gave it.</summary>
    [StringLength(10, MinimumLength = 1)]
    public required string Unit { get; init; }

    /// <summary>
    /// Whether nothing of the line is left to ship once this document applies (完納): true when a shipment ships the
    /// last open quantity, false for a part delivery (分納), and always false in a <see cref="ShipmentCancelled"/>,
    /// whose quantity is open again.
    /// </summary>
    public required bool CompletesLine { get; init; }
}
