using System.Text;
using WebEdi.Documents.Csv;
using WebEdi.Integration.Exchange.Inbound;
using WebEdi.Integration.Exchange.Profiles;

namespace WebEdi.Integration.Tests.Exchange;

/// <summary>Order files built in code, in the shape of a built-in profile.</summary>
internal static class OrderFiles
{
    private static readonly Dictionary<string, string> Defaults = new()
    {
        ["orderNumber"] = "PO-1", ["revision"] = "1", ["supplierCode"] = "S10021", ["orderDate"] = "2026-12-01", ["currency"] = "JPY",
        ["deliveryLocation"] = "本社工場 第1受入場", ["buyerContact"] = "山田 太郎", ["remarks"] = "", ["lineNumber"] = "1", ["buyerItemCode"] = "TM-B-6203",
        ["supplierItemCode"] = "SK-6203ZZ", ["itemName"] = "深溝玉軸受 6203ZZ", ["specification"] = "内径17mm", ["quantity"] = "100", ["unit"] = "個",
        ["unitPrice"] = "185.5", ["amount"] = "18550", ["taxRate"] = "10", ["requestedDeliveryDate"] = "2026-12-10", ["lineDeliveryLocation"] = "", ["lineRemarks"] = "",
    };

    public static Encoding Cp932 => CsvEncodings.Strict(CsvEncoding.ShiftJis);

    /// <summary>A row of the standard file: the defaults above with <paramref name="changes"/> ("quantity=-5").</summary>
    public static Dictionary<string, string> Row(params string[] changes)
    {
        var row = new Dictionary<string, string>(Defaults);
        foreach (var change in changes)
        {
            var at = change.IndexOf('=', StringComparison.Ordinal);
            row[change[..at]] = change[(at + 1)..];
        }

        return row;
    }

    /// <summary>The standard profile's text: header of the field names, comma, CR LF.</summary>
    public static string Standard(params Dictionary<string, string>[] rows)
    {
        var text = new StringBuilder(string.Join(',', ExchangeFields.Order.Select(f => f.Name))).Append("\r\n");
        foreach (var row in rows)
        {
            text.Append(string.Join(',', ExchangeFields.Order.Select(f => Quote(row[f.Name], always: false)))).Append("\r\n");
        }

        return text.ToString();
    }

    /// <summary>The Japanese ERP profile's text: Japanese header, every field quoted, dates yyyyMMdd, the trailer.</summary>
    public static string JapaneseErp(int? trailerCount, params Dictionary<string, string>[] rows)
    {
        var columns = BuiltInProfiles.JapaneseErp.Inbound.Columns;
        var text = new StringBuilder(string.Join(',', columns.Select(c => Quote(c.Column, always: true)))).Append("\r\n");
        foreach (var row in rows)
        {
            text.Append(string.Join(',', columns.Select(c => Quote(Erp(c.Field!, row[c.Field!]), always: true)))).Append("\r\n");
        }

        if (trailerCount is { } count)
        {
            text.Append("\"E\",\"").Append(count).Append("\"\r\n");
        }

        return text.ToString();
    }

    public static byte[] Utf8(string text, bool bom = true) => bom ? [.. CsvEncodings.Bom, .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);

    public static byte[] ShiftJis(string text) => Cp932.GetBytes(CsvEncodings.ForCp932(text));

    public static OrderFileCheck Check(ExchangeProfile profile, byte[] file) => new OrderFileReader(profile).Check(new MemoryStream(file));

    public static List<Contracts.SubmitPurchaseOrder> Read(ExchangeProfile profile, byte[] file) => new OrderFileReader(profile).ReadOrders(new MemoryStream(file)).ToList();

    private static string Erp(string field, string value) => field is "orderDate" or "requestedDeliveryDate" ? value.Replace("-", "", StringComparison.Ordinal) : value;

    private static string Quote(string value, bool always) =>
        always || value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
