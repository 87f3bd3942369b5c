using System.Diagnostics;
using System.Globalization;
using WebEdi.Data;
using WebEdi.Testing;
using Xunit.Abstractions;

namespace WebEdi.IntegrationTests.Resilience;

/// <summary>
/// A buyer's ERP pushes thousands of purchase orders while the broker or the order service goes down: every order is
/// stored exactly once, with its lines, and answered Received exactly once — redeliveries are answered Duplicate.
/// Each test owns its RabbitMQ node (restarting it must not disturb other tests) and a PostgreSQL database (which,
/// unlike the SQLite file in a server's data directory, outlives the killed server process).
/// </summary>
public sealed class Surviving_failures_during_intake(ITestOutputHelper output)
{
    private const int Orders = 5_000;
    private const int FailWhenStored = 1_000;

    [Fact]
    public async Task A_broker_restart_in_the_middle_of_5000_orders_loses_none_and_stores_none_twice()
    {
        await using var node = await RabbitMqNode.StartAsync();
        var (settings, database, vhost, vhostName) = await SetUpAsync(node);
        await using var server = await WebEdiServer.StartAsync(settings);
        await OrderLoad.WaitForIntakeQueueAsync(node, vhostName, () => server.Output);

        var load = OrderLoad.Of("PO-BROKER", Orders);
        var clock = Stopwatch.StartNew();

        // Paced so that the restart also hits the publisher (about 20 s for all, the restart comes after about 7 s).
        var publishing = load.PublishAsync(vhost, pauseBetweenChunks: TimeSpan.FromSeconds(0.6));
        await load.WaitUntilStoredAsync(database, FailWhenStored, () => server.Output);
        var beforeFailure = clock.Elapsed;

        var storedAtRestart = await OrderLoad.StoredAsync(database);
        var outage = Stopwatch.StartNew();
        await node.RestartAsync();
        output.WriteLine($"broker restarted (down {outage.Elapsed.TotalSeconds:F1} s) with {storedAtRestart} of {Orders} orders stored when it began");
        Assert.True(storedAtRestart < Orders, "the restart came after all orders were stored: it tested nothing");

        await load.WaitUntilSettledAsync(database, node, vhostName, publishing, () => server.Output);
        var elapsed = clock.Elapsed;
        var published = await publishing;
        var tally = await load.AssertStoredExactlyOnceAsync(database);
        Report(beforeFailure, elapsed, published, tally);
        tally.AssertNoOtherAnswers();
    }

    [Fact]
    public async Task Killing_the_server_in_the_middle_of_ingest_then_restarting_it_stores_every_order_once()
    {
        await using var node = await RabbitMqNode.StartAsync();
        var (settings, database, vhost, vhostName) = await SetUpAsync(node);
        WebEdiServer? first = await WebEdiServer.StartAsync(settings);
        WebEdiServer? second = null;
        try
        {
            var killed = first;
            await OrderLoad.WaitForIntakeQueueAsync(node, vhostName, () => killed.Output);

            var load = OrderLoad.Of("PO-CRASH", Orders);
            var clock = Stopwatch.StartNew();
            var publishing = load.PublishAsync(vhost);
            await load.WaitUntilStoredAsync(database, FailWhenStored, () => killed.Output);
            var beforeFailure = clock.Elapsed;

            // DisposeAsync kills the process tree: no graceful shutdown, unacknowledged messages go back to the queue.
            first = null;
            await killed.DisposeAsync();
            var storedAtKill = await OrderLoad.StoredAsync(database);
            output.WriteLine($"server killed with {storedAtKill} of {Orders} orders stored, after {clock.Elapsed.TotalSeconds:F1} s");
            Assert.True(storedAtKill < Orders, "the kill came after all orders were stored: it tested nothing");

            second = await WebEdiServer.StartAsync(settings);
            await load.WaitUntilSettledAsync(database, node, vhostName, publishing, () => second.Output);
            var elapsed = clock.Elapsed;
            var published = await publishing;
            var tally = await load.AssertStoredExactlyOnceAsync(database);
            Report(beforeFailure, elapsed, published, tally);
            tally.AssertNoOtherAnswers();
        }
        finally
        {
            if (first is not null)
            {
                await first.DisposeAsync();
            }

            if (second is not null)
            {
                await second.DisposeAsync();
            }
        }
    }

    private static async Task<(Dictionary<string, string?> Settings, DatabaseOptions Database, Uri Vhost, string VhostName)> SetUpAsync(RabbitMqNode node)
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("resilience");
        var vhost = await node.CreateVirtualHostAsync("resilience");
        var settings = new Dictionary<string, string?>
        {
            ["WebEdi:Database:Provider"] = "PostgreSql",
            ["WebEdi:Database:ConnectionString"] = connectionString,
            ["WebEdi:Bus:Transport"] = "RabbitMq",
            ["WebEdi:Bus:RabbitMq:Uri"] = vhost.ToString(),
            ["WebEdi:Demo:Seed"] = "true",
            ["WebEdi:Demo:OrderCount"] = "0",
        };
        var database = new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = connectionString };
        return (settings, database, vhost, Uri.UnescapeDataString(vhost.AbsolutePath.TrimStart('/')));
    }

    private void Report(TimeSpan beforeFailure, TimeSpan elapsed, PublishResult published, IntakeTally tally) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"""
            first {FailWhenStored} orders stored in {beforeFailure.TotalSeconds:F1} s ({FailWhenStored / beforeFailure.TotalSeconds:F0} orders/s before the failure); all {Orders} in {elapsed.TotalSeconds:F1} s including the outage ({Orders / elapsed.TotalSeconds:F0} orders/s overall)
            publisher resent {published.Resent} message(s) after {published.Failures} failed chunk(s); the intake absorbed {tally.Duplicates} duplicate(s) (Duplicate outcomes in the outbox); other answers: {tally.OtherAnswers.Count}
            """));
}
