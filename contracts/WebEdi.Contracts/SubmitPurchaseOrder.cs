using System.ComponentModel.DataAnnotations;

namespace WebEdi.Contracts;

/// <summary>
/// Command from the buyer's ERP: here is a new purchase order (注文書) — its first revision as far as WebEdi is
/// concerned. WebEdi stores it, tells the supplier and answers with <see cref="PurchaseOrderReceived"/> or
/// <see cref="PurchaseOrderRejected"/>. Sending it again (same buyer, order number and revision) stores nothing twice.
/// To change an order later, send <see cref="ChangePurchaseOrder"/> with a higher revision.
/// </summary>
public sealed record SubmitPurchaseOrder : IPurchaseOrderRevision
{
    /// <inheritdoc />
    [StringLength(20, MinimumLength = 2)]
    [RegularExpression(ContractPatterns.CompanyCode)]
    public string? BuyerCode { get; init; }

    /// <inheritdoc />
    [StringLength(40, MinimumLength = 1)]
    [RegularExpression(ContractPatterns.OrderNumber)]
    public required string OrderNumber { get; init; }

    /// <inheritdoc />
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

    /// <inheritdoc />
    [Length(1, 999)]
    public required IReadOnlyList<PurchaseOrderLine> Lines { get; init; }
}
