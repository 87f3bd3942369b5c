using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using WebEdi.Contracts;
using WebEdi.Data.Deliveries;
using WebEdi.Documents.Csv;

namespace WebEdi.Integration.Channels.Files;

/// <summary>A document that cannot become a file: an unknown type, or text the chosen encoding cannot hold.</summary>
public sealed class DocumentCsvException(string message) : Exception(message);

/// <summary>
/// The file-drop channel's CSV layouts, one per document type (docs/buyer-integration.md lists every column): a
/// header row of the contract's field names, then one row per answered delivery, per problem, and so on. Values are
/// written as in the JSON — dates <c>yyyy-MM-dd</c>, instants ISO 8601 in UTC, numbers with a <c>.</c> — so an ERP
/// reads files and bus messages with the same rules.
/// </summary>
public static class DocumentCsv
{
    // Files for machines: every value is written exactly as the document holds it, so no formula escaping.
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { NewLine = "\r\n", Injection = CsvInjection.None };

    /// <summary>The document types the file drop writes.</summary>
    public static IReadOnlyCollection<string> MessageTypes { get; } =
        [nameof(PurchaseOrderReceived), nameof(PurchaseOrderRejected), nameof(PurchaseOrderAnswered), nameof(ShipmentNotified), nameof(ShipmentCancelled)];

    /// <summary>
    /// The file's bytes for one document (its JSON payload as the outbox holds it). Text Shift_JIS cannot hold is
    /// refused with the line, column and character — never written as '?'.
    /// </summary>
    public static byte[] Encode(string messageType, string payload, FileDropEncoding encoding)
    {
        var rows = (messageType switch
        {
            nameof(PurchaseOrderReceived) => Received(Read<PurchaseOrderReceived>(payload)),
            nameof(PurchaseOrderRejected) => Rejected(Read<PurchaseOrderRejected>(payload)),
            nameof(PurchaseOrderAnswered) => Answered(Read<PurchaseOrderAnswered>(payload)),
            nameof(ShipmentNotified) => Shipped(Read<ShipmentNotified>(payload)),
            nameof(ShipmentCancelled) => ShipmentWithdrawn(Read<ShipmentCancelled>(payload)),
            _ => throw new DocumentCsvException($"there is no CSV layout for {messageType} documents."),
        }).ToList();

        if (encoding == FileDropEncoding.ShiftJis)
        {
            rows = rows.Select(r => r.Select(f => f is null ? null : CsvEncodings.ForCp932(f)).ToArray()).ToList();
            var cp932 = CsvEncodings.Strict(CsvEncoding.ShiftJis);
            for (var line = 0; line < rows.Count; line++)
            {
                for (var column = 0; column < rows[line].Length; column++)
                {
                    if (rows[line][column] is { } field && CsvEncodings.FirstUnencodable(field, cp932) is { } character)
                    {
                        throw new DocumentCsvException(
                            $"line {line + 1}, column {rows[0][column]} holds {CsvEncodings.CodePoint(character)} '{character}', which Shift_JIS cannot hold; " +
                            "switch the channel to UTF-8 or correct the text.");
                    }
                }
            }

            return cp932.GetBytes(Render(rows));
        }

        var utf8 = Encoding.UTF8.GetBytes(Render(rows));
        return encoding == FileDropEncoding.Utf8WithBom ? [.. CsvEncodings.Bom, .. utf8] : utf8;
    }

    private static string Render(IEnumerable<string?[]> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Options, leaveOpen: true))
        {
            foreach (var row in rows)
            {
                foreach (var field in row)
                {
                    csv.WriteField(field ?? "");
                }

                csv.EndRecord();
            }
        }

        return text.ToString();
    }

    private static IEnumerable<string?[]> Received(PurchaseOrderReceived d)
    {
        yield return ["documentId", "occurredAt", "buyerCode", "supplierCode", "orderNumber", "revision", "outcome"];
        yield return [d.DocumentId.ToString(), Instant(d.OccurredAt), d.BuyerCode, d.SupplierCode, d.OrderNumber, Number(d.Revision), d.Outcome.ToString()];
    }

    private static IEnumerable<string?[]> Rejected(PurchaseOrderRejected d)
    {
        yield return ["documentId", "occurredAt", "buyerCode", "messageType", "orderNumber", "revision", "path", "code", "message"];
        foreach (var problem in d.Problems)
        {
            yield return [d.DocumentId.ToString(), Instant(d.OccurredAt), d.BuyerCode, d.MessageType, d.OrderNumber, Number(d.Revision), problem.Path, problem.Code, problem.Message];
        }
    }

    private static IEnumerable<string?[]> Answered(PurchaseOrderAnswered d)
    {
        yield return
        [
            "documentId", "occurredAt", "buyerCode", "supplierCode", "orderNumber", "revision", "lineNumber", "answer",
            "deliveryDate", "quantity", "unitPrice", "rejectionReason", "comment", "answeredBy",
        ];
        foreach (var line in d.Lines)
        {
            // One row per promised delivery (分納 gives several); a rejected line has none and gets one row without a date.
            var deliveries = line.Deliveries.Count > 0 ? line.Deliveries.Cast<ScheduledDeliveryItem?>() : [(ScheduledDeliveryItem?)null];
            foreach (var delivery in deliveries)
            {
                yield return
                [
                    d.DocumentId.ToString(), Instant(d.OccurredAt), d.BuyerCode, d.SupplierCode, d.OrderNumber, Number(d.Revision),
                    Number(line.LineNumber), line.Answer.ToString(), delivery?.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    Number(delivery?.Quantity), Number(line.UnitPrice), line.RejectionReason?.ToString(), line.Comment, d.AnsweredBy,
                ];
            }
        }
    }

    // One row per shipment line, the header repeated on each, like the answers' rows.
    private static IEnumerable<string?[]> Shipped(ShipmentNotified d) => ShipmentRows(
        d.DocumentId, d.OccurredAt, d.BuyerCode, d.SupplierCode, d.DeliveryNoteNumber, d.ShipDate, d.DeliveryLocation, d.Lines, d.ShippedBy, "shippedBy");

    private static IEnumerable<string?[]> ShipmentWithdrawn(ShipmentCancelled d) => ShipmentRows(
        d.DocumentId, d.OccurredAt, d.BuyerCode, d.SupplierCode, d.DeliveryNoteNumber, d.ShipDate, null, d.Lines, d.CancelledBy, "cancelledBy");

    private static IEnumerable<string?[]> ShipmentRows(
        Guid documentId, DateTimeOffset occurredAt, string buyerCode, string supplierCode, string deliveryNoteNumber, DateOnly shipDate,
        string? deliveryLocation, IReadOnlyList<ShippedLine> lines, string? person, string personColumn)
    {
        yield return
        [
            "documentId", "occurredAt", "buyerCode", "supplierCode", "deliveryNoteNumber", "shipDate", "deliveryLocation", "orderNumber",
            "lineNumber", "buyerItemCode", "supplierItemCode", "quantity", "unit", "completesLine", personColumn,
        ];
        foreach (var line in lines)
        {
            yield return
            [
                documentId.ToString(), Instant(occurredAt), buyerCode, supplierCode, deliveryNoteNumber, shipDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                deliveryLocation, line.OrderNumber, Number(line.LineNumber), line.BuyerItemCode, line.SupplierItemCode, Number(line.Quantity), line.Unit,
                line.CompletesLine ? "true" : "false", person,
            ];
        }
    }

    private static T Read<T>(string payload) =>
        JsonSerializer.Deserialize<T>(payload, ContractJson.Options) ?? throw new DocumentCsvException($"the {typeof(T).Name} document is empty.");

    private static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    // Trailing zeros of the stored scale (120.0000) say nothing; at most four decimals (unit prices) are meaningful.
    private static string? Number(decimal? value) => value?.ToString("0.####", CultureInfo.InvariantCulture);

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}
