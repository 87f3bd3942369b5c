using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WebEdi.Ordering.Notifications;

/// <summary>Every minute: store the digests that are due, then send what is pending. Runs in the <c>orders</c> role.</summary>
public sealed partial class SupplierNotificationWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SupplierNotificationWorker> logger)
    : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One round; a failure (database not reachable yet, not migrated) is logged and the next round tries again.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SupplierDigestBuilder>().BuildDueAsync(cancellationToken);
            await scope.ServiceProvider.GetRequiredService<DigestSender>().SendPendingAsync(cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogRoundFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Supplier notification round failed; trying again in a minute.")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
