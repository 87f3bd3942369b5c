using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Data.Deliveries;

namespace WebEdi.Integration.Deliveries;

/// <summary>The delivery log's tabs: the states a person asks about.</summary>
public enum DeliveryView
{
    All,

    /// <summary>Not sent yet: pending, queued or being sent.</summary>
    Waiting,

    Retrying,

    Dead,

    Delivered,
}

/// <summary>What the delivery log shows; every part optional. Dates are days in the viewer's time zone, both ends included.</summary>
public sealed record DeliveryFilter(
    DeliveryView View = DeliveryView.All, ChannelKind? Kind = null, string? MessageType = null, string? OrderNumber = null,
    DateOnly? From = null, DateOnly? To = null, Guid? BuyerId = null);

/// <summary>One delivery as a row of the log.</summary>
/// <param name="Held">Pending only because an earlier document of the same order on this channel has not been delivered yet.</param>
public sealed record DeliveryRow(
    long Sequence, Guid DocumentId, string BuyerCode, string BuyerName, string MessageType, string? OrderNumber, ChannelKind Kind,
    DeliveryState State, int Attempts, DateTime CreatedAt, DateTime? NextAttemptAt, DateTime? DeliveredAt, DateTime? DeadAt,
    string? LastError, int Replays, bool Held);

public sealed record DeliveryPage(IReadOnlyList<DeliveryRow> Rows, int Page, int PageSize, int TotalCount, IReadOnlyDictionary<DeliveryView, int> Counts)
{
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
}

/// <summary>One delivery with its document, its failed attempts (newest first) and who delivered it, for its detail page.</summary>
public sealed record DeliveryDetail(DeliveryRow Delivery, string Payload, string? ChannelTarget, IReadOnlyList<DeliveryAttempt> Failures, string? DeliveredBy);

/// <summary>
/// The delivery log: a buyer's own deliveries (every query takes the buyer, so one buyer never sees or replays
/// another's), the platform operator's view of stuck deliveries across buyers, and replays.
/// </summary>
public sealed class DeliveryLog(WebEdiDbContext db, TimeProvider clock)
{
    public const int PageSize = 50;

    /// <summary>A delivery retried this often is shown to the platform operator as stuck, though it is not dead yet.</summary>
    public const int StuckAfterAttempts = 3;

    /// <summary>A delivery pending this long (its channel off, or held behind a dead one) is stuck too.</summary>
    public static readonly TimeSpan StuckWhenPendingFor = TimeSpan.FromMinutes(15);

    public Task<DeliveryPage> ForBuyerAsync(Guid buyerId, DeliveryFilter filter, int page, TimeZoneInfo timeZone, CancellationToken cancellationToken) =>
        PageAsync(db.Deliveries.Where(d => d.BuyerId == buyerId), filter, page, timeZone, cancellationToken);

    /// <summary>
    /// Deliveries across all buyers that need a look: dead, retried <see cref="StuckAfterAttempts"/> times or more,
    /// waiting for longer than <see cref="StuckWhenPendingFor"/>, or handed over and not finished within the lease.
    /// </summary>
    public Task<DeliveryPage> StuckAsync(DeliveryFilter filter, int page, TimeZoneInfo timeZone, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var pendingSince = now - StuckWhenPendingFor;
        var stuck = db.Deliveries.Where(d =>
            d.State == DeliveryState.Dead
            || (d.State == DeliveryState.Retrying && d.Attempts >= StuckAfterAttempts)
            || (d.State == DeliveryState.Pending && d.CreatedAt < pendingSince && (d.ReplayedAt == null || d.ReplayedAt < pendingSince))
            || ((d.State == DeliveryState.Queued || d.State == DeliveryState.Sending) && d.LeaseExpiresAt < now)
            || (d.State == DeliveryState.Queued && db.DeliveryHandOvers.Any(h => h.Id == d.Token && h.LeaseExpiresAt < now)));
        return PageAsync(filter.BuyerId is { } buyer ? stuck.Where(d => d.BuyerId == buyer) : stuck, filter, page, timeZone, cancellationToken);
    }

    /// <summary>One delivery of the buyer (null: any buyer, for the platform operator), or null when there is none.</summary>
    public async Task<DeliveryDetail?> DetailAsync(Guid? buyerId, long sequence, CancellationToken cancellationToken)
    {
        var query = db.Deliveries.AsNoTracking().Where(d => d.Sequence == sequence);
        if (buyerId is { } buyer)
        {
            query = query.Where(d => d.BuyerId == buyer);
        }

        var row = (await RowsAsync(query, cancellationToken)).SingleOrDefault();
        if (row is null)
        {
            return null;
        }

        var delivery = await query.Select(d => new { d.OutboxSequence, d.ChannelId, d.DeliveredBy }).SingleAsync(cancellationToken);
        var payload = await db.OutboxMessages.Where(m => m.Sequence == delivery.OutboxSequence).Select(m => m.Payload).SingleAsync(cancellationToken);
        var channel = await db.BuyerChannels.AsNoTracking().SingleAsync(c => c.Id == delivery.ChannelId, cancellationToken);
        var attempts = await db.DeliveryAttempts.AsNoTracking().Where(a => a.DeliverySequence == sequence)
            .OrderByDescending(a => a.Id).ToListAsync(cancellationToken);
        var target = channel.Kind switch
        {
            ChannelKind.Webhook => channel.Url,
            ChannelKind.Bus => Channels.Bus.BuyerReplyQueues.Name(row.BuyerCode),
            _ => null,
        };
        return new DeliveryDetail(row, payload, target, attempts, delivery.DeliveredBy);
    }

    /// <summary>
    /// Sends a delivered, retrying or dead document again, with the same document id and a fresh retry window.
    /// False when there is no such delivery of the buyer, or it is on its way already.
    /// </summary>
    public async Task<bool> ReplayAsync(Guid? buyerId, long sequence, CancellationToken cancellationToken)
    {
        var delivery = await db.Deliveries.SingleOrDefaultAsync(d => d.Sequence == sequence && (buyerId == null || d.BuyerId == buyerId), cancellationToken);
        if (delivery is null || !delivery.Replay(clock.GetUtcNow().UtcDateTime))
        {
            return false;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // It was just handed to an adapter, which holds it now.
            return false;
        }
    }

    /// <summary>Replays every dead delivery of the buyer (null: of every buyer); returns how many.</summary>
    public Task<int> ReplayDeadAsync(Guid? buyerId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Deliveries.Where(d => d.State == DeliveryState.Dead && (buyerId == null || d.BuyerId == buyerId))
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.State, DeliveryState.Pending)
                .SetProperty(d => d.Attempts, 0)
                .SetProperty(d => d.FirstAttemptAt, (DateTime?)null)
                .SetProperty(d => d.NextAttemptAt, (DateTime?)null)
                .SetProperty(d => d.DeadAt, (DateTime?)null)
                .SetProperty(d => d.Replays, d => d.Replays + 1)
                .SetProperty(d => d.ReplayedAt, now), cancellationToken);
    }

    private async Task<DeliveryPage> PageAsync(IQueryable<Delivery> scope, DeliveryFilter filter, int page, TimeZoneInfo timeZone, CancellationToken cancellationToken)
    {
        var filtered = Apply(scope, filter, timeZone);
        var byState = await filtered.GroupBy(d => d.State).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var counts = Enum.GetValues<DeliveryView>().ToDictionary(v => v, v => States(v).Sum(byState.GetValueOrDefault));
        var states = States(filter.View);
        if (filter.View != DeliveryView.All)
        {
            filtered = filtered.Where(d => states.Contains(d.State));
        }

        var total = counts[filter.View];
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await RowsAsync(filtered.OrderByDescending(d => d.Sequence).Skip((page - 1) * PageSize).Take(PageSize), cancellationToken);
        return new DeliveryPage(rows, page, PageSize, total, counts);
    }

    public static IReadOnlyList<DeliveryState> States(DeliveryView view) => view switch
    {
        DeliveryView.Waiting => [DeliveryState.Pending, DeliveryState.Queued, DeliveryState.Sending],
        DeliveryView.Retrying => [DeliveryState.Retrying],
        DeliveryView.Dead => [DeliveryState.Dead],
        DeliveryView.Delivered => [DeliveryState.Delivered],
        _ => Enum.GetValues<DeliveryState>(),
    };

    private static IQueryable<Delivery> Apply(IQueryable<Delivery> query, DeliveryFilter filter, TimeZoneInfo timeZone)
    {
        if (filter.Kind is { } kind)
        {
            query = query.Where(d => d.Kind == kind);
        }

        if (filter.MessageType is { Length: > 0 } type)
        {
            query = query.Where(d => d.MessageType == type);
        }

        if (filter.OrderNumber?.Trim() is { Length: > 0 } number)
        {
            query = query.Where(d => d.OrderNumber == number);
        }

        if (filter.From is { } from)
        {
            var start = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), timeZone);
            query = query.Where(d => d.CreatedAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), timeZone);
            query = query.Where(d => d.CreatedAt < end);
        }

        return query;
    }

    private async Task<List<DeliveryRow>> RowsAsync(IQueryable<Delivery> query, CancellationToken cancellationToken)
    {
        var rows = await query
            .Join(db.Companies, d => d.BuyerId, c => c.Id, (d, c) => new { d, c.Code, c.Name })
            .Select(x => new
            {
                x.d.Sequence, x.d.DocumentId, x.Code, x.Name, x.d.MessageType, x.d.OrderNumber, x.d.Kind,

                // A queued row whose hand-over an adapter has taken is being sent.
                State = x.d.State == DeliveryState.Queued && db.DeliveryHandOvers.Any(h => h.Id == x.d.Token && h.ClaimedAt != null) ? DeliveryState.Sending : x.d.State,
                x.d.Attempts,
                x.d.CreatedAt, x.d.NextAttemptAt, x.d.DeliveredAt, x.d.DeadAt, x.d.LastError, x.d.Replays, x.d.ChannelId, x.d.OutboxSequence,
            })
            .ToListAsync(cancellationToken);

        // Which of the pending rows wait behind an earlier document of their order (one query for the page).
        var pending = rows.Where(r => r.State == DeliveryState.Pending && r.OrderNumber is not null).ToList();
        var held = new HashSet<long>();
        if (pending.Count > 0)
        {
            var channels = pending.Select(r => r.ChannelId).Distinct().ToList();
            var orders = pending.Select(r => r.OrderNumber!).Distinct().ToList();
            var undelivered = await db.Deliveries.AsNoTracking()
                .Where(d => channels.Contains(d.ChannelId) && orders.Contains(d.OrderNumber!) && d.State != DeliveryState.Delivered)
                .Select(d => new { d.ChannelId, d.OrderNumber, d.OutboxSequence }).ToListAsync(cancellationToken);
            foreach (var row in pending.Where(r => undelivered.Any(u => u.ChannelId == r.ChannelId && u.OrderNumber == r.OrderNumber && u.OutboxSequence < r.OutboxSequence)))
            {
                held.Add(row.Sequence);
            }
        }

        return rows.Select(r => new DeliveryRow(
            r.Sequence, r.DocumentId, r.Code, r.Name, r.MessageType, r.OrderNumber, r.Kind, r.State, r.Attempts, r.CreatedAt, r.NextAttemptAt,
            r.DeliveredAt, r.DeadAt, r.LastError, r.Replays, held.Contains(r.Sequence))).ToList();
    }
}
