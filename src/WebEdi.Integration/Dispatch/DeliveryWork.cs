using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WebEdi.Data;
using WebEdi.Data.Deliveries;
using WebEdi.Integration.Channels;

namespace WebEdi.Integration.Dispatch;

/// <summary>
/// What an adapter process does with queued deliveries, whatever the channel: claims the message's hand-over (so a
/// message the broker hands out twice is sent once), sends the rows it still holds through the channel's adapter, and
/// records every outcome — delivered, retrying with the next attempt time, or dead — with an attempt row. A stale
/// message (its hand-over was given up and its rows queued again, or another adapter took it) is dropped, so under
/// normal operation nothing is sent twice.
/// </summary>
public sealed partial class DeliveryWork(WebEdiDbContext db, RetrySchedule retry, TimeProvider clock, ILogger<DeliveryWork> logger)
{
    /// <summary>
    /// A hand-over being sent is held this long, and the sender renews the hold every <see cref="RenewEvery"/> while it
    /// waits for the channel: a killed process's rows are taken back within seconds whatever the channel's time-out, and
    /// a live sender, however slow its endpoint, is not overtaken. A sender that cannot renew for this long (the database
    /// is away) may be; its document may then go out twice, which the buyer's dedupe by document id absorbs.
    /// </summary>
    public static readonly TimeSpan SendLease = TimeSpan.FromSeconds(20);

    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(5);

    public async Task RunAsync(DeliverDocuments message, IChannelAdapter adapter, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claim = message.Token;
        var all = message.Deliveries;
        var claimed = await db.DeliveryHandOvers
            .Where(h => h.Id == claim && h.ClaimedAt == null && h.Kind == adapter.Kind)
            .ExecuteUpdateAsync(s => s
                .SetProperty(h => h.ClaimedAt, now)
                .SetProperty(h => h.ClaimedBy, AdapterInstance.Name)
                .SetProperty(h => h.LeaseExpiresAt, now + SendLease), cancellationToken);
        if (claimed == 0)
        {
            LogStale(logger, all.Count, adapter.Kind);
            return;
        }

        // The rows with their documents, by key and token: the key keeps it an index lookup however long the delivery
        // history grows. (The state is checked here, not in the query: given one, PostgreSQL may walk every queued row
        // by the state index instead of looking up this message's few by key.) Their few channels come in a second
        // query rather than joined to every row.
        var held = (await (
                from d in db.Deliveries.AsNoTracking()
                where all.Contains(d.Sequence) && d.Token == claim
                join m in db.OutboxMessages on d.OutboxSequence equals m.Sequence
                orderby d.Sequence
                select new { Delivery = d, m.Payload, m.CreatedAt })
            .ToListAsync(cancellationToken))
            .Where(r => r.Delivery.State == DeliveryState.Queued).ToList();
        if (held.Count < all.Count)
        {
            LogStale(logger, all.Count - held.Count, adapter.Kind);
        }

        if (held.Count == 0)
        {
            await Done(claim);
            return;
        }

        var channelIds = held.Select(r => r.Delivery.ChannelId).Distinct().ToList();
        var channels = await (
                from c in db.BuyerChannels.AsNoTracking()
                where channelIds.Contains(c.Id)
                join b in db.Companies on c.BuyerId equals b.Id
                select new { Channel = c, b.Code })
            .ToDictionaryAsync(x => x.Channel.Id, cancellationToken);
        var rows = held.Select(r => (r.Delivery, r.Payload, r.CreatedAt, channels[r.Delivery.ChannelId].Channel, channels[r.Delivery.ChannelId].Code)).ToList();
        var documents = rows.Select(r => new OutboundDocument(
            r.Delivery.Sequence, r.Delivery.DocumentId, r.Delivery.MessageType, r.Payload, r.CreatedAt, r.Delivery.OrderNumber, r.Code, r.Channel)).ToList();
        IReadOnlyList<AttemptOutcome> outcomes;
        using (var sent = new CancellationTokenSource())
        {
            var renewing = RenewAsync(claim, sent.Token);
            try
            {
                outcomes = await adapter.SendAsync(documents, cancellationToken);
            }
            finally
            {
                // The renewal shares this context: it must have stopped before the outcomes are written.
                await sent.CancelAsync();
                await renewing;
            }
        }

        // Successes, the usual case, in one UPDATE for the batch; each failure as an entity with its attempt row.
        var delivered = rows.Zip(outcomes).Where(x => x.Second.Succeeded).ToList();
        if (delivered.Count > 0)
        {
            var sequences = delivered.Select(x => x.First.Delivery.Sequence).ToList();
            await db.Deliveries.Where(d => sequences.Contains(d.Sequence)).MarkDeliveredAsync(
                claim, delivered.Min(x => x.Second.StartedAt), delivered.Max(x => x.Second.FinishedAt), AdapterInstance.Name, cancellationToken);
        }

        var failed = new List<Delivery>();
        foreach (var (row, outcome) in rows.Zip(outcomes).Where(x => !x.Second.Succeeded))
        {
            var delivery = row.Delivery;
            db.Attach(delivery);
            failed.Add(delivery);
            delivery.Failed(outcome.StartedAt, outcome.FinishedAt, outcome.StatusCode, outcome.Error ?? "failed without a reason.",
                retry.DelayAfter(delivery.Attempts + 1), row.Channel.RetryWindow, outcome.Permanent, AdapterInstance.Name);
            LogFailed(logger, delivery.DocumentId, adapter.Kind, row.Code, delivery.State, outcome.Error);
        }

        if (failed.Count > 0)
        {
            await SaveAsync(failed, claim, cancellationToken);
        }

        await Done(claim);
    }

    /// <summary>
    /// Every row of the hand-over has its outcome: the hand-over goes. (Not after a failure: its rows are still queued
    /// under it, and its lease running out is what gives them back.)
    /// </summary>
    private Task<int> Done(Guid claim) => db.DeliveryHandOvers.Where(h => h.Id == claim).ExecuteDeleteAsync(CancellationToken.None);

    private async Task RenewAsync(Guid claim, CancellationToken sent)
    {
        using var timer = new PeriodicTimer(RenewEvery, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(sent))
            {
                try
                {
                    var until = clock.GetUtcNow().UtcDateTime + SendLease;
                    await db.DeliveryHandOvers.Where(h => h.Id == claim).ExecuteUpdateAsync(s => s.SetProperty(h => h.LeaseExpiresAt, until), sent);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRenewFailed(logger, claim, e.GetBaseException().Message);
                }
            }
        }
        catch (OperationCanceledException) when (sent.IsCancellationRequested)
        {
            // The adapter is done; the outcomes clear the lease.
        }
    }

    /// <summary>
    /// Saves the outcomes together; if some row was taken back meanwhile (its lease ran out while a slow endpoint
    /// answered), saves the others one by one and leaves that row to whoever holds it now.
    /// </summary>
    private async Task SaveAsync(List<Delivery> rows, Guid claim, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
        }

        foreach (var row in rows)
        {
            // Attach marks the new attempt rows (no key yet) as added; the row itself is an update on condition that
            // it still carries this adapter's claim.
            db.Attach(row);
            var entry = db.Entry(row);
            entry.State = EntityState.Modified;
            entry.Property(d => d.Token).OriginalValue = claim;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                LogLostLease(logger, row.DocumentId);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} {Kind} deliveries were stale (their hand-over was given up and they were queued again, or another adapter took them) and were dropped.")]
    private static partial void LogStale(ILogger logger, int count, ChannelKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId} not delivered over {Kind} to {Buyer} ({State}): {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid documentId, ChannelKind kind, string buyer, DeliveryState state, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lease of hand-over {HandOver} being sent could not be renewed ({Reason}); trying again.")]
    private static partial void LogRenewFailed(ILogger logger, Guid handOver, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId} was taken back while it was being sent (its lease ran out); its outcome is left to the process that holds it now.")]
    private static partial void LogLostLease(ILogger logger, Guid documentId);
}
