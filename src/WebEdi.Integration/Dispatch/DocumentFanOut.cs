using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Data.Deliveries;

namespace WebEdi.Integration.Dispatch;

/// <summary>
/// Turns new outbox documents into one <see cref="Delivery"/> per channel their buyer has switched on, oldest first,
/// in one transaction per batch. Several processes may run it: a row is claimed with a lease before it is fanned out,
/// and the unique (document, channel) index keeps a late second claimer from creating a delivery twice.
/// </summary>
/// <remarks>
/// A document of a buyer with no channel switched on gets no delivery: it stays on its order's page and in the nightly
/// export, but a channel set up later starts with the documents that come after it.
/// </remarks>
public sealed class DocumentFanOut(WebEdiDbContext db, TimeProvider clock)
{
    public const int BatchSize = 1000;

    /// <summary>A claimed batch not finished by then (its process died) is claimed again.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    /// <summary>Fans out one batch; returns how many documents it handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await db.OutboxMessages
            .Where(m => m.DispatchedAt == null && (m.LeaseExpiresAt == null || m.LeaseExpiresAt < now))
            .OrderBy(m => m.Sequence).Select(m => m.Sequence).Take(BatchSize).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return 0;
        }

        // A fresh token per batch names exactly the rows this batch won; the same condition again in the UPDATE
        // means that of two processes racing for a row only one gets it.
        var token = $"{AdapterInstance.Name}/{Guid.NewGuid():N}";
        await db.OutboxMessages
            .Where(m => candidates.Contains(m.Sequence) && m.DispatchedAt == null && (m.LeaseExpiresAt == null || m.LeaseExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, token).SetProperty(m => m.LeaseExpiresAt, now + Lease), cancellationToken);
        var (first, last) = (candidates[0], candidates[^1]);

        // One INSERT … SELECT for the whole batch (plain SQL both providers run), rather than an entity per delivery:
        // the fan-out is on the path of every document, so it must cost rows, not round trips.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
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
        var claimed = await db.OutboxMessages.Where(m => candidates.Contains(m.Sequence) && m.LeaseOwner == token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.DispatchedAt, now)
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseExpiresAt, (DateTime?)null), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }
}
