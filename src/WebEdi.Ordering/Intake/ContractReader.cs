using System.Text.Json;
using WebEdi.Contracts;

namespace WebEdi.Ordering.Intake;

/// <summary>The outcome of reading one ERP message: the message, or the problems that kept it from being read.</summary>
public sealed record ReadResult(object? Message, IReadOnlyList<Problem> Problems, string? OrderNumber, int? Revision);

/// <summary>
/// Reads ERP messages with the contracts' strict JSON rules and turns every reason it cannot into a specific
/// <see cref="Problem"/> (malformed JSON, an unknown or missing field, a wrong type), so no transport ever answers
/// "error" without saying what and where.
/// </summary>
public static class ContractReader
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
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString,
    };

    public static ReadResult Read(ReadOnlyMemory<byte> json, string? messageType, bool fromMassTransitEnvelope = false)
    {
        var (orderNumber, revision) = Peek(json);
        if (messageType is null || !Commands.Contains(messageType))
        {
            return Failed(orderNumber, revision, "$", ProblemCodes.UnknownMessageType, messageType is null
                ? "the message type is missing: set the AMQP 'type' property to SubmitPurchaseOrder, ChangePurchaseOrder or CancelPurchaseOrder."
                : $"'{messageType}' is not a command WebEdi accepts (SubmitPurchaseOrder, ChangePurchaseOrder, CancelPurchaseOrder).");
        }

        try
        {
            var options = fromMassTransitEnvelope ? EnvelopeOptions : ContractJson.Options;
            var message = JsonSerializer.Deserialize(json.Span, ContractJson.MessageTypes[messageType], options);
            return message is null
                ? Failed(orderNumber, revision, "$", ProblemCodes.InvalidJson, "the message is null.")
                : new ReadResult(message, [], orderNumber, revision);
        }
        catch (JsonException e)
        {
            return Failed(orderNumber, revision, e.Path ?? "$", Classify(e), e.Message);
        }
    }

    /// <summary>The order number and revision, if the body is JSON enough to show them: rejections quote them.</summary>
    public static (string? OrderNumber, int? Revision) Peek(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var number = root.TryGetProperty("orderNumber", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            int? revision = root.TryGetProperty("revision", out var r) && r.TryGetInt32(out var value) ? value : null;
            return (number is { Length: <= 40 } ? number : null, revision);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string Classify(JsonException e) => e.Message switch
    {
        var m when m.Contains("could not be mapped", StringComparison.Ordinal) => ProblemCodes.UnknownField,
        var m when m.Contains("missing required properties", StringComparison.Ordinal) => ProblemCodes.Required,
        var m when m.Contains("null", StringComparison.OrdinalIgnoreCase) && m.Contains("non-nullable", StringComparison.OrdinalIgnoreCase) => ProblemCodes.Required,
        _ => ProblemCodes.InvalidJson,
    };

    private static ReadResult Failed(string? orderNumber, int? revision, string path, string code, string message) =>
        new(null, [new Problem { Path = path, Code = code, Message = message }], orderNumber, revision);
}
