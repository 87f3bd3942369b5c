namespace WebEdi.Contracts;

/// <summary>
/// One complete revision (版) of a purchase order (注文書): its header and every line. Shared by
/// <see cref="SubmitPurchaseOrder"/> and <see cref="ChangePurchaseOrder"/>, which carry exactly the same fields and
/// differ only in what they ask for.
/// </summary>
public interface IPurchaseOrderRevision
{
    /// <summary>
    /// The buyer's company code in WebEdi (発注企業コード), e.g. <c>TOKAI-MOTOR</c>. Optional: WebEdi knows the buyer from
    /// the credentials or the queue the message arrived on. When present it must equal that buyer, or the message is
    /// rejected (<c>buyer_mismatch</c>). 2–20 characters: A–Z, 0–9, <c>_</c> and <c>-</c>.
    /// </summary>
    string? BuyerCode { get; }

    /// <summary>
    /// The buyer's order number (注文番号), unique per buyer: 1–40 characters without spaces or control characters.
    /// With the buyer it identifies the order in every later message.
    /// </summary>
    string OrderNumber { get; }

    /// <summary>
    /// The revision number (版数) of this content: zero or more, most ERPs start at 1. WebEdi keeps the highest revision
    /// it has received: the same revision again is a duplicate, a lower one is stale; neither changes anything.
    /// </summary>
    int Revision { get; }

    /// <summary>
    /// The buyer's own code for the supplier (仕入先コード), as registered for the trading relationship (取引関係) in
    /// WebEdi: 1–20 characters A–Z, a–z, 0–9, <c>_</c> and <c>-</c>.
    /// </summary>
    string SupplierCode { get; }

    /// <summary>The order date (発注日). No line's requested delivery date may be before it.</summary>
    DateOnly OrderDate { get; }

    /// <summary>
    /// The ISO 4217 code of the currency (通貨) of every price and amount in the order, e.g. <c>JPY</c>. A code WebEdi
    /// does not support is rejected (<c>unknown_currency</c>).
    /// </summary>
    string Currency { get; }

    /// <summary>Where the goods go (納入場所) unless a line names its own; at most 100 characters.</summary>
    string? DeliveryLocation { get; }

    /// <summary>The buyer's person in charge (発注担当者), shown to the supplier; at most 100 characters.</summary>
    string? BuyerContact { get; }

    /// <summary>Remarks on the whole order (備考), shown to the supplier; at most 1000 characters.</summary>
    string? Remarks { get; }

    /// <summary>The order lines (明細): 1–999 of them, each with its own line number.</summary>
    IReadOnlyList<PurchaseOrderLine> Lines { get; }
}
