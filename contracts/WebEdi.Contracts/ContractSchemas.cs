using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;

namespace WebEdi.Contracts;

/// <summary>
/// JSON Schemas (draft 2020-12) of the contracts, generated from the records themselves so the schema files in
/// <c>contracts/schemas</c> cannot drift from the code.
/// </summary>
public static class ContractSchemas
{
    private static readonly JsonSerializerOptions SchemaWriting = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        // The schema is a file people read: keep Japanese, ×, ≤ and quotes as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly Lazy<XmlDocs> Docs = new(() => XmlDocs.Load(typeof(ContractSchemas).Assembly));

    /// <summary>
    /// The JSON Schema of <paramref name="messageType"/> as <see cref="ContractJson.Options"/> reads and writes it:
    /// required fields, types, formats, length and range limits, <c>additionalProperties: false</c>, and the XML docs as
    /// descriptions (when <c>WebEdi.Contracts.xml</c> sits beside the assembly, as it does in a build output).
    /// </summary>
    /// <param name="messageType">A contract type, usually one of <see cref="ContractJson.MessageTypes"/>.</param>
    /// <returns>The schema as indented JSON text with LF line ends and a final newline.</returns>
    public static string Generate(Type messageType)
    {
        ArgumentNullException.ThrowIfNull(messageType);
        var exporterOptions = new JsonSchemaExporterOptions
        {
            // The message itself and list elements are never null; ContractJson.Options refuses null elements.
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) => Enrich(context, node, Docs.Value),
        };
        var generated = ContractJson.Options.GetJsonSchemaAsNode(messageType, exporterOptions);

        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = messageType.Name,
        };
        foreach (var (name, value) in generated.AsObject().ToList())
        {
            generated.AsObject().Remove(name);
            schema[name] = value;
        }

        return schema.ToJsonString(SchemaWriting) + "\n";
    }

    private static JsonNode Enrich(JsonSchemaExporterContext context, JsonNode node, XmlDocs docs)
    {
        if (node is not JsonObject schema)
        {
            return node;
        }

        var property = context.PropertyInfo?.AttributeProvider as PropertyInfo;
        var description = property is not null ? docs.Property(property) : docs.Type(context.TypeInfo.Type);
        var enumType = Nullable.GetUnderlyingType(context.TypeInfo.Type) ?? context.TypeInfo.Type;
        if (enumType.IsEnum)
        {
            description = Join(description, docs.EnumValues(enumType));
        }

        if (!string.IsNullOrEmpty(description))
        {
            schema.Insert(0, "description", description);
        }

        if (property is not null)
        {
            AddLimits(schema, property);
        }

        if (schema["properties"] is JsonObject && !schema.ContainsKey("additionalProperties"))
        {
            schema["additionalProperties"] = false;
        }

        return schema;
    }

    private static void AddLimits(JsonObject schema, PropertyInfo property)
    {
        foreach (var attribute in property.GetCustomAttributes(inherit: true))
        {
            switch (attribute)
            {
                case StringLengthAttribute length:
                    if (length.MinimumLength > 0)
                    {
                        schema["minLength"] = length.MinimumLength;
                    }

                    schema["maxLength"] = length.MaximumLength;
                    break;
                case RegularExpressionAttribute regex:
                    schema["pattern"] = regex.Pattern;
                    break;
                case RangeAttribute range:
                    schema[range.MinimumIsExclusive ? "exclusiveMinimum" : "minimum"] = Number(range.Minimum);
                    schema[range.MaximumIsExclusive ? "exclusiveMaximum" : "maximum"] = Number(range.Maximum);
                    break;
                case LengthAttribute length:
                    if (length.MinimumLength > 0)
                    {
                        schema["minItems"] = length.MinimumLength;
                    }

                    schema["maxItems"] = length.MaximumLength;
                    break;
                case MinLengthAttribute length:
                    schema["minItems"] = length.Length;
                    break;
                case ItemRangeAttribute range when schema["items"] is JsonObject items:
                    items["minimum"] = range.Minimum;
                    items["maximum"] = range.Maximum;
                    break;
                default:
                    break;
            }
        }
    }

    // RangeAttribute keeps decimal limits as strings; a JSON number written from a decimal keeps them exact.
    private static JsonValue Number(object limit) => limit switch
    {
        int i => JsonValue.Create(i),
        string s => JsonValue.Create(decimal.Parse(s, NumberStyles.Number, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(Convert.ToDecimal(limit, CultureInfo.InvariantCulture)),
    };

    private static string? Join(string? first, string? second) =>
        string.IsNullOrEmpty(first) ? second : string.IsNullOrEmpty(second) ? first : $"{first} {second}";
}
