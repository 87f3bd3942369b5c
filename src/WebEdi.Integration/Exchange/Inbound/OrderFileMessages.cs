using System.Globalization;
using System.Text.RegularExpressions;
using WebEdi.Domain;

namespace WebEdi.Integration.Exchange.Inbound;

/// <summary>Every sentence of an order file's check, in Japanese or English (<see cref="Profiles.ExchangeProfile.Language"/>).</summary>
internal sealed partial class OrderFileMessages(bool english)
{
    public bool English => english;

    public string EmptyFile => english ? "The file is empty." : "ファイルが空です。";

    public string NoDataRows => english ? "The file has no data rows." : "データ行がありません。";

    public string MoreErrors(int max) => english
        ? $"… more errors not listed (the first {max:#,0} are)."
        : $"…ほかにもエラーがあります（最初の {max:#,0} 件だけを載せています）。";

    public string LooksLikeUtf8 => english
        ? "The file is UTF-8, but the profile reads Shift_JIS; save the file as Shift_JIS (ANSI) or change the profile's encoding."
        : "このファイルは UTF-8 で書かれていますが、プロファイルの文字コードは Shift_JIS です。Shift_JIS で保存するか、プロファイルの文字コードを変えてください。";

    public string LooksLikeShiftJis => english
        ? "The file is Shift_JIS, but the profile reads UTF-8; save the file as UTF-8 or change the profile's encoding to Shift_JIS."
        : "このファイルは Shift_JIS で書かれていますが、プロファイルの文字コードは UTF-8 です。UTF-8 で保存するか、プロファイルの文字コードを Shift_JIS にしてください。";

    public string InvalidBytes(string encoding, string bytes, long offset) => english
        ? $"Bytes {bytes} at byte {offset + 1:#,0} are not {encoding} text; the file is damaged or saved in another encoding."
        : $"{offset + 1:#,0} バイト目のバイト（{bytes}）は {encoding} の文字として読めません。ファイルが壊れているか、別の文字コードで保存されています。";

    public string MalformedCsv => english
        ? "The record starting here cannot be read as CSV: a quote (\") is not closed, or text follows a closing quote."
        : "この行から CSV として読めません（引用符「\"」の閉じ忘れ、または閉じた引用符の後に文字があります）。";

    public string MissingColumn(string column, string field) => english
        ? $"The header has no column '{column}' (the profile maps it to {field})."
        : $"見出し行に「{column}」列がありません（プロファイルでは {field} に対応づけています）。";

    public string DuplicateColumn(string column) => english
        ? $"The header has the column '{column}' more than once; it cannot be told which one to read."
        : $"見出し行に「{column}」列が 2 回以上あります。どちらを読むか決められません。";

    public string FieldCount(int found, int expected, bool header) => english
        ? $"The row has {found} fields but the {(header ? "header has" : "file's first row has")} {expected}; are the columns shifted?"
        : $"この行のセルは {found} 個ですが、{(header ? "見出し行" : "最初の行")}は {expected} 個です（列がずれていませんか）。";

    public string TooFewFields(int found, int needed) => english
        ? $"The row has {found} fields but the profile reads column {needed}."
        : $"この行のセルは {found} 個ですが、プロファイルは {needed} 列目を読みます。";

    public string Required(string column) => english ? $"'{column}' is required." : $"「{column}」を入力してください。";

    public string NotInteger(string column, string value) => english
        ? $"'{value}' in '{column}' is not a whole number."
        : $"「{column}」の「{value}」は整数ではありません。";

    public string NotNumber(string column, string value, char separator) => english
        ? $"'{value}' in '{column}' is not a number (digits with '{separator}' as the decimal separator, no thousands separators)."
        : $"「{column}」の「{value}」は数値ではありません（小数点は「{separator}」、桁区切りは使えません）。";

    public string NotDate(string column, string value, string format) => english
        ? $"'{value}' in '{column}' is not a date {format} (e.g. {Example(format)})."
        : $"「{column}」の「{value}」は日付ではありません。{format} の形（例 {Example(format)}）で入力してください。";

    public string InvalidSupplierCode(string column, string value) => english
        ? $"'{value}' in '{column}' is not a supplier code (1–20 letters, digits, '-' or '_')."
        : $"「{column}」の「{value}」は仕入先コードではありません（英数字・「-」・「_」の 1〜20 文字）。";

    public string UnknownSupplier(string value) => english
        ? $"The supplier code '{value}' is not one of your suppliers in WebEdi."
        : $"仕入先コード「{value}」の取引先は WebEdi に登録されていません。";

    public string Conflicting(string column, string value, string first, int firstLine) => english
        ? $"'{value}' in '{column}' differs from '{first}' on line {firstLine}; the order's columns must be equal on every row of the order."
        : $"「{column}」の「{value}」が {firstLine} 行目の「{first}」と違います。注文単位の項目は、同じ注文のすべての行で同じにしてください。";

    public string NotTogether(string orderNumber, int firstLine) => english
        ? $"Order {orderNumber} continues on this line after other orders (it started on line {firstLine}); keep an order's rows together."
        : $"注文 {orderNumber} の行が、ほかの注文の後に続いています（{firstLine} 行目から始まる注文です）。同じ注文の行はまとめて並べてください。";

    public string TrailerMissing(string marker) => english
        ? $"The file does not end with its trailer record (first field '{marker}'); it may have been cut off."
        : $"最後のトレーラーレコード（先頭が「{marker}」の行）がありません。ファイルが途中で切れていないか確認してください。";

    public string TrailerCount(string value, int rows) => english
        ? $"The trailer counts {value} data rows but the file has {rows}."
        : $"トレーラーレコードの件数 {value} が、データ行の数 {rows} と合いません。";

    public string AfterTrailer => english
        ? "Records follow the trailer record; the trailer must be the last record."
        : "トレーラーレコードの後に行があります。トレーラーレコードは最後の行にしてください。";

    public string ReportHeader(int index) => (english, index) switch
    {
        (true, 0) => "line",
        (true, 1) => "column",
        (true, 2) => "value",
        (true, _) => "message",
        (false, 0) => "行",
        (false, 1) => "列",
        (false, 2) => "値",
        _ => "内容",
    };

    /// <summary>A domain rule's error about <paramref name="column"/>, in the profile's language.</summary>
    public string Domain(DomainError error, string column, string? value)
    {
        if (english)
        {
            return $"{column}: {error.Message}";
        }

        var limit = FirstNumber().Match(error.Message) is { Success: true } m ? m.Value : "";
        return error.Code switch
        {
            "invalid_order_number" => $"「{column}」は空白や制御文字を含まない 1〜40 文字にしてください。",
            "invalid_revision" => $"「{column}」は 0 以上の整数にしてください。",
            "unknown_currency" => $"「{value}」は使える通貨コード（ISO 4217、例 JPY）ではありません。",
            "required" => $"「{column}」を入力してください。",
            "too_long" => $"「{column}」が長すぎます（{limit} 文字まで）。",
            "too_many" => $"1 つの注文の明細は {limit} 行までです。",
            "duplicate_line" => $"行番号 {value} が同じ注文に 2 回以上あります。",
            "out_of_range" when error.Path.EndsWith("taxRate", StringComparison.Ordinal) => $"「{column}」は 0〜100（%）にしてください（{value}）。",
            "out_of_range" => $"「{column}」は 1〜99999 にしてください（{value}）。",
            "not_positive" => $"「{column}」は 0 より大きい数にしてください（{value}）。",
            "too_precise" => $"「{column}」の小数は 3 桁までです（{value}）。",
            "too_large" => $"「{column}」が大きすぎます（{value}）。",
            "negative" => $"「{column}」にマイナスは使えません（{value}）。",
            "before_order_date" => $"「{column}」{value} が発注日より前です。",
            "amount_mismatch" => $"「{column}」{value} が 数量 × 単価 と合いません（差は 1 通貨単位未満にしてください）。",
            _ => $"「{column}」: {error.Message}",
        };
    }

    private static string Example(string format) => new DateOnly(2027, 1, 8).ToString(format, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\d[\d,]*")]
    private static partial Regex FirstNumber();
}
