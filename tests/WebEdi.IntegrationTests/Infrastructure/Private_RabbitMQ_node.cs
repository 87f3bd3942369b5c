using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Infrastructure;

/// <summary>The RabbitMQ node the integration tests share, and private nodes for tests that restart the broker.</summary>
public sealed class Private_RabbitMQ_node
{
    [Fact]
    public async Task Delivers_a_message_on_a_fresh_virtual_host()
    {
        var node = await RabbitMqNode.SharedAsync();
        var virtualHost = await node.CreateVirtualHostAsync("infrastructure");

        await using var connection = await new ConnectionFactory { Uri = virtualHost }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = await channel.QueueDeclareAsync("purchase-orders", durable: false, exclusive: true, autoDelete: true);
        await channel.BasicPublishAsync(string.Empty, queue.QueueName, Encoding.UTF8.GetBytes("注文書 PO-0001"));
        var delivered = await channel.BasicGetAsync(queue.QueueName, autoAck: true);

        Assert.NotNull(delivered);
        Assert.Equal("注文書 PO-0001", Encoding.UTF8.GetString(delivered.Body.Span));
    }

    [Fact]
    public async Task Answers_the_management_API_as_guest()
    {
        var node = await RabbitMqNode.SharedAsync();
        using var http = new HttpClient { BaseAddress = node.ManagementUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray()));

        using var response = await http.GetAsync(new Uri("api/overview", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var overview = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(node.NodeName, overview.RootElement.GetProperty("node").GetString());
    }

    [Fact]
    public async Task Keeps_durable_queues_and_persistent_messages_across_a_restart()
    {
        // A node of its own: restarting the shared one would disconnect every other test.
        await using var node = await RabbitMqNode.StartAsync();
        var factory = new ConnectionFactory { Uri = node.AmqpUri };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            await channel.QueueDeclareAsync("shipment-notices", durable: true, exclusive: false, autoDelete: false);
            await channel.BasicPublishAsync(
                string.Empty,
                "shipment-notices",
                mandatory: true,
                new BasicProperties { Persistent = true },
                Encoding.UTF8.GetBytes("出荷案内 SN-0001"));
        }

        await node.RestartAsync();

        await using var reconnected = await factory.CreateConnectionAsync();
        await using var after = await reconnected.CreateChannelAsync();
        var delivered = await after.BasicGetAsync("shipment-notices", autoAck: true);
        Assert.NotNull(delivered);
        Assert.Equal("出荷案内 SN-0001", Encoding.UTF8.GetString(delivered.Body.Span));
    }
}
