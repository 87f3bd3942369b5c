using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using WebEdi.Contracts;
using WebEdi.Ordering.Intake;
using WebEdi.Server.Commands;
using WebEdi.Testing;

namespace WebEdi.Benchmarks;

/// <summary>A count of things over a time.</summary>
internal sealed record Measurement(int Count, TimeSpan Elapsed)
{
    public double PerSecond => Count / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

/// <summary>
/// (a) What the broker alone can carry: the simulator's own publisher (plain JSON, persistent, confirms) into a fanout
/// exchange bound to a quorum queue, like an intake queue, drained by a consumer that only acknowledges.
/// </summary>
internal static class BrokerCeiling
{
    private const string Buyer = "RAW-BENCH";

    public static async Task<Measurement> MeasureAsync(RabbitMqNode rabbit, IReadOnlyList<SubmitPurchaseOrder> orders)
    {
        var vhost = await rabbit.CreateVirtualHostAsync("raw");
        var factory = new ConnectionFactory { Uri = vhost };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = BuyerQueues.Intake(Buyer);
        await channel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: true);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        await channel.QueueBindAsync(queue, queue, "");
        await channel.BasicQosAsync(0, 100, false);

        var received = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            if (Interlocked.Increment(ref received) == orders.Count)
            {
                done.TrySetResult();
            }
        };
        await channel.BasicConsumeAsync(queue, autoAck: false, consumer);

        var clock = Stopwatch.StartNew();
        await ErpSimulator.PublishAsync(vhost, Buyer, orders, rate: 0, progress: null, CancellationToken.None);
        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        return new Measurement(orders.Count, clock.Elapsed);
    }
}
