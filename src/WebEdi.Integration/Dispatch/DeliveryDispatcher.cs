using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WebEdi.Data;

namespace WebEdi.Integration.Dispatch;

/// <summary>
/// The <c>adapters</c> role's loop: fans new outbox documents out into deliveries, queues the due ones to their
/// adapters, and now and then takes back hand-overs that were lost. Works without pause while there is work, polls
/// when there is none; a database or broker that is down pauses it and it tries again.
/// </summary>
public sealed partial class DeliveryDispatcher(IServiceProvider services, TimeProvider clock, ILogger<DeliveryDispatcher> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The tables must exist before the first scan: waiting spares the log an error per poll while migrations run.
        if (services.GetService<DatabaseInitialization>() is { } initialization)
        {
            await initialization.SchemaReady.WaitAsync(stoppingToken);
        }

        var nextSweep = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            int worked;
            try
            {
                await using var scope = services.CreateAsyncScope();
                worked = await scope.ServiceProvider.GetRequiredService<DocumentFanOut>().RunOnceAsync(stoppingToken);
                var queue = scope.ServiceProvider.GetRequiredService<DeliveryScheduler>();
                worked += await queue.QueueDueAsync(stoppingToken);
                if (clock.GetUtcNow() >= nextSweep)
                {
                    nextSweep = clock.GetUtcNow() + SweepInterval;
                    if (await queue.ReleaseExpiredAsync(stoppingToken) is > 0 and var released)
                    {
                        LogReleased(logger, released);
                    }
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogPaused(logger, e.GetBaseException().Message);
                await Task.Delay(RetryDelay, clock, stoppingToken);
                continue;
            }

            if (worked == 0)
            {
                await Task.Delay(PollInterval, clock, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document dispatch paused ({Reason}); retrying.")]
    private static partial void LogPaused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} deliveries were handed over but not finished in time (a lost queue message or a stopped adapter) and will be queued again.")]
    private static partial void LogReleased(ILogger logger, int count);
}
