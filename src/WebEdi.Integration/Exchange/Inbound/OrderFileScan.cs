using System.Text.RegularExpressions;
using CsvHelper;
using WebEdi.Contracts;
using WebEdi.Domain;
using WebEdi.Domain.Orders;
using WebEdi.Integration.Exchange.Profiles;

namespace WebEdi.Integration.Exchange.Inbound;

/// <summary>
/// One pass over an order file: reads each record, checks its shape and values, and hands over the orders one at a
/// time as their rows end. Holds the rows of the current order and the first line of every order number seen.
/// </summary>
internal sealed partial class OrderFileScan
{
    private static readonly IReadOnlyList<ExchangeField> Fields = ExchangeFields.Order;
    private static readonly int OrderNumber = Index("orderNumber");
    private static readonly int Revision = Index("revision");
    private static readonly int SupplierCode = Index("supplierCode");
    private static readonly int OrderDate = Index("orderDate");
    private static readonly int Currency = Index("currency");
    private static readonly int DeliveryLocation = Index("deliveryLocation");
    private static readonly int BuyerContact = Index("buyerContact");
    private static readonly int Remarks = Index("remarks");
    private static readonly int LineNumber = Index("lineNumber");
    private static readonly int BuyerItemCode = Index("buyerItemCode");
    private static readonly int SupplierItemCode = Index("supplierItemCode");
    private static readonly int ItemName = Index("itemName");
    private static readonly int Specification = Index("specification");
    private static readonly int Quantity = Index("quantity");
    private static readonly int Unit = Index("unit");
    private static readonly int UnitPrice = Index("unitPrice");
    private static readonly int Amount = Index("amount");
    private static readonly int TaxRate = Index("taxRate");
    private static readonly int RequestedDeliveryDate = Index("requestedDeliveryDate");
    private static readonly int LineDeliveryLocation = Index("lineDeliveryLocation");
    private static readonly int LineRemarks = Index("lineRemarks");

    private readonly ExchangeProfile profile;
    private readonly OrderFileMessages messages;
    private readonly FileErrors errors;
    private readonly bool checking;
    private readonly System.Globalization.NumberFormatInfo numbers;

    // Per order field: the record index it is read from (-1: not mapped), the ERP's column, its default, date format and code map.
    private readonly int[] indexOf = new int[Fields.Count];
    private readonly string?[] columnOf = new string?[Fields.Count];
    private readonly string?[] defaultOf = new string?[Fields.Count];
    private readonly string[] dateFormatOf = new string[Fields.Count];
    private readonly IReadOnlyDictionary<string, string>?[] codesOf = new IReadOnlyDictionary<string, string>?[Fields.Count];

    private readonly Dictionary<string, int> orderStarts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileError> supplierCodes = new(StringComparer.Ordinal);
    private readonly List<string> ignoredColumns = [];
    private readonly int maxPosition;
    private int expectedFields;
    private int trailerLine;
    private string? trailerCount;
    private bool broken;

    public OrderFileScan(ExchangeProfile profile, OrderFileMessages messages, FileErrors errors, bool checking)
    {
        this.profile = profile;
        this.messages = messages;
        this.errors = errors;
        this.checking = checking;
        numbers = FieldValues.Numbers(profile.Format.DecimalSeparator);
        Array.Fill(indexOf, -1);
        Array.Fill(dateFormatOf, profile.Format.DateFormat);
        foreach (var column in profile.Inbound.Columns)
        {
            var f = ExchangeFields.IndexOf(Fields, column.Field);
            columnOf[f] = column.Column.Trim();
            dateFormatOf[f] = column.DateFormat ?? profile.Format.DateFormat;
            if (!profile.Format.HasHeader)
            {
                indexOf[f] = int.Parse(column.Column, System.Globalization.CultureInfo.InvariantCulture) - 1;
                maxPosition = Math.Max(maxPosition, indexOf[f] + 1);
            }
        }

        foreach (var fixedValue in profile.Inbound.Defaults)
        {
            var f = ExchangeFields.IndexOf(Fields, fixedValue.Field);
            defaultOf[f] = fixedValue.Value.Trim();
        }

        foreach (var (field, map) in profile.Inbound.Codes)
        {
            codesOf[ExchangeFields.IndexOf(Fields, field)] = map;
        }
    }

    public int DataRows { get; private set; }

    public int OrderCount { get; private set; }

    public IReadOnlyList<string> IgnoredColumns => ignoredColumns;

    public IReadOnlyDictionary<string, FileError> SupplierCodes => supplierCodes;

    /// <summary>The orders of the file, each as soon as its last row is read; problems go to the errors as they are found.</summary>
    public IEnumerable<Order> Orders(TextReader text, CancellationToken ct)
    {
        var options = CsvReaderOptions.Default with
        {
            Separator = profile.Format.Delimiter,
            Quote = profile.Format.Quote,
            HasHeader = false,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            DetectSeparatorHint = false,
            MalformedData = CsvMalformedDataHandling.Throw,
            MaxRecordSize = OrderFileReader.MaxRecordBytes,
        };
        using var csv = CsvReader.Create(text, options, leaveOpen: true);
        var headerRead = !profile.Format.HasHeader;
        var trailer = profile.Inbound.Trailer;
        var afterTrailer = false;
        Order? current = null;
        var records = 0;
        while (Next(csv))
        {
            if ((++records & 1023) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            var line = (int)csv.LineNumber;
            if (IsBlank(csv))
            {
                continue;
            }

            if (trailerLine > 0)
            {
                if (!afterTrailer)
                {
                    afterTrailer = true;
                    errors.Add(line, null, null, "after_trailer", messages.AfterTrailer);
                }

                continue;
            }

            if (!headerRead)
            {
                headerRead = true;
                if (!ReadHeader(csv, line))
                {
                    yield break;
                }

                continue;
            }

            if (trailer is not null && csv.GetString(0).Trim() == trailer.Marker)
            {
                trailerLine = line;
                trailerCount = csv.FieldCount >= trailer.CountColumn ? csv.GetString(trailer.CountColumn - 1).Trim() : "";
                continue;
            }

            DataRows++;
            if (ReadRow(csv, line) is not { } row)
            {
                continue;
            }

            var number = row.Values[OrderNumber]!;
            if (current is not null && current.Number == number)
            {
                CompareOrderColumns(current, row);
                current.Rows.Add(row);
                continue;
            }

            if (current is not null)
            {
                var done = current;
                current = null;
                yield return done;
            }

            if (orderStarts.TryGetValue(number, out var firstLine))
            {
                errors.Add(line, columnOf[OrderNumber], number, "order_rows_apart", messages.NotTogether(number, firstLine));
                continue;
            }

            orderStarts.Add(number, line);
            OrderCount++;
            current = new Order(number, row);
        }

        if (current is not null)
        {
            yield return current;
        }

        Finish(headerRead);
    }

    /// <summary>The domain's rules for one order, with each error put back on the row and column it came from.</summary>
    public void CheckDomain(Order order)
    {
        if (order.Bad || order.Rows.Exists(r => r.Bad))
        {
            // A value that did not read is reported already; the rules would only repeat it in other words.
            return;
        }

        var first = order.Rows[0];
        var problems = PurchaseOrder.Check(order.Number, first.Revision ?? 0, Header(first), order.Rows.ConvertAll(Line));
        foreach (var problem in problems)
        {
            var (rows, f) = Locate(order, problem);
            foreach (var row in rows)
            {
                var value = f >= 0 ? row.Values[f] : null;
                var column = f >= 0 ? columnOf[f] : null;
                errors.Add(row.Line, column, value, problem.Code, messages.Domain(problem, column ?? (f >= 0 ? Fields[f].Name : ""), value));
            }
        }
    }

    public static SubmitPurchaseOrder ToMessage(Order order)
    {
        var first = order.Rows[0];
        var header = Header(first);
        return new SubmitPurchaseOrder
        {
            OrderNumber = order.Number,
            Revision = first.Revision ?? 0,
            SupplierCode = first.Values[SupplierCode]!,
            OrderDate = header.OrderDate,
            Currency = header.Currency,
            DeliveryLocation = header.DeliveryLocation,
            BuyerContact = header.BuyerContact,
            Remarks = header.Remarks,
            Lines = order.Rows.ConvertAll(r => new Contracts.PurchaseOrderLine
            {
                LineNumber = r.LineNumber!.Value,
                BuyerItemCode = r.Values[BuyerItemCode]!,
                SupplierItemCode = r.Values[SupplierItemCode],
                ItemName = r.Values[ItemName]!,
                Specification = r.Values[Specification],
                Quantity = r.Quantity!.Value,
                Unit = r.Values[Unit]!,
                UnitPrice = r.UnitPrice!.Value,
                Amount = r.Amount,
                TaxRate = r.TaxRate!.Value,
                RequestedDeliveryDate = r.Requested!.Value,
                DeliveryLocation = r.Values[LineDeliveryLocation],
                Remarks = r.Values[LineRemarks],
            }),
        };
    }

    private static int Index(string name) => ExchangeFields.IndexOf(Fields, name);

    private static OrderHeader Header(Row first) =>
        new(first.OrderDate!.Value, first.Values[Currency]!, first.Values[DeliveryLocation], first.Values[BuyerContact], first.Values[Remarks]);

    private static OrderLineData Line(Row r) => new(
        r.LineNumber!.Value, r.Values[BuyerItemCode]!, r.Values[SupplierItemCode], r.Values[ItemName]!, r.Values[Specification], r.Quantity!.Value,
        r.Values[Unit]!, r.UnitPrice!.Value, r.Amount, r.TaxRate!.Value, r.Requested!.Value, r.Values[LineDeliveryLocation], r.Values[LineRemarks]);

    private static bool IsBlank(CsvReader csv)
    {
        for (var i = 0; i < csv.FieldCount; i++)
        {
            if (!csv.IsEmpty(i))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The rows (and the field) a domain error is about: its line's row, or the order's first row.</summary>
    private static (IEnumerable<Row> Rows, int Field) Locate(Order order, DomainError error)
    {
        var path = error.Path;
        if (LinePath().Match(path) is { Success: true } m)
        {
            var number = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var name = m.Groups[2].Value;
            var f = name switch
            {
                "deliveryLocation" => LineDeliveryLocation,
                "remarks" => LineRemarks,
                _ => ExchangeFields.IndexOf(Fields, name),
            };
            var rows = order.Rows.FindAll(r => r.LineNumber == number);
            IEnumerable<Row> blamed = error.Code == "duplicate_line" ? rows.Skip(1) : rows.Take(1);
            return (rows.Count > 0 ? blamed : [order.Rows[0]], f);
        }

        return ([order.Rows[0]], ExchangeFields.IndexOf(Fields, path));
    }

    [GeneratedRegex(@"^lines\[(-?\d+)\]\.?(\w*)")]
    private static partial Regex LinePath();

    private bool Next(CsvReader csv)
    {
        try
        {
            return csv.Read();
        }
        catch (CsvFormatException e)
        {
            broken = true;
            errors.Add((int)e.LineNumber, null, null, "invalid_csv", messages.MalformedCsv);
            return false;
        }
        catch (System.Text.DecoderFallbackException)
        {
            // Only when the file changed after its check, which found every invalid byte with its place.
            broken = true;
            errors.Add(0, null, null, "invalid_encoding", messages.InvalidBytes(profile.Format.Encoding == FileEncoding.ShiftJis ? "Shift_JIS" : "UTF-8", "?", 0));
            return false;
        }
    }

    private bool ReadHeader(CsvReader csv, int line)
    {
        expectedFields = csv.FieldCount;
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var twice = new HashSet<string>(StringComparer.Ordinal);
        var names = new string[csv.FieldCount];
        for (var i = 0; i < csv.FieldCount; i++)
        {
            names[i] = csv.GetString(i).Trim().TrimStart('\uFEFF').Trim();
            if (names[i].Length > 0 && !positions.TryAdd(names[i], i))
            {
                twice.Add(names[i]);
            }
        }

        var ok = true;
        var mapped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in profile.Inbound.Columns)
        {
            var name = column.Column.Trim();
            mapped.Add(name);
            if (!positions.TryGetValue(name, out var index))
            {
                errors.Add(line, name, null, "missing_column", messages.MissingColumn(name, column.Field!));
                ok = false;
            }
            else if (twice.Contains(name))
            {
                errors.Add(line, name, null, "duplicate_column", messages.DuplicateColumn(name));
                ok = false;
            }
            else
            {
                indexOf[ExchangeFields.IndexOf(Fields, column.Field)] = index;
            }
        }

        foreach (var name in names)
        {
            if (name.Length > 0 && !mapped.Contains(name) && !ignoredColumns.Contains(name))
            {
                ignoredColumns.Add(name);
            }
        }

        broken |= !ok;
        return ok;
    }

    /// <summary>The row's values, or null when the row cannot be part of an order (its shape is wrong, or it has no order number).</summary>
    private Row? ReadRow(CsvReader csv, int line)
    {
        var count = csv.FieldCount;
        if (expectedFields == 0)
        {
            expectedFields = count;
        }

        if (count < maxPosition)
        {
            errors.Add(line, null, null, "field_count", messages.TooFewFields(count, maxPosition));
            return null;
        }

        if (count != expectedFields)
        {
            errors.Add(line, null, null, "field_count", messages.FieldCount(count, expectedFields, profile.Format.HasHeader));
            return null;
        }

        var row = new Row(line, new string?[Fields.Count]);
        for (var f = 0; f < Fields.Count; f++)
        {
            ReadValue(csv, row, f);
        }

        return row.Values[OrderNumber] is null ? null : row;
    }

    private void ReadValue(CsvReader csv, Row row, int f)
    {
        var field = Fields[f];
        string? raw;
        if (indexOf[f] >= 0)
        {
            raw = csv.GetString(indexOf[f]);
            raw = raw.Length == 0 ? null : raw.Trim();
        }
        else
        {
            raw = defaultOf[f];
        }

        var value = raw;
        if (value is { Length: > 0 } && codesOf[f] is { } codes && codes.TryGetValue(value, out var mapped))
        {
            value = mapped;
        }

        value = value is { Length: > 0 } ? FieldValues.Normalize(field.Kind, value) : null;
        if (value is not { Length: > 0 })
        {
            row.Values[f] = null;
            if (field.Required)
            {
                Problem(row, f, raw, "required", messages.Required(ColumnName(f)));
            }

            return;
        }

        row.Values[f] = value;
        switch (field.Kind)
        {
            case ExchangeFieldKind.Integer when FieldValues.TryInteger(value, out var integer):
                if (f == LineNumber)
                {
                    row.LineNumber = integer;
                }
                else
                {
                    row.Revision = integer;
                }

                break;
            case ExchangeFieldKind.Integer:
                Problem(row, f, raw, "invalid_value", messages.NotInteger(ColumnName(f), raw!));
                break;
            case ExchangeFieldKind.Number when FieldValues.TryNumber(value, numbers, out var number):
                if (f == Quantity)
                {
                    row.Quantity = number;
                }
                else if (f == UnitPrice)
                {
                    row.UnitPrice = number;
                }
                else if (f == Amount)
                {
                    row.Amount = number;
                }
                else
                {
                    row.TaxRate = number;
                }

                break;
            case ExchangeFieldKind.Number:
                Problem(row, f, raw, "invalid_value", messages.NotNumber(ColumnName(f), raw!, profile.Format.DecimalSeparator));
                break;
            case ExchangeFieldKind.Date when FieldValues.TryDate(value, dateFormatOf[f], out var date):
                if (f == OrderDate)
                {
                    row.OrderDate = date;
                }
                else
                {
                    row.Requested = date;
                }

                break;
            case ExchangeFieldKind.Date:
                Problem(row, f, raw, "invalid_value", messages.NotDate(ColumnName(f), raw!, dateFormatOf[f]));
                break;
            case ExchangeFieldKind.Code when f == SupplierCode:
                if (!SupplierCodePattern().IsMatch(value))
                {
                    Problem(row, f, raw, "invalid_supplier_code", messages.InvalidSupplierCode(ColumnName(f), raw!));
                }
                else if (checking && !supplierCodes.ContainsKey(value))
                {
                    supplierCodes.Add(value, new FileError(row.Line, columnOf[f], value, "unknown_supplier_code", messages.UnknownSupplier(value)));
                }

                break;
        }
    }

    private void CompareOrderColumns(Order order, Row row)
    {
        var first = order.Rows[0];
        for (var f = 0; f < Fields.Count; f++)
        {
            if (Fields[f].OrderLevel && !string.Equals(first.Values[f], row.Values[f], StringComparison.Ordinal))
            {
                order.Bad = true;
                errors.Add(row.Line, columnOf[f], row.Values[f], "conflicting_value",
                    messages.Conflicting(ColumnName(f), row.Values[f] ?? "", first.Values[f] ?? "", first.Line));
            }
        }
    }

    private void Finish(bool headerRead)
    {
        if (broken)
        {
            return;
        }

        if (!headerRead)
        {
            errors.Add(0, null, null, "empty_file", messages.EmptyFile);
            return;
        }

        if (DataRows == 0)
        {
            errors.Add(0, null, null, "no_data_rows", messages.NoDataRows);
        }

        if (profile.Inbound.Trailer is not { } trailer)
        {
            return;
        }

        if (trailerLine == 0)
        {
            errors.Add(0, null, null, "trailer_missing", messages.TrailerMissing(trailer.Marker));
        }
        else if (!FieldValues.TryInteger(FieldValues.Normalize(ExchangeFieldKind.Integer, trailerCount ?? ""), out var count) || count != DataRows)
        {
            errors.Add(trailerLine, profile.Format.HasHeader ? null : trailer.CountColumn.ToString(System.Globalization.CultureInfo.InvariantCulture),
                trailerCount, "trailer_count", messages.TrailerCount(trailerCount ?? "", DataRows));
        }
    }

    private void Problem(Row row, int f, string? value, string code, string message)
    {
        row.Bad = true;
        errors.Add(row.Line, columnOf[f], value, code, message);
    }

    private string ColumnName(int f) => columnOf[f] ?? Fields[f].Name;

    // The contract's supplier code pattern (SubmitPurchaseOrder.SupplierCode).
    [GeneratedRegex("^[A-Za-z0-9_-]{1,20}$")]
    private static partial Regex SupplierCodePattern();

    /// <summary>The rows of one order number, consecutive in the file.</summary>
    internal sealed class Order(string number, Row first)
    {
        public string Number { get; } = number;

        public List<Row> Rows { get; } = [first];

        /// <summary>Its rows disagree on an order-level column.</summary>
        public bool Bad { get; set; }
    }

    /// <summary>One data record: its values by order field (trimmed, code-mapped, normalised; null when empty) and those that parsed.</summary>
    internal sealed class Row(int line, string?[] values)
    {
        public int Line { get; } = line;

        public string?[] Values { get; } = values;

        public bool Bad { get; set; }

        public int? Revision { get; set; }

        public int? LineNumber { get; set; }

        public DateOnly? OrderDate { get; set; }

        public DateOnly? Requested { get; set; }

        public decimal? Quantity { get; set; }

        public decimal? UnitPrice { get; set; }

        public decimal? Amount { get; set; }

        public decimal? TaxRate { get; set; }
    }
}
