using System.Globalization;
using System.Text;
using WebEdi.Contracts;
using WebEdi.Documents.Csv;
using WebEdi.Integration.Exchange.Profiles;
using Xunit;

namespace WebEdi.Testing;

/// <summary>
/// Order files as a buyer's ERP writes them, built from the profile's own column mapping (so the test follows the
/// profile), and answer files read back the way the ERP reads them: by the profile's column headers and codes.
/// </summary>
public static class ExchangeFiles
{
    /// <summary>One order line as the ERP knows it, by WebEdi order field.</summary>
    public sealed record Line(string OrderNumber, int LineNumber, string SupplierCode, DateOnly OrderDate, string ItemCode, string ItemName, decimal Quantity, string Unit, decimal UnitPrice, DateOnly Requested, int Revision = 1)
    {
        public string DeliveryLocation { get; init; } = "本社工場 第1受入場";

        public string BuyerContact { get; init; } = "購買部 小林";

        public string Remarks { get; init; } = "";

        public string SupplierItemCode { get; init; } = "";

        public string Specification { get; init; } = "";

        public decimal TaxRate { get; init; } = 10m;

        /// <summary>The rows an ERP writes for <paramref name="order"/>: one per line, the order's columns repeated.</summary>
        public static IEnumerable<Line> Of(SubmitPurchaseOrder order) => order.Lines.Select(l =>
            new Line(order.OrderNumber, l.LineNumber, order.SupplierCode, order.OrderDate, l.BuyerItemCode, l.ItemName, l.Quantity, l.Unit, l.UnitPrice,
                l.RequestedDeliveryDate, order.Revision)
            {
                DeliveryLocation = order.DeliveryLocation ?? "", BuyerContact = order.BuyerContact ?? "", Remarks = order.Remarks ?? "",
                SupplierItemCode = l.SupplierItemCode ?? "", Specification = l.Specification ?? "", TaxRate = l.TaxRate,
            });

        public IReadOnlyDictionary<string, string> Fields(ExchangeProfile profile) => new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["orderNumber"] = OrderNumber,
            ["revision"] = Revision.ToString(CultureInfo.InvariantCulture),
            ["supplierCode"] = SupplierCode,
            ["orderDate"] = OrderDate.ToString(profile.Format.DateFormat, CultureInfo.InvariantCulture),
            ["currency"] = "JPY",
            ["deliveryLocation"] = DeliveryLocation,
            ["buyerContact"] = BuyerContact,
            ["remarks"] = Remarks,
            ["lineNumber"] = LineNumber.ToString(CultureInfo.InvariantCulture),
            ["buyerItemCode"] = ItemCode,
            ["supplierItemCode"] = SupplierItemCode,
            ["itemName"] = ItemName,
            ["specification"] = Specification,
            ["quantity"] = Quantity.ToString(CultureInfo.InvariantCulture),
            ["unit"] = Unit,
            ["unitPrice"] = UnitPrice.ToString(CultureInfo.InvariantCulture),
            ["amount"] = "",
            ["taxRate"] = TaxRate.ToString(CultureInfo.InvariantCulture),
            ["requestedDeliveryDate"] = Requested.ToString(profile.Format.DateFormat, CultureInfo.InvariantCulture),
            ["lineDeliveryLocation"] = "",
            ["lineRemarks"] = "",
        };
    }

    /// <summary>The file's bytes: header (if the profile has one), one record per line, the trailer (if it has one), in its encoding.</summary>
    public static byte[] OrderFile(ExchangeProfile profile, IReadOnlyList<Line> lines)
    {
        var format = profile.Format;
        var columns = profile.Inbound.Columns;
        var text = new StringBuilder();
        void Record(IEnumerable<string> fields) =>
            text.Append(string.Join(format.Delimiter, fields.Select(f => Quote(f, format)))).Append("\r\n");

        if (format.HasHeader)
        {
            Record(columns.Select(c => c.Column));
        }

        foreach (var line in lines)
        {
            var fields = line.Fields(profile);
            Record(columns.Select(c => ErpCode(profile.Inbound.Codes, c.Field!, fields[c.Field!])));
        }

        if (profile.Inbound.Trailer is { } trailer)
        {
            var record = Enumerable.Repeat("", Math.Max(columns.Count, trailer.CountColumn)).ToArray();
            record[0] = trailer.Marker;
            record[trailer.CountColumn - 1] = lines.Count.ToString(CultureInfo.InvariantCulture);
            Record(record);
        }

        return Encode(text.ToString(), format.Encoding);
    }

    public static byte[] Encode(string text, FileEncoding encoding) => encoding switch
    {
        FileEncoding.ShiftJis => CsvEncodings.Strict(CsvEncoding.ShiftJis).GetBytes(CsvEncodings.ForCp932(text)),
        FileEncoding.Utf8WithBom => [.. CsvEncodings.Bom, .. Encoding.UTF8.GetBytes(text)],
        _ => Encoding.UTF8.GetBytes(text),
    };

    public static string Decode(byte[] bytes, FileEncoding encoding) => encoding == FileEncoding.ShiftJis
        ? CsvEncodings.Strict(CsvEncoding.ShiftJis).GetString(bytes)
        : Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');

    /// <summary>
    /// An exported file read by its header: each data record as WebEdi field → value, with the profile's codes
    /// translated back; and the trailer's count (null without one).
    /// </summary>
    public static (List<Dictionary<string, string>> Rows, int? TrailerCount) ReadExport(ExchangeProfile profile, OutboundFile file, byte[] bytes)
    {
        var records = Records(Decode(bytes, profile.Format.Encoding), profile.Format);
        var header = profile.Format.HasHeader ? records[0] : null;
        var data = records.Skip(header is null ? 0 : 1).ToList();
        int? count = null;
        if (profile.Outbound.Trailer is { } trailer)
        {
            var last = data[^1];
            Assert.Equal(trailer.Marker, last[0]);
            count = int.Parse(last[trailer.CountColumn - 1], CultureInfo.InvariantCulture);
            data.RemoveAt(data.Count - 1);
        }

        var rows = new List<Dictionary<string, string>>();
        foreach (var record in data)
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < file.Columns.Count; i++)
            {
                var column = file.Columns[i];
                var position = header is null ? i : Array.IndexOf(header, column.Column);
                Assert.True(position >= 0, $"the export's header lacks the column '{column.Column}'");
                if (column.Field is { } field)
                {
                    row[field] = WebEdiCode(profile.Outbound.Codes, field, record[position]);
                }
            }

            rows.Add(row);
        }

        return (rows, count);
    }

    private static string ErpCode(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> inboundCodes, string field, string value) =>
        inboundCodes.TryGetValue(field, out var map) && map.FirstOrDefault(p => p.Value == value) is { Key: not null } pair ? pair.Key : value;

    private static string WebEdiCode(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> outboundCodes, string field, string value) =>
        outboundCodes.TryGetValue(field, out var map) && map.FirstOrDefault(p => p.Value == value) is { Key: not null } pair ? pair.Key : value;

    private static string Quote(string field, CsvDialect format) =>
        format.Quoting == QuoteMode.All || field.Contains(format.Delimiter) || field.Contains(format.Quote) || field.Contains('\n')
            ? $"{format.Quote}{field.Replace(format.Quote.ToString(), new string(format.Quote, 2), StringComparison.Ordinal)}{format.Quote}"
            : field;

    /// <summary>A strict little reader for what the export wrote (quotes, doubled quotes, CRLF or LF).</summary>
    private static List<string[]> Records(string text, CsvDialect format)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == format.Quote && i + 1 < text.Length && text[i + 1] == format.Quote)
                {
                    field.Append(c);
                    i++;
                }
                else if (c == format.Quote)
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == format.Quote)
            {
                quoted = true;
            }
            else if (c == format.Delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }

        return records;
    }
}
