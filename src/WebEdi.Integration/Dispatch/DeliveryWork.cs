using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WebEdi.Data;
using WebEdi.Data.Deliveries;
using WebEdi.Integration.Channels;

namespace WebEdi.Integration.Dispatch;

/// <summary>
/// What an adapter process does with queued deliveries, whatever the channel: claims the rows the messages still hold
/// (Queued → Sending, under a fresh token), sends them through the channel's adapter, and records every outcome —
/// delivered, retrying with the next attempt time, or dead — with an attempt row. A stale message (its row was taken
/// back and queued again, or already sent) is dropped, so under normal operation nothing is sent twice.
/// </summary>
public sealed partial class DeliveryWork(WebEdiDbContext db, RetrySchedule retry, TimeProvider clock, ILogger<DeliveryWork> logger)
{
    /// <summary>
    /// A row being sent is taken back this long after the channel's time-out has passed (its sender died): soon enough
    /// that a killed process delays its documents by less than a minute, late enough that no live sender is overtaken.
    /// </summary>
    public static readonly TimeSpan SendLeaseMargin = TimeSpan.FromSeconds(30);

    public async Task RunAsync(IReadOnlyCollection<DeliverDocument> messages, IChannelAdapter adapter, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claim = Guid.NewGuid();
        var all = messages.Select(m => m.DeliverySequence).ToList();
        var timeout = await db.Deliveries.Where(d => all.Contains(d.Sequence))
            .Join(db.BuyerChannels, d => d.ChannelId, c => c.Id, (_, c) => (int?)c.TimeoutSeconds).MaxAsync(cancellationToken) ?? 0;
        var leaseUntil = now + TimeSpan.FromSeconds(timeout) + SendLeaseMargin;
        foreach (var handOver in messages.GroupBy(m => m.Token))
        {
            var sequences = handOver.Select(m => m.DeliverySequence).ToList();
            await db.Deliveries
                .Where(d => sequences.Contains(d.Sequence) && d.State == DeliveryState.Queued && d.Token == handOver.Key && d.Kind == adapter.Kind)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.State, DeliveryState.Sending)
                    .SetProperty(d => d.Token, claim)
                    .SetProperty(d => d.LeaseExpiresAt, leaseUntil), cancellationToken);
        }

        var rows = await db.Deliveries.Where(d => d.Token == claim).OrderBy(d => d.Sequence).ToListAsync(cancellationToken);
        if (rows.Count < messages.Count)
        {
            LogStale(logger, messages.Count - rows.Count, adapter.Kind);
        }

        if (rows.Count == 0)
        {
            return;
        }

        var outboxSequences = rows.Select(r => r.OutboxSequence).ToList();
        var payloads = await db.OutboxMessages.AsNoTracking().Where(m => outboxSequences.Contains(m.Sequence))
            .Select(m => new { m.Sequence, m.Payload, m.CreatedAt }).ToDictionaryAsync(m => m.Sequence, cancellationToken);
        var channelIds = rows.Select(r => r.ChannelId).Distinct().ToList();
        var channels = await db.BuyerChannels.AsNoTracking().Where(c => channelIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var buyerIds = rows.Select(r => r.BuyerId).Distinct().ToList();
        var buyers = await db.Companies.AsNoTracking().Where(c => buyerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Code, cancellationToken);

        var documents = rows.Select(r => new OutboundDocument(
            r.Sequence, r.DocumentId, r.MessageType, payloads[r.OutboxSequence].Payload, payloads[r.OutboxSequence].CreatedAt,
            r.OrderNumber, buyers[r.BuyerId], channels[r.ChannelId])).ToList();
        var outcomes = await adapter.SendAsync(documents, cancellationToken);

        for (var i = 0; i < rows.Count; i++)
        {
            var (row, outcome) = (rows[i], outcomes[i]);
            if (outcome.Succeeded)
            {
                row.Succeeded(outcome.StartedAt, outcome.FinishedAt, outcome.StatusCode, AdapterInstance.Name);
            }
            else
            {
                row.Failed(outcome.StartedAt, outcome.FinishedAt, outcome.StatusCode, outcome.Error ?? "failed without a reason.",
                    retry.DelayAfter(row.Attempts + 1), channels[row.ChannelId].RetryWindow, outcome.Permanent, AdapterInstance.Name);
                LogFailed(logger, row.DocumentId, adapter.Kind, buyers[row.BuyerId], row.State, outcome.Error);
            }
        }

        await SaveAsync(rows, claim, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} {Kind} delivery messages were stale (their rows were taken back, queued again or sent already) and were dropped.")]
    private static partial void LogStale(ILogger logger, int count, ChannelKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId} not delivered over {Kind} to {Buyer} ({State}): {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid documentId, ChannelKind kind, string buyer, DeliveryState state, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId} was taken back while it was being sent (its lease ran out); its outcome is left to the process that holds it now.")]
    private static partial void LogLostLease(ILogger logger, Guid documentId);
}
