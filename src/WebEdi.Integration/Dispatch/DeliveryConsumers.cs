using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebEdi.Data.Deliveries;
using WebEdi.Integration.Channels;

namespace WebEdi.Integration.Dispatch;

/// <summary>Takes queued bus deliveries in batches: one round of publisher confirms covers many documents.</summary>
public sealed class BusDeliveryConsumer(DeliveryWork work, [FromKeyedServices(ChannelKind.Bus)] IChannelAdapter adapter, ILogger<BusDeliveryConsumer> logger)
    : IConsumer<Batch<DeliverDocument>>
{
    public Task Consume(ConsumeContext<Batch<DeliverDocument>> context) =>
        DeliveryConsumers.RunAsync(work, adapter, context.Message.Select(m => m.Message).ToList(), logger, context.CancellationToken);
}

/// <summary>Takes queued webhook deliveries one at a time, many at once, so one slow endpoint delays only its own requests.</summary>
public sealed class WebhookDeliveryConsumer(DeliveryWork work, [FromKeyedServices(ChannelKind.Webhook)] IChannelAdapter adapter, ILogger<WebhookDeliveryConsumer> logger)
    : IConsumer<DeliverDocument>
{
    public Task Consume(ConsumeContext<DeliverDocument> context) =>
        DeliveryConsumers.RunAsync(work, adapter, [context.Message], logger, context.CancellationToken);
}

/// <summary>Takes queued file-drop deliveries in batches.</summary>
public sealed class FileDropDeliveryConsumer(DeliveryWork work, [FromKeyedServices(ChannelKind.FileDrop)] IChannelAdapter adapter, ILogger<FileDropDeliveryConsumer> logger)
    : IConsumer<Batch<DeliverDocument>>
{
    public Task Consume(ConsumeContext<Batch<DeliverDocument>> context) =>
        DeliveryConsumers.RunAsync(work, adapter, context.Message.Select(m => m.Message).ToList(), logger, context.CancellationToken);
}

public static partial class DeliveryConsumers
{
    /// <summary>
    /// The adapters' receive endpoints, for processes with the <c>adapters</c> role. Only the dispatcher sends to them
    /// (by queue address), so they bind to no message exchange.
    /// </summary>
    public static void AddDeliveryConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<BusDeliveryConsumer>(c => c.Options<BatchOptions>(o => o.SetMessageLimit(100).SetTimeLimit(TimeSpan.FromMilliseconds(20)).SetConcurrencyLimit(2)))
            .Endpoint(e => Configure(e, ChannelKind.Bus, prefetch: 200));
        bus.AddConsumer<WebhookDeliveryConsumer>(c => c.ConcurrentMessageLimit = 32)
            .Endpoint(e => Configure(e, ChannelKind.Webhook, prefetch: 32));
        bus.AddConsumer<FileDropDeliveryConsumer>(c => c.Options<BatchOptions>(o => o.SetMessageLimit(50).SetTimeLimit(TimeSpan.FromMilliseconds(20))))
            .Endpoint(e => Configure(e, ChannelKind.FileDrop, prefetch: 100));
    }

    /// <summary>
    /// A failure here (the database went away) must not park the message in an error queue: the row keeps its lease,
    /// and when the lease runs out the dispatcher queues it again. So the message is acknowledged and the cause logged.
    /// </summary>
    internal static async Task RunAsync(DeliveryWork work, IChannelAdapter adapter, IReadOnlyCollection<DeliverDocument> messages, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await work.RunAsync(messages, adapter, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, messages.Count, adapter.Kind, e.GetBaseException().Message);
        }
    }

    private static void Configure(IEndpointRegistrationConfigurator endpoint, ChannelKind kind, int prefetch)
    {
        endpoint.Name = AdapterQueues.Name(kind);
        endpoint.ConfigureConsumeTopology = false;
        endpoint.PrefetchCount = prefetch;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} {Kind} deliveries could not be processed ({Reason}); they are queued again when their lease runs out.")]
    private static partial void LogFailed(ILogger logger, int count, ChannelKind kind, string reason);
}
