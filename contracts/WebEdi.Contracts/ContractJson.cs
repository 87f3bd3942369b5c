using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace WebEdi.Contracts;

/// <summary>
/// How the contracts are written as JSON, for every transport: use <see cref="Options"/> to read and write them, and
/// <see cref="MessageTypes"/> to find the type of a raw JSON message from its name.
/// </summary>
public static class ContractJson
{
    /// <summary>
    /// The JSON rules of the contracts (read-only). Property names camelCase and case-sensitive; a field the contract
    /// does not define, a duplicated field, a missing required field or <c>null</c> in a non-nullable one is a
    /// <see cref="JsonException"/> naming it. Numbers are JSON numbers (never strings), dates <c>yyyy-MM-dd</c>,
    /// instants ISO 8601, enums their member names (<c>"Received"</c>). Null optional fields are left out when writing.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>
    /// Every message by its name, as raw-JSON transports carry it (the AMQP <c>type</c> property, an HTTP route):
    /// <c>SubmitPurchaseOrder</c>, <c>ChangePurchaseOrder</c>, <c>CancelPurchaseOrder</c>,
    /// <c>PurchaseOrderReceived</c>, <c>PurchaseOrderRejected</c>, <c>PurchaseOrderAnswered</c>, <c>ShipmentNotified</c>,
    /// <c>ShipmentCancelled</c>. Names are case-sensitive and equal the type names.
    /// </summary>
    public static IReadOnlyDictionary<string, Type> MessageTypes { get; } = new[]
    {
        typeof(SubmitPurchaseOrder),
        typeof(ChangePurchaseOrder),
        typeof(CancelPurchaseOrder),
        typeof(PurchaseOrderReceived),
        typeof(PurchaseOrderRejected),
        typeof(PurchaseOrderAnswered),
        typeof(ShipmentNotified),
        typeof(ShipmentCancelled),
    }.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // Web defaults read "OrderNumber" and "orderNumber" alike and numbers from strings; the contract is the
            // schema, so the reader accepts exactly what the schema accepts.
            PropertyNameCaseInsensitive = false,
            NumberHandling = JsonNumberHandling.Strict,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowDuplicateProperties = false,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { RejectNullElements } },
        };
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.MakeReadOnly();
        return options;
    }

    // Nullable annotations cover properties, not list elements: without this, "lines": [null] would reach the
    // order service as a null line instead of being refused here with the field's name.
    private static void RejectNullElements(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            if (property.Set is not { } set || !IsListOfReferences(property.PropertyType))
            {
                continue;
            }

            var name = property.Name;
            property.Set = (target, value) =>
            {
                if (value is IEnumerable<object?> items && items.Any(item => item is null))
                {
                    throw new JsonException($"The property '{name}' must not contain null elements.");
                }

                set(target, value);
            };
        }
    }

    private static bool IsListOfReferences(Type type) =>
        type.IsGenericType
        && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)
        && !type.GetGenericArguments()[0].IsValueType;
}
