namespace WebEdi.Documents.DeliveryNotes;

/// <summary>One line of a delivery note: what was shipped against which order line.</summary>
/// <param name="OrderNumber">The buyer's purchase order number (注文番号).</param>
/// <param name="OrderLineNumber">The line of that order (行番号).</param>
/// <param name="BuyerItemCode">The buyer's item code (貴社品番), what the receiving dock looks up.</param>
/// <param name="SupplierItemCode">The supplier's own item code (当社品番), if it has one.</param>
/// <param name="ItemName">Item name (品名); long names wrap, never cut.</param>
/// <param name="Specification">Specification (仕様・規格), printed under the name.</param>
/// <param name="Quantity">Shipped quantity, greater than 0, at most three decimals.</param>
/// <param name="Unit">Unit of measure (単位), e.g. 個, kg, m.</param>
/// <param name="UnitPrice">Unit price in yen, at most four decimals.</param>
/// <param name="Amount">Line amount in whole yen, tax excluded, as the supplier computed it.</param>
/// <param name="TaxRate">Consumption tax rate in percent: 10, or 8 for the reduced rate.</param>
public sealed record DeliveryNoteLine(
    string OrderNumber,
    int OrderLineNumber,
    string BuyerItemCode,
    string? SupplierItemCode,
    string ItemName,
    string? Specification,
    decimal Quantity,
    string Unit,
    decimal UnitPrice,
    decimal Amount,
    decimal TaxRate)
{
    internal ItemLineValues Values => new(BuyerItemCode, SupplierItemCode, ItemName, Specification, Quantity, Unit, UnitPrice, Amount, TaxRate);
}

/// <summary>
/// A delivery note (納品書) as printed: one shipment of one supplier to one buyer's delivery location. Printed as the
/// customary set 納品書(控) for the supplier, 納品書 for the buyer and 受領書 for the buyer to sign and return.
/// </summary>
/// <param name="Number">The delivery note number (納品書番号), printed and encoded as Code 39: 0–9, A–Z, <c>- . $ / + %</c> and space, at most 20 characters.</param>
/// <param name="ShipDate">The ship date (出荷日).</param>
/// <param name="Supplier">The shipping supplier.</param>
/// <param name="Buyer">The receiving buyer.</param>
/// <param name="SupplierCode">The supplier's code at the buyer (仕入先コード), from the trading relationship.</param>
/// <param name="DeliveryLocation">Where the goods go (納入場所).</param>
/// <param name="Lines">The shipped lines, in print order; at least one.</param>
public sealed record DeliveryNote(
    string Number,
    DateOnly ShipDate,
    DocumentCompany Supplier,
    DocumentCompany Buyer,
    string SupplierCode,
    string DeliveryLocation,
    IReadOnlyList<DeliveryNoteLine> Lines)
{
    /// <summary>How many times the note was printed before: 0 for the original; n ≥ 1 prints 再発行 (n回目).</summary>
    public int ReprintCount { get; init; }

    /// <summary>The orders shipped against; when empty, the lines' order numbers in order of appearance.</summary>
    public IReadOnlyList<string> OrderNumbers { get; init; } = [];

    /// <summary>ISO 4217 currency; only JPY is printed.</summary>
    public string Currency { get; init; } = "JPY";

    /// <summary>Remarks (備考) printed beside the totals.</summary>
    public string? Remarks { get; init; }

    /// <summary>The order numbers as printed in the header.</summary>
    public IReadOnlyList<string> PrintedOrderNumbers =>
        OrderNumbers.Count > 0 ? OrderNumbers : [.. Lines.Select(l => l.OrderNumber).Distinct(StringComparer.Ordinal)];
}

/// <summary>Which copies of the set to print.</summary>
[Flags]
public enum DeliveryNoteCopies
{
    /// <summary>納品書(控): the supplier keeps it.</summary>
    SupplierCopy = 1,

    /// <summary>納品書: travels with the goods and stays with the buyer.</summary>
    BuyerCopy = 2,

    /// <summary>受領書: the buyer stamps it (受領印) and returns it to the supplier.</summary>
    Receipt = 4,

    /// <summary>The customary set of three.</summary>
    All = SupplierCopy | BuyerCopy | Receipt,
}
