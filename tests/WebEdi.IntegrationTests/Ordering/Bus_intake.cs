using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Data.Deliveries;
using WebEdi.IntegrationTests.Persistence;
using WebEdi.IntegrationTests.Server;
using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Ordering;

/// <summary>
/// A buyer's ERP that is not a .NET program — here Python with pika — sends plain JSON to its intake exchange on a
/// real RabbitMQ node; the real server stores the orders and answers every message, readable or not.
/// </summary>
public sealed class Bus_intake
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Order = """
        {"orderNumber":"PO-PIKA-1","revision":1,"supplierCode":"S10021","orderDate":"2026-11-02","currency":"JPY",
         "lines":[{"lineNumber":1,"buyerItemCode":"TM-B-6203","itemName":"深溝玉軸受 6203ZZ","quantity":120,"unit":"個",
                   "unitPrice":185.5,"taxRate":10,"requestedDeliveryDate":"2026-11-30"}]}
        """;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Plain_JSON_and_MassTransit_envelopes_become_orders_and_bad_messages_become_visible_rejections(DatabaseProvider provider)
    {
        var rabbit = await RabbitMqNode.SharedAsync();
        var vhost = await rabbit.CreateVirtualHostAsync("intake");
        var postgres = provider == DatabaseProvider.PostgreSql ? await TestDatabase.CreateAsync(provider) : null;
        await using var server = await WebEdiServer.StartAsync(new Dictionary<string, string?>
        {
            ["WebEdi:Database:Provider"] = provider.ToString(),
            ["WebEdi:Database:ConnectionString"] = postgres?.ConnectionString ?? "",
            ["WebEdi:Bus:Transport"] = "RabbitMq",
            ["WebEdi:Bus:RabbitMq:Uri"] = vhost.ToString(),
            ["WebEdi:Demo:Seed"] = "true",
            ["WebEdi:Demo:OrderCount"] = "0",
        });
        var vhostName = Uri.UnescapeDataString(vhost.AbsolutePath.TrimStart('/'));
        await WithServerOutputAsync(server, () => WaitForQueueAsync(rabbit, vhostName, "webedi.intake.TOKAI-MOTOR"));

        var envelope = JsonSerializer.Serialize(new
        {
            messageId = Guid.NewGuid(),
            messageType = new[] { "urn:message:WebEdi.Contracts:SubmitPurchaseOrder" },
            message = JsonDocument.Parse(Order.Replace("PO-PIKA-1", "PO-ENVELOPE-1", StringComparison.Ordinal)).RootElement,
        });
        await PublishWithPikaAsync(vhost, "TOKAI-MOTOR",
            ("SubmitPurchaseOrder", "application/json", Order),
            ("SubmitPurchaseOrder", "application/json", Order),
            ("", "application/vnd.masstransit+json", envelope),
            ("SubmitPurchaseOrder", "application/json", "{ this is not json"),
            ("SubmitPurchaseOrder", "application/json", Order.Replace("\"currency\"", "\"colour\":\"red\",\"currency\"", StringComparison.Ordinal)),
            ("SubmitPurchaseOrder", "application/json", Order.Replace("PO-PIKA-1", "PO-PIKA-2", StringComparison.Ordinal).Replace("\"orderNumber\"", "\"buyerCode\":\"KANSAI-DENKI\",\"orderNumber\"", StringComparison.Ordinal)),
            ("", "application/json", Order.Replace("PO-PIKA-1", "PO-PIKA-3", StringComparison.Ordinal)),
            ("SubmitPurchaseOrder", "application/json", Order.Replace("PO-PIKA-1", "PO-PIKA-4", StringComparison.Ordinal).Replace("\"currency\"", $"\"remarks\":\"{new string('x', 11 * 1024 * 1024)}\",\"currency\"", StringComparison.Ordinal)));

        await using var db = TestDatabase.Open(postgres ?? new DatabaseOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = $"Data Source={Path.Combine(server.DataDirectory, "webedi.db")}",
        });
        await WithServerOutputAsync(server, () => Starting_the_server.WaitForAsync(async () => await db.OutboxMessages.CountAsync() >= 8));

        Assert.Equal(["PO-ENVELOPE-1", "PO-PIKA-1"], await db.PurchaseOrders.Select(o => o.OrderNumber).OrderBy(n => n).ToListAsync());
        var documents = await db.OutboxMessages.OrderBy(m => m.Sequence).Select(m => m.Payload).ToListAsync();
        Assert.Contains(documents, d => d.Contains("\"orderNumber\":\"PO-PIKA-1\"", StringComparison.Ordinal) && d.Contains("\"outcome\":\"Duplicate\"", StringComparison.Ordinal));
        Assert.Contains(documents, d => d.Contains("\"code\":\"invalid_json\"", StringComparison.Ordinal));
        Assert.Contains(documents, d => d.Contains("\"code\":\"unknown_field\"", StringComparison.Ordinal) && d.Contains("colour", StringComparison.Ordinal));
        Assert.Contains(documents, d => d.Contains("\"code\":\"buyer_mismatch\"", StringComparison.Ordinal));
        Assert.Contains(documents, d => d.Contains("\"code\":\"unknown_message_type\"", StringComparison.Ordinal));
        Assert.Contains(documents, d => d.Contains("\"code\":\"too_large\"", StringComparison.Ordinal));
        Assert.Equal(1, await QueueDepthAsync(rabbit, vhostName, "webedi.intake.TOKAI-MOTOR_error"));
        Assert.Equal("quorum", await QueueTypeAsync(rabbit, vhostName, "webedi.intake.TOKAI-MOTOR"));

        // Every answer reaches the buyer's reply queue as plain JSON, named by type, identified by its document id,
        // and one order's documents in the order they were written.
        await WithServerOutputAsync(server, () => Starting_the_server.WaitForAsync(async () =>
            !await db.FanOutQueue.AnyAsync()
            && await db.Deliveries.AllAsync(d => d.Kind != ChannelKind.Bus || d.State == DeliveryState.Delivered)));
        var replies = await ReadRepliesWithPikaAsync(vhost, "TOKAI-MOTOR");
        var outbox = await db.OutboxMessages.OrderBy(m => m.Sequence).ToListAsync();
        Assert.Equal(outbox.Select(m => (m.Id.ToString(), m.MessageType)).Order(), replies.Select(r => (r.MessageId, r.Type)).Order());
        Assert.All(replies, r => Assert.Equal("application/json", r.ContentType));
        Assert.All(replies, r => Assert.Equal(r.MessageId, JsonDocument.Parse(r.Body).RootElement.GetProperty("documentId").GetGuid().ToString()));
        var position = replies.Select((r, i) => (r.MessageId, i)).ToDictionary(x => x.MessageId, x => x.i);
        Assert.All(outbox.Where(m => m.OrderNumber is not null).GroupBy(m => m.OrderNumber), order =>
            Assert.Equal(order.Select(m => position[m.Id.ToString()]).Order(), order.Select(m => position[m.Id.ToString()])));
    }

    /// <summary>Takes every message from the buyer's reply queue with python3-pika, as a non-.NET ERP reads them.</summary>
    internal static async Task<List<Reply>> ReadRepliesWithPikaAsync(Uri vhost, string buyer)
    {
        var folder = Directory.CreateTempSubdirectory("webedi-pika-").FullName;
        var script = Path.Combine(folder, "read.py");
        await File.WriteAllTextAsync(script, """
            import json, sys, pika
            connection = pika.BlockingConnection(pika.URLParameters(sys.argv[1]))
            channel = connection.channel()
            out = []
            while True:
                method, props, body = channel.basic_get(queue=sys.argv[2], auto_ack=True)
                if method is None:
                    break
                out.append({"messageId": props.message_id, "type": props.type, "contentType": props.content_type, "body": body.decode("utf-8")})
            connection.close()
            print(json.dumps(out))
            """);
        var result = await ProcessRunner.RunAsync("/usr/bin/python3", [script, vhost.ToString(), $"webedi.replies.{buyer}"], throwOnFailure: false);
        Assert.True(result.ExitCode == 0, $"pika failed (install python3-pika): {result.StandardError}");
        return JsonSerializer.Deserialize<List<Reply>>(result.StandardOutput, Json)!;
    }

    internal sealed record Reply(string MessageId, string Type, string ContentType, string Body);

    [Fact]
    public async Task Provisioning_gives_a_buyers_ERP_its_own_intake_and_replies_and_nothing_else()
    {
        var rabbit = await RabbitMqNode.SharedAsync();
        var vhost = await rabbit.CreateVirtualHostAsync("provision");
        var settings = new Dictionary<string, string?>
        {
            ["WebEdi:Bus:Transport"] = "RabbitMq",
            ["WebEdi:Bus:RabbitMq:Uri"] = vhost.ToString(),
            ["WebEdi:Bus:RabbitMq:ManagementUri"] = rabbit.ManagementUri.ToString(),
            ["WebEdi:Demo:Seed"] = "true",
            ["WebEdi:Demo:OrderCount"] = "0",
        };
        await using var server = await WebEdiServer.StartAsync(settings);

        var provisioned = await WebEdiServer.RunAsync(settings, server.DataDirectory, "buyers", "provision-bus", "TOKAI-MOTOR");
        Assert.True(provisioned.ExitCode == 0, provisioned.StandardError);
        var password = provisioned.StandardOutput.Split('\n').Single(l => l.Trim().StartsWith("password", StringComparison.Ordinal)).Trim()["password".Length..].Trim();
        var erp = new UriBuilder(vhost) { UserName = "erp-tokai-motor", Password = password }.Uri;
        var vhostName = Uri.UnescapeDataString(vhost.AbsolutePath.TrimStart('/'));
        await WithServerOutputAsync(server, () => WaitForQueueAsync(rabbit, vhostName, "webedi.intake.KANSAI-DENKI"));

        var folder = Directory.CreateTempSubdirectory("webedi-pika-").FullName;
        var script = Path.Combine(folder, "access.py");
        await File.WriteAllTextAsync(script, """
            import json, sys, pika
            url, body = sys.argv[1], sys.argv[2]
            def attempt(action):
                connection = pika.BlockingConnection(pika.URLParameters(url))
                channel = connection.channel()
                channel.confirm_delivery()
                try:
                    action(channel)
                    return "allowed"
                except pika.exceptions.ChannelClosedByBroker as e:
                    return "refused %d" % e.reply_code
                finally:
                    if connection.is_open:
                        connection.close()
            props = pika.BasicProperties(content_type="application/json", type="SubmitPurchaseOrder", delivery_mode=2)
            print(json.dumps({
                "own intake": attempt(lambda c: c.basic_publish("webedi.intake.TOKAI-MOTOR", "", body.encode(), props)),
                "other intake": attempt(lambda c: c.basic_publish("webedi.intake.KANSAI-DENKI", "", body.encode(), props)),
                "default exchange": attempt(lambda c: c.basic_publish("", "webedi.intake.KANSAI-DENKI", body.encode(), props)),
                "own replies": attempt(lambda c: c.basic_get("webedi.replies.TOKAI-MOTOR")),
                "other replies": attempt(lambda c: c.basic_get("webedi.replies.KANSAI-DENKI")),
            }))
            """);
        var result = await ProcessRunner.RunAsync("/usr/bin/python3", [script, erp.ToString(), Order], throwOnFailure: false);
        Assert.True(result.ExitCode == 0, result.StandardError);

        var access = JsonSerializer.Deserialize<Dictionary<string, string>>(result.StandardOutput)!;
        Assert.Equal("allowed", access["own intake"]);
        Assert.Equal("refused 403", access["other intake"]);
        Assert.Equal("refused 403", access["default exchange"]);
        Assert.Equal("allowed", access["own replies"]);
        Assert.Equal("refused 403", access["other replies"]);
        await using var db = TestDatabase.Open(new DatabaseOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = $"Data Source={Path.Combine(server.DataDirectory, "webedi.db")}",
        });
        await WithServerOutputAsync(server, () => Starting_the_server.WaitForAsync(async () => await db.PurchaseOrders.AnyAsync(o => o.OrderNumber == "PO-PIKA-1")));

        // A .NET ERP using MassTransit with the same credentials sends an ordinary envelope to its intake exchange.
        var erpBus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(vhost, h =>
        {
            h.Username("erp-tokai-motor");
            h.Password(password);
            h.PublisherConfirmation = true;
        }));
        await erpBus.StartAsync();
        try
        {
            var endpoint = await erpBus.GetSendEndpoint(new Uri("exchange:webedi.intake.TOKAI-MOTOR"));
            await endpoint.Send(IntakeScenario.Order("PO-MASSTRANSIT-1"));
        }
        finally
        {
            await erpBus.StopAsync();
        }

        await WithServerOutputAsync(server, () => Starting_the_server.WaitForAsync(async () => await db.PurchaseOrders.AnyAsync(o => o.OrderNumber == "PO-MASSTRANSIT-1")));
    }

    internal static async Task WithServerOutputAsync(WebEdiServer server, Func<Task> wait)
    {
        try
        {
            await wait();
        }
        catch (Exception e) when (e is Xunit.Sdk.XunitException)
        {
            Assert.Fail($"{e.Message}\nServer output:\n{server.Output}");
        }
    }

    private static async Task PublishWithPikaAsync(Uri vhost, string buyer, params (string Type, string ContentType, string Body)[] messages)
    {
        var folder = Directory.CreateTempSubdirectory("webedi-pika-").FullName;
        var script = Path.Combine(folder, "publish.py");
        var input = Path.Combine(folder, "messages.json");
        await File.WriteAllTextAsync(script, """
            import json, sys, pika
            url, exchange = sys.argv[1], sys.argv[2]
            with open(sys.argv[3], encoding="utf-8") as f:
                messages = json.load(f)
            connection = pika.BlockingConnection(pika.URLParameters(url))
            channel = connection.channel()
            channel.confirm_delivery()
            for m in messages:
                props = pika.BasicProperties(content_type=m["contentType"], delivery_mode=2, type=m["type"] or None)
                channel.basic_publish(exchange=exchange, routing_key="", body=m["body"].encode("utf-8"), properties=props, mandatory=True)
            connection.close()
            """);
        await File.WriteAllTextAsync(input, JsonSerializer.Serialize(messages.Select(m => new { type = m.Type, contentType = m.ContentType, body = m.Body })));
        var result = await ProcessRunner.RunAsync("/usr/bin/python3", [script, vhost.ToString(), $"webedi.intake.{buyer}", input], throwOnFailure: false);
        Assert.True(result.ExitCode == 0, $"pika failed (install python3-pika): {result.StandardError}");
    }

    private static async Task WaitForQueueAsync(RabbitMqNode rabbit, string vhost, string queue) =>
        await Starting_the_server.WaitForAsync(async () => await QueueDepthAsync(rabbit, vhost, queue) >= 0);

    private static async Task<string?> QueueTypeAsync(RabbitMqNode rabbit, string vhost, string queue)
    {
        using var http = new HttpClient { BaseAddress = rabbit.ManagementUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("guest:guest")));
        using var json = JsonDocument.Parse(await http.GetStringAsync($"api/queues/{Uri.EscapeDataString(vhost)}/{Uri.EscapeDataString(queue)}"));
        return json.RootElement.GetProperty("type").GetString();
    }

    internal static async Task<int> QueueDepthAsync(RabbitMqNode rabbit, string vhost, string queue)
    {
        using var http = new HttpClient { BaseAddress = rabbit.ManagementUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("guest:guest")));
        for (var i = 0; i < 100; i++)
        {
            using var response = await http.GetAsync($"api/queues/{Uri.EscapeDataString(vhost)}/{Uri.EscapeDataString(queue)}");
            if (!response.IsSuccessStatusCode)
            {
                return -1;
            }

            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (json.RootElement.TryGetProperty("messages", out var messages))
            {
                return messages.GetInt32();
            }

            await Task.Delay(200);
        }

        return -1;
    }
}
