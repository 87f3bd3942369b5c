using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebEdi.Data.Deliveries;
using WebEdi.Integration.Channels;
using WebEdi.Integration.Channels.Bus;

namespace WebEdi.Integration.Dispatch;

/// <summary>Takes groups of queued bus deliveries: one round of publisher confirms covers a whole group.</summary>
public sealed class BusDeliveryConsumer(DeliveryWork work, [FromKeyedServices(ChannelKind.Bus)] IChannelAdapter adapter, DispatchSignal signal, ILogger<BusDeliveryConsumer> logger)
    : IConsumer<DeliverDocuments>
{
    public Task Consume(ConsumeContext<DeliverDocuments> context) => DeliveryConsumers.RunAsync(work, adapter, context.Message, signal, logger);
}

/// <summary>Takes one webhook's group of queued deliveries and sends them side by side; many groups at once, so one slow endpoint delays only its own.</summary>
public sealed class WebhookDeliveryConsumer(
    DeliveryWork work, [FromKeyedServices(ChannelKind.Webhook)] IChannelAdapter adapter, DispatchSignal signal, ILogger<WebhookDeliveryConsumer> logger)
    : IConsumer<DeliverDocuments>
{
    public Task Consume(ConsumeContext<DeliverDocuments> context) => DeliveryConsumers.RunAsync(work, adapter, context.Message, signal, logger);
}

/// <summary>Takes groups of queued file-drop deliveries.</summary>
public sealed class FileDropDeliveryConsumer(
    DeliveryWork work, [FromKeyedServices(ChannelKind.FileDrop)] IChannelAdapter adapter, DispatchSignal signal, ILogger<FileDropDeliveryConsumer> logger)
    : IConsumer<DeliverDocuments>
{
    public Task Consume(ConsumeContext<DeliverDocuments> context) => DeliveryConsumers.RunAsync(work, adapter, context.Message, signal, logger);
}

public static partial class DeliveryConsumers
{
    /// <summary>
    /// The adapters' receive endpoints, for processes with the <c>adapters</c> role. Only the dispatcher sends to them
    /// (by queue address), so they bind to no message exchange.
    /// </summary>
    public static void AddDeliveryConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<BusDeliveryConsumer>(c => c.ConcurrentMessageLimit = BusChannelAdapter.Lanes)
            .Endpoint(e => Configure(e, ChannelKind.Bus, prefetch: 2 * BusChannelAdapter.Lanes));
        bus.AddConsumer<WebhookDeliveryConsumer>(c => c.ConcurrentMessageLimit = 16).Endpoint(e => Configure(e, ChannelKind.Webhook, prefetch: 16));
        bus.AddConsumer<FileDropDeliveryConsumer>(c => c.ConcurrentMessageLimit = 2).Endpoint(e => Configure(e, ChannelKind.FileDrop, prefetch: 4));
    }

    /// <summary>
    /// A failure here (the database went away) must not park the message in an error queue: the row keeps its lease,
    /// and when the lease runs out the dispatcher queues it again. So the message is acknowledged and the cause logged.
    /// </summary>
    /// <remarks>
    /// The work does not take the message's cancellation token: MassTransit cancels it when the connection to the broker
    /// drops, and sending to a buyer needs no broker. Cut off, the requests in flight would be lost work, possibly
    /// already stored by the ERP, and their rows would stay Sending — counted against the channel's in-flight limit —
    /// until their lease ran out, so a broker restart would stall delivery for the length of a lease. Run to the end,
    /// each request bounded by its channel's time-out, the outcomes are recorded; the acknowledgement may then fail,
    /// and the message the broker hands out again no longer matches its rows and is dropped.
    /// </remarks>
    internal static async Task RunAsync(DeliveryWork work, IChannelAdapter adapter, DeliverDocuments message, DispatchSignal signal, ILogger logger)
    {
        try
        {
            await work.RunAsync(message, adapter, CancellationToken.None);
            signal.Pulse();
        }
        catch (Exception e)
        {
            LogFailed(logger, message.Deliveries.Count, adapter.Kind, e.GetBaseException().Message);
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
