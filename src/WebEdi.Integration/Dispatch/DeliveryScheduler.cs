using System.Globalization;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Data.Deliveries;

namespace WebEdi.Integration.Dispatch;

/// <summary>
/// Hands due deliveries to their adapters' queues, and takes back those whose hand-over was lost. A delivery is due when
/// it is new or its retry time has come, its channel is switched on, and nothing earlier of the same purchase order is
/// still on its way on that channel — so one order's documents reach the buyer in the order they were written, and a
/// dead one holds the later ones until it is replayed.
/// </summary>
public sealed class DeliveryScheduler(WebEdiDbContext db, ISendEndpointProvider endpoints, TimeProvider clock)
{
    /// <summary>Due rows looked at per pass.</summary>
    public const int ScanSize = 1000;

    /// <summary>
    /// A hand-over whose message no adapter took within this time is given up and its rows queued again: its message was
    /// lost (a process died between marking the rows and sending). Queuing again is safe even when the old message is
    /// only slow — its hand-over is gone, so it is dropped — and the per-channel limit keeps such repeats few.
    /// </summary>
    public static readonly TimeSpan QueueLease = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long the broker may take to confirm one pass's messages. A confirm normally takes milliseconds, but one that
    /// never comes must not hold the dispatcher: RabbitMQ.Client can wait for ever for the confirm of a message published
    /// just as the broker restarted, and a broker under a resource alarm stops reading from publishers until the alarm
    /// clears. Past this the rows are given back, the dispatcher pauses as for a broker that is down, and tries again.
    /// </summary>
    public static readonly TimeSpan HandOverTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// At most this many deliveries of one channel are queued or being sent at once: a buyer whose endpoint is slow or
    /// down cannot fill the adapters' queues and delay every other buyer.
    /// </summary>
    public static int InFlightPerChannel(ChannelKind kind) => kind switch
    {
        ChannelKind.Webhook => 48,
        ChannelKind.FileDrop => 100,
        _ => 1000,
    };

    /// <summary>Queues one pass of due deliveries; returns how many it queued.</summary>
    public async Task<int> QueueDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        // Channels already at their limit are left out of the scan, so one buyer's backlog cannot hide everyone else's.
        var busy = await db.Deliveries
            .Where(d => d.State == DeliveryState.Queued || d.State == DeliveryState.Sending)
            .GroupBy(d => new { d.ChannelId, d.Kind }).Select(g => new { g.Key.ChannelId, g.Key.Kind, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var saturated = busy.Where(b => b.Count >= InFlightPerChannel(b.Kind)).Select(b => b.ChannelId).ToList();

        // Documents are fanned out oldest first, but two processes may finish their batches in either order; so a
        // delivery waits while any older document is not fanned out yet — one of them may be an earlier document of
        // its order whose delivery does not exist yet. (One cheap MIN per pass instead of a check per delivery.)
        var unfannedFrom = await db.OutboxMessages.Where(m => m.DispatchedAt == null).MinAsync(m => (long?)m.Sequence, cancellationToken) ?? long.MaxValue;

        // New and due-again deliveries in two scans, each walking the (State, Sequence) index in order and stopping at
        // ScanSize: one condition over both states would make the database filter every waiting row before sorting.
        var pending = await Due(db.Deliveries.Where(d => d.State == DeliveryState.Pending), unfannedFrom, saturated)
            .OrderBy(d => d.Sequence).Select(d => new { d.Sequence, d.ChannelId, d.Kind }).Take(ScanSize).ToListAsync(cancellationToken);
        var retrying = await Due(db.Deliveries.Where(d => d.State == DeliveryState.Retrying && d.NextAttemptAt <= now), unfannedFrom, saturated)
            .OrderBy(d => d.Sequence).Select(d => new { d.Sequence, d.ChannelId, d.Kind }).Take(ScanSize).ToListAsync(cancellationToken);
        var due = pending.Concat(retrying).OrderBy(d => d.Sequence).Take(ScanSize).ToList();
        var inFlight = busy.ToDictionary(b => b.ChannelId, b => b.Count);
        var picked = due.GroupBy(d => d.ChannelId)
            .SelectMany(g => g.Take(InFlightPerChannel(g.First().Kind) - inFlight.GetValueOrDefault(g.Key)))
            .ToList();
        if (picked.Count == 0)
        {
            return 0;
        }

        // One message per group, each with its hand-over row: a webhook's group holds one channel only, so a slow
        // endpoint holds up no one else's documents. The rows and their hand-overs commit together, so a queued row's
        // hand-over always exists until the row is done with.
        var groups = picked.GroupBy(d => d.Kind == ChannelKind.Webhook ? (d.Kind, d.ChannelId) : (d.Kind, Guid.Empty))
            .SelectMany(g => g.Chunk(AdapterQueues.GroupSize(g.Key.Kind)))
            .Select(chunk => new Group(DeliveryHandOver.Create(chunk[0].Kind, chunk.Length, now, QueueLease), [.. chunk.Select(d => d.Sequence)]))
            .ToList();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.DeliveryHandOvers.AddRange(groups.Select(g => g.HandOver));
            await db.SaveChangesAsync(cancellationToken);
            foreach (var group in groups)
            {
                var token = group.HandOver.Id;
                var sequences = group.Sequences;
                var count = await db.Deliveries
                    .Where(d => sequences.Contains(d.Sequence) && (d.State == DeliveryState.Pending || d.State == DeliveryState.Retrying))
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(d => d.State, DeliveryState.Queued)
                        .SetProperty(d => d.Token, token)
                        .SetProperty(d => d.LeaseExpiresAt, (DateTime?)null), cancellationToken);
                if (count < sequences.Count)
                {
                    // Another dispatcher took some of them first (or a person replayed one meanwhile): send only ours.
                    group.Sequences = await db.Deliveries.Where(d => sequences.Contains(d.Sequence) && d.Token == token).Select(d => d.Sequence).ToListAsync(cancellationToken);
                }
            }

            var empty = groups.Where(g => g.Sequences.Count == 0).Select(g => g.HandOver.Id).ToList();
            if (empty.Count > 0)
            {
                await db.DeliveryHandOvers.Where(h => empty.Contains(h.Id)).ExecuteDeleteAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        groups.RemoveAll(g => g.Sequences.Count == 0);
        var channels = picked.Select(d => d.ChannelId).Distinct().ToList();
        var timeouts = await db.BuyerChannels.Where(c => channels.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.TimeoutSeconds, cancellationToken);
        var timeoutOf = picked.ToDictionary(d => d.Sequence, d => timeouts.GetValueOrDefault(d.ChannelId));
        using var deadline = new CancellationTokenSource(HandOverTimeout, clock);
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            foreach (var kind in groups.GroupBy(g => g.HandOver.Kind))
            {
                var messages = kind.Select(g => new DeliverDocuments(g.Sequences, g.HandOver.Id, g.Sequences.Max(d => timeoutOf[d])));

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
            // The broker did not take the messages, or did not say so in time: give the rows back at once rather than
            // after the lease. Removing a hand-over no adapter has claimed makes its message stale, should it still reach
            // the queue; one an adapter already took stays with that adapter.
            var ids = groups.Select(g => g.HandOver.Id).ToList();
            await db.DeliveryHandOvers.Where(h => ids.Contains(h.Id) && h.ClaimedAt == null).ExecuteDeleteAsync(CancellationToken.None);
            var sequences = groups.SelectMany(g => g.Sequences).ToList();
            await ReleaseUnheld(db.Deliveries.Where(d => sequences.Contains(d.Sequence)), now, CancellationToken.None);
            if (e is OperationCanceledException && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"the broker did not confirm {sequences.Count} hand-overs within {HandOverTimeout.TotalSeconds:0} s"));
            }

            throw;
        }

        return groups.Sum(g => g.Sequences.Count);
    }

    /// <summary>
    /// Takes back deliveries whose queue message or sender was lost: those of hand-overs whose lease ran out, and rows an
    /// earlier release handed over with a lease of their own. Returns how many.
    /// </summary>
    public async Task<int> ReleaseExpiredAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.DeliveryHandOvers.Where(h => h.LeaseExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        var released = await ReleaseUnheld(db.Deliveries, now, cancellationToken);
        return released + await Release(
            db.Deliveries.Where(d => (d.State == DeliveryState.Queued || d.State == DeliveryState.Sending) && d.LeaseExpiresAt < now), now, cancellationToken);
    }

    /// <summary>Of <paramref name="rows"/>, gives back the queued ones whose hand-over is gone (it expired, or was never confirmed by the broker).</summary>
    private Task<int> ReleaseUnheld(IQueryable<Delivery> rows, DateTime now, CancellationToken cancellationToken) => Release(
        rows.Where(d => d.State == DeliveryState.Queued && d.LeaseExpiresAt == null && !db.DeliveryHandOvers.Any(h => h.Id == d.Token)), now, cancellationToken);

    /// <summary>
    /// Of <paramref name="rows"/>, those that may go now: their channel is on and not at its limit, and nothing earlier
    /// of the same purchase order is still on its way on that channel (nor, by <paramref name="unfannedFrom"/>, about
    /// to be).
    /// </summary>
    private IQueryable<Delivery> Due(IQueryable<Delivery> rows, long unfannedFrom, List<Guid> saturated) => rows.Where(d =>
        !saturated.Contains(d.ChannelId)
        && db.BuyerChannels.Any(c => c.Id == d.ChannelId && c.Enabled)
        && (d.OrderNumber == null
            || (d.OutboxSequence < unfannedFrom
                && !db.Deliveries.Any(e => e.ChannelId == d.ChannelId && e.OrderNumber == d.OrderNumber
                    && e.OutboxSequence < d.OutboxSequence && e.State != DeliveryState.Delivered))));

    private static Task<int> Release(IQueryable<Delivery> rows, DateTime now, CancellationToken cancellationToken) =>
        rows.ExecuteUpdateAsync(s => s
            .SetProperty(d => d.State, d => d.Attempts > 0 ? DeliveryState.Retrying : DeliveryState.Pending)
            .SetProperty(d => d.NextAttemptAt, now)
            .SetProperty(d => d.Token, (Guid?)null)
            .SetProperty(d => d.LeaseExpiresAt, (DateTime?)null), cancellationToken);

    /// <summary>One message's worth of deliveries and the hand-over that holds them.</summary>
    private sealed class Group(DeliveryHandOver handOver, List<long> sequences)
    {
        public DeliveryHandOver HandOver { get; } = handOver;

        public List<long> Sequences { get; set; } = sequences;
    }
}
