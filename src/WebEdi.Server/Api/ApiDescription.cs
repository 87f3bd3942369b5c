using Microsoft.AspNetCore.Http.HttpResults;
using WebEdi.Contracts;

namespace WebEdi.Server.Api;

/// <summary>
/// <c>GET /api/v1/openapi.json</c> and <c>GET /api/v1/schemas/{name}.schema.json</c>, without a key: what an ERP
/// developer needs to connect. The OpenAPI document is hand-maintained in <c>Api/openapi.json</c> (the Web SDK copies
/// it to the output folder, the content root); its request bodies refer to the contracts' JSON Schemas, which are
/// generated from the contract records, exactly as the files committed in <c>contracts/schemas</c>.
/// </summary>
internal static class ApiDescription
{
    public static RouteGroupBuilder MapApiDescription(this RouteGroupBuilder api)
    {
        api.MapGet("/openapi.json", (IWebHostEnvironment environment) =>
            environment.ContentRootFileProvider.GetFileInfo("Api/openapi.json") is { Exists: true, PhysicalPath: { } path }
                ? Results.File(path, "application/json")
                : Results.NotFound());
        api.MapGet("/schemas/{name}.schema.json", Results<ContentHttpResult, NotFound> (string name) =>
            ContractJson.MessageTypes.TryGetValue(name, out var type)
                ? TypedResults.Text(ContractSchemas.Generate(type), "application/schema+json")
                : TypedResults.NotFound());
        return api;
    }
}
