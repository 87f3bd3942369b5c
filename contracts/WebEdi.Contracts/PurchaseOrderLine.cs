using System.ComponentModel.DataAnnotations;

namespace WebEdi.Contracts;

/// <summary>One line (明細) of a purchase order: one item, its quantity, price and requested delivery date.</summary>
public sealed record PurchaseOrderLine
{
    /// <summary>
    /// The line number (行番号), 1–99999, unique within the order. A line keeps its number in every revision: that is
    /// how WebEdi tells a changed line from a new one.
    /// </summary>
    [Range(1, 99999)]
    public required int LineNumber { get; init; }

    /// <summary>The buyer's item code (品目コード・発注者品番), 1–40 characters.</summary>
    [StringLength(40, MinimumLength = 1)]
    public required string BuyerItemCode { get; init; }

    /// <summary>The supplier's item code (仕入先品番) when the buyer's ERP knows it; at most 40 characters.</summary>
    [StringLength(40)]
    public string? SupplierItemCode { get; init; }

    /// <summary>The item name (品名), 1–200 characters.</summary>
    [StringLength(200, MinimumLength = 1)]
    public required string ItemName { get; init; }

    /// <summary>Specification, size or grade (仕様・規格); at most 200 characters.</summary>
    [StringLength(200)]
    public string? Specification { get; init; }

    /// <summary>
    /// The quantity ordered (数量): greater than zero, less than 1,000,000,000, with at most 3 decimal places.
    /// </summary>
    [Range(typeof(decimal), "0", "1000000000", MinimumIsExclusive = true, MaximumIsExclusive = true,
        ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public required decimal Quantity { get; init; }

    /// <summary>The unit of the quantity (単位), e.g. 個, 本, kg, 1–10 characters.</summary>
    [StringLength(10, MinimumLength = 1)]
    public required string Unit { get; init; }

    /// <summary>
    /// The price of one unit (単価) in the order's currency: zero or more, less than 1,000,000,000,000. Decimals are
    /// allowed even for JPY (e.g. 12.8).
    /// </summary>
    [Range(typeof(decimal), "0", "1000000000000", MaximumIsExclusive = true,
        ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public required decimal UnitPrice { get; init; }

    /// <summary>
    /// The line amount (金額) as the buyer's ERP computed it, with its own rounding (切り捨て, 四捨五入, 切り上げ). It must lie
    /// within one minor unit of the currency (1 yen for JPY, 0.01 for USD) of quantity × unit price. When absent, WebEdi
    /// computes it: quantity × unit price rounded half away from zero to the currency's minor unit.
    /// </summary>
    public decimal? Amount { get; init; }

    /// <summary>The consumption tax rate (消費税率) in percent, 0–100: e.g. 10, or 8 for reduced-rate goods (軽減税率).</summary>
    [Range(typeof(decimal), "0", "100", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public required decimal TaxRate { get; init; }

    /// <summary>The requested delivery date (希望納期); not before the order date.</summary>
    public required DateOnly RequestedDeliveryDate { get; init; }

    /// <summary>Where this line's goods go (納入場所) when it differs from the order's; at most 100 characters.</summary>
    [StringLength(100)]
    public string? DeliveryLocation { get; init; }

    /// <summary>Remarks on this line (明細備考), shown to the supplier; at most 500 characters.</summary>
    [StringLength(500)]
    public string? Remarks { get; init; }
}
