using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WebEdi.Data;

namespace WebEdi.Ordering.Intake;

/// <summary>
/// Connects an intake endpoint for every buyer, and for every buyer added later, while the bus runs. Buyers are read
/// from the database every <see cref="Interval"/>, so a database that is down at start only delays the intake.
/// </summary>
public sealed partial class BuyerIntakeEndpoints(
    IServiceProvider services, IReceiveEndpointConnector connector, BuyerIntakeOptions options, TimeProvider clock, ILogger<BuyerIntakeEndpoints> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>After a failure (the database still migrating, say) try again soon rather than at the next poll.</summary>
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    private readonly HashSet<string> _connected = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Interval;
            try
            {
                await ConnectNewBuyersAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRetry(logger, e.GetBaseException().Message);
                wait = RetryInterval;
            }

            await Task.Delay(wait, clock, stoppingToken);
        }
    }

    public async Task ConnectNewBuyersAsync(CancellationToken cancellationToken)
    {
        List<string> buyers;
        await using (var scope = services.CreateAsyncScope())
        {
            buyers = await scope.ServiceProvider.GetRequiredService<WebEdiDbContext>().Companies
                .Where(c => c.IsBuyer).Select(c => c.Code).ToListAsync(cancellationToken);
        }

        foreach (var code in buyers.Where(b => !_connected.Contains(b)))
        {
            var handle = connector.ConnectReceiveEndpoint(BuyerQueues.Intake(code), (_, endpoint) => BuyerQueues.ConfigureIntake(endpoint, services, options.UseQuorumQueues));
            handle.ReceiveEndpoint.ConnectReceiveObserver(new UnreadableMessageObserver(services));
            await handle.Ready.WaitAsync(cancellationToken);
            _connected.Add(code);
            LogConnected(logger, code, BuyerQueues.Intake(code));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Intake for buyer {Buyer} listens on {Queue}.")]
    private static partial void LogConnected(ILogger logger, string buyer, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not connect buyer intake endpoints yet ({Reason}); retrying.")]
    private static partial void LogRetry(ILogger logger, string reason);
}

/// <summary>How buyer intake queues are declared; built from <c>WebEdi:Bus</c> by the server.</summary>
public sealed record BuyerIntakeOptions(bool UseQuorumQueues);
