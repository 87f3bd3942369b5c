using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using WebEdi.Contracts;

namespace WebEdi.Ordering.Intake;

/// <summary>The outcome of reading one ERP message: the message, or the problems that kept it from being read.</summary>
public sealed record ReadResult(object? Message, IReadOnlyList<Problem> Problems, string? OrderNumber, int? Revision);

/// <summary>
/// Reads ERP messages with the contracts' strict JSON rules and turns every reason it cannot into a specific
/// <see cref="Problem"/> with its JSON path (<c>invalid_json</c>, <c>unknown_field</c>, <c>required</c>), so no transport
/// ever answers "error" without saying what and where. Used by the bus intake and the HTTPS API alike.
/// </summary>
public static partial class ContractReader
{
    public static readonly IReadOnlySet<string> Commands = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(SubmitPurchaseOrder), nameof(ChangePurchaseOrder), nameof(CancelPurchaseOrder),
    };

    /// <summary>
    /// MassTransit's own serializer writes decimals as JSON strings (<c>"quantity": "100"</c>); inside a MassTransit
    /// envelope that is its format, not a sender's mistake, so only there numbers may come as strings.
    /// </summary>
    private static readonly JsonSerializerOptions EnvelopeOptions = new(ContractJson.Options)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    /// <summary>The largest message WebEdi reads: far above 999 lines of any realistic order, far below what hurts.</summary>
    public const int MaxMessageBytes = 10 * 1024 * 1024;

    /// <summary>Reads one message whose name came with it (AMQP <c>type</c>, envelope, route).</summary>
    public static ReadResult Read(ReadOnlyMemory<byte> json, string? messageType, bool fromMassTransitEnvelope = false)
    {
        if (json.Length > MaxMessageBytes)
        {
            return new ReadResult(null, [Problem("$", ProblemCodes.TooLarge,
                $"the message has {json.Length:N0} bytes; at most {MaxMessageBytes:N0} are accepted.")], null, null);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            return new ReadResult(null, [Problem(e.Path ?? "$", ProblemCodes.InvalidJson, $"the message is not valid JSON: {Position(e)}.")], null, null);
        }

        using (document)
        {
            if (messageType is null || !Commands.Contains(messageType))
            {
                var (orderNumber, revision) = Identify(document.RootElement);
                return new ReadResult(null, [Problem("$", ProblemCodes.UnknownMessageType, messageType is null
                    ? "the message type is missing: set the AMQP 'type' property to SubmitPurchaseOrder, ChangePurchaseOrder or CancelPurchaseOrder."
                    : $"'{messageType}' is not a command WebEdi accepts (SubmitPurchaseOrder, ChangePurchaseOrder, CancelPurchaseOrder).")],
                    orderNumber, revision);
            }

            return ReadElement(document.RootElement, ContractJson.MessageTypes[messageType], "$", fromMassTransitEnvelope);
        }
    }

    /// <summary>Reads one element of a known message type; <paramref name="root"/> prefixes problem paths (<c>$[3]</c> in a batch).</summary>
    public static ReadResult ReadElement(JsonElement element, Type type, string root, bool fromMassTransitEnvelope = false)
    {
        var (orderNumber, revision) = Identify(element);
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new ReadResult(null, [Problem(root, ProblemCodes.InvalidJson,
                $"expected a {type.Name} object, found {element.ValueKind.ToString().ToLowerInvariant()}.")], orderNumber, revision);
        }

        try
        {
            var message = element.Deserialize(type, fromMassTransitEnvelope ? EnvelopeOptions : ContractJson.Options);
            return message is null
                ? new ReadResult(null, [Problem(root, ProblemCodes.Required, "the message is null.")], orderNumber, revision)
                : new ReadResult(message, [], orderNumber, revision);
        }
        catch (JsonException e)
        {
            return new ReadResult(null, Describe(e, root), orderNumber, revision);
        }
    }

    /// <summary>The order number and revision of a body that may be unreadable as a whole: rejections quote them.</summary>
    public static (string? OrderNumber, int? Revision) Peek(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Identify(document.RootElement);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    public static Problem Problem(string path, string code, string message) => new() { Path = path, Code = code, Message = message };

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

    internal static string Position(JsonException e) =>
        e.LineNumber is { } line ? $"line {line + 1}, byte {(e.BytePositionInLine ?? 0) + 1}" : "at an unknown position";

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnknownProperty();

    [GeneratedRegex("missing required properties including: (.*)$", RegexOptions.Singleline)]
    private static partial Regex MissingProperties();

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex QuotedName();
}
