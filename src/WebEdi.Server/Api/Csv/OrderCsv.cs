using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using WebEdi.Contracts;
using WebEdi.Ordering.Intake;

namespace WebEdi.Server.Api.Csv;

/// <summary>One order of a CSV upload: the message, or every problem of its rows.</summary>
internal sealed record CsvOrder(SubmitPurchaseOrder? Message, string? OrderNumber, int? Revision, IReadOnlyList<Problem> Problems);

/// <summary>
/// The WebEdi standard order CSV: a header row, then one row per order line; rows with the same
/// <c>orderNumber</c> form one <see cref="SubmitPurchaseOrder"/>. UTF-8 (with or without BOM) or Shift_JIS (CP932).
/// Problems name the place in the file: <c>csv:line 7, column quantity</c>.
/// </summary>
internal static class OrderCsv
{
    /// <summary>Codes for problems only a CSV file can have; the contract's codes are used wherever they fit.</summary>
    public static class Codes
    {
        /// <summary>The file is not CSV here: an unclosed quote, text after a closing quote, a row with the wrong number of fields.</summary>
        public const string InvalidCsv = "invalid_csv";

        /// <summary>A line holds bytes that are not valid in the file's encoding.</summary>
        public const string InvalidEncoding = "invalid_encoding";

        /// <summary>A value is not a number, integer or yyyy-MM-dd date as its column needs.</summary>
        public const string InvalidValue = "invalid_value";

        /// <summary>Rows of one order disagree on an order-level column (supplierCode, orderDate, …).</summary>
        public const string ConflictingValue = "conflicting_value";
    }

    public static readonly string[] Columns =
    [
        "orderNumber", "revision", "supplierCode", "orderDate", "currency", "deliveryLocation", "buyerContact", "remarks",
        "lineNumber", "buyerItemCode", "supplierItemCode", "itemName", "specification", "quantity", "unit", "unitPrice",
        "amount", "taxRate", "requestedDeliveryDate", "lineDeliveryLocation", "lineRemarks",
    ];

    public static readonly string[] RequiredColumns =
    [
        "orderNumber", "supplierCode", "orderDate", "currency", "lineNumber", "buyerItemCode", "itemName", "quantity", "unit",
        "unitPrice", "taxRate", "requestedDeliveryDate",
    ];

    private static readonly string[] OrderColumns = ["revision", "supplierCode", "orderDate", "currency", "deliveryLocation", "buyerContact", "remarks"];

    /// <summary>The encoding a client named (<c>?encoding=</c> or the Content-Type charset); UTF-8 when none.</summary>
    public static Encoding? FindEncoding(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        null or "" or "UTF-8" or "UTF8" => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true),
        "SHIFT_JIS" or "SHIFT-JIS" or "SJIS" or "CP932" or "WINDOWS-31J" or "MS932" =>
            Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback),
        _ => null,
    };

    /// <summary>The CSV bytes of a request: the body of a text/csv request, or the first file of a multipart form.</summary>
    public static async Task<byte[]?> ExtractFileAsync(HttpRequest request, byte[] body, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) || !contentType.MediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            return body;
        }

        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return null;
        }

        var reader = new MultipartReader(boundary, new MemoryStream(body)) { BodyLengthLimit = RequestBody.MaxBytes };
        byte[]? first = null;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                using var content = new MemoryStream();
                await section.Body.CopyToAsync(content, cancellationToken);
                first ??= content.ToArray();
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
                {
                    return content.ToArray();
                }
            }
        }
        catch (IOException)
        {
            return null;
        }

        return first;
    }

    /// <summary>Decodes and reads the file; never throws for what a client sent.</summary>
    public static IReadOnlyList<CsvOrder> Read(byte[] file, Encoding encoding)
    {
        var (text, badLines) = Decode(file, encoding);
        var (records, error) = CsvText.Parse(text);
        if (error is not null)
        {
            return [FileProblem($"csv:line {error.Line}", Codes.InvalidCsv, error.Message)];
        }

        if (records.Count == 0)
        {
            return [];
        }

        var header = records[0];
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, index) in header.Fields.Select((f, i) => (f.Trim().TrimStart('\uFEFF'), i)))
        {
            var known = Columns.FirstOrDefault(c => c.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                return [FileProblem($"csv:line {header.Line}, column {name}", ProblemCodes.UnknownField,
                    $"'{name}' is not a column of the order CSV; the columns are {string.Join(", ", Columns)}.")];
            }

            if (!columns.TryAdd(known, index))
            {
                return [FileProblem($"csv:line {header.Line}, column {known}", Codes.InvalidCsv, $"the column '{known}' appears twice in the header.")];
            }
        }

        if (RequiredColumns.Where(c => !columns.ContainsKey(c)).ToList() is { Count: > 0 } missing)
        {
            return [FileProblem($"csv:line {header.Line}", ProblemCodes.Required,
                $"the header lacks the column(s) {string.Join(", ", missing)}; the first line must name the columns.")];
        }

        return records.Skip(1)
            .Select(r => new Row(r, columns, Enumerable.Range(r.Line, r.EndLine - r.Line + 1).Any(badLines.Contains)))
            .GroupBy(r => r["orderNumber"].Trim(), StringComparer.Ordinal)
            .Select(ToOrder)
            .ToList();
    }

    private static CsvOrder ToOrder(IGrouping<string, Row> rows)
    {
        var problems = new List<Problem>();
        var first = rows.First();
        var orderNumber = rows.Key.Length is > 0 and <= 40 ? rows.Key : null;

        // A line whose bytes are not text says nothing reliable about its fields: report the encoding alone.
        foreach (var row in rows.Where(r => r.BadEncoding))
        {
            problems.Add(Problem($"csv:line {row.Record.Line}", Codes.InvalidEncoding,
                "the line holds bytes that are not valid in the file's encoding (use ?encoding=shift_jis for Shift_JIS files, UTF-8 otherwise)."));
        }

        if (problems.Count > 0)
        {
            return new CsvOrder(null, orderNumber, null, problems);
        }

        foreach (var row in rows)
        {
            row.CheckShape(problems);
            foreach (var column in OrderColumns.Where(c => row != first && row[c].Trim() != first[c].Trim()))
            {
                problems.Add(Problem(row.Place(column), Codes.ConflictingValue,
                    $"'{row[column]}' differs from '{first[column]}' on line {first.Record.Line}; the order-level columns must be equal on every row of an order."));
            }
        }

        var revision = first.Integer("revision", problems, required: false) ?? 0;
        if (orderNumber is null && rows.Key.Length == 0)
        {
            problems.Add(Problem(first.Place("orderNumber"), ProblemCodes.Required, "the order number is empty."));
        }

        var lines = rows.Select(row => new
        {
            row,
            LineNumber = row.Integer("lineNumber", problems, required: true),
            Quantity = row.Decimal("quantity", problems, required: true),
            UnitPrice = row.Decimal("unitPrice", problems, required: true),
            Amount = row.Decimal("amount", problems, required: false),
            TaxRate = row.Decimal("taxRate", problems, required: true),
            Requested = row.Date("requestedDeliveryDate", problems),
            BuyerItemCode = row.Text("buyerItemCode", problems, required: true),
            ItemName = row.Text("itemName", problems, required: true),
            Unit = row.Text("unit", problems, required: true),
        }).ToList();
        var orderDate = first.Date("orderDate", problems);
        var supplierCode = first.Text("supplierCode", problems, required: true);
        var currency = first.Text("currency", problems, required: true);
        if (problems.Count > 0)
        {
            return new CsvOrder(null, orderNumber, first.Integer("revision", [], required: false) ?? 0, problems);
        }

        var message = new SubmitPurchaseOrder
        {
            OrderNumber = rows.Key,
            Revision = revision,
            SupplierCode = supplierCode!,
            OrderDate = orderDate!.Value,
            Currency = currency!,
            DeliveryLocation = first.Optional("deliveryLocation"),
            BuyerContact = first.Optional("buyerContact"),
            Remarks = first.Optional("remarks"),
            Lines = lines.Select(l => new PurchaseOrderLine
            {
                LineNumber = l.LineNumber!.Value,
                BuyerItemCode = l.BuyerItemCode!,
                SupplierItemCode = l.row.Optional("supplierItemCode"),
                ItemName = l.ItemName!,
                Specification = l.row.Optional("specification"),
                Quantity = l.Quantity!.Value,
                Unit = l.Unit!,
                UnitPrice = l.UnitPrice!.Value,
                Amount = l.Amount,
                TaxRate = l.TaxRate!.Value,
                RequestedDeliveryDate = l.Requested!.Value,
                DeliveryLocation = l.row.Optional("lineDeliveryLocation"),
                Remarks = l.row.Optional("lineRemarks"),
            }).ToList(),
        };
        return new CsvOrder(message, orderNumber, revision, []);
    }

    /// <summary>
    /// Decodes line by line, so a byte sequence the encoding does not allow is reported with its line rather than
    /// silently turned into '?' or U+FFFD. LF (0x0A) is never part of a multi-byte character in UTF-8 or Shift_JIS,
    /// so splitting the bytes there is safe.
    /// </summary>
    private static (string Text, HashSet<int> BadLines) Decode(byte[] bytes, Encoding strict)
    {
        ReadOnlySpan<byte> rest = bytes;
        if (strict is UTF8Encoding && rest.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            rest = rest[3..];
        }

        var lossy = Encoding.GetEncoding(strict.CodePage);
        var text = new StringBuilder(bytes.Length);
        var bad = new HashSet<int>();
        for (var line = 1; !rest.IsEmpty; line++)
        {
            var end = rest.IndexOf((byte)'\n');
            var segment = end < 0 ? rest : rest[..(end + 1)];
            rest = end < 0 ? [] : rest[(end + 1)..];
            try
            {
                text.Append(strict.GetString(segment));
            }
            catch (DecoderFallbackException)
            {
                bad.Add(line);
                text.Append(lossy.GetString(segment));
            }
        }

        return (text.ToString(), bad);
    }

    private static CsvOrder FileProblem(string path, string code, string message) => new(null, null, null, [Problem(path, code, message)]);

    private static Problem Problem(string path, string code, string message) => ContractReader.Problem(path, code, message);

    /// <summary>One data row, read by column name.</summary>
    private sealed class Row(CsvRecord record, Dictionary<string, int> columns, bool badEncoding)
    {
        public CsvRecord Record => record;

        public bool BadEncoding => badEncoding;

        public string this[string column] =>
            columns.TryGetValue(column, out var i) && i < record.Fields.Count ? record.Fields[i] : "";

        public string Place(string column) => $"csv:line {record.Line}, column {column}";

        public void CheckShape(List<Problem> problems)
        {
            if (record.Fields.Count != columns.Count)
            {
                problems.Add(Problem($"csv:line {record.Line}", Codes.InvalidCsv,
                    $"the row has {record.Fields.Count} fields but the header has {columns.Count}."));
            }
        }

        public string? Optional(string column) => this[column].Trim() is { Length: > 0 } value ? value : null;

        public string? Text(string column, List<Problem> problems, bool required)
        {
            var value = Optional(column);
            if (value is null && required)
            {
                problems.Add(Problem(Place(column), ProblemCodes.Required, $"'{column}' is required."));
            }

            return value;
        }

        public int? Integer(string column, List<Problem> problems, bool required) =>
            Parse<int>(column, problems, required, "an integer", v => int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null);

        public decimal? Decimal(string column, List<Problem> problems, bool required) =>
            Parse<decimal>(column, problems, required, "a number with '.' as the decimal point",
                v => decimal.TryParse(v, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) ? n : null);

        public DateOnly? Date(string column, List<Problem> problems) =>
            Parse<DateOnly>(column, problems, required: true, "a date yyyy-MM-dd",
                v => DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null);

        private T? Parse<T>(string column, List<Problem> problems, bool required, string expected, Func<string, T?> parse)
            where T : struct
        {
            if (Optional(column) is not { } value)
            {
                if (required)
                {
                    problems.Add(Problem(Place(column), ProblemCodes.Required, $"'{column}' is required."));
                }

                return null;
            }

            if (parse(value) is { } parsed)
            {
                return parsed;
            }

            problems.Add(Problem(Place(column), Codes.InvalidValue, $"'{value}' is not {expected}."));
            return null;
        }
    }
}
