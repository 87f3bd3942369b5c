using System.Text.Json;
using WebEdi.Contracts;
using WebEdi.Ordering.Intake;

namespace WebEdi.Server.Api;

/// <summary>One element of a request: the message, or why it could not be read (with what could be read of it).</summary>
internal sealed record ReadElement<T>(T? Message, string? OrderNumber, int? Revision, IReadOnlyList<Problem> Problems)
    where T : class;

/// <summary>
/// Splits a request body into its messages (one object or a batch array) and reads each with
/// <see cref="ContractReader"/>, the same strict reader the bus uses. Never throws for a body a client sent.
/// </summary>
internal static class JsonBodyReader
{
    /// <summary>The shape of a body: one element per order; <c>null</c> elements with problems when the body is not JSON at all.</summary>
    public static IReadOnlyList<ReadElement<T>> Read<T>(ReadOnlyMemory<byte> body, out bool isBatch)
        where T : class
    {
        isBatch = false;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            return [new ReadElement<T>(null, null, null, [ContractReader.Problem(e.Path ?? "$", ProblemCodes.InvalidJson, $"the body is not valid JSON: {e.Message}")])];
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return [ReadOne<T>(document.RootElement, "$")];
            }

            isBatch = true;
            return document.RootElement.EnumerateArray().Select((element, i) => ReadOne<T>(element, $"$[{i}]")).ToList();
        }
    }

    /// <summary>The number of elements a batch body holds, without reading them: for the batch limit.</summary>
    public static int CountElements(ReadOnlyMemory<byte> body)
    {
        var reader = new Utf8JsonReader(body.Span, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return 1;
            }

            var count = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                count++;
                reader.Skip();
            }

            return count;
        }
        catch (JsonException)
        {
            return 1;
        }
    }

    private static ReadElement<T> ReadOne<T>(JsonElement element, string root)
        where T : class
    {
        var read = ContractReader.ReadElement(element, typeof(T), root);
        return new ReadElement<T>((T?)read.Message, read.OrderNumber, read.Revision, read.Problems);
    }
}
