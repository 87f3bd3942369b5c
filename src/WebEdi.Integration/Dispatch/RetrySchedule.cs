using Polly.Contrib.WaitAndRetry;

namespace WebEdi.Integration.Dispatch;

/// <summary>
/// How long to wait after the n-th failed attempt: Polly's decorrelated-jitter exponential back-off (median
/// <see cref="IntegrationOptions.RetrySettings.FirstDelay"/>, roughly doubling), capped at
/// <see cref="IntegrationOptions.RetrySettings.MaxDelay"/>. The jitter spreads retries of many documents that failed
/// together (an endpoint that was down) so they do not all return at the same instant.
/// </summary>
public sealed class RetrySchedule(IntegrationOptions.RetrySettings settings)
{
    // Beyond this the doubling passes any sensible cap anyway; it keeps the series short to compute.
    private const int MaxExponent = 24;

    public TimeSpan DelayAfter(int failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        var delay = Backoff.DecorrelatedJitterBackoffV2(settings.FirstDelay, Math.Min(failedAttempts, MaxExponent)).Last();
        return delay < settings.MaxDelay ? delay : settings.MaxDelay;
    }
}
