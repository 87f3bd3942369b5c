using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.IntegrationTests.Persistence;
using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Resilience;

/// <summary>
/// Thousands of distinct purchase orders from TOKAI-MOTOR's ERP, published as plain JSON by a Python (pika) client that
/// behaves like a careful ERP: publisher confirms, and any chunk whose confirms did not all arrive is sent again after
/// reconnecting. What is stored is then checked against what was sent.
/// </summary>
internal sealed class OrderLoad
{
    public const string Buyer = "TOKAI-MOTOR";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string PublishScript = """
        import json, sys, time, pika
        url, exchange, path, chunk, pause = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
        with open(path, encoding="utf-8") as f:
            bodies = [b.encode("utf-8") for b in json.load(f)]
        props = pika.BasicProperties(content_type="application/json", delivery_mode=2, type="SubmitPurchaseOrder")
        connection, channel = None, None
        sent, resent, failures = 0, 0, 0
        while sent < len(bodies):
            try:
                if connection is None or connection.is_closed:
                    connection = pika.BlockingConnection(pika.URLParameters(url))
                    channel = connection.channel()
                    channel.confirm_delivery()
                part = bodies[sent:sent + chunk]
                for body in part:
                    channel.basic_publish(exchange=exchange, routing_key="", body=body, properties=props, mandatory=True)
                sent += len(part)
                time.sleep(pause)
            except (pika.exceptions.AMQPError, OSError) as e:
                # The chunk is not known to be stored: reconnect and send all of it again (the intake dedupes).
                failures += 1
                resent += min(chunk, len(bodies) - sent)
                print("chunk at %d failed (%s), resending" % (sent, type(e).__name__), file=sys.stderr, flush=True)
                if failures > 200:
                    raise
                try:
                    if connection is not None and connection.is_open:
                        connection.close()
                except Exception:
                    pass
                connection = None
                time.sleep(0.25)
        connection.close()
        print(json.dumps({"sent": sent, "resent": resent, "failures": failures}))
        """;

    private OrderLoad(string prefix, int count)
    {
        Prefix = prefix;
        Count = count;
    }

    public string Prefix { get; }

    public int Count { get; }

    public static OrderLoad Of(string prefix, int count) => new(prefix, count);

    public string OrderNumber(int i) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{i:D5}");

    /// <summary>Order i has 1–3 lines; line n orders 10·n + i mod 7 pieces.</summary>
    public static int LineCount(int i) => (i % 3) + 1;

    public static decimal Quantity(int i, int line) => (10 * line) + (i % 7);

    public string Body(int i)
    {
        var lines = Enumerable.Range(1, LineCount(i)).Select(n => new
        {
            lineNumber = n,
            buyerItemCode = $"TM-B-620{n}",
            itemName = "深溝玉軸受 6203ZZ",
            quantity = Quantity(i, n),
            unit = "個",
            unitPrice = 185.5m,
            taxRate = 10,
            requestedDeliveryDate = "2026-11-30",
        });
        return JsonSerializer.Serialize(new
        {
            orderNumber = OrderNumber(i),
            revision = 1,
            supplierCode = "S10021",
            orderDate = "2026-11-02",
            currency = "JPY",
            lines,
        });
    }

    /// <summary>
    /// Runs the publisher to the end, surviving broker restarts; throws if it gives up. A pause after each chunk keeps
    /// it publishing for longer, like an ERP sending through the day rather than in one burst.
    /// </summary>
    public async Task<PublishResult> PublishAsync(Uri vhost, TimeSpan pauseBetweenChunks = default, int chunk = 250)
    {
        var folder = Directory.CreateTempSubdirectory("webedi-pika-").FullName;
        try
        {
            var script = Path.Combine(folder, "publish.py");
            var input = Path.Combine(folder, "orders.json");
            await File.WriteAllTextAsync(script, PublishScript);
            await File.WriteAllTextAsync(input, JsonSerializer.Serialize(Enumerable.Range(1, Count).Select(Body)));
            var result = await ProcessRunner.RunAsync(
                "/usr/bin/python3",
                [script, vhost.ToString(), $"webedi.intake.{Buyer}", input, chunk.ToString(CultureInfo.InvariantCulture), pauseBetweenChunks.TotalSeconds.ToString(CultureInfo.InvariantCulture)],
                timeout: TimeSpan.FromMinutes(3),
                throwOnFailure: false);
            Assert.True(result.ExitCode == 0, $"the pika publisher failed (install python3-pika): {result.StandardError}");
            return JsonSerializer.Deserialize<PublishResult>(result.StandardOutput, Json)!;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static async Task<int> StoredAsync(DatabaseOptions database)
    {
        await using var db = TestDatabase.Open(database);
        return await db.PurchaseOrders.CountAsync();
    }

    public static async Task<int> RepliesAsync(DatabaseOptions database)
    {
        await using var db = TestDatabase.Open(database);
        return await db.OutboxMessages.CountAsync();
    }

    /// <summary>
    /// Waits until every order is stored and nothing moves any more: the publisher finished, the intake queue is
    /// empty (ready and unacknowledged) and no reply document was added for a few seconds.
    /// </summary>
    public async Task WaitUntilSettledAsync(DatabaseOptions database, RabbitMqNode node, string vhostName, Task publishing, Func<string> diagnostics)
    {
        var deadline = Stopwatch.StartNew();
        var lastReplies = -1;
        var unchangedSince = Stopwatch.StartNew();
        while (true)
        {
            var stored = await StoredAsync(database);
            var replies = await RepliesAsync(database);
            if (replies != lastReplies)
            {
                lastReplies = replies;
                unchangedSince.Restart();
            }

            if (publishing.IsCompleted && stored >= Count && unchangedSince.Elapsed > TimeSpan.FromSeconds(3)
                && await IntakeQueueDepthAsync(node, vhostName) == 0)
            {
                return;
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(3))
            {
                Assert.Fail($"after 3 minutes {stored} of {Count} orders are stored (publisher finished: {publishing.IsCompleted}, {replies} replies).\n{diagnostics()}");
            }

            await Task.Delay(500);
        }
    }

    public async Task WaitUntilStoredAsync(DatabaseOptions database, int atLeast, Func<string> diagnostics)
    {
        var deadline = Stopwatch.StartNew();
        while (await StoredAsync(database) < atLeast)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                Assert.Fail($"fewer than {atLeast} of {Count} orders were stored within 2 minutes.\n{diagnostics()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Messages on the intake queue, ready or unacknowledged (rabbitmqctl: exact, unlike the management API's sampled statistics).</summary>
    public static async Task<int> IntakeQueueDepthAsync(RabbitMqNode node, string vhostName)
    {
        var result = await node.RabbitMqCtlAsync("list_queues", "-p", vhostName, "--quiet", "--no-table-headers", "name", "messages");
        var queue = $"webedi.intake.{Buyer}";
        foreach (var line in result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split('\t');
            if (fields.Length == 2 && fields[0] == queue)
            {
                return int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }

    public static async Task WaitForIntakeQueueAsync(RabbitMqNode node, string vhostName, Func<string> diagnostics)
    {
        var deadline = Stopwatch.StartNew();
        while (await IntakeQueueDepthAsync(node, vhostName) < 0)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                Assert.Fail($"the intake queue webedi.intake.{Buyer} was not declared within 60 s.\n{diagnostics()}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>
    /// Every order sent is stored exactly once with exactly its lines, answered Received exactly once, announced to
    /// the supplier exactly once. Returns how many Duplicate answers the intake gave, and every other answer the buyer
    /// got (which should be none: every message was a valid order).
    /// </summary>
    public async Task<IntakeTally> AssertStoredExactlyOnceAsync(DatabaseOptions database)
    {
        await using var db = TestDatabase.Open(database);
        Assert.Equal(Count, await db.PurchaseOrders.CountAsync());
        var twice = await db.PurchaseOrders.GroupBy(o => o.OrderNumber).Where(g => g.Count() > 1).Select(g => g.Key).Take(10).ToListAsync();
        Assert.Empty(twice);

        var orders = await db.PurchaseOrders.AsNoTracking()
            .Select(o => new { o.OrderNumber, Lines = o.Lines.OrderBy(l => l.LineNumber).Select(l => new { l.LineNumber, l.Quantity }).ToList() })
            .ToListAsync();
        var stored = orders.ToDictionary(o => o.OrderNumber, o => o.Lines.Select(l => (l.LineNumber, l.Quantity)).ToList());
        for (var i = 1; i <= Count; i++)
        {
            Assert.True(stored.TryGetValue(OrderNumber(i), out var lines), $"order {OrderNumber(i)} is missing");
            var expected = Enumerable.Range(1, LineCount(i)).Select(n => (n, Quantity(i, n))).ToList();
            Assert.Equal(expected, lines);
        }

        var documents = await db.OutboxMessages.AsNoTracking().Select(m => new { m.MessageType, m.OrderNumber, m.Payload }).ToListAsync();
        var answers = documents.Where(d => d.MessageType == "PurchaseOrderReceived").ToList();
        var outcomes = answers.Select(d => (d.OrderNumber, Outcome: JsonDocument.Parse(d.Payload).RootElement.GetProperty("outcome").GetString())).ToList();
        var received = outcomes.Where(o => o.Outcome == "Received").GroupBy(o => o.OrderNumber).ToDictionary(g => g.Key!, g => g.Count());
        var notReceivedOnce = Enumerable.Range(1, Count).Select(OrderNumber)
            .Where(n => received.GetValueOrDefault(n) != 1)
            .Select(n => $"{n}: {received.GetValueOrDefault(n)}×Received")
            .Take(10).ToList();
        Assert.Empty(notReceivedOnce);
        Assert.Equal(Count, received.Values.Sum());
        Assert.All(outcomes, o => Assert.Contains(o.Outcome, new[] { "Received", "Duplicate" }));

        var notices = await db.OrderNotices.AsNoTracking().GroupBy(n => n.OrderNumber).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Assert.Equal(Count, notices.Count);
        Assert.All(notices, n => Assert.Equal(1, n.Count));

        return new IntakeTally(
            outcomes.Count(o => o.Outcome == "Duplicate"),
            documents.Where(d => d.MessageType != "PurchaseOrderReceived").Select(d => $"{d.MessageType} {d.Payload}").ToList());
    }
}

internal sealed record PublishResult(int Sent, int Resent, int Failures);

/// <summary>Duplicate answers the intake gave, and the answers that were neither Received nor Duplicate.</summary>
internal sealed record IntakeTally(int Duplicates, IReadOnlyList<string> OtherAnswers)
{
    public void AssertNoOtherAnswers() => Assert.True(OtherAnswers.Count == 0, $"""
        every message was a valid order, yet the buyer was also sent {OtherAnswers.Count} answer(s) other than PurchaseOrderReceived — contradicting the Received each order also got — e.g.:
        {string.Join("\n", OtherAnswers.Take(5))}
        """);
}
