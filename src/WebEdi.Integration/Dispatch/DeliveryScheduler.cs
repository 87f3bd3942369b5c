using MassTransit;
using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Data.Deliveries;

namespace WebEdi.Integration.Dispatch;

/// <summary>
/// Hands due deliveries to their adapters' queues, and takes back those whose hand-over was lost: the deliveries the
/// fan-out could not queue at once (<see cref="DocumentFanOut"/>), retries, and replays. A delivery is due when
/// it is new or its retry time has come, its channel is switched on, and nothing earlier of the same purchase order is
/// still on its way on that channel — so one order's documents reach the buyer in the order they were written, and a
/// dead one holds the later ones until it is replayed.
/// </summary>
public sealed class DeliveryScheduler(WebEdiDbContext db, ISendEndpointProvider endpoints, TimeProvider clock)
{
    private readonly HandOvers _handOvers = new(db, endpoints, clock);

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
    /// down cannot fill the adapters' queues and delay every other buyer. The bus channel publishes to WebEdi's own
    /// broker, which every buyer shares anyway, so its limit only bounds how far one buyer's burst runs ahead of the
    /// others' documents — about a second of publishing, well within the <see cref="QueueLease"/> — and lets the
    /// fan-out queue such a burst at once instead of leaving most of it to the scheduler.
    /// </summary>
    public static int InFlightPerChannel(ChannelKind kind) => kind switch
    {
        ChannelKind.Webhook => 48,
        ChannelKind.FileDrop => 100,
        _ => 10_000,
    };

    /// <summary>Queues one pass of due deliveries; returns how many it queued.</summary>
    public async Task<int> QueueDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        // Most passes find nothing to do, since the fan-out queues new documents itself: a probe of the state index
        // for each state says so before the counts and scans below. (Asked as "the oldest such row", which the index
        // answers in order; asked as EXISTS, PostgreSQL reads the whole table whenever its statistics expect many
        // pending rows — as after a buyer's endpoint was down — and finds none.)
        if (await OldestAsync(db.Deliveries.Where(d => d.State == DeliveryState.Pending), cancellationToken) is null
            && await OldestAsync(db.Deliveries.Where(d => d.State == DeliveryState.Retrying && d.NextAttemptAt <= now), cancellationToken) is null)
        {
            return 0;
        }

        // Channels already at their limit are left out of the scan, so one buyer's backlog cannot hide everyone else's.
        var busy = await db.Deliveries
            .Where(d => d.State == DeliveryState.Queued || d.State == DeliveryState.Sending)
            .GroupBy(d => new { d.ChannelId, d.Kind }).Select(g => new { g.Key.ChannelId, g.Key.Kind, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var saturated = busy.Where(b => b.Count >= InFlightPerChannel(b.Kind)).Select(b => b.ChannelId).ToList();
        var inFlight = busy.ToDictionary(b => b.ChannelId, b => b.Count);

        // No more candidates than the channels that are on have room for: a webhook with 16 free places of its 48 used
        // to have a thousand read and checked for its order on every pass, to queue 16 — most of the database's time in
        // a webhook backlog. (Candidates of a channel with less room than its share are not lost: once it is full it
        // is left out of the scan, and the next pass reads the others.)
        var room = (await db.BuyerChannels.Where(c => c.Enabled).Select(c => new { c.Id, c.Kind }).ToListAsync(cancellationToken))
            .Sum(c => Math.Max(0, InFlightPerChannel(c.Kind) - inFlight.GetValueOrDefault(c.Id)));
        if (room == 0)
        {
            return 0;
        }

        var scan = Math.Min(ScanSize, room);

        // Documents are fanned out oldest first, but two processes may finish their batches in either order; so a
        // delivery waits while any older document is not fanned out yet — one of them may be an earlier document of
        // its order whose delivery does not exist yet. (One cheap MIN per pass instead of a check per delivery.)
        var unfannedFrom = await UnfannedFromAsync(db, cancellationToken);

        // New and due-again deliveries in two scans, each walking the (State, Sequence) index in order and stopping at
        // ScanSize: one condition over both states would make the database filter every waiting row before sorting.
        var pending = await Due(db.Deliveries.Where(d => d.State == DeliveryState.Pending), unfannedFrom, saturated)
            .OrderBy(d => d.Sequence).Select(d => new { d.Sequence, d.ChannelId, d.Kind }).Take(scan).ToListAsync(cancellationToken);
        var retrying = await Due(db.Deliveries.Where(d => d.State == DeliveryState.Retrying && d.NextAttemptAt <= now), unfannedFrom, saturated)
            .OrderBy(d => d.Sequence).Select(d => new { d.Sequence, d.ChannelId, d.Kind }).Take(scan).ToListAsync(cancellationToken);
        var due = pending.Concat(retrying).OrderBy(d => d.Sequence).Take(scan).ToList();
        var picked = due.GroupBy(d => d.ChannelId)
            .SelectMany(g => g.Take(InFlightPerChannel(g.First().Kind) - inFlight.GetValueOrDefault(g.Key)))
            .ToList();
        if (picked.Count == 0)
        {
            return 0;
        }

        // One message per group, each with its hand-over row. The rows and their hand-overs commit together.
        var channels = picked.Select(d => d.ChannelId).Distinct().ToList();
        var timeouts = await db.BuyerChannels.Where(c => channels.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.TimeoutSeconds, cancellationToken);
        var groups = HandOvers.Split(picked, d => d.ChannelId, d => d.Kind, timeouts, now)
            .Select(x => { x.Group.Sequences = [.. x.Members.Select(d => d.Sequence)]; return x.Group; })
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
        await _handOvers.SendAsync(groups, now, cancellationToken);
        return groups.Sum(g => g.Sequences.Count);
    }

    private static Task<long?> OldestAsync(IQueryable<Delivery> rows, CancellationToken cancellationToken) =>
        rows.OrderBy(d => d.Sequence).Select(d => (long?)d.Sequence).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The oldest outbox position not fanned out yet (none: <see cref="long.MaxValue"/>); a document of an order at or after it waits.</summary>
    internal static async Task<long> UnfannedFromAsync(WebEdiDbContext db, CancellationToken cancellationToken) =>
        await db.FanOutQueue.MinAsync(q => (long?)q.Sequence, cancellationToken) ?? long.MaxValue;

    /// <summary>
    /// Takes back deliveries whose queue message or sender was lost: those of hand-overs whose lease ran out, and rows an
    /// earlier release handed over with a lease of their own. Returns how many.
    /// </summary>
    public async Task<int> ReleaseExpiredAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.DeliveryHandOvers.Where(h => h.LeaseExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        var released = await _handOvers.ReleaseUnheldAsync(db.Deliveries, now, cancellationToken);
        return released + await HandOvers.ReleaseAsync(
            db.Deliveries.Where(d => (d.State == DeliveryState.Queued || d.State == DeliveryState.Sending) && d.LeaseExpiresAt < now), now, cancellationToken);
    }

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
}
