using Microsoft.EntityFrameworkCore;
using WebEdi.Data;

namespace WebEdi.Integration.Exchange;

/// <summary>
/// The database lease that keeps two processes (two scheduler instances, a scheduler and a command line) from running
/// one buyer's exchange at once. Taken by one conditional UPDATE, renewed while the run works, released at its end; a
/// process that dies leaves a lease that simply expires.
/// </summary>
public sealed class ExchangeLease(WebEdiDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(10);

    /// <summary>Identifies this process in the lease column and in the logs.</summary>
    public static readonly string Instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    private DateTime _renewedAt;

    /// <summary>
    /// Takes the buyer's lease if nobody holds it. <paramref name="scheduledAnchor"/> (scheduled runs) and
    /// <paramref name="requested"/> ("run now") make the claim conditional on the exchange still being due, so a second
    /// scheduler that saw the same due run a moment late does not run it again after the first one finished.
    /// </summary>
    public async Task<bool> TryTakeAsync(Guid buyerId, DateTime? scheduledAnchor, bool requested, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.BuyerExchanges.Where(e => e.BuyerId == buyerId && (e.LeaseExpiresAt == null || e.LeaseExpiresAt < now));
        if (scheduledAnchor is { } anchor)
        {
            query = query.Where(e => e.ScheduleAnchor == anchor);
        }

        if (requested)
        {
            query = query.Where(e => e.RunRequestedAt != null);
        }

        var taken = await query.ExecuteUpdateAsync(s => s
            .SetProperty(e => e.LeaseOwner, Instance)
            .SetProperty(e => e.LeaseExpiresAt, now + Duration), cancellationToken) == 1;
        _renewedAt = now;
        return taken;
    }

    /// <summary>Extends the lease when a third of it has passed; cheap to call often.</summary>
    public async Task RenewAsync(Guid buyerId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (now - _renewedAt < Duration / 3)
        {
            return;
        }

        var renewed = await db.BuyerExchanges.Where(e => e.BuyerId == buyerId && e.LeaseOwner == Instance)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.LeaseExpiresAt, now + Duration), cancellationToken);
        if (renewed == 0)
        {
            throw new InvalidOperationException("the exchange's lease was lost (the run took longer than its lease and another process took over).");
        }

        _renewedAt = now;
    }

    /// <summary>
    /// Gives the lease back. A scheduled run moves the schedule on to <paramref name="newAnchor"/>; a requested run
    /// clears the request it served (<paramref name="servedRequest"/>) — not one made while it ran.
    /// </summary>
    public Task ReleaseAsync(Guid buyerId, DateTime? newAnchor, DateTime? servedRequest, CancellationToken cancellationToken)
    {
        var mine = db.BuyerExchanges.Where(e => e.BuyerId == buyerId && e.LeaseOwner == Instance);
        return (newAnchor, servedRequest) switch
        {
            ({ } anchor, _) => mine.ExecuteUpdateAsync(s => s
                .SetProperty(e => e.LeaseOwner, (string?)null).SetProperty(e => e.LeaseExpiresAt, (DateTime?)null)
                .SetProperty(e => e.ScheduleAnchor, anchor), cancellationToken),
            (null, { } request) => mine.ExecuteUpdateAsync(s => s
                .SetProperty(e => e.LeaseOwner, (string?)null).SetProperty(e => e.LeaseExpiresAt, (DateTime?)null)
                .SetProperty(e => e.RunRequestedAt, e => e.RunRequestedAt == request ? null : e.RunRequestedAt)
                .SetProperty(e => e.RunRequestedBy, e => e.RunRequestedAt == request ? null : e.RunRequestedBy), cancellationToken),
            _ => mine.ExecuteUpdateAsync(s => s
                .SetProperty(e => e.LeaseOwner, (string?)null).SetProperty(e => e.LeaseExpiresAt, (DateTime?)null), cancellationToken),
        };
    }
}
