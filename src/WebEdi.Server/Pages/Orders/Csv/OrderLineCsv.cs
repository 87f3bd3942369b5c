using System.Globalization;
using WebEdi.Domain.Orders;
using WebEdi.Server.Portal;

namespace WebEdi.Server.Pages.Orders.Csv;

/// <summary>One order line as the CSV shows it, with the line's current answer (none in the template).</summary>
public sealed record OrderLineRow(
    string BuyerCode, string BuyerName, string OrderNumber, int Revision, DateOnly OrderDate, int LineNumber,
    string BuyerItemCode, string? SupplierItemCode, string ItemName, string? Specification,
    decimal Quantity, string Unit, decimal UnitPrice, decimal Amount, decimal TaxRate, string Currency,
    DateOnly RequestedDeliveryDate, string? DeliveryLocation, LineStatus Status,
    ResponseKind? Answer, DateOnly? PromisedDate, decimal? PromisedUnitPrice, IReadOnlyList<ScheduledDeliveryData> Deliveries,
    RejectionReason? Reason, string? Comment);

/// <summary>
/// The portal's order-line CSV (docs/portal-csv.md): one row per order line, Japanese column names, dates yyyy/MM/dd,
/// numbers without thousands separators. The download, the answer template and the upload share these columns, so a
/// downloaded file can be edited and uploaded again.
/// </summary>
public static class OrderLineCsv
{
    public const string BuyerCode = "発注元コード";
    public const string BuyerName = "発注元名";
    public const string OrderNumber = "注文番号";
    public const string Revision = "版数";
    public const string OrderDate = "注文日";
    public const string LineNumber = "行番号";
    public const string ItemCode = "品目コード";
    public const string SupplierItemCode = "仕入先品番";
    public const string ItemName = "品名";
    public const string Specification = "仕様";
    public const string Quantity = "数量";
    public const string Unit = "単位";
    public const string UnitPrice = "単価";
    public const string Amount = "金額";
    public const string TaxRate = "税率";
    public const string Currency = "通貨";
    public const string RequestedDate = "希望納期";
    public const string DeliveryLocation = "納入場所";
    public const string Status = "状態";
    public const string AnswerKind = "回答区分";
    public const string PromisedDate = "回答納期";
    public const string PromisedPrice = "回答単価";
    public const string Deliveries = "分納";
    public const string Reason = "辞退理由";
    public const string Comment = "コメント";

    /// <summary>Every column, in file order.</summary>
    public static readonly string[] Columns =
    [
        BuyerCode, BuyerName, OrderNumber, Revision, OrderDate, LineNumber, ItemCode, SupplierItemCode, ItemName, Specification,
        Quantity, Unit, UnitPrice, Amount, TaxRate, Currency, RequestedDate, DeliveryLocation, Status,
        AnswerKind, PromisedDate, PromisedPrice, Deliveries, Reason, Comment,
    ];

    /// <summary>The columns an upload must have; the others (the order's own data) may be kept or deleted.</summary>
    public static readonly string[] UploadColumns = [BuyerCode, OrderNumber, Revision, LineNumber, AnswerKind, PromisedDate, PromisedPrice, Deliveries, Reason, Comment];

    /// <summary>
    /// Characters that make a spreadsheet read a cell as a formula (CSV injection): the ASCII ones OWASP lists and
    /// their full-width forms, which Japanese input methods type.
    /// </summary>
    private const string FormulaStarts = "=+-@\t\r＝＋－＠";

    /// <summary>The cells of <paramref name="row"/> in column order.</summary>
    public static string[] Cells(OrderLineRow row) =>
    [
        Text(row.BuyerCode), Text(row.BuyerName), Text(row.OrderNumber), Integer(row.Revision), Date(row.OrderDate), Integer(row.LineNumber),
        Text(row.BuyerItemCode), Text(row.SupplierItemCode), Text(row.ItemName), Text(row.Specification),
        Number(row.Quantity), Text(row.Unit), Number(row.UnitPrice), Number(row.Amount), Number(row.TaxRate), Text(row.Currency),
        Date(row.RequestedDeliveryDate), Text(row.DeliveryLocation), PortalLabels.LineStatus(row.Status),
        row.Answer is { } kind ? PortalLabels.Answer(kind) : "",
        row.PromisedDate is { } promised ? Date(promised) : "",
        row.PromisedUnitPrice is { } price ? Number(price) : "",
        FormatDeliveries(row.Deliveries),
        row.Reason is { } reason ? PortalLabels.Reason(reason) : "",
        Text(row.Comment),
    ];

    /// <summary>
    /// A text cell as written: one that a spreadsheet would take for a formula gets a leading apostrophe, which
    /// Excel and LibreOffice read as "this is text". Numbers and dates are formatted here and never start so.
    /// </summary>
    public static string Text(string? value) =>
        value is { Length: > 0 } && FormulaStarts.Contains(value[0], StringComparison.Ordinal) ? "'" + value : value ?? "";

    /// <summary>An uploaded text cell: the apostrophe <see cref="Text"/> added is taken off again; nothing is ever evaluated.</summary>
    public static string Untext(string value) =>
        value.Length > 1 && value[0] == '\'' && FormulaStarts.Contains(value[1], StringComparison.Ordinal) ? value[1..] : value;

    public static string Date(DateOnly date) => date.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);

    public static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Scheduled deliveries as one cell: <c>2027/01/08:100;2027/01/15:50</c>.</summary>
    public static string FormatDeliveries(IReadOnlyList<ScheduledDeliveryData> deliveries) =>
        string.Join(';', deliveries.Select(d => Date(d.Date) + ":" + Number(d.Quantity)));

    public static string FileName(string kind, DateOnly today) => $"{kind}_{today:yyyyMMdd}.csv";
}
