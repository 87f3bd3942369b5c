using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using WebEdi.Contracts;
using WebEdi.Server.Commands;
using WebEdi.Testing;

namespace WebEdi.Benchmarks;

internal enum BenchDatabase
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// One database: a fresh database migrated and seeded by the real server (roles orders and web, demo without orders),
/// warm-up orders through the pipeline (not timed), then (b) raw batched inserts of the orders and lines into its
/// tables while the server idles, then (c) the simulator publishing the orders over the bus, timed from the first
/// publish until the server has committed them all, and last (b') every row the pipeline committed for them replayed
/// raw (<see cref="ReplayedRows"/>).
/// </summary>
internal static class Scenario
{
    public const string Buyer = "TOKAI-MOTOR";

    public static async Task<(Measurement Raw, Replay Replayed, Measurement Pipeline)> RunAsync(
        BenchDatabase database, RabbitMqNode rabbit, PostgresServer? postgres, IReadOnlyList<SubmitPurchaseOrder> orders, IReadOnlyList<SubmitPurchaseOrder> warmUpOrders)
    {
        var connectionString = database == BenchDatabase.Sqlite
            ? $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("webedi-bench-").FullName, "webedi.db")}"
            : await postgres!.CreateDatabaseAsync("bench");
        var vhost = await rabbit.CreateVirtualHostAsync("pipeline");
        await using var server = await WebEdiServer.StartAsync(new Dictionary<string, string?>
        {
            ["WebEdi:Roles"] = "orders,web",
            ["WebEdi:Database:Provider"] = database == BenchDatabase.Sqlite ? "Sqlite" : "PostgreSql",
            ["WebEdi:Database:ConnectionString"] = connectionString,
            ["WebEdi:Bus:Transport"] = "RabbitMq",
            ["WebEdi:Bus:RabbitMq:Uri"] = vhost.ToString(),
            ["WebEdi:Demo:Seed"] = "true",
            ["WebEdi:Demo:OrderCount"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        }, timeout: TimeSpan.FromSeconds(120));
        await WaitForIntakeQueueAsync(rabbit, vhost, server);

        await using var connection = Open(database, connectionString);
        await connection.OpenAsync();

        // A server that has just started runs its code as the JIT first compiled it and recompiles the hot paths while it
        // works: with 6,000 orders through, the runtime's tiered-compilation thread still took 42 % of the server's CPU
        // (perf, 2026-12-03). A production server has long finished that. Warm-up orders (other numbers, not timed, not
        // replayed) go through first so that the timed run measures the pipeline, not its start; their rate is printed.
        if (warmUpOrders.Count > 0)
        {
            var warmUp = await PipelineAsync(connection, vhost, server, warmUpOrders, already: 0);
            Console.WriteLine($"  warm-up on {database}: {warmUpOrders.Count} orders at {warmUp.PerSecond:0} orders/s (not counted)");
        }

        var raw = await RawInserts.MeasureAsync(connection, database, orders);
        var tables = await ReplayedRows.CountTablesAsync(connection, database);
        var pipeline = await PipelineAsync(connection, vhost, server, orders, already: warmUpOrders.Count);

        // (b') the very rows the pipeline committed, replayed raw once the server has stopped touching them.
        await server.DisposeAsync();
        var replayed = await ReplayedRows.MeasureAsync(connection, database, Buyer, [.. orders], tables);
        return (raw, replayed, pipeline);
    }

    /// <summary>
    /// The simulator publishes <paramref name="orders"/> as fast as it can; timed from the first publish until the server
    /// has committed them all (<paramref name="already"/> SIM orders being stored before).
    /// </summary>
    private static async Task<Measurement> PipelineAsync(DbConnection connection, Uri vhost, WebEdiServer server, IReadOnlyList<SubmitPurchaseOrder> orders, long already)
    {
        var clock = Stopwatch.StartNew();
        var publishing = ErpSimulator.PublishAsync(vhost, Buyer, orders, rate: 0, progress: null, CancellationToken.None);
        var stored = 0L;
        var lastProgress = clock.Elapsed;
        while (stored < orders.Count)
        {
            await Task.Delay(50);
            if (publishing.IsFaulted)
            {
                await publishing;
            }

            var now = await CountAsync(connection, "SELECT COUNT(*) FROM \"PurchaseOrders\" WHERE \"OrderNumber\" LIKE 'SIM-%'") - already;
            if (now > stored)
            {
                (stored, lastProgress) = (now, clock.Elapsed);
            }
            else if (clock.Elapsed - lastProgress > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"the pipeline stalled at {stored}/{orders.Count} orders. Server output:\n{server.Output}");
            }
        }

        var pipeline = new Measurement(orders.Count, clock.Elapsed);
        await publishing;
        return pipeline;
    }

    private static DbConnection Open(BenchDatabase database, string connectionString) => database == BenchDatabase.Sqlite
        ? new SqliteConnection(connectionString)
        : new NpgsqlConnection(connectionString);

    internal static async Task<long> CountAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task WaitForIntakeQueueAsync(RabbitMqNode rabbit, Uri vhost, WebEdiServer server)
    {
        using var http = new HttpClient { BaseAddress = rabbit.ManagementUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("guest:guest")));
        var path = $"api/queues/{Uri.EscapeDataString(Uri.UnescapeDataString(vhost.AbsolutePath.TrimStart('/')))}/webedi.intake.{Buyer}";
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await http.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"the intake queue did not appear. Server output:\n{server.Output}");
            }

            await Task.Delay(200);
        }
    }
}
