using System.ComponentModel.DataAnnotations;

namespace WebEdi.Contracts;

/// <summary>
/// Command from the buyer's ERP: this is the purchase order now (注文訂正) — a FULL new revision with the header and
/// every line that still applies, not a list of differences. Lines missing from it are cancelled; unchanged lines keep
/// the supplier's answer; changed and added lines need a new answer if the supplier had already answered. Answered
/// with <see cref="PurchaseOrderReceived"/> (Received, Duplicate or Stale) or <see cref="PurchaseOrderRejected"/>.
/// </summary>
public sealed record ChangePurchaseOrder : IPurchaseOrderRevision
{
    /// <inheritdoc />
    [StringLength(20, MinimumLength = 2)]
    [RegularExpression(ContractPatterns.CompanyCode)]
    public string? BuyerCode { get; init; }

    /// <summary>The order number (注文番号) of the order being changed, exactly as it was submitted.</summary>
    [StringLength(40, MinimumLength = 1)]
    [RegularExpression(ContractPatterns.OrderNumber)]
    public required string OrderNumber { get; init; }

    /// <summary>
    /// The new revision number (版数): must be higher than the revision WebEdi holds. The same revision again is
    /// answered Duplicate and a lower one Stale; neither changes anything.
    /// </summary>
    [Range(0, int.MaxValue)]
    public required int Revision { get; init; }

    /// <inheritdoc />
    [StringLength(20, MinimumLength = 1)]
    [RegularExpression(ContractPatterns.SupplierCode)]
    public required string SupplierCode { get; init; }

    /// <inheritdoc />
    public required DateOnly OrderDate { get; init; }

    /// <inheritdoc />
    [StringLength(3, MinimumLength = 3)]
    [RegularExpression(ContractPatterns.Currency)]
    public required string Currency { get; init; }

    /// <inheritdoc />
    [StringLength(100)]
    public string? DeliveryLocation { get; init; }

    /// <inheritdoc />
    [StringLength(100)]
    public string? BuyerContact { get; init; }

    /// <inheritdoc />
    [StringLength(1000)]
    public string? Remarks { get; init; }

    /// <summary>
    /// Every line of the new revision (明細), 1–999. A line that was in the order and is missing here is cancelled; a
    /// line that has been shipped cannot be removed or reduced below its shipped quantity.
    /// </summary>
    [Length(1, 999)]
    public required IReadOnlyList<PurchaseOrderLine> Lines { get; init; }
}
