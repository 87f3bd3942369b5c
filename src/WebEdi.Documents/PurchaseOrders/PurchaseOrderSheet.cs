namespace WebEdi.Documents.PurchaseOrders;

/// <summary>One line of a purchase-order sheet.</summary>
/// <param name="LineNumber">The order line number (行番号).</param>
/// <param name="BuyerItemCode">The buyer's item code (当社品番 on the buyer's sheet).</param>
/// <param name="SupplierItemCode">The supplier's item code (貴社品番), if known.</param>
/// <param name="ItemName">Item name; long names wrap, never cut.</param>
/// <param name="Specification">Specification, printed under the name.</param>
/// <param name="Quantity">Ordered quantity, greater than 0, at most three decimals.</param>
/// <param name="Unit">Unit of measure.</param>
/// <param name="UnitPrice">Unit price in yen, at most four decimals.</param>
/// <param name="Amount">Line amount in whole yen, tax excluded.</param>
/// <param name="TaxRate">Consumption tax rate in percent (10, or 8 reduced).</param>
/// <param name="RequestedDeliveryDate">The requested delivery date (希望納期).</param>
public sealed record PurchaseOrderSheetLine(
    int LineNumber,
    string BuyerItemCode,
    string? SupplierItemCode,
    string ItemName,
    string? Specification,
    decimal Quantity,
    string Unit,
    decimal UnitPrice,
    decimal Amount,
    decimal TaxRate,
    DateOnly RequestedDeliveryDate)
{
    internal ItemLineValues Values => new(BuyerItemCode, SupplierItemCode, ItemName, Specification, Quantity, Unit, UnitPrice, Amount, TaxRate);
}

/// <summary>A purchase order as printed on paper (注文書), for suppliers who file orders on paper.</summary>
/// <param name="OrderNumber">The buyer's order number (注文番号).</param>
/// <param name="Revision">The revision printed (版数); 1 for the first.</param>
/// <param name="OrderDate">The order date (発注日).</param>
/// <param name="Buyer">The ordering buyer.</param>
/// <param name="Supplier">The supplier the order is addressed to.</param>
/// <param name="SupplierCode">The supplier's code at the buyer (仕入先コード).</param>
/// <param name="DeliveryLocation">Where the goods are to go (納入場所).</param>
/// <param name="Lines">The order lines; at least one.</param>
public sealed record PurchaseOrderSheet(
    string OrderNumber,
    int Revision,
    DateOnly OrderDate,
    DocumentCompany Buyer,
    DocumentCompany Supplier,
    string SupplierCode,
    string DeliveryLocation,
    IReadOnlyList<PurchaseOrderSheetLine> Lines)
{
    /// <summary>The buyer's person in charge (担当者), e.g. 購買部 山田.</summary>
    public string? BuyerContact { get; init; }

    /// <summary>Remarks (備考) of the order.</summary>
    public string? Remarks { get; init; }

    /// <summary>ISO 4217 currency; only JPY is printed.</summary>
    public string Currency { get; init; } = "JPY";
}
