using Microsoft.EntityFrameworkCore;
using WebEdi.Data;

namespace WebEdi.Integration.Exchange.Outbound;

/// <summary>
/// The end of the outbox up to which every row is committed — the upper bound an export may move its watermark to.
/// Outbox positions are handed out when a row is inserted but become visible when its transaction commits, so on a
/// database with concurrent writers a committed position 120 does not mean 119 is committed: 119's transaction may
/// still be open, and a watermark at 120 would skip it forever.
/// </summary>
/// <remarks>
/// SQLite has one writer at a time, so its visible end is already stable. On PostgreSQL the horizon is the largest
/// visible position, after every transaction that was open when it was read has ended (twice: a transaction that had
/// drawn its position but not yet its transaction id at the first look has one at the second).
/// </remarks>
public sealed class OutboxHorizon(WebEdiDbContext db, TimeProvider clock)
{
    /// <summary>Longer than any transaction that writes documents; past it the export fails and the next run tries again.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    public async Task<long> StableEndAsync(CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return await db.OutboxMessages.MaxAsync(m => (long?)m.Sequence, cancellationToken) ?? 0;
        }

        var first = await db.Database.SqlQueryRaw<Snapshot>(
                "SELECT pg_current_snapshot()::text AS \"Value\", (SELECT COALESCE(MAX(\"Sequence\"), 0) FROM \"OutboxMessages\") AS \"End\"")
            .SingleAsync(cancellationToken);
        await WaitForAsync(first.Value, cancellationToken);
        var second = await db.Database.SqlQueryRaw<string>("SELECT pg_current_snapshot()::text AS \"Value\"").SingleAsync(cancellationToken);
        await WaitForAsync(second, cancellationToken);
        return first.End;
    }

    private async Task WaitForAsync(string snapshot, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        while (!await db.Database.SqlQueryRaw<bool>(
                   "SELECT pg_snapshot_xmin(pg_current_snapshot()) >= pg_snapshot_xmax({0}::pg_snapshot) AS \"Value\"", snapshot)
                   .SingleAsync(cancellationToken))
        {
            if (clock.GetUtcNow() - started > MaxWait)
            {
                throw new IOException($"a database transaction has stayed open for more than {MaxWait.TotalSeconds:0} s; the export waits for it to end and will run again.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), clock, cancellationToken);
        }
    }

    private sealed record Snapshot(string Value, long End);
}
