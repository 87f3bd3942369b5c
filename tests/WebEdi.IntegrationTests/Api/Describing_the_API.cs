using System.Net;
using System.Text.Json;
using WebEdi.Contracts;
using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Api;

/// <summary><c>GET /api/v1/openapi.json</c> and the contracts' JSON Schemas, served without a key.</summary>
public sealed class Describing_the_API(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task The_OpenAPI_document_describes_every_endpoint_and_its_schema_references_resolve()
    {
        var api = await fixture.ServerAsync();
        using var anonymous = api.Client(null);

        using var response = await anonymous.GetAsync("/api/v1/openapi.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.Equal("3.1.0", root.GetProperty("openapi").GetString());
        var paths = root.GetProperty("paths");
        Assert.Equal(
            ["/openapi.json", "/purchase-orders", "/purchase-orders/cancellations", "/purchase-orders/changes", "/purchase-orders/csv", "/schemas/{name}.schema.json"],
            paths.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var references = Descendants(root).Where(e => e.Name == "$ref").Select(e => e.Value.GetString()!).Distinct().ToList();
        foreach (var reference in references)
        {
            if (reference.StartsWith("#/components/schemas/", StringComparison.Ordinal))
            {
                Assert.True(root.GetProperty("components").GetProperty("schemas").TryGetProperty(reference.Split('/')[^1], out _), reference);
                continue;
            }

            using var schema = await anonymous.GetAsync("/api/v1/" + reference);
            Assert.True(schema.StatusCode == HttpStatusCode.OK, reference);
        }

        Assert.Contains("schemas/SubmitPurchaseOrder.schema.json", references);
    }

    [Fact]
    public async Task Serves_each_contract_schema_exactly_as_committed_in_contracts_schemas()
    {
        var api = await fixture.ServerAsync();
        using var anonymous = api.Client(null);

        foreach (var name in ContractJson.MessageTypes.Keys)
        {
            using var response = await anonymous.GetAsync($"/api/v1/schemas/{name}.schema.json");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var committed = await File.ReadAllTextAsync(Path.Combine(WebEdiServer.RepositoryRoot, "contracts", "schemas", $"{name}.schema.json"));
            Assert.Equal(committed, await response.Content.ReadAsStringAsync());
        }

        using var unknown = await anonymous.GetAsync("/api/v1/schemas/Nothing.schema.json");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static IEnumerable<JsonProperty> Descendants(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Descendants(p.Value).Prepend(p)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Descendants),
        _ => [],
    };
}
