using System.Text.Json.Nodes;

namespace WebEdi.Contracts.Tests;

public class Contract_schemas
{
    private const string WriteVariable = "WEBEDI_WRITE_SCHEMAS";

    public static TheoryData<string> MessageNames => [.. ContractJson.MessageTypes.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(MessageNames))]
    public void Committed_schema_files_equal_the_generated_ones(string messageName)
    {
        var generated = ContractSchemas.Generate(ContractJson.MessageTypes[messageName]);
        var path = Repository.SchemaPath(messageName);
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            Directory.CreateDirectory(Repository.SchemasDirectory);
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"{path} is missing. {HowToRegenerate}");
        Assert.True(File.ReadAllText(path) == generated, $"{path} differs from the schema the records generate. {HowToRegenerate}");
    }

    [Fact]
    public void Every_schema_file_belongs_to_a_message()
    {
        var files = Directory.GetFiles(Repository.SchemasDirectory, "*.schema.json")
            .Select(f => Path.GetFileName(f)[..^".schema.json".Length])
            .Order(StringComparer.Ordinal);

        Assert.Equal(ContractJson.MessageTypes.Keys.Order(StringComparer.Ordinal), files);
    }

    [Theory]
    [MemberData(nameof(MessageNames))]
    public void Every_field_has_a_description_and_no_unknown_fields(string messageName)
    {
        var schema = Schema(messageName);
        Assert.False(string.IsNullOrWhiteSpace((string?)schema["description"]), $"{messageName} has no description.");
        foreach (var (path, node) in ObjectSchemas(schema, "$"))
        {
            Assert.Equal(false, (bool?)node["additionalProperties"]);
            foreach (var (field, fieldSchema) in node["properties"]!.AsObject())
            {
                Assert.False(string.IsNullOrWhiteSpace((string?)fieldSchema!["description"]), $"{messageName} {path}.{field} has no description.");
            }
        }
    }

    [Fact]
    public void A_change_has_exactly_the_fields_and_limits_of_a_submit()
    {
        var submit = Schema(nameof(SubmitPurchaseOrder));
        var change = Schema(nameof(ChangePurchaseOrder));

        Assert.True(JsonNode.DeepEquals(WithoutDescriptions(submit["properties"]), WithoutDescriptions(change["properties"])));
        Assert.True(JsonNode.DeepEquals(submit["required"], change["required"]));
    }

    [Theory]
    [InlineData(nameof(SubmitPurchaseOrder), "/required", """["orderNumber","revision","supplierCode","orderDate","currency","lines"]""")]
    [InlineData(nameof(SubmitPurchaseOrder), "/properties/orderNumber/maxLength", "40")]
    [InlineData(nameof(SubmitPurchaseOrder), "/properties/revision/minimum", "0")]
    [InlineData(nameof(SubmitPurchaseOrder), "/properties/supplierCode/pattern", "\"^[A-Za-z0-9_-]{1,20}$\"")]
    [InlineData(nameof(SubmitPurchaseOrder), "/properties/orderDate/format", "\"date\"")]
    [InlineData(nameof(SubmitPurchaseOrder), "/properties/lines/minItems", "1")]
    [InlineData(nameof(SubmitPurchaseOrder), "/properties/lines/maxItems", "999")]
    [InlineData(nameof(SubmitPurchaseOrder), "/properties/lines/items/required",
        """["lineNumber","buyerItemCode","itemName","quantity","unit","unitPrice","taxRate","requestedDeliveryDate"]""")]
    [InlineData(nameof(SubmitPurchaseOrder), "/properties/lines/items/properties/lineNumber/maximum", "99999")]
    [InlineData(nameof(SubmitPurchaseOrder), "/properties/lines/items/properties/itemName/maxLength", "200")]
    [InlineData(nameof(SubmitPurchaseOrder), "/properties/lines/items/properties/quantity/exclusiveMinimum", "0")]
    [InlineData(nameof(SubmitPurchaseOrder), "/properties/lines/items/properties/unitPrice/minimum", "0")]
    [InlineData(nameof(SubmitPurchaseOrder), "/properties/lines/items/properties/taxRate/maximum", "100")]
    [InlineData(nameof(SubmitPurchaseOrder), "/properties/lines/items/properties/remarks/maxLength", "500")]
    [InlineData(nameof(CancelPurchaseOrder), "/properties/lineNumbers/items/minimum", "1")]
    [InlineData(nameof(CancelPurchaseOrder), "/properties/reason/maxLength", "500")]
    [InlineData(nameof(PurchaseOrderReceived), "/properties/outcome/enum", """["Received","Duplicate","Stale","Cancelled"]""")]
    [InlineData(nameof(PurchaseOrderRejected), "/properties/problems/items/required", """["path","code","message"]""")]
    [InlineData(nameof(ShipmentNotified), "/properties/deliveryNoteNumber/pattern", "\"^[A-Z0-9-]{1,20}$\"")]
    [InlineData(nameof(ShipmentNotified), "/properties/lines/minItems", "1")]
    [InlineData(nameof(ShipmentNotified), "/properties/lines/items/required",
        """["orderNumber","lineNumber","buyerItemCode","quantity","unit","completesLine"]""")]
    [InlineData(nameof(ShipmentNotified), "/properties/lines/items/properties/quantity/exclusiveMinimum", "0")]
    [InlineData(nameof(ShipmentCancelled), "/required", """["documentId","buyerCode","supplierCode","deliveryNoteNumber","shipDate","lines","occurredAt"]""")]
    public void State_the_limits_the_order_service_enforces(string messageName, string pointer, string expected)
    {
        var actual = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Aggregate<string, JsonNode?>(Schema(messageName), (node, segment) => node?[segment]);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"{messageName}{pointer} is {actual?.ToJsonString() ?? "absent"}, expected {expected}.");
    }

    private static string HowToRegenerate =>
        $"Regenerate the committed schemas with: {WriteVariable}=1 dotnet test tests/WebEdi.Contracts.Tests — then review and commit contracts/schemas.";

    private static JsonObject Schema(string messageName) =>
        JsonNode.Parse(ContractSchemas.Generate(ContractJson.MessageTypes[messageName]))!.AsObject();

    private static IEnumerable<(string Path, JsonObject Node)> ObjectSchemas(JsonObject node, string path)
    {
        if (node["properties"] is JsonObject properties)
        {
            yield return (path, node);
            foreach (var (name, child) in properties)
            {
                if (child is JsonObject childObject)
                {
                    foreach (var nested in ObjectSchemas(childObject, $"{path}.{name}"))
                    {
                        yield return nested;
                    }
                }
            }
        }

        if (node["items"] is JsonObject items)
        {
            foreach (var nested in ObjectSchemas(items, path + "[]"))
            {
                yield return nested;
            }
        }
    }

    private static JsonNode? WithoutDescriptions(JsonNode? node)
    {
        var copy = node?.DeepClone();
        Strip(copy);
        return copy;

        static void Strip(JsonNode? n)
        {
            switch (n)
            {
                case JsonObject o:
                    o.Remove("description");
                    foreach (var (_, child) in o)
                    {
                        Strip(child);
                    }

                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Strip(child);
                    }

                    break;
                default:
                    break;
            }
        }
    }
}
