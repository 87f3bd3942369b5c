namespace WebEdi.Integration.Dispatch;

/// <summary>
/// Wakes this process's dispatcher when its adapters finished some deliveries: a channel at its in-flight limit has
/// room again, and an order's next document may go now. Without it the dispatcher would only look again at its next
/// poll, and a busy webhook would get at most one limit's worth of documents per poll interval.
/// </summary>
public sealed class DispatchSignal : IDisposable
{
    private readonly SemaphoreSlim _pulse = new(0, 1);

    public void Pulse()
    {
        try
        {
            _pulse.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the dispatcher looks once for all finished deliveries.
        }
    }

    /// <summary>Waits for a pulse or <paramref name="timeout"/>, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pulse.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _pulse.Dispose();
}
