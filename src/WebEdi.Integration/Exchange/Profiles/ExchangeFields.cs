namespace WebEdi.Integration.Exchange.Profiles;

/// <summary>What a field's values look like in a file, which decides how they are read and written.</summary>
public enum ExchangeFieldKind
{
    /// <summary>Free text, taken as it is (trimmed).</summary>
    Text,

    /// <summary>A code (order number, supplier code, currency): full-width letters and digits are read as their ASCII forms.</summary>
    Code,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>A decimal number, with the profile's decimal separator and no thousands separators.</summary>
    Number,

    /// <summary>A date in the profile's (or the column's) date format.</summary>
    Date,

    /// <summary>An instant: ISO 8601 in UTC, or the column's date format in the profile's time zone.</summary>
    Instant,

    /// <summary><c>true</c> or <c>false</c> (a code map may translate them, e.g. to <c>1</c> and <c>0</c>).</summary>
    Boolean,
}

/// <summary>One WebEdi field a column of an exchange file can hold.</summary>
/// <param name="Name">The name mappings use (<see cref="ColumnMapping.Field"/>), camelCase as in the contracts.</param>
/// <param name="Description">What it holds, in English.</param>
/// <param name="Japanese">The trade's Japanese term (発注番号, 数量, …).</param>
/// <param name="Kind">How its values are read and written.</param>
/// <param name="Required">Inbound: an order file must map it or give it a default.</param>
/// <param name="OrderLevel">Inbound: the field belongs to the order, is repeated on each of its rows and must agree.</param>
public sealed record ExchangeField(string Name, string Description, string Japanese, ExchangeFieldKind Kind, bool Required = false, bool OrderLevel = false);

/// <summary>
/// The catalogue of fields an exchange profile maps columns to: <see cref="Order"/> for the order file the ERP writes,
/// <see cref="Answer"/> and <see cref="Shipment"/> for the two files WebEdi writes back. docs/nightly-exchange.md
/// describes each with an example.
/// </summary>
public static class ExchangeFields
{
    /// <summary>
    /// The order file's fields, one row per order line (the same columns as the HTTPS order CSV). A field that is
    /// neither mapped nor defaulted is empty; <c>revision</c> is then 0.
    /// </summary>
    public static IReadOnlyList<ExchangeField> Order { get; } =
    [
        new("orderNumber", "The buyer's order number; rows with the same number form one order", "発注番号", ExchangeFieldKind.Code, Required: true, OrderLevel: true),
        new("revision", "The order's revision, 0 or more (0 when not given)", "改訂番号", ExchangeFieldKind.Integer, OrderLevel: true),
        new("supplierCode", "The buyer's code for the supplier", "仕入先コード", ExchangeFieldKind.Code, Required: true, OrderLevel: true),
        new("orderDate", "The order date", "発注日", ExchangeFieldKind.Date, Required: true, OrderLevel: true),
        new("currency", "ISO 4217 currency code, e.g. JPY", "通貨", ExchangeFieldKind.Code, Required: true, OrderLevel: true),
        new("deliveryLocation", "Where the goods go", "納入場所", ExchangeFieldKind.Text, OrderLevel: true),
        new("buyerContact", "The buyer's person in charge", "発注担当", ExchangeFieldKind.Text, OrderLevel: true),
        new("remarks", "Remarks on the order", "備考", ExchangeFieldKind.Text, OrderLevel: true),
        new("lineNumber", "The line number, 1–99999, unique within the order", "行番号", ExchangeFieldKind.Integer, Required: true),
        new("buyerItemCode", "The buyer's item code", "品目コード", ExchangeFieldKind.Text, Required: true),
        new("supplierItemCode", "The supplier's item code", "仕入先品番", ExchangeFieldKind.Text),
        new("itemName", "The item name", "品名", ExchangeFieldKind.Text, Required: true),
        new("specification", "Specification, size or grade", "仕様", ExchangeFieldKind.Text),
        new("quantity", "The quantity ordered, more than zero, at most 3 decimals", "数量", ExchangeFieldKind.Number, Required: true),
        new("unit", "The unit of the quantity, e.g. 個", "単位", ExchangeFieldKind.Text, Required: true),
        new("unitPrice", "The price of one unit", "単価", ExchangeFieldKind.Number, Required: true),
        new("amount", "The line amount as the ERP computed it (within one minor unit of quantity × unit price)", "金額", ExchangeFieldKind.Number),
        new("taxRate", "The consumption tax rate in percent, e.g. 10 or 8", "税率", ExchangeFieldKind.Number, Required: true),
        new("requestedDeliveryDate", "The requested delivery date, not before the order date", "希望納期", ExchangeFieldKind.Date, Required: true),
        new("lineDeliveryLocation", "Where this line's goods go when it differs from the order's", "明細納入場所", ExchangeFieldKind.Text),
        new("lineRemarks", "Remarks on the line", "明細備考", ExchangeFieldKind.Text),
    ];

    /// <summary>The answers file's fields: one row per promised delivery (分納 gives several), one row without a date for a rejected line.</summary>
    public static IReadOnlyList<ExchangeField> Answer { get; } =
    [
        new("documentId", "The answer document's identity, the same on all its rows", "文書ID", ExchangeFieldKind.Text),
        new("occurredAt", "When the supplier answered (ISO 8601 instant in UTC)", "回答日時", ExchangeFieldKind.Instant),
        new("answeredDate", "The day the supplier answered, in the profile's time zone", "回答日", ExchangeFieldKind.Date),
        new("buyerCode", "The buyer's company code in WebEdi", "発注企業コード", ExchangeFieldKind.Code),
        new("supplierCode", "The buyer's code for the supplier", "仕入先コード", ExchangeFieldKind.Code),
        new("orderNumber", "The buyer's order number", "発注番号", ExchangeFieldKind.Code),
        new("revision", "The revision of the order that was answered", "改訂番号", ExchangeFieldKind.Integer),
        new("lineNumber", "The answered line", "行番号", ExchangeFieldKind.Integer),
        new("answer", "Accepted, AcceptedWithChanges or Rejected", "回答区分", ExchangeFieldKind.Code),
        new("deliveryDate", "The promised delivery date (empty for a rejected line)", "回答納期", ExchangeFieldKind.Date),
        new("quantity", "The quantity promised for that date", "回答数量", ExchangeFieldKind.Number),
        new("unitPrice", "The unit price the supplier offers, when it differs from the ordered one", "回答単価", ExchangeFieldKind.Number),
        new("rejectionReason", "Why the line was rejected: OutOfStock, Discontinued, DateNotPossible, PriceDisagreement, QuantityNotPossible, DuplicateOrder or Other", "辞退理由", ExchangeFieldKind.Code),
        new("comment", "The supplier's comment", "回答コメント", ExchangeFieldKind.Text),
        new("answeredBy", "The supplier's person who answered", "回答者", ExchangeFieldKind.Text),
    ];

    /// <summary>The shipments file's fields: one row per shipped line, of shipments (ShipmentNotified) and their cancellations (ShipmentCancelled).</summary>
    public static IReadOnlyList<ExchangeField> Shipment { get; } =
    [
        new("documentId", "The shipment document's identity, the same on all its rows", "文書ID", ExchangeFieldKind.Text),
        new("occurredAt", "When the supplier shipped or cancelled (ISO 8601 instant in UTC)", "登録日時", ExchangeFieldKind.Instant),
        new("event", "Shipped, or Cancelled for a withdrawn shipment", "区分", ExchangeFieldKind.Code),
        new("buyerCode", "The buyer's company code in WebEdi", "発注企業コード", ExchangeFieldKind.Code),
        new("supplierCode", "The buyer's code for the supplier", "仕入先コード", ExchangeFieldKind.Code),
        new("deliveryNoteNumber", "The delivery note number, printed as a Code 39 barcode", "納品書番号", ExchangeFieldKind.Code),
        new("shipDate", "The ship date", "出荷日", ExchangeFieldKind.Date),
        new("deliveryLocation", "Where the goods go (empty on a cancellation)", "納入場所", ExchangeFieldKind.Text),
        new("orderNumber", "The buyer's order number of the line", "発注番号", ExchangeFieldKind.Code),
        new("lineNumber", "The order line", "行番号", ExchangeFieldKind.Integer),
        new("buyerItemCode", "The buyer's item code", "品目コード", ExchangeFieldKind.Text),
        new("supplierItemCode", "The supplier's item code", "仕入先品番", ExchangeFieldKind.Text),
        new("quantity", "The quantity shipped now", "出荷数量", ExchangeFieldKind.Number),
        new("unit", "The unit of the quantity", "単位", ExchangeFieldKind.Text),
        new("completesLine", "true when this shipment completes the line", "完納区分", ExchangeFieldKind.Boolean),
        new("by", "The supplier's person who shipped or cancelled", "担当者", ExchangeFieldKind.Text),
    ];

    /// <summary>The order field named <paramref name="name"/> (case-sensitive), or null.</summary>
    public static ExchangeField? FindOrder(string? name) => Find(Order, name);

    /// <summary>The field of <paramref name="fields"/> named <paramref name="name"/> (case-sensitive), or null.</summary>
    public static ExchangeField? Find(IReadOnlyList<ExchangeField> fields, string? name)
    {
        foreach (var field in fields)
        {
            if (field.Name == name)
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>The position of the field named <paramref name="name"/> in <paramref name="fields"/>, or -1.</summary>
    public static int IndexOf(IReadOnlyList<ExchangeField> fields, string? name)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The names of <paramref name="fields"/>, comma-separated, for messages.</summary>
    public static string Names(IReadOnlyList<ExchangeField> fields) => string.Join(", ", fields.Select(f => f.Name));
}
