using System.Text.Json;
using System.Text.RegularExpressions;
using WebEdi.Contracts;

namespace WebEdi.Server.Api;

/// <summary>One element of a request: the message, or why it could not be read (with what could be read of it).</summary>
internal sealed record ReadElement<T>(T? Message, string? OrderNumber, int? Revision, IReadOnlyList<Problem> Problems)
    where T : class;

/// <summary>
/// Reads request bodies with the contracts' strict JSON rules (<see cref="ContractJson.Options"/>) and turns every
/// reading error into a <see cref="Problem"/> with its JSON path: <c>invalid_json</c>, <c>unknown_field</c> or
/// <c>required</c>. Never throws for a body a client sent.
/// </summary>
internal static partial class JsonBodyReader
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
            return [new ReadElement<T>(null, null, null, [Problem(e.Path ?? "$", ProblemCodes.InvalidJson, $"the body is not valid JSON: {Position(e)}.")])];
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
        var (orderNumber, revision) = Identify(element);
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new(null, null, null, [Problem(root, ProblemCodes.InvalidJson, $"expected a {typeof(T).Name} object, found {element.ValueKind.ToString().ToLowerInvariant()}.")]);
        }

        try
        {
            var message = element.Deserialize<T>(ContractJson.Options);
            return message is null
                ? new(null, orderNumber, revision, [Problem(root, ProblemCodes.Required, "the message is null.")])
                : new(message, orderNumber, revision, []);
        }
        catch (JsonException e)
        {
            return new(null, orderNumber, revision, Describe(e, root));
        }
    }

    /// <summary>The serializer names the problem in its message; turn that into the contract's stable codes.</summary>
    private static List<Problem> Describe(JsonException e, string root)
    {
        var path = Rebase(e.Path ?? "$", root);
        var text = e.Message;
        if (UnknownProperty().Match(text) is { Success: true } unknown)
        {
            var name = unknown.Groups[1].Value;
            var at = path.EndsWith("." + name, StringComparison.Ordinal) ? path : $"{path}.{name}";
            return [Problem(at, ProblemCodes.UnknownField, $"'{name}' is not a field of this message (field names are camelCase and case-sensitive).")];
        }

        if (MissingProperties().Match(text) is { Success: true } missing)
        {
            return QuotedName().Matches(missing.Groups[1].Value)
                .Select(m => Problem($"{path}.{m.Groups[1].Value}", ProblemCodes.Required, $"'{m.Groups[1].Value}' is required."))
                .ToList();
        }

        if (text.Contains("null", StringComparison.OrdinalIgnoreCase) && !text.Contains("could not be converted", StringComparison.Ordinal))
        {
            return [Problem(path, ProblemCodes.Required, "a required value is null.")];
        }

        if (text.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return [Problem(path, ProblemCodes.InvalidJson, "a field is given twice.")];
        }

        return [Problem(path, ProblemCodes.InvalidJson,
            $"the value cannot be read ({Position(e)}): dates are yyyy-MM-dd, numbers are JSON numbers, texts are strings, enumerations are names.")];
    }

    /// <summary>The element's own order number and revision, read leniently, so even a refusal names its order.</summary>
    private static (string? OrderNumber, int? Revision) Identify(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }

        string? orderNumber = null;
        int? revision = null;
        foreach (var property in element.EnumerateObject())
        {
            if (property.NameEquals("orderNumber") && property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 and <= 40 } number)
            {
                orderNumber = number;
            }
            else if (property.NameEquals("revision") && property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var r) && r >= 0)
            {
                revision = r;
            }
        }

        return (orderNumber, revision);
    }

    private static string Rebase(string path, string root) =>
        root == "$" ? path : root + (path.StartsWith('$') ? path[1..] : path);

    private static string Position(JsonException e) =>
        e.LineNumber is { } line ? $"line {line + 1}, byte {(e.BytePositionInLine ?? 0) + 1}" : "at an unknown position";

    internal static Problem Problem(string path, string code, string message) => new() { Path = path, Code = code, Message = message };

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnknownProperty();

    [GeneratedRegex("missing required properties including: (.*)$", RegexOptions.Singleline)]
    private static partial Regex MissingProperties();

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex QuotedName();
}
