using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WebEdi.Data;
using WebEdi.Data.Deliveries;
using WebEdi.Integration.Channels;
using WebEdi.Integration.Channels.Bus;
using WebEdi.Integration.Channels.Files;
using WebEdi.Integration.Channels.Webhooks;
using WebEdi.Integration.Dispatch;
using WebEdi.Integration.Deliveries;
using WebEdi.Integration.Exchange;
using WebEdi.Integration.Exchange.Inbound;
using WebEdi.Integration.Exchange.Outbound;

// In the project's root namespace, like AddOrdering, so Program.cs needs no extra using.
namespace WebEdi.Integration;

public static class IntegrationExtensions
{
    /// <summary>
    /// Documents to buyers' ERPs (<c>WebEdi:Integration</c>): the delivery log, channel and exchange settings and the
    /// exchange runner for every role; the dispatcher and the three adapters in processes that run
    /// <paramref name="adapters"/>; the nightly exchange's schedule in those that run <paramref name="scheduler"/>.
    /// <paramref name="bus"/> is the broker the bus channel publishes to, or null on the in-memory transport.
    /// </summary>
    public static IHostApplicationBuilder AddIntegration(
        this IHostApplicationBuilder builder, string dataDirectory, bool adapters, bool scheduler, BusChannelOptions? bus)
    {
        builder.Services.AddValidatedOptions<IntegrationOptions>(builder.Configuration, IntegrationOptions.Section, o => o.Validate());
        builder.Services.AddSingleton(s => s.GetRequiredService<IOptions<IntegrationOptions>>().Value);
        builder.Services.AddSingleton(s => new FileDropOptions(Path.GetFullPath(
            s.GetRequiredService<IntegrationOptions>().FileDropRoot is { Length: > 0 } root ? root : Path.Combine(dataDirectory, "exchange"))));
        builder.Services.AddScoped<DeliveryLog>();
        builder.Services.AddScoped<BuyerChannels>();
        builder.Services.AddScoped<BuyerExchangeSettings>();
        builder.Services.AddScoped<ExchangeLease>();
        builder.Services.AddScoped<OutboxHorizon>();
        builder.Services.AddScoped<OrderFileImport>();
        builder.Services.AddScoped<AnswerExport>();
        builder.Services.AddScoped<ExchangeRunner>();
        if (scheduler)
        {
            builder.Services.AddHostedService<ExchangeScheduler>();
        }

        if (!adapters)
        {
            return builder;
        }

        builder.Services.AddSingleton(s => new RetrySchedule(s.GetRequiredService<IntegrationOptions>().Retry));
        builder.Services.AddSingleton<DispatchSignal>();
        builder.Services.AddScoped<DocumentFanOut>();
        builder.Services.AddScoped<DeliveryScheduler>();
        builder.Services.AddScoped<DeliveryWork>();
        // Without HttpClientFactory's own request logging (four Information lines per request, thousands a second under
        // load): a failed attempt is logged by the delivery work with the buyer, the document and what the endpoint said.
        builder.Services.AddHttpClient(WebhookChannelAdapter.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(s => WebhookChannelAdapter.CreateHandler(s.GetRequiredService<IntegrationOptions>()))
            .RemoveAllLoggers();
        builder.Services.AddKeyedSingleton<IChannelAdapter, WebhookChannelAdapter>(ChannelKind.Webhook);
        builder.Services.AddKeyedSingleton<IChannelAdapter, FileDropChannelAdapter>(ChannelKind.FileDrop);
        if (bus is not null)
        {
            builder.Services.AddSingleton(bus);
            builder.Services.AddKeyedSingleton<IChannelAdapter, BusChannelAdapter>(ChannelKind.Bus);
        }
        else
        {
            builder.Services.AddKeyedSingleton<IChannelAdapter, UnavailableBusAdapter>(ChannelKind.Bus);
        }

        builder.Services.AddHostedService<DeliveryDispatcher>();
        return builder;
    }
}
