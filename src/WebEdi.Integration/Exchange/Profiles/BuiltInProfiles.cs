namespace WebEdi.Integration.Exchange.Profiles;

/// <summary>
/// The two profiles a buyer starts from (docs/nightly-exchange.md lists their columns): <see cref="Standard"/>, whose
/// columns are WebEdi's field names, and <see cref="JapaneseErp"/>, the shape of a typical domestic ERP's export.
/// </summary>
public static class BuiltInProfiles
{
    /// <summary>
    /// WebEdi's own CSV: UTF-8 with BOM, comma, a header of the field names (<see cref="ExchangeFields"/>), dates
    /// <c>yyyy-MM-dd</c>, files picked up once renamed to <c>*.csv</c>, no trailer; the answers and shipments files
    /// hold every field in catalogue order.
    /// </summary>
    public static ExchangeProfile Standard { get; } = new()
    {
        Name = "WebEdi standard CSV",
        Format = new CsvDialect { Encoding = FileEncoding.Utf8WithBom, Delimiter = ',', HasHeader = true, DateFormat = "yyyy-MM-dd", LineEnding = LineEnding.CrLf },
        Inbound = new InboundSettings
        {
            Completion = FileCompletion.RenameToCsv,
            Columns = [.. ExchangeFields.Order.Select(f => new ColumnMapping { Column = f.Name, Field = f.Name })],
        },
        Outbound = new OutboundSettings
        {
            Answers = new OutboundFile { FileName = "answers_{timestamp}.csv", Columns = [.. ExchangeFields.Answer.Select(f => new ColumnMapping { Column = f.Name, Field = f.Name })] },
            Shipments = new OutboundFile { FileName = "shipments_{timestamp}.csv", Columns = [.. ExchangeFields.Shipment.Select(f => new ColumnMapping { Column = f.Name, Field = f.Name })] },
        },
    };

    /// <summary>
    /// A domestic ERP's nightly files: Shift_JIS, every field quoted, CR LF, a header of Japanese column names, dates
    /// <c>yyyyMMdd</c>, one row per order line with the order's columns repeated, the currency always JPY, a
    /// <c>.done</c> marker when a file is complete and a trailer record <c>"E","件数"</c> both ways. Units and the answer
    /// and rejection codes are translated to the ERP's codes.
    /// </summary>
    public static ExchangeProfile JapaneseErp { get; } = new()
    {
        Name = "国内ERP形式（Shift_JIS）",
        TimeZone = "Asia/Tokyo",
        Language = "ja",
        Format = new CsvDialect
        {
            Encoding = FileEncoding.ShiftJis, Delimiter = ',', Quoting = QuoteMode.All, HasHeader = true, DateFormat = "yyyyMMdd", LineEnding = LineEnding.CrLf,
        },
        Inbound = new InboundSettings
        {
            Completion = FileCompletion.DoneMarker,
            Columns = [.. ExchangeFields.Order.Where(f => f.Name != "currency").Select(f => new ColumnMapping { Column = f.Japanese, Field = f.Name })],
            Defaults = [new FixedValue { Field = "currency", Value = "JPY" }],
            Codes = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["unit"] = new Dictionary<string, string> { ["PCS"] = "個", ["SET"] = "セット", ["EA"] = "個", ["BOX"] = "箱", ["M"] = "m", ["KG"] = "kg", ["HON"] = "本" },
            },
            Trailer = new TrailerRecord { Marker = "E", CountColumn = 2 },
        },
        Outbound = new OutboundSettings
        {
            Answers = new OutboundFile
            {
                FileName = "KAITO_{timestamp}.csv",
                Columns =
                [
                    new() { Column = "レコード区分", Value = "D" },
                    new() { Column = "発注番号", Field = "orderNumber" },
                    new() { Column = "改訂番号", Field = "revision" },
                    new() { Column = "行番号", Field = "lineNumber" },
                    new() { Column = "仕入先コード", Field = "supplierCode" },
                    new() { Column = "回答区分", Field = "answer" },
                    new() { Column = "回答納期", Field = "deliveryDate" },
                    new() { Column = "回答数量", Field = "quantity" },
                    new() { Column = "回答単価", Field = "unitPrice" },
                    new() { Column = "辞退理由", Field = "rejectionReason" },
                    new() { Column = "回答コメント", Field = "comment" },
                    new() { Column = "回答者", Field = "answeredBy" },
                    new() { Column = "回答日", Field = "answeredDate" },
                    new() { Column = "回答日時", Field = "occurredAt", DateFormat = "yyyyMMddHHmmss" },
                    new() { Column = "文書ID", Field = "documentId" },
                ],
            },
            Shipments = new OutboundFile
            {
                FileName = "SHUKKA_{timestamp}.csv",
                Columns =
                [
                    new() { Column = "レコード区分", Value = "D" },
                    new() { Column = "区分", Field = "event" },
                    new() { Column = "納品書番号", Field = "deliveryNoteNumber" },
                    new() { Column = "出荷日", Field = "shipDate" },
                    new() { Column = "仕入先コード", Field = "supplierCode" },
                    new() { Column = "納入場所", Field = "deliveryLocation" },
                    new() { Column = "発注番号", Field = "orderNumber" },
                    new() { Column = "行番号", Field = "lineNumber" },
                    new() { Column = "品目コード", Field = "buyerItemCode" },
                    new() { Column = "仕入先品番", Field = "supplierItemCode" },
                    new() { Column = "出荷数量", Field = "quantity" },
                    new() { Column = "単位", Field = "unit" },
                    new() { Column = "完納区分", Field = "completesLine" },
                    new() { Column = "担当者", Field = "by" },
                    new() { Column = "文書ID", Field = "documentId" },
                ],
            },
            Codes = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["answer"] = new Dictionary<string, string> { ["Accepted"] = "1", ["AcceptedWithChanges"] = "2", ["Rejected"] = "9" },
                ["rejectionReason"] = new Dictionary<string, string>
                {
                    ["OutOfStock"] = "01", ["Discontinued"] = "02", ["DateNotPossible"] = "03", ["PriceDisagreement"] = "04",
                    ["QuantityNotPossible"] = "05", ["DuplicateOrder"] = "06", ["Other"] = "99",
                },
                ["event"] = new Dictionary<string, string> { ["Shipped"] = "1", ["Cancelled"] = "9" },
                ["completesLine"] = new Dictionary<string, string> { ["true"] = "1", ["false"] = "0" },
                ["unit"] = new Dictionary<string, string> { ["個"] = "PCS", ["セット"] = "SET", ["箱"] = "BOX", ["本"] = "HON" },
            },
            Trailer = new TrailerRecord { Marker = "E", CountColumn = 2 },
        },
    };

    /// <summary>Both, by the key the CLI and the browser page name them with.</summary>
    public static IReadOnlyList<(string Key, ExchangeProfile Profile)> All { get; } = [("standard", Standard), ("japanese-erp", JapaneseErp)];
}
