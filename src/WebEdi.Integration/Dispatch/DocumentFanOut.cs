using MassTransit;
using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Data.Bulk;
using WebEdi.Data.Deliveries;
using WebEdi.Data.Outbox;

namespace WebEdi.Integration.Dispatch;

/// <summary>
/// Turns new outbox documents into one <see cref="Delivery"/> per channel their buyer has switched on, oldest first,
/// in one transaction per batch, and puts those that may go at once straight on their adapters' queues. Several
/// processes may run it: taking a batch off the <see cref="FanOutQueueEntry">fan-out queue</see> is the claim, in the
/// same transaction as its deliveries, so a document is fanned out by exactly one of them, and a process that dies
/// mid-batch leaves the queue as it was.
/// </summary>
/// <remarks>
/// <para>
/// A delivery is queued at once when the scheduler would queue it on its next pass (<see cref="DeliveryScheduler"/>):
/// its channel is below its in-flight limit, and nothing earlier of the same purchase order is on its way on that
/// channel or not fanned out yet. The others are created pending, and the scheduler queues them when their turn comes.
/// Queuing here saves every document a pass of the scheduler — a scan and an update of its row — on the way to the
/// buyer.
/// </para>
/// <para>
/// A document of a buyer with no channel switched on gets no delivery: it stays on its order's page and in the nightly
/// export, but a channel set up later starts with the documents that come after it.
/// </para>
/// </remarks>
public sealed class DocumentFanOut(WebEdiDbContext db, ISendEndpointProvider endpoints, TimeProvider clock)
{
    /// <summary>
    /// Documents per batch: the pipeline's step. The adapters start on a burst only once its first batch is committed,
    /// and the burst is done only once its last batch is sent, so a larger batch costs every burst a longer start and
    /// end; a smaller one pays the batch's fixed statements more often. In the deliveries benchmark 1,000 beat 2,500
    /// and 1,500 (start and end) and 500 (fixed cost). docs/benchmarks.md, Deliveries.
    /// </summary>
    public const int BatchSize = 1000;

    /// <summary>Fans out one batch; returns how many documents it handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The queue's oldest entries, then their documents by key — two lookups whose cost does not depend on how many
        // documents came before. (Joined in one query, PostgreSQL may plan a merge join that walks the outbox's key from
        // its first document to the queue's: 200 ms a batch at 260,000 documents, growing with the outbox.)
        var queued = await db.FanOutQueue.OrderBy(q => q.Sequence).Select(q => q.Sequence).Take(BatchSize).ToListAsync(cancellationToken);
        if (queued.Count == 0)
        {
            return 0;
        }

        var candidates = await db.OutboxMessages
            .Where(m => queued.Contains(m.Sequence))
            .OrderBy(m => m.Sequence)
            .Select(m => new Document(m.Sequence, m.Id, m.BuyerId, m.MessageType, m.OrderNumber))
            .ToListAsync(cancellationToken);

        // Deleting the batch's queue entries is the claim: of two processes racing for an entry, the second waits for
        // the first's transaction and then finds it gone (PostgreSQL re-reads the row; SQLite has one writer at a
        // time). The loser lets its whole batch go and looks again after its poll interval — one process keeps up
        // with the outbox, and a second is there to take over when the first stops.
        var sequences = candidates.Select(c => c.Sequence).ToList();
        List<HandOverGroup> groups;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var claimed = await db.FanOutQueue.Where(q => sequences.Contains(q.Sequence)).ExecuteDeleteAsync(cancellationToken);
            if (claimed < candidates.Count)
            {
                await transaction.RollbackAsync(cancellationToken);
                return 0;
            }

            groups = await CreateDeliveriesAsync(candidates, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await new HandOvers(db, endpoints, clock).SendAsync(groups, now, cancellationToken);
        return candidates.Count;
    }

    /// <summary>
    /// Writes the deliveries of <paramref name="documents"/> (oldest first) and the hand-overs of those that may go at
    /// once; returns the hand-overs with their rows, to be sent once committed.
    /// </summary>
    private async Task<List<HandOverGroup>> CreateDeliveriesAsync(List<Document> documents, DateTime now, CancellationToken cancellationToken)
    {
        var buyers = documents.Select(d => d.BuyerId).Distinct().ToList();
        var channels = (await db.BuyerChannels.AsNoTracking().Where(c => buyers.Contains(c.BuyerId) && c.Enabled).ToListAsync(cancellationToken))
            .OrderBy(c => c.Kind.ToString(), StringComparer.Ordinal).ToLookup(c => c.BuyerId);
        var rows = documents.SelectMany(d => channels[d.BuyerId].Select(c => (Document: d, Channel: c))).ToList();
        if (rows.Count == 0)
        {
            return [];
        }

        var due = await DueAsync(rows, cancellationToken);
        var split = HandOvers.Split(due, r => r.Channel.Id, r => r.Channel.Kind, channels.SelectMany(c => c).ToDictionary(c => c.Id, c => c.TimeoutSeconds), now);
        var handOverOf = split.SelectMany(x => x.Members.Select(r => (Row: r, x.Group.HandOver.Id))).ToDictionary(x => (x.Row.Document.Sequence, x.Row.Channel.Id), x => x.Id);
        var deliveries = rows.Select(r => Delivery.Create(
                r.Document.Sequence, r.Document.Id, r.Document.MessageType, r.Document.OrderNumber, r.Channel, now,
                handOverOf.TryGetValue((r.Document.Sequence, r.Channel.Id), out var handOver) ? handOver : null))
            .ToList();
        var groups = split.Select(x => x.Group).ToList();
        await db.SaveAsync([.. groups.Select(g => g.HandOver), .. deliveries], cancellationToken);
        if (groups.Count == 0)
        {
            return groups;
        }

        // The rows' sequences, which the database numbered, for the messages (by the unique document-and-channel key).
        var tokens = groups.Select(g => (Guid?)g.HandOver.Id).ToList();
        var (first, last) = (documents[0].Sequence, documents[^1].Sequence);
        var queued = await db.Deliveries
            .Where(d => d.OutboxSequence >= first && d.OutboxSequence <= last && tokens.Contains(d.Token))
            .Select(d => new { d.Sequence, d.Token }).ToListAsync(cancellationToken);
        var byToken = queued.ToLookup(d => d.Token!.Value, d => d.Sequence);
        foreach (var group in groups)
        {
            group.Sequences = [.. byToken[group.HandOver.Id].Order()];
        }

        return groups;
    }

    /// <summary>
    /// Of the new deliveries (in document order), those that may go now, by the scheduler's rule: the channel is below
    /// its in-flight limit, and for a document of an order, every older document is fanned out and none of that order
    /// is still on its way on the channel — an older delivery already in the table, or one in this batch.
    /// </summary>
    private async Task<List<(Document Document, BuyerChannel Channel)>> DueAsync(
        List<(Document Document, BuyerChannel Channel)> rows, CancellationToken cancellationToken)
    {
        // Inside the claim's transaction, so this batch's own rows count as fanned out.
        var unfannedFrom = await DeliveryScheduler.UnfannedFromAsync(db, cancellationToken);
        var channelIds = rows.Select(r => r.Channel.Id).Distinct().ToList();
        var inFlight = await db.Deliveries
            .Where(d => (d.State == DeliveryState.Queued || d.State == DeliveryState.Sending) && channelIds.Contains(d.ChannelId))
            .GroupBy(d => d.ChannelId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var orders = rows.Select(r => r.Document.OrderNumber).OfType<string>().Distinct().ToList();
        var onItsWay = orders.Count == 0
            ? []
            : await db.Deliveries
                .Where(d => channelIds.Contains(d.ChannelId) && orders.Contains(d.OrderNumber!) && d.State != DeliveryState.Delivered)
                .GroupBy(d => new { d.ChannelId, d.OrderNumber })
                .Select(g => new { g.Key.ChannelId, g.Key.OrderNumber, Oldest = g.Min(d => d.OutboxSequence) })
                .ToDictionaryAsync(g => (g.ChannelId, g.OrderNumber!), g => g.Oldest, cancellationToken);

        var seen = new HashSet<(Guid, string)>();
        var due = new List<(Document, BuyerChannel)>();
        foreach (var row in rows)
        {
            var (document, channel) = row;
            var inOrder = document.OrderNumber is not { } order
                || (seen.Add((channel.Id, order))
                    && document.Sequence < unfannedFrom
                    && !(onItsWay.TryGetValue((channel.Id, order), out var oldest) && oldest < document.Sequence));
            var count = inFlight.GetValueOrDefault(channel.Id);
            if (inOrder && count < DeliveryScheduler.InFlightPerChannel(channel.Kind))
            {
                inFlight[channel.Id] = count + 1;
                due.Add(row);
            }
        }

        return due;
    }

    private sealed record Document(long Sequence, Guid Id, Guid BuyerId, string MessageType, string? OrderNumber);
}
