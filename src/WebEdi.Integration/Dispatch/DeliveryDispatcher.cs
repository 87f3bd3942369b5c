using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WebEdi.Data;

namespace WebEdi.Integration.Dispatch;

/// <summary>
/// The <c>adapters</c> role's two loops, side by side: one fans new outbox documents out into deliveries, the other
/// queues due deliveries to their adapters and now and then takes back hand-overs that were lost. Each works without
/// pause while there is work and polls when there is none; the scheduler also wakes when the fan-out or this
/// process's adapters finish something. A database or broker that is down pauses a loop, which tries again.
/// </summary>
public sealed partial class DeliveryDispatcher(IServiceProvider services, DispatchSignal signal, TimeProvider clock, ILogger<DeliveryDispatcher> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How often an idle fan-out looks for new documents. They are written by other processes (intake, the portal) that
    /// cannot wake it, so this is the wait between an answer's commit and its hand-over to the adapters; when there is
    /// nothing new, a look is one probe of the fan-out queue.
    /// </summary>
    public static readonly TimeSpan FanOutPollInterval = TimeSpan.FromMilliseconds(100);

    // Often enough that a lease that ran out (DeliveryWork.SendLease) is taken back within seconds; the sweep reads only
    // the few rows that are queued or being sent.
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The tables must exist before the first scan: waiting spares the log an error per poll while migrations run.
        if (services.GetService<DatabaseInitialization>() is { } initialization)
        {
            await initialization.SchemaReady.WaitAsync(stoppingToken);
        }

        await Task.WhenAll(
            LoopAsync("fan-out", FanOutAsync, token => Task.Delay(FanOutPollInterval, clock, token), stoppingToken),
            LoopAsync("scheduler", ScheduleAsync, token => signal.WaitAsync(PollInterval, token), stoppingToken));
    }

    private async Task<int> FanOutAsync(IServiceProvider scope, CancellationToken cancellationToken)
    {
        var fannedOut = await scope.GetRequiredService<DocumentFanOut>().RunOnceAsync(cancellationToken);
        if (fannedOut > 0)
        {
            signal.Pulse();
        }

        return fannedOut;
    }

    private async Task<int> ScheduleAsync(IServiceProvider scope, CancellationToken cancellationToken)
    {
        var scheduler = scope.GetRequiredService<DeliveryScheduler>();
        var queued = await scheduler.QueueDueAsync(cancellationToken);
        if (clock.GetUtcNow() >= _nextSweep)
        {
            _nextSweep = clock.GetUtcNow() + SweepInterval;
            if (await scheduler.ReleaseExpiredAsync(cancellationToken) is > 0 and var released)
            {
                LogReleased(logger, released);
            }
        }

        return queued;
    }

    private async Task LoopAsync(
        string name, Func<IServiceProvider, CancellationToken, Task<int>> pass, Func<CancellationToken, Task> idle, CancellationToken stoppingToken)
    {
        // Off the host's start-up thread: both loops run from here on.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            int worked;
            try
            {
                await using var scope = services.CreateAsyncScope();
                worked = await pass(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogPaused(logger, name, e.GetBaseException().Message);
                await Task.Delay(RetryDelay, clock, stoppingToken);
                continue;
            }

            if (worked == 0)
            {
                await idle(stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document dispatch ({Loop}) paused ({Reason}); retrying.")]
    private static partial void LogPaused(ILogger logger, string loop, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} deliveries were handed over but not finished in time (a lost queue message or a stopped adapter) and will be queued again.")]
    private static partial void LogReleased(ILogger logger, int count);
}
