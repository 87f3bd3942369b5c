namespace WebEdi.Contracts;

/// <summary>
/// Regular expressions of the contracts, written in the subset that .NET and ECMA-262 (JSON Schema) read alike.
/// The order service applies the stricter rules too (control characters, supported currencies).
/// </summary>
internal static class ContractPatterns
{
    /// <summary>A company code in WebEdi, e.g. TOKAI-MOTOR.</summary>
    public const string CompanyCode = "^[A-Z0-9_-]{2,20}$";

    /// <summary>The buyer's code for a supplier (仕入先コード).</summary>
    public const string SupplierCode = "^[A-Za-z0-9_-]{1,20}$";

    /// <summary>An order number (注文番号): no whitespace, including the ideographic space.</summary>
    public const string OrderNumber = "^\\S{1,40}$";

    /// <summary>A delivery note number (納品書番号): what Code 39 prints, as the supplier's sequence makes it.</summary>
    public const string DeliveryNoteNumber = "^[A-Z0-9-]{1,20}$";

    /// <summary>An ISO 4217 alphabetic code.</summary>
    public const string Currency = "^[A-Z]{3}$";
}
