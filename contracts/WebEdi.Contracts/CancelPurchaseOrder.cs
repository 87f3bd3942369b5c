using System.ComponentModel.DataAnnotations;

namespace WebEdi.Contracts;

/// <summary>
/// Command from the buyer's ERP: cancel a purchase order (注文取消), or some of its lines. Refused, with the reason,
/// for lines that have already been shipped. Answered with <see cref="PurchaseOrderReceived"/> (outcome Cancelled) or
/// <see cref="PurchaseOrderRejected"/>.
/// </summary>
public sealed record CancelPurchaseOrder
{
    /// <summary>
    /// The buyer's company code in WebEdi (発注企業コード). Optional: WebEdi knows the buyer from the credentials or the
    /// queue; when present it must equal that buyer, or the message is rejected (<c>buyer_mismatch</c>).
    /// </summary>
    [StringLength(20, MinimumLength = 2)]
    [RegularExpression(ContractPatterns.CompanyCode)]
    public string? BuyerCode { get; init; }

    /// <summary>The order number (注文番号) of the order to cancel, exactly as it was submitted.</summary>
    [StringLength(40, MinimumLength = 1)]
    [RegularExpression(ContractPatterns.OrderNumber)]
    public required string OrderNumber { get; init; }

    /// <summary>
    /// The line numbers (行番号) to cancel, each 1–99999. Absent, null or empty: the whole order is cancelled.
    /// </summary>
    [Length(0, 999)]
    [ItemRange(1, 99999)]
    public IReadOnlyList<int>? LineNumbers { get; init; }

    /// <summary>Why the order is cancelled (取消理由), shown to the supplier; at most 500 characters.</summary>
    [StringLength(500)]
    public string? Reason { get; init; }
}
