using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.IntegrationTests.Persistence;
using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Server;

/// <summary>The executable as an operator starts it: embedded defaults, the demo, and health.</summary>
public sealed class Starting_the_server
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task With_embedded_defaults_serves_the_home_page_and_is_ready_with_the_demo_loaded()
    {
        await using var server = await WebEdiServer.StartAsync(new Dictionary<string, string?> { ["WebEdi:Demo:Seed"] = "true" });

        using var home = await server.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("購買WebEDI", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("DENY", home.Headers.GetValues("X-Frame-Options").Single());

        var ready = await HealthAsync(server, "/health/ready");
        Assert.Equal("Healthy", ready.Status);
        Assert.Equal(["database", "masstransit-bus"], ready.Checks.Select(c => c.Name).Order());

        // Ready means the demo is in: the banner is printed once initialisation is complete.
        await WaitForAsync(() => server.Output.Contains("Demo data loaded", StringComparison.Ordinal));
        Assert.Contains("admin@sakura-seimitsu.example", server.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(server.DataDirectory, "webedi.db")), "the SQLite file lives in the data directory");
    }

    [Fact]
    public async Task Is_not_ready_until_the_demo_is_completely_loaded()
    {
        await using var server = await WebEdiServer.StartAsync(
            new Dictionary<string, string?> { ["WebEdi:Demo:Seed"] = "true", ["WebEdi:Demo:OrderCount"] = "1500" });

        // StartAsync returned at the first 200 from /health/ready.
        await using var db = TestDatabase.Open(new DatabaseOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = $"Data Source={Path.Combine(server.DataDirectory, "webedi.db")}",
        });
        Assert.Equal(1500, await db.PurchaseOrders.CountAsync());
    }

    [Fact]
    public async Task On_PostgreSQL_and_RabbitMQ_is_ready_and_loads_the_demo()
    {
        var postgres = await PostgresServer.SharedAsync();
        var rabbit = await RabbitMqNode.SharedAsync();
        await using var server = await WebEdiServer.StartAsync(new Dictionary<string, string?>
        {
            ["WebEdi:Database:Provider"] = "PostgreSql",
            ["WebEdi:Database:ConnectionString"] = await postgres.CreateDatabaseAsync("webedi"),
            ["WebEdi:Bus:Transport"] = "RabbitMq",
            ["WebEdi:Bus:RabbitMq:Uri"] = (await rabbit.CreateVirtualHostAsync("webedi")).ToString(),
            ["WebEdi:Demo:Seed"] = "true",
        });

        var ready = await HealthAsync(server, "/health/ready");
        Assert.Equal("Healthy", ready.Status);
        Assert.Contains(ready.Checks, c => c.Name == "database" && c.Description!.Contains("PostgreSql", StringComparison.Ordinal));
        await WaitForAsync(() => server.Output.Contains("Demo data loaded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_a_worker_role_serves_health_but_not_the_portal()
    {
        await using var server = await WebEdiServer.StartAsync(new Dictionary<string, string?> { ["WebEdi:Roles"] = "orders,adapters" });

        using var home = await server.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.NotFound, home.StatusCode);
        Assert.Equal("Healthy", (await HealthAsync(server, "/health/ready")).Status);
    }

    [Fact]
    public async Task With_an_unreachable_database_stays_live_and_says_the_database_is_not_ready()
    {
        await using var server = await WebEdiServer.StartAsync(new Dictionary<string, string?>
        {
            ["WebEdi:Database:Provider"] = "PostgreSql",
            ["WebEdi:Database:ConnectionString"] = $"Host=127.0.0.1;Port={ClosedPort()};Username=nobody;Database=none;Timeout=2",
        }, waitUntilReady: false);

        using var live = await server.Http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var ready = await HealthAsync(server, "/health/ready", HttpStatusCode.ServiceUnavailable);
        var database = ready.Checks.Single(c => c.Name == "database");
        Assert.Equal("Unhealthy", database.Status);
        Assert.Contains("unreachable", database.Description, StringComparison.Ordinal);
        Assert.Equal("Healthy", ready.Checks.Single(c => c.Name == "masstransit-bus").Status);
    }

    [Fact]
    public async Task With_an_unreachable_broker_stays_live_and_says_the_bus_is_not_ready()
    {
        await using var server = await WebEdiServer.StartAsync(new Dictionary<string, string?>
        {
            ["WebEdi:Bus:Transport"] = "RabbitMq",
            ["WebEdi:Bus:RabbitMq:Uri"] = $"amqp://guest:guest@127.0.0.1:{ClosedPort()}/",
        }, waitUntilReady: false);

        using var live = await server.Http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        await WaitForAsync(async () =>
        {
            var ready = await HealthAsync(server, "/health/ready", HttpStatusCode.ServiceUnavailable);
            return ready.Checks.Single(c => c.Name == "database").Status == "Healthy"
                && ready.Checks.Single(c => c.Name == "masstransit-bus").Status != "Healthy";
        });
    }

    internal static async Task<HealthReport> HealthAsync(WebEdiServer server, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await server.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path} answered {(int)response.StatusCode}, expected {(int)expected}: {body}");
        return JsonSerializer.Deserialize<HealthReport>(body, Json)!;
    }

    internal static async Task WaitForAsync(Func<bool> condition) => await WaitForAsync(() => Task.FromResult(condition()));

    internal static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The condition did not come true within 30 s.");
    }

    /// <summary>A loopback port nothing listens on.</summary>
    internal static int ClosedPort() => FreePort.Next();

    internal sealed record HealthReport(string Status, IReadOnlyList<HealthEntry> Checks);

    internal sealed record HealthEntry(string Name, string Status, string? Description);
}
