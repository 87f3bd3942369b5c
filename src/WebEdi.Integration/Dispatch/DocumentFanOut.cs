using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Data.Deliveries;

namespace WebEdi.Integration.Dispatch;

/// <summary>
/// Turns new outbox documents into one <see cref="Delivery"/> per channel their buyer has switched on, oldest first,
/// in one transaction per batch. Several processes may run it: marking a batch dispatched is the claim, in the same
/// transaction as its deliveries, so a row is fanned out by exactly one of them, and a process that dies mid-batch
/// leaves its rows as they were.
/// </summary>
/// <remarks>
/// A document of a buyer with no channel switched on gets no delivery: it stays on its order's page and in the nightly
/// export, but a channel set up later starts with the documents that come after it.
/// </remarks>
public sealed class DocumentFanOut(WebEdiDbContext db, TimeProvider clock)
{
    public const int BatchSize = 1000;

    /// <summary>Fans out one batch; returns how many documents it handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        // Rows leased by a process of an earlier release (which claimed before its transaction) are left to it until
        // the lease runs out.
        var candidates = await db.OutboxMessages
            .Where(m => m.DispatchedAt == null && (m.LeaseExpiresAt == null || m.LeaseExpiresAt < now))
            .OrderBy(m => m.Sequence).Select(m => m.Sequence).Take(BatchSize).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return 0;
        }

        // The UPDATE claims: of two processes racing for a row, the second waits for the first's transaction and then
        // finds it dispatched (PostgreSQL re-reads the row; SQLite has one writer at a time). A fresh token per batch
        // names exactly the rows this batch won, and stays on them as the batch that fanned them out.
        var token = $"{AdapterInstance.Name}/{Guid.NewGuid():N}";
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.OutboxMessages
            .Where(m => candidates.Contains(m.Sequence) && m.DispatchedAt == null && (m.LeaseExpiresAt == null || m.LeaseExpiresAt < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.DispatchedAt, now)
                .SetProperty(m => m.LeaseOwner, token)
                .SetProperty(m => m.LeaseExpiresAt, (DateTime?)null), cancellationToken);
        if (claimed > 0)
        {
            // One INSERT … SELECT for the whole batch (plain SQL both providers run), rather than an entity per
            // delivery: the fan-out is on the path of every document, so it must cost rows, not round trips.
            var (first, last) = (candidates[0], candidates[^1]);
            var pending = nameof(DeliveryState.Pending);
            var enabled = true;
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Deliveries" ("OutboxSequence", "DocumentId", "ChannelId", "BuyerId", "Kind", "MessageType", "OrderNumber", "State", "Attempts", "CreatedAt", "Replays")
                SELECT m."Sequence", m."Id", c."Id", m."BuyerId", c."Kind", m."MessageType", m."OrderNumber", {pending}, 0, {now}, 0
                FROM "OutboxMessages" m
                JOIN "BuyerChannels" c ON c."BuyerId" = m."BuyerId" AND c."Enabled" = {enabled}
                WHERE m."Sequence" BETWEEN {first} AND {last} AND m."LeaseOwner" = {token}
                ORDER BY m."Sequence", c."Kind"
                """, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }
}
