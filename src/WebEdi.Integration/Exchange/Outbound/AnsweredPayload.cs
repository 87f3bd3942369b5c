using System.Text;
using System.Text.Json;
using WebEdi.Contracts;

namespace WebEdi.Integration.Exchange.Outbound;

/// <summary>
/// Reads the outbox's <see cref="PurchaseOrderAnswered"/> payloads for the export, token by token. A nightly export
/// writes one row per answered line for every answer of the day, and System.Text.Json's general deserializer took as
/// long to read a document as CsvHelper to write all its rows (docs/benchmarks.md, "Nightly exchange"); this reader
/// builds the same contract object in about a third of the time.
/// </summary>
/// <remarks>
/// It reads what <see cref="ContractJson.Options"/> writes: camelCase names, enums as their names, dates as
/// <c>yyyy-MM-dd</c>, in any property order. Properties it does not know are skipped — an outbox row written by a
/// later release may carry more — while a missing required property, a value of the wrong type or malformed JSON is
/// a <see cref="JsonException"/>, as from the serializer. The tests compare it with the serializer on every shape the
/// contract allows.
/// </remarks>
internal sealed class AnsweredPayload
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private byte[] buffer = new byte[4096];

    /// <exception cref="JsonException">The payload is not a <see cref="PurchaseOrderAnswered"/> (the message says why).</exception>
    public PurchaseOrderAnswered Read(string payload)
    {
        try
        {
            return ReadDocument(payload);
        }
        catch (FormatException e)
        {
            // Utf8JsonReader's GetGuid, GetInt32, GetDecimal and GetDateTimeOffset say "wrong format" this way.
            throw new JsonException($"A value is not of its property's type: {e.Message}", e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // Text that is no Unicode: a lone surrogate escaped in a string (GetString, ValueTextEquals) or in the payload.
            throw new JsonException($"A string is not valid Unicode: {e.Message}", e);
        }
    }

    private PurchaseOrderAnswered ReadDocument(string payload)
    {
        var length = Utf8.GetMaxByteCount(payload.Length);
        if (buffer.Length < length)
        {
            buffer = new byte[Math.Max(length, buffer.Length * 2)];
        }

        var reader = new Utf8JsonReader(buffer.AsSpan(0, Utf8.GetBytes(payload, buffer)));
        Expect(ref reader, JsonTokenType.StartObject);
        Guid? documentId = null;
        string? buyerCode = null, supplierCode = null, orderNumber = null, answeredBy = null;
        int? revision = null;
        DateTimeOffset? occurredAt = null;
        List<AnsweredLine>? lines = null;
        var seen = 0;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("documentId"u8))
            {
                Once(ref seen, 0, "documentId");
                documentId = Value(ref reader, JsonTokenType.String).GetGuid();
            }
            else if (reader.ValueTextEquals("buyerCode"u8))
            {
                Once(ref seen, 1, "buyerCode");
                buyerCode = Value(ref reader, JsonTokenType.String).GetString();
            }
            else if (reader.ValueTextEquals("supplierCode"u8))
            {
                Once(ref seen, 2, "supplierCode");
                supplierCode = Value(ref reader, JsonTokenType.String).GetString();
            }
            else if (reader.ValueTextEquals("orderNumber"u8))
            {
                Once(ref seen, 3, "orderNumber");
                orderNumber = Value(ref reader, JsonTokenType.String).GetString();
            }
            else if (reader.ValueTextEquals("revision"u8))
            {
                Once(ref seen, 4, "revision");
                revision = Value(ref reader, JsonTokenType.Number).GetInt32();
            }
            else if (reader.ValueTextEquals("answeredBy"u8))
            {
                Once(ref seen, 5, "answeredBy");
                answeredBy = NullableString(ref reader);
            }
            else if (reader.ValueTextEquals("occurredAt"u8))
            {
                Once(ref seen, 6, "occurredAt");
                occurredAt = Value(ref reader, JsonTokenType.String).GetDateTimeOffset();
            }
            else if (reader.ValueTextEquals("lines"u8))
            {
                Once(ref seen, 7, "lines");
                Expect(ref reader, JsonTokenType.StartArray);
                lines = [];
                while (NextElement(ref reader))
                {
                    lines.Add(Line(ref reader));
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // Nothing may follow the document (the reader throws on anything but white space).
        if (reader.Read())
        {
            throw new JsonException($"Expected the end of the document, found {reader.TokenType}.");
        }

        return new PurchaseOrderAnswered
        {
            DocumentId = documentId ?? throw Missing("documentId"),
            BuyerCode = buyerCode ?? throw Missing("buyerCode"),
            SupplierCode = supplierCode ?? throw Missing("supplierCode"),
            OrderNumber = orderNumber ?? throw Missing("orderNumber"),
            Revision = revision ?? throw Missing("revision"),
            Lines = lines ?? throw Missing("lines"),
            AnsweredBy = answeredBy,
            OccurredAt = occurredAt ?? throw Missing("occurredAt"),
        };
    }

    private static AnsweredLine Line(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A line must be an object, not {reader.TokenType}.");
        }

        int? lineNumber = null;
        AnswerKind? answer = null;
        List<ScheduledDeliveryItem>? deliveries = null;
        decimal? unitPrice = null;
        RejectionReasonCode? reason = null;
        string? comment = null;
        var seen = 0;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("lineNumber"u8))
            {
                Once(ref seen, 0, "lineNumber");
                lineNumber = Value(ref reader, JsonTokenType.Number).GetInt32();
            }
            else if (reader.ValueTextEquals("answer"u8))
            {
                Once(ref seen, 1, "answer");
                answer = Name<AnswerKind>(ref Value(ref reader, JsonTokenType.String), "answer");
            }
            else if (reader.ValueTextEquals("deliveries"u8))
            {
                Once(ref seen, 2, "deliveries");
                Expect(ref reader, JsonTokenType.StartArray);
                deliveries = [];
                while (NextElement(ref reader))
                {
                    deliveries.Add(Delivery(ref reader));
                }
            }
            else if (reader.ValueTextEquals("unitPrice"u8))
            {
                Once(ref seen, 3, "unitPrice");
                reader.Read();
                unitPrice = reader.TokenType == JsonTokenType.Null ? null : Current(ref reader, JsonTokenType.Number).GetDecimal();
            }
            else if (reader.ValueTextEquals("rejectionReason"u8))
            {
                Once(ref seen, 4, "rejectionReason");
                reader.Read();
                reason = reader.TokenType == JsonTokenType.Null ? null : Name<RejectionReasonCode>(ref Current(ref reader, JsonTokenType.String), "rejectionReason");
            }
            else if (reader.ValueTextEquals("comment"u8))
            {
                Once(ref seen, 5, "comment");
                comment = NullableString(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new AnsweredLine
        {
            LineNumber = lineNumber ?? throw Missing("lines[].lineNumber"),
            Answer = answer ?? throw Missing("lines[].answer"),
            Deliveries = deliveries ?? throw Missing("lines[].deliveries"),
            UnitPrice = unitPrice,
            RejectionReason = reason,
            Comment = comment,
        };
    }

    private static ScheduledDeliveryItem Delivery(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A delivery must be an object, not {reader.TokenType}.");
        }

        DateOnly? date = null;
        decimal? quantity = null;
        var seen = 0;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("date"u8))
            {
                Once(ref seen, 0, "date");
                Expect(ref reader, JsonTokenType.String);
                date = Date(ref reader);
            }
            else if (reader.ValueTextEquals("quantity"u8))
            {
                Once(ref seen, 1, "quantity");
                quantity = Value(ref reader, JsonTokenType.Number).GetDecimal();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new ScheduledDeliveryItem
        {
            Date = date ?? throw Missing("lines[].deliveries[].date"),
            Quantity = quantity ?? throw Missing("lines[].deliveries[].quantity"),
        };
    }

    /// <summary>A yyyy-MM-dd date, read from its digits (the general parser's format handling cost more than the rest of a line).</summary>
    private static DateOnly Date(ref Utf8JsonReader reader)
    {
        var text = reader.ValueIsEscaped || reader.HasValueSequence ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
        if (text.Length == 10 && text[4] == (byte)'-' && text[7] == (byte)'-'
            && Digits(text[..4], out var year) && Digits(text.Slice(5, 2), out var month) && Digits(text.Slice(8, 2), out var day)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            return new DateOnly(year, month, day);
        }

        throw new JsonException($"'{reader.GetString()}' is not a date (yyyy-MM-dd).");
    }

    private static bool Digits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var digit in text)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (digit - '0');
        }

        return true;
    }

    /// <summary>Marks the property <paramref name="bit"/> of the current object read; a second one is refused, as the contract serializer refuses it.</summary>
    private static void Once(ref int seen, int bit, string property)
    {
        if ((seen & (1 << bit)) != 0)
        {
            throw new JsonException($"The property '{property}' appears twice.");
        }

        seen |= 1 << bit;
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        Read(ref reader);
        return reader.TokenType switch
        {
            JsonTokenType.PropertyName => true,
            JsonTokenType.EndObject => false,
            var other => throw new JsonException($"Expected a property, found {other}."),
        };
    }

    /// <summary>Moves to the next element of the current array; false at its end.</summary>
    private static bool NextElement(ref Utf8JsonReader reader)
    {
        Read(ref reader);
        return reader.TokenType != JsonTokenType.EndArray;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        Read(ref reader);
        if (reader.TokenType != type)
        {
            throw new JsonException($"Expected {type}, found {reader.TokenType}.");
        }
    }

    /// <summary>Moves to the property's value, which must be of <paramref name="type"/>.</summary>
    private static ref Utf8JsonReader Value(ref Utf8JsonReader reader, JsonTokenType type)
    {
        Expect(ref reader, type);
        return ref reader;
    }

    /// <summary>The current token, which must be of <paramref name="type"/>.</summary>
    private static ref Utf8JsonReader Current(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"Expected {type}, found {reader.TokenType}.");
        }

        return ref reader;
    }

    private static string? NullableString(ref Utf8JsonReader reader)
    {
        Read(ref reader);
        return reader.TokenType == JsonTokenType.Null ? null : Current(ref reader, JsonTokenType.String).GetString();
    }

    /// <summary>The enum value the string names (as <see cref="ContractJson.Options"/> writes enums: by name).</summary>
    private static T Name<T>(ref Utf8JsonReader reader, string property)
        where T : struct, Enum
    {
        var values = EnumNames<T>.Values;
        for (var i = 0; i < values.Length; i++)
        {
            if (reader.ValueTextEquals(EnumNames<T>.Names[i]))
            {
                return values[i];
            }
        }

        throw new JsonException($"'{reader.GetString()}' is not a value of {property}.");
    }

    private static void Read(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The document ends too early.");
        }
    }

    private static JsonException Missing(string property) => new($"The required property '{property}' is missing.");

    private static class EnumNames<T>
        where T : struct, Enum
    {
        public static readonly T[] Values = Enum.GetValues<T>();
        public static readonly byte[][] Names = [.. Values.Select(v => Encoding.UTF8.GetBytes(v.ToString()))];
    }
}
