using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Data.Deliveries;
using WebEdi.Integration.Deliveries;
using WebEdi.Integration.Dispatch;
using WebEdi.IntegrationTests.Deliveries;
using WebEdi.Testing;
using Xunit.Abstractions;

namespace WebEdi.IntegrationTests.Resilience;

/// <summary>
/// Documents reach a buyer's webhook while everything goes wrong at once: the endpoint fails half of the requests, the
/// broker restarts, the adapters process is killed. Every document arrives at least once, and after the ERP dedupes by
/// document id, exactly once — and one order's documents in their order. Each test owns its RabbitMQ node.
/// </summary>
public sealed class Surviving_failures_during_delivery(ITestOutputHelper output)
{
    private const int Orders = 1_000;

    [Fact]
    public async Task Two_thousand_answers_reach_an_endpoint_failing_half_the_time_through_a_broker_restart_and_a_process_kill()
    {
        await using var node = await RabbitMqNode.StartAsync();
        var random = new Random(20261201);
        // An ERP that takes 150 ms per request keeps the run long enough for the restart and the kill to land in it.
        await using var receiver = await WebhookReceiver.StartAsync(async (_, _) =>
        {
            await Task.Delay(150);
            lock (random)
            {
                return random.Next(2) == 0 ? 500 : 200;
            }
        });
        await using var scenario = await DeliveryScenario.StartAsync(DatabaseProvider.PostgreSql, new Dictionary<string, string?>
        {
            ["WebEdi:Bus:Transport"] = "RabbitMq",
            ["WebEdi:Bus:RabbitMq:Uri"] = (await node.CreateVirtualHostAsync("deliveries")).ToString(),
        });
        receiver.Secret = await scenario.AddWebhookAsync(receiver.Url, timeoutSeconds: 2);
        var clock = Stopwatch.StartNew();

        // 1,000 orders (1,000 PurchaseOrderReceived) and 2,000 answers: each order's two lines answered separately.
        var orders = await scenario.SubmitOrdersAsync("PO-STORM", Orders);
        var answering = Task.Run(async () =>
        {
            await scenario.AnswerLineAsync(orders, lineNumber: 1);
            await scenario.AnswerLineAsync(orders, lineNumber: 2);
        });
        var documents = 3 * Orders;

        await WaitUntilDeliveredAsync(scenario, documents / 5);
        var outage = Stopwatch.StartNew();
        await node.RestartAsync();
        output.WriteLine($"broker restarted (down {outage.Elapsed.TotalSeconds:F1} s) with {await DeliveredAsync(scenario)} of {documents} delivered");

        await WaitUntilDeliveredAsync(scenario, documents / 2);
        await answering;
        var atKill = await DeliveredAsync(scenario);
        await scenario.KillAsync();
        output.WriteLine($"adapters process killed with {atKill} of {documents} delivered, after {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(atKill < documents, "the kill came after everything was delivered: it tested nothing");
        await scenario.StartAgainAsync();

        var deliveries = await scenario.WaitForDeliveriesAsync(
            d => d.Count == documents && d.All(x => x.State == DeliveryState.Delivered), timeout: TimeSpan.FromMinutes(4));
        await using var db = scenario.Open();
        var outbox = await db.OutboxMessages.Select(m => m.Id).ToListAsync();

        // Every document reached the ERP; deduplicated by id it holds each exactly once.
        Assert.Equal(documents, outbox.Count);
        Assert.Equal(outbox.Order(), receiver.Distinct.Select(r => r.DocumentId).Order());
        Assert.All(receiver.Received, r => Assert.True(r.SignatureValid));

        // One order's documents were accepted in the order they were written: received, line 1, line 2.
        var firstAccepted = receiver.Received.Select((r, i) => (r, i)).Where(x => x.r.Answered == 200)
            .GroupBy(x => x.r.DocumentId).ToDictionary(g => g.Key, g => g.Min(x => x.i));
        var byOrder = await db.OutboxMessages.OrderBy(m => m.Sequence).Select(m => new { m.Id, m.OrderNumber }).ToListAsync();
        Assert.All(byOrder.GroupBy(m => m.OrderNumber), order =>
        {
            var positions = order.Select(m => firstAccepted[m.Id]).ToList();
            Assert.Equal(positions.Order(), positions);
        });

        var failures = deliveries.Sum(d => d.AttemptLog.Count);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{documents} documents delivered in {clock.Elapsed.TotalSeconds:F1} s; {receiver.Received.Count} requests, {failures} failed attempts recorded, {receiver.Received.Count(r => r.Answered == 200) - documents} duplicates absorbed by the receiver"));
    }

    [Fact]
    public async Task A_broker_that_stops_taking_messages_holds_no_hand_over_past_its_deadline_and_everything_arrives_once_it_takes_them_again()
    {
        await using var node = await RabbitMqNode.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var scenario = await DeliveryScenario.StartAsync(DatabaseProvider.PostgreSql, new Dictionary<string, string?>
        {
            ["WebEdi:Bus:Transport"] = "RabbitMq",
            ["WebEdi:Bus:RabbitMq:Uri"] = (await node.CreateVirtualHostAsync("alarm")).ToString(),
        });
        receiver.Secret = await scenario.AddWebhookAsync(receiver.Url);

        // A memory alarm: the broker stops reading from every connection that publishes, so no hand-over is confirmed.
        await node.RabbitMqCtlAsync("set_vm_memory_high_watermark", "0");
        await scenario.SubmitOrdersAsync("PO-ALARM", 20);

        // Each hand-over is given back once its deadline passed and tried again; none holds its rows for the alarm's length.
        var firstSeen = new Dictionary<(long Sequence, Guid Token), TimeSpan>();
        var longest = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < 3 * DeliveryScheduler.HandOverTimeout)
        {
            foreach (var queued in (await scenario.DeliveriesAsync()).Where(d => d.State == DeliveryState.Queued))
            {
                var key = (queued.Sequence, queued.Token!.Value);
                var since = firstSeen.TryAdd(key, clock.Elapsed) ? clock.Elapsed : firstSeen[key];
                longest = clock.Elapsed - since > longest ? clock.Elapsed - since : longest;
            }

            await Task.Delay(250);
        }

        Assert.NotEmpty(firstSeen);
        Assert.True(longest < DeliveryScheduler.HandOverTimeout + TimeSpan.FromSeconds(5), $"a hand-over held its rows for {longest.TotalSeconds:0} s");
        Assert.Contains("the broker did not confirm", scenario.Server.Output, StringComparison.Ordinal);
        Assert.Empty(receiver.Received);

        await node.RabbitMqCtlAsync("set_vm_memory_high_watermark", "0.4");
        await scenario.WaitForDeliveriesAsync(d => d.Count == 20 && d.All(x => x.State == DeliveryState.Delivered));

        // The messages of the hand-overs given back reached the queue late and were dropped: nothing went out twice.
        Assert.Equal(20, receiver.Received.Count);
        Assert.Equal(20, receiver.Distinct.Count);
    }

    [Fact]
    public async Task A_broker_restart_lets_the_requests_in_flight_finish_so_each_document_arrives_once_without_waiting_for_a_lease()
    {
        await using var node = await RabbitMqNode.StartAsync();
        var arrived = 0;
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The ERP holds every request until the test lets it answer, so they are in flight when the broker goes away.
        await using var receiver = await WebhookReceiver.StartAsync(async (_, _) =>
        {
            Interlocked.Increment(ref arrived);
            await answer.Task;
            return 200;
        });
        await using var scenario = await DeliveryScenario.StartAsync(DatabaseProvider.PostgreSql, new Dictionary<string, string?>
        {
            ["WebEdi:Bus:Transport"] = "RabbitMq",
            ["WebEdi:Bus:RabbitMq:Uri"] = (await node.CreateVirtualHostAsync("in-flight")).ToString(),
        });
        receiver.Secret = await scenario.AddWebhookAsync(receiver.Url, timeoutSeconds: 120);

        await scenario.SubmitOrdersAsync("PO-INFLIGHT", 16);
        await Server.Starting_the_server.WaitForAsync(() => Volatile.Read(ref arrived) == 16);
        List<Delivery> whileDown = [];
        await node.RestartAsync(whileStopped: async () =>
        {
            // Sending to the ERP needs no broker: the answers are recorded while it is still down.
            answer.SetResult();
            whileDown = await scenario.WaitForDeliveriesAsync(d => d.Count == 16 && d.All(x => x.State == DeliveryState.Delivered), timeout: TimeSpan.FromSeconds(30));
        });
        Assert.All(whileDown, d => Assert.Equal(1, d.Attempts));

        // The group's message, not acknowledged when the connection dropped, comes back after the restart and is
        // dropped as stale; the next document goes out behind it.
        await scenario.SubmitOrdersAsync("PO-AFTER", 1);
        await scenario.WaitForDeliveriesAsync(d => d.Count == 17 && d.All(x => x.State == DeliveryState.Delivered));
        Assert.Equal(17, receiver.Received.Count);
        Assert.Equal(17, receiver.Distinct.Count);
    }

    [Fact]
    public async Task A_process_killed_between_sending_and_marking_delivered_sends_again_within_seconds_and_the_receivers_dedupe_absorbs_it()
    {
        DeliveryScenario? scenario = null;
        var killed = 0;
        var killedAt = DateTimeOffset.MinValue;
        await using var receiver = await WebhookReceiver.StartAsync(async (_, arrival) =>
        {
            // The ERP stores the document, then the sender dies before it hears the answer.
            if (arrival == 1 && Interlocked.Exchange(ref killed, 1) == 0)
            {
                await scenario!.KillAsync();
                killedAt = DateTimeOffset.UtcNow;
            }

            return 200;
        });
        scenario = await DeliveryScenario.StartAsync(DatabaseProvider.PostgreSql);
        await using var _ = scenario;

        // An endpoint allowed two minutes: the dead sender's hold on the row must not last that long.
        receiver.Secret = await scenario.AddWebhookAsync(receiver.Url, timeoutSeconds: 120);

        await scenario.SubmitOrdersAsync("PO-KILL", 1);
        await Server.Starting_the_server.WaitForAsync(() => Volatile.Read(ref killed) == 1);
        var stuck = (await scenario.DeliveriesAsync()).Single();
        await using (var db = scenario.Open())
        {
            // Its hand-over taken by the dead adapter: the log shows it as being sent.
            Assert.Equal(DeliveryState.Sending, (await new DeliveryLog(db, TimeProvider.System).DetailAsync(null, stuck.Sequence, CancellationToken.None))!.Delivery.State);
        }

        await scenario.StartAgainAsync();

        var delivered = (await scenario.WaitForDeliveriesAsync(d => d.Count == 1 && d[0].State == DeliveryState.Delivered, timeout: TimeSpan.FromMinutes(2))).Single();
        Assert.Equal(1, delivered.Attempts);
        var arrivals = receiver.Received.Where(r => r.DocumentId == delivered.DocumentId).ToList();
        Assert.Equal(2, arrivals.Count);
        Assert.Single(receiver.Distinct);

        // Taken back once its lease ran out (the restart and the next sweep on top), not after the channel's time-out.
        var after = arrivals[1].At - killedAt;
        Assert.True(after < DeliveryWork.SendLease + TimeSpan.FromSeconds(25), $"sent again {after.TotalSeconds:0} s after the kill");
    }

    [Fact]
    public async Task Two_adapters_processes_share_the_work_without_sending_anything_twice()
    {
        var rabbit = await RabbitMqNode.SharedAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var bus = new Dictionary<string, string?>
        {
            ["WebEdi:Bus:Transport"] = "RabbitMq",
            ["WebEdi:Bus:RabbitMq:Uri"] = (await rabbit.CreateVirtualHostAsync("two-adapters")).ToString(),
        };
        await using var scenario = await DeliveryScenario.StartAsync(DatabaseProvider.PostgreSql, bus);
        await using var second = await WebEdiServer.StartAsync(new Dictionary<string, string?>(scenario.Settings) { ["WebEdi:Roles"] = "adapters", ["WebEdi:Demo:Seed"] = "false" });
        receiver.Secret = await scenario.AddWebhookAsync(receiver.Url);

        var orders = await scenario.SubmitOrdersAsync("PO-PAIR", 300);
        await scenario.AnswerOrdersAsync(orders);
        var deliveries = await scenario.WaitForDeliveriesAsync(d => d.Count == 600 && d.All(x => x.State == DeliveryState.Delivered));

        Assert.Equal(600, receiver.Received.Count);
        Assert.Equal(600, receiver.Distinct.Count);
        var instances = deliveries.Select(d => d.DeliveredBy).Distinct().ToList();
        output.WriteLine($"delivered by instance: {string.Join(", ", deliveries.GroupBy(d => d.DeliveredBy).Select(g => $"{g.Key}: {g.Count()}"))}");
        Assert.Equal(2, instances.Count);
    }

    private static async Task<int> DeliveredAsync(DeliveryScenario scenario)
    {
        await using var db = scenario.Open();
        return await db.Deliveries.CountAsync(d => d.State == DeliveryState.Delivered);
    }

    private static async Task WaitUntilDeliveredAsync(DeliveryScenario scenario, int count)
    {
        var clock = Stopwatch.StartNew();
        while (await DeliveredAsync(scenario) < count)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), $"fewer than {count} documents delivered after 3 minutes.\n{scenario.Server.Output[^Math.Min(4000, scenario.Server.Output.Length)..]}");
            await Task.Delay(100);
        }
    }
}
