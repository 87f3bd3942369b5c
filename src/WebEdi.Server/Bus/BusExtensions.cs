using MassTransit;
using WebEdi.Data;
using WebEdi.Ordering.Intake;
using WebEdi.Integration.Channels.Bus;
using WebEdi.Integration.Dispatch;
using WebEdi.Server.Hosting;

namespace WebEdi.Server.Bus;

public static class BusExtensions
{
    /// <summary>MassTransit on the transport <c>WebEdi:Bus</c> names. Its health check joins /health/ready.</summary>
    public static IHostApplicationBuilder AddWebEdiBus(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<BusOptions>(builder.Configuration, BusOptions.Section, o => o.Validate());

        // The transport is chosen while services are registered, before the options are validated; an invalid
        // section falls back to in-memory here and start-up validation then stops the process with its message.
        var options = builder.Configuration.GetSection(BusOptions.Section).Get<BusOptions>() ?? new BusOptions();
        var adapters = builder.Roles().HasFlag(ServerRoles.Adapters);
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            if (adapters)
            {
                bus.AddDeliveryConsumers();
            }

            if (options.Transport == BusTransport.RabbitMq && options.Validate().FirstOrDefault() is null)
            {
                bus.UsingRabbitMq((context, rabbit) =>
                {
                    rabbit.Host(new Uri(options.RabbitMq.Uri!), host => host.PublisherConfirmation = true);
                    if (options.RabbitMq.UseQuorumQueues)
                    {
                        rabbit.SetQuorumQueue();
                    }

                    rabbit.ConfigureEndpoints(context);
                });
            }
            else
            {
                bus.UsingInMemory((context, memory) => memory.ConfigureEndpoints(context));
            }
        });

        // Buyers' ERPs talk to WebEdi over RabbitMQ only; the in-memory transport has no outside senders.
        if (options.Transport == BusTransport.RabbitMq && builder.Roles().HasFlag(ServerRoles.Orders))
        {
            builder.Services.AddSingleton(new BuyerIntakeOptions(options.RabbitMq.UseQuorumQueues));
            builder.Services.AddHostedService<BuyerIntakeEndpoints>();
        }

        return builder;
    }

    /// <summary>The broker the bus channel publishes buyers' documents to, or null on the in-memory transport.</summary>
    public static BusChannelOptions? BusChannel(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(BusOptions.Section).Get<BusOptions>() ?? new BusOptions();
        return options.Transport == BusTransport.RabbitMq && options.Validate().FirstOrDefault() is null
            ? new BusChannelOptions(new Uri(options.RabbitMq.Uri!), options.RabbitMq.UseQuorumQueues)
            : null;
    }
}
