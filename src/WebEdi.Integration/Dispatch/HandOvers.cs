using System.Globalization;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Data.Deliveries;

namespace WebEdi.Integration.Dispatch;

/// <summary>One message's worth of deliveries and the hand-over that holds them.</summary>
public sealed class HandOverGroup(DeliveryHandOver handOver, int timeoutSeconds)
{
    public DeliveryHandOver HandOver { get; } = handOver;

    /// <summary>The longest time-out among the group's channels, for <see cref="DeliverDocuments.TimeoutSeconds"/>.</summary>
    public int TimeoutSeconds { get; } = timeoutSeconds;

    /// <summary>The deliveries the group holds, by sequence.</summary>
    public List<long> Sequences { get; set; } = [];
}

/// <summary>
/// Puts due deliveries on their adapters' queues, one <see cref="DeliverDocuments"/> message per group with its
/// <see cref="DeliveryHandOver"/> row — for the fan-out, which queues new documents that nothing stands before, and the
/// scheduler, which queues the rest when their turn comes. The rows and their hand-overs are committed by the caller
/// before the messages go, so a queued row's hand-over always exists until the row is done with.
/// </summary>
public sealed class HandOvers(WebEdiDbContext db, ISendEndpointProvider endpoints, TimeProvider clock)
{
    /// <summary>
    /// Splits due deliveries into groups, in the order given: a webhook's group holds one channel only, so a slow
    /// endpoint holds up no one else's documents; bus and file-drop groups mix channels up to their size.
    /// </summary>
    public static List<(HandOverGroup Group, T[] Members)> Split<T>(
        IEnumerable<T> due, Func<T, Guid> channelOf, Func<T, ChannelKind> kindOf, IReadOnlyDictionary<Guid, int> timeouts, DateTime now) =>
        [.. due.GroupBy(d => kindOf(d) == ChannelKind.Webhook ? (Kind: kindOf(d), Channel: channelOf(d)) : (Kind: kindOf(d), Channel: Guid.Empty))
            .SelectMany(g => g.Chunk(AdapterQueues.GroupSize(g.Key.Kind)).Select(chunk => (g.Key.Kind, Chunk: chunk)))
            .Select(x => (new HandOverGroup(
                DeliveryHandOver.Create(x.Kind, x.Chunk.Length, now, DeliveryScheduler.QueueLease),
                x.Chunk.Max(d => timeouts.GetValueOrDefault(channelOf(d)))), x.Chunk))];

    /// <summary>
    /// Sends one message per group, waiting at most <see cref="DeliveryScheduler.HandOverTimeout"/> for the broker. If
    /// it does not take them (or say so in time), the rows are given back at once rather than after the lease, and the
    /// failure is thrown.
    /// </summary>
    public async Task SendAsync(IReadOnlyList<HandOverGroup> groups, DateTime now, CancellationToken cancellationToken)
    {
        if (groups.Count == 0)
        {
            return;
        }

        using var deadline = new CancellationTokenSource(DeliveryScheduler.HandOverTimeout, clock);
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            foreach (var kind in groups.GroupBy(g => g.HandOver.Kind))
            {
                var messages = kind.Select(g => new DeliverDocuments(g.Sequences, g.HandOver.Id, g.TimeoutSeconds));

                // The deadline bounds the wait, never the send itself: a cancelled send can cancel the channel's queue
                // declaration mid-call, and RabbitMQ.Client then pairs the channel's later replies with the wrong
                // calls, so every hand-over over that channel hung until the process restarted (seen after a broker
                // restart). A send left behind that still gets through is stale: its hand-over is removed below.
                var endpoint = await endpoints.GetSendEndpoint(AdapterQueues.Address(kind.Key)).WaitAsync(sending.Token);
                await endpoint.SendBatch(messages, cancellationToken).WaitAsync(sending.Token);
            }
        }
        catch (Exception e)
        {
            // Removing a hand-over no adapter has claimed makes its message stale, should it still reach the queue; one
            // an adapter already took stays with that adapter.
            var ids = groups.Select(g => g.HandOver.Id).ToList();
            await db.DeliveryHandOvers.Where(h => ids.Contains(h.Id) && h.ClaimedAt == null).ExecuteDeleteAsync(CancellationToken.None);
            var sequences = groups.SelectMany(g => g.Sequences).ToList();
            await ReleaseUnheldAsync(db.Deliveries.Where(d => sequences.Contains(d.Sequence)), now, CancellationToken.None);
            if (e is OperationCanceledException && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"the broker did not confirm {sequences.Count} hand-overs within {DeliveryScheduler.HandOverTimeout.TotalSeconds:0} s"));
            }

            throw;
        }
    }

    /// <summary>Of <paramref name="rows"/>, gives back the queued ones whose hand-over is gone (it expired, or was never confirmed by the broker).</summary>
    public Task<int> ReleaseUnheldAsync(IQueryable<Delivery> rows, DateTime now, CancellationToken cancellationToken) => ReleaseAsync(
        rows.Where(d => d.State == DeliveryState.Queued && d.LeaseExpiresAt == null && !db.DeliveryHandOvers.Any(h => h.Id == d.Token)), now, cancellationToken);

    /// <summary>Makes <paramref name="rows"/> due again now: pending if never tried, else retrying.</summary>
    public static Task<int> ReleaseAsync(IQueryable<Delivery> rows, DateTime now, CancellationToken cancellationToken) =>
        rows.ExecuteUpdateAsync(s => s
            .SetProperty(d => d.State, d => d.Attempts > 0 ? DeliveryState.Retrying : DeliveryState.Pending)
            .SetProperty(d => d.NextAttemptAt, now)
            .SetProperty(d => d.Token, (Guid?)null)
            .SetProperty(d => d.LeaseExpiresAt, (DateTime?)null), cancellationToken);
}
