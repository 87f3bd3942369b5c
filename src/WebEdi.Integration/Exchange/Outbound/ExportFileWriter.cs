using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CsvHelper;
using WebEdi.Contracts;
using WebEdi.Documents.Csv;
using WebEdi.Integration.Exchange.Profiles;

namespace WebEdi.Integration.Exchange.Outbound;

/// <summary>
/// Writes one of the two files an export leaves for the ERP — the answers (<see cref="OutboundSettings.Answers"/>) or
/// the shipments (<see cref="OutboundSettings.Shipments"/>) — row by row, straight to <c>output</c>: the header on
/// creation, the rows of each outbox document on <see cref="Write"/>, the trailer on <see cref="Complete"/>. Values
/// are written as the profile says: code maps, date formats, decimal separator, quoting, line ending and encoding.
/// A document is written whole or not at all. The output stream is left open.
/// </summary>
/// <remarks>
/// Reading a document and rendering its rows (formats, codes, the CP932 check) take about as long as CsvHelper's quoting
/// and encoding of them, so a file of more than <see cref="BatchRows"/> rows is written by a thread of its own, a batch
/// behind the caller: the caller renders the next documents while the previous batch is written. Every refusal comes
/// from rendering, on the caller's thread, before anything of the document is handed over; a failure of the output
/// (a full disk) comes out of a later <see cref="Write"/> or out of <see cref="Complete"/>.
/// </remarks>
public sealed class ExportFileWriter : IDisposable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private readonly ExchangeProfile profile;
    private readonly OutboundFile file;
    private readonly TimeZoneInfo zone;
    private readonly bool answers;
    private readonly IReadOnlyList<ExchangeField> catalogue;
    private readonly int[] fieldOf;
    private readonly IReadOnlyDictionary<string, string>?[] codesOf;

    private readonly AnsweredPayload answeredPayload = new();

    // Per column, its fixed value made encodable once; and the last value formatted with its text (see Render).
    private readonly string?[] constants;
    private readonly object?[] lastValue;
    private readonly string?[] lastText;

    /// <summary>Rows handed to the writing thread at once: few hand-overs, and little held in memory.</summary>
    internal const int BatchRows = 256;

    // Rendered rows not yet handed over; whole documents only (a document is written whole or not at all).
    private Batch pending = new();

    // The writing thread (started by the first full batch), the batches waiting for it — a few, so memory stays flat —
    // and the batches it has written, whose row arrays the next batches fill again instead of allocating their own.
    private readonly BlockingCollection<Batch> batches = new(boundedCapacity: 4);
    private readonly ConcurrentQueue<Batch> written = new();
    private Task? writing;
    private volatile ExceptionDispatchInfo? writeFailure;
    private volatile bool abandoned;
    private readonly Encoding? cp932;
    private readonly StreamWriter text;
    private readonly CsvWriter csv;
    private bool completed;

    /// <param name="file">The profile's own <see cref="OutboundSettings.Answers"/> or <see cref="OutboundSettings.Shipments"/>, which decides the documents it takes.</param>
    /// <param name="zone">The profile's zone: <c>answeredDate</c>, instants with a date format and file names are local to it.</param>
    public ExportFileWriter(Stream output, ExchangeProfile profile, OutboundFile file, TimeZoneInfo zone)
    {
        this.profile = profile;
        this.file = file;
        this.zone = zone;
        answers = file == profile.Outbound.Answers;
        if (!answers && file != profile.Outbound.Shipments)
        {
            throw new ArgumentException("The file must be the profile's answers or shipments file.", nameof(file));
        }

        catalogue = answers ? ExchangeFields.Answer : ExchangeFields.Shipment;
        fieldOf = file.Columns.Select(c => c.Field is null ? -1 : ExchangeFields.IndexOf(catalogue, c.Field)).ToArray();
        codesOf = file.Columns.Select(c => c.Field is not null && profile.Outbound.Codes.TryGetValue(c.Field, out var codes) ? codes : null).ToArray();
        lastValue = new object?[file.Columns.Count];
        lastText = new string?[file.Columns.Count];
        var format = profile.Format;
        Encoding encoding;
        if (format.Encoding == FileEncoding.ShiftJis)
        {
            cp932 = CsvEncodings.Strict(CsvEncoding.ShiftJis);
            encoding = cp932;
        }
        else
        {
            encoding = CsvEncodings.Strict(CsvEncoding.Utf8);
            if (format.Encoding == FileEncoding.Utf8WithBom)
            {
                output.Write(CsvEncodings.Bom);
            }
        }

        text = new StreamWriter(output, encoding, 64 * 1024, leaveOpen: true);
        csv = CsvWriter.Create(text, CsvWriterOptions.Default with
        {
            Separator = format.Delimiter,
            Quoting = format.Quoting == QuoteMode.All ? CsvQuoting.Always : CsvQuoting.WhenNeeded,
            NewLine = format.LineEnding == LineEnding.CrLf ? "\r\n" : "\n",

            // A file for the ERP's import, not a spreadsheet: every value is written exactly as the document holds it.
            Injection = CsvInjection.None,
        }, leaveOpen: true);

        constants = [.. file.Columns.Select((c, i) => Encodable(c.Value, i, null, "the profile's fixed value"))];
        if (format.HasHeader)
        {
            var header = file.Columns.Select(c => (string?)c.Column).ToArray();
            WriteRecord(Encodable(header, "the header"));
        }
    }

    /// <summary>The data rows written so far (not the header or the trailer).</summary>
    public int Rows { get; private set; }

    /// <summary>
    /// The file's name for an export at <paramref name="at"/>: <c>{timestamp}</c> becomes yyyyMMddHHmmss in
    /// <paramref name="zone"/>, <c>{buyer}</c> the buyer code.
    /// </summary>
    public static string FileName(OutboundFile file, string buyerCode, DateTimeOffset at, TimeZoneInfo zone) =>
        file.FileName.Replace("{timestamp}", TimeZoneInfo.ConvertTime(at, zone).ToString("yyyyMMddHHmmss", Invariant), StringComparison.Ordinal)
            .Replace("{buyer}", buyerCode, StringComparison.Ordinal);

    /// <summary>
    /// Writes the rows of one outbox document: a <see cref="PurchaseOrderAnswered"/> (one row per promised delivery,
    /// one for a rejected line) to the answers file, a <see cref="ShipmentNotified"/> or <see cref="ShipmentCancelled"/>
    /// (one row per line) to the shipments file.
    /// </summary>
    /// <exception cref="ExchangeFileException">
    /// The document is of another type, or holds a character the file's encoding cannot (named with the document, the
    /// column and its code point; nothing of the document is written).
    /// </exception>
    public void Write(string messageType, string payload)
    {
        ObjectDisposedException.ThrowIf(completed, this);
        var rows = (answers, messageType) switch
        {
            (true, nameof(PurchaseOrderAnswered)) => Answered(Read(payload, answeredPayload.Read)),
            (false, nameof(ShipmentNotified)) => Shipped(Read(payload, Contract<ShipmentNotified>)),
            (false, nameof(ShipmentCancelled)) => Cancelled(Read(payload, Contract<ShipmentCancelled>)),
            _ => throw new ExchangeFileException(
                $"the {(answers ? "answers" : "shipments")} file takes {(answers ? "PurchaseOrderAnswered documents" : "ShipmentNotified and ShipmentCancelled documents")}, not {messageType}."),
        };

        var start = pending.Count;
        try
        {
            foreach (var (documentId, values) in rows)
            {
                Render(values, documentId, pending.Next(file.Columns.Count));
            }
        }
        catch
        {
            pending.Truncate(start);
            throw;
        }

        Rows += pending.Count - start;
        if (pending.Count >= BatchRows)
        {
            HandOver();
        }
    }

    /// <summary>Writes the trailer (when the profile has one: the marker in field 1, the row count at its column) and flushes.</summary>
    public void Complete()
    {
        if (completed)
        {
            return;
        }

        if (writing is not null)
        {
            HandOver();
            batches.CompleteAdding();
            writing.Wait();
            writeFailure?.Throw();
        }

        WriteRecords(pending);
        if (profile.Outbound.Trailer is { } trailer)
        {
            var fields = new string?[Math.Max(file.Columns.Count, trailer.CountColumn)];
            fields[0] = trailer.Marker;
            fields[trailer.CountColumn - 1] = Rows.ToString(Invariant);
            WriteRecord(Encodable(fields, "the trailer"));
        }

        csv.Flush();
        text.Flush();
        completed = true;
    }

    public void Dispose()
    {
        // A writer left without Complete (a refused document ended the export): the file is discarded, its waiting batches are not written.
        abandoned = !completed;
        if (!batches.IsAddingCompleted)
        {
            batches.CompleteAdding();
        }

        writing?.Wait();
        batches.Dispose();
        csv.Dispose();
        text.Dispose();
        completed = true;
    }

    /// <summary>The document, or a refusal saying why it cannot be read.</summary>
    private static T Read<T>(string payload, Func<string, T> read)
    {
        try
        {
            return read(payload);
        }
        catch (JsonException e)
        {
            throw new ExchangeFileException($"the {typeof(T).Name} document cannot be read: {e.Message}");
        }
    }

    private static T Contract<T>(string payload) =>
        JsonSerializer.Deserialize(payload, TypeInfo<T>.Contract) ?? throw new JsonException("it is null.");

    /// <summary>Gives the pending rows to the writing thread, starting it for the first batch; a failure of its writing comes out here.</summary>
    private void HandOver()
    {
        writeFailure?.Throw();
        writing ??= Task.Factory.StartNew(WriteBatches, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        batches.Add(pending);
        pending = written.TryDequeue(out var batch) ? batch : new Batch();
    }

    /// <summary>
    /// The writing thread: every batch in turn; after a failure, or once the writer is abandoned, it only takes them,
    /// so that the caller never waits on a full queue. It never throws: a failure is kept for the caller.
    /// </summary>
    private void WriteBatches()
    {
        foreach (var batch in batches.GetConsumingEnumerable())
        {
            if (writeFailure is not null || abandoned)
            {
                continue;
            }

            try
            {
                WriteRecords(batch);
            }
            catch (Exception e)
            {
                writeFailure = ExceptionDispatchInfo.Capture(e);
            }
        }
    }

    private void WriteRecords(Batch batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            WriteRecord(batch[i]);
        }

        batch.Truncate(0);
        written.Enqueue(batch);
    }

    private void WriteRecord(string?[] fields)
    {
        foreach (var field in fields)
        {
            csv.WriteField(field ?? "");
        }

        csv.EndRecord();
    }

    /// <summary>The fields as the encoding writes them (see the other overload).</summary>
    private string?[] Encodable(string?[] fields, string what)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = Encodable(fields[i], i, null, what);
        }

        return fields;
    }

    /// <summary>The field as the encoding writes it: CP932's look-alikes for 〜 and the like, and a refusal naming any character it has not.</summary>
    /// <param name="index">The field's position in the record, which names its column in the refusal.</param>
    /// <param name="documentId">The document the field comes from, or null for <paramref name="what"/>: the header, the trailer.</param>
    private string? Encodable(string? field, int index, Guid? documentId, string? what)
    {
        if (cp932 is null || field is null)
        {
            return field;
        }

        field = CsvEncodings.ForCp932(field);
        if (CsvEncodings.FirstUnencodable(field, cp932) is { } character)
        {
            var column = index < file.Columns.Count ? file.Columns[index].Column : (index + 1).ToString(Invariant);
            throw new ExchangeFileException(
                $"{what ?? $"document {documentId}"}: the column '{column}' holds {CsvEncodings.CodePoint(character)} '{character}', which Shift_JIS cannot hold; " +
                "correct the text or switch the profile to UTF-8.");
        }

        return field;
    }

    /// <summary>
    /// Fills one row's fields in file order: constants, or the catalogue field's value formatted, code-mapped and made
    /// encodable. The rows of a document, and often of the next, share most values (its id, instant, day, order,
    /// codes, a line's price), so each column keeps its last value's text and formats only a value that differs.
    /// </summary>
    private void Render(object?[] values, Guid documentId, string?[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            var column = file.Columns[i];
            if (column.Value is not null)
            {
                fields[i] = constants[i];
                continue;
            }

            var raw = values[fieldOf[i]];
            if (Equals(raw, lastValue[i]))
            {
                // Equal values format alike: strings, dates and instants, and numbers (decimals as "0.####", so 10 and 10.0 too).
                fields[i] = lastText[i];
                continue;
            }

            var value = Format(raw, column.DateFormat);
            if (value is not null && codesOf[i] is { } codes && codes.TryGetValue(value, out var code))
            {
                value = code;
            }

            value = Encodable(value, i, documentId, null);
            (lastValue[i], lastText[i]) = (raw, value);
            fields[i] = value;
        }
    }

    private string? Format(object? value, string? dateFormat) => value switch
    {
        null => null,
        string s => s,
        DateOnly date => date.ToString(dateFormat ?? profile.Format.DateFormat, Invariant),
        DateTimeOffset at when dateFormat is null => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", Invariant),
        DateTimeOffset at => TimeZoneInfo.ConvertTime(at, zone).ToString(dateFormat, Invariant),
        decimal number => FieldValues.Format(number, profile.Format.DecimalSeparator),
        int number => number.ToString(Invariant),
        bool flag => flag ? "true" : "false",
        _ => Convert.ToString(value, Invariant),
    };

    // The rows below list the values in catalogue order (ExchangeFields.Answer / ExchangeFields.Shipment).
    private IEnumerable<(Guid, object?[])> Answered(PurchaseOrderAnswered d)
    {
        // One array for all the document's rows, each value boxed once where it changes (rendering reads a row before
        // the next one is filled in).
        object?[] values =
        [
            d.DocumentId.ToString(), d.OccurredAt, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(d.OccurredAt, zone).DateTime), d.BuyerCode,
            d.SupplierCode, d.OrderNumber, d.Revision, null, null, null, null, null, null, null, d.AnsweredBy,
        ];
        foreach (var line in d.Lines)
        {
            (values[7], values[8], values[11], values[12], values[13]) =
                (line.LineNumber, line.Answer.ToString(), line.UnitPrice, line.RejectionReason?.ToString(), line.Comment);

            // One row per promised delivery (分納 gives several); a rejected line has none and gets one row without a date.
            if (line.Deliveries.Count == 0)
            {
                (values[9], values[10]) = (null, null);
                yield return (d.DocumentId, values);
            }

            foreach (var delivery in line.Deliveries)
            {
                (values[9], values[10]) = (delivery.Date, delivery.Quantity);
                yield return (d.DocumentId, values);
            }
        }
    }

    private static IEnumerable<(Guid, object?[])> Shipped(ShipmentNotified d) =>
        ShipmentRows(d.DocumentId, d.OccurredAt, "Shipped", d.BuyerCode, d.SupplierCode, d.DeliveryNoteNumber, d.ShipDate, d.DeliveryLocation, d.Lines, d.ShippedBy);

    private static IEnumerable<(Guid, object?[])> Cancelled(ShipmentCancelled d) =>
        ShipmentRows(d.DocumentId, d.OccurredAt, "Cancelled", d.BuyerCode, d.SupplierCode, d.DeliveryNoteNumber, d.ShipDate, null, d.Lines, d.CancelledBy);

    private static IEnumerable<(Guid, object?[])> ShipmentRows(
        Guid documentId, DateTimeOffset occurredAt, string shipmentEvent, string buyerCode, string supplierCode, string deliveryNoteNumber,
        DateOnly shipDate, string? deliveryLocation, IReadOnlyList<ShippedLine> lines, string? by)
    {
        var id = documentId.ToString();
        foreach (var line in lines)
        {
            yield return (documentId,
            [
                id, occurredAt, shipmentEvent, buyerCode, supplierCode, deliveryNoteNumber, shipDate, deliveryLocation,
                line.OrderNumber, line.LineNumber, line.BuyerItemCode, line.SupplierItemCode, line.Quantity, line.Unit, line.CompletesLine, by,
            ]);
        }
    }

    /// <summary>Rows in file order, each an array of the file's width that outlives the batch: a written batch is filled again.</summary>
    private sealed class Batch
    {
        private readonly List<string?[]> rows = new(BatchRows);

        public int Count { get; private set; }

        public string?[] this[int index] => rows[index];

        /// <summary>The next row's array, every field of which the caller sets.</summary>
        public string?[] Next(int width)
        {
            if (Count == rows.Count)
            {
                rows.Add(new string?[width]);
            }

            return rows[Count++];
        }

        /// <summary>Forgets the rows from <paramref name="count"/> on (a refused document's, or all once written).</summary>
        public void Truncate(int count) => Count = count;
    }

    /// <summary>The contracts' reading rules for one document type, looked up once.</summary>
    private static class TypeInfo<T>
    {
        public static readonly JsonTypeInfo<T> Contract = (JsonTypeInfo<T>)ContractJson.Options.GetTypeInfo(typeof(T));
    }
}
