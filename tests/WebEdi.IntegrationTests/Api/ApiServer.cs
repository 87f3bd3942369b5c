using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WebEdi.Contracts;
using WebEdi.Data;
using WebEdi.IntegrationTests.Persistence;
using WebEdi.Server.Api;
using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Api;

/// <summary>
/// The real server with the demo loaded, on SQLite or PostgreSQL, and a TOKAI-MOTOR API key made by the real
/// <c>webedi buyers create-api-key</c> command against the same database.
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    public const string Buyer = "TOKAI-MOTOR";
    public const string SupplierCode = "S10021";

    private ApiServer(WebEdiServer server, DatabaseOptions database, Dictionary<string, string?> settings, string key)
    {
        Server = server;
        Database = database;
        Settings = settings;
        Key = key;
        Http = Client(key);
    }

    public WebEdiServer Server { get; }

    public DatabaseOptions Database { get; }

    public Dictionary<string, string?> Settings { get; }

    /// <summary>TOKAI-MOTOR's key.</summary>
    public string Key { get; }

    /// <summary>A client that sends TOKAI-MOTOR's key.</summary>
    public HttpClient Http { get; }

    public static async Task<ApiServer> StartAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var settings = new Dictionary<string, string?>
        {
            ["WebEdi:Database:Provider"] = provider.ToString(),
            ["WebEdi:Database:ConnectionString"] = database.ConnectionString,
            ["WebEdi:Demo:Seed"] = "true",
            ["WebEdi:Demo:OrderCount"] = "60",
        };
        var server = await WebEdiServer.StartAsync(settings);
        try
        {
            var key = await CreateKeyAsync(server, settings, Buyer, "test");
            return new ApiServer(server, database, settings, key);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public Task<CommandResult> RunAsync(params string[] args) => WebEdiServer.RunAsync(Settings, Server.DataDirectory, args);

    public Task<string> CreateKeyAsync(string buyer, string name, string? allowedAddresses = null) =>
        CreateKeyAsync(Server, Settings, buyer, name, allowedAddresses);

    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = Server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public WebEdiDbContext OpenDb() => TestDatabase.Open(Database);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>Posts JSON text and reads the results (status 200) or null for any other status.</summary>
    public static async Task<(HttpStatusCode Status, IntakeResults? Results, string Body)> PostAsync(HttpClient client, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(path, content);
        return await ReadAsync(response);
    }

    public static async Task<(HttpStatusCode Status, IntakeResults? Results, string Body)> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.StatusCode == HttpStatusCode.OK ? JsonSerializer.Deserialize<IntakeResults>(body, ContractJson.Options) : null, body);
    }

    /// <summary>A valid order of TOKAI-MOTOR to S10021 as contract JSON.</summary>
    public static string Order(string orderNumber, int revision = 1, decimal quantity = 10, string supplierCode = SupplierCode, string? buyerCode = null) =>
        JsonSerializer.Serialize(OrderMessage(orderNumber, revision, quantity, supplierCode, buyerCode), ContractJson.Options);

    public static SubmitPurchaseOrder OrderMessage(string orderNumber, int revision = 1, decimal quantity = 10, string supplierCode = SupplierCode, string? buyerCode = null) => new()
    {
        BuyerCode = buyerCode,
        OrderNumber = orderNumber,
        Revision = revision,
        SupplierCode = supplierCode,
        OrderDate = new DateOnly(2026, 11, 24),
        Currency = "JPY",
        DeliveryLocation = "本社工場 第2倉庫",
        Lines =
        [
            Line(1, quantity),
            Line(2, 5),
        ],
    };

    public static PurchaseOrderLine Line(int lineNumber, decimal quantity) => new()
    {
        LineNumber = lineNumber,
        BuyerItemCode = $"TM-{lineNumber:D4}",
        ItemName = "六角ボルト M8×30",
        Quantity = quantity,
        Unit = "本",
        UnitPrice = 12.5m,
        TaxRate = 10,
        RequestedDeliveryDate = new DateOnly(2026, 12, 10),
    };

    /// <summary>An order number no other test uses.</summary>
    public static string NewOrderNumber(string prefix) =>
        $"{prefix}-{Guid.NewGuid().ToString("N")[..10].ToUpperInvariant()}";

    public async Task<(int Orders, int Lines, int Outbox)> CountAsync()
    {
        await using var db = OpenDb();
        return (await db.PurchaseOrders.CountAsync(), await db.PurchaseOrderLines.CountAsync(), await db.OutboxMessages.CountAsync());
    }

    private static async Task<string> CreateKeyAsync(WebEdiServer server, Dictionary<string, string?> settings, string buyer, string name, string? allowedAddresses = null)
    {
        string[] args = allowedAddresses is null
            ? ["buyers", "create-api-key", buyer, "--name", name]
            : ["buyers", "create-api-key", buyer, "--name", name, "--allowed-addresses", allowedAddresses];
        var result = await WebEdiServer.RunAsync(settings, server.DataDirectory, args);
        Assert.True(result.ExitCode == 0, $"create-api-key failed ({result.ExitCode}): {result.StandardOutput} {result.StandardError}");
        var key = result.StandardOutput.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("wedi_", StringComparison.Ordinal));
        Assert.Contains($"prefix: {key[..12]}", result.StandardOutput, StringComparison.Ordinal);
        return key;
    }
}

/// <summary>One server per provider per test class, started on first use.</summary>
public sealed class ApiServerFixture : IAsyncLifetime
{
    private readonly Lock _lock = new();
    private readonly Dictionary<DatabaseProvider, Task<ApiServer>> _servers = [];

    public Task<ApiServer> ServerAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        lock (_lock)
        {
            if (!_servers.TryGetValue(provider, out var server))
            {
                server = ApiServer.StartAsync(provider);
                _servers[provider] = server;
            }

            return server;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in _servers.Values.Where(s => s.IsCompletedSuccessfully))
        {
            await (await server).DisposeAsync();
        }
    }
}
