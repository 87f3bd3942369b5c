using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WebEdi.Data;
using WebEdi.Data.Notifications;

namespace WebEdi.Ordering.Notifications;

/// <summary>
/// Sends stored digests that are due. Each is first claimed with a lease (one conditional UPDATE), so two processes
/// never send the same digest; a failure is recorded and retried with back-off, and after
/// <see cref="MaxAttempts"/> the digest is marked <see cref="DigestStatus.Failed"/> — it is never deleted.
/// </summary>
/// <remarks>A crash after the SMTP server accepted a message but before it was marked sent resends it once, when the lease expires.</remarks>
public sealed partial class DigestSender(WebEdiDbContext db, IMailSender mail, TimeProvider clock, ILogger<DigestSender> logger)
{
    public const int MaxAttempts = 8;

    /// <summary>Longer than a send can take (the SMTP timeout is one minute), short enough to resume soon after a crash.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private const int BatchSize = 50;

    /// <summary>Waits after the 1st … 7th failed attempt: 2 min, 10 min, 30 min, 1 h, 3 h, 6 h, 12 h — about a day in all.</summary>
    private static readonly TimeSpan[] Backoff =
    [
        TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1),
        TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(12),
    ];

    /// <summary>How long after a failed attempt number <paramref name="attempts"/> the next one is made.</summary>
    public static TimeSpan RetryDelay(int attempts) => Backoff[Math.Clamp(attempts, 1, Backoff.Length) - 1];

    /// <summary>Sends what is due until nothing is left; returns how many were sent.</summary>
    public async Task<int> SendPendingAsync(CancellationToken cancellationToken = default)
    {
        var sent = 0;
        while (true)
        {
            var claimed = await ClaimAsync(cancellationToken);
            if (claimed.Digests.Count == 0)
            {
                return sent;
            }

            foreach (var digest in claimed.Digests)
            {
                sent += await SendAsync(digest, claimed.Owner, cancellationToken) ? 1 : 0;
            }
        }
    }

    private async Task<(string Owner, List<SupplierDigest> Digests)> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        owner = owner.Length <= 100 ? owner : owner[^100..];
        var candidates = await db.SupplierDigests.AsNoTracking()
            .Where(d => d.Status == DigestStatus.Pending && d.NextAttemptAt <= now && (d.LeaseExpiresAt == null || d.LeaseExpiresAt < now))
            .OrderBy(d => d.NextAttemptAt)
            .Select(d => d.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return (owner, []);
        }

        // The conditions are repeated on the rows being updated: of two processes claiming the same row, the second
        // finds the lease taken (PostgreSQL re-checks them after the first commits; SQLite has one writer at a time).
        var expires = now + Lease;
        await db.SupplierDigests
            .Where(d => candidates.Contains(d.Id) && d.Status == DigestStatus.Pending && (d.LeaseExpiresAt == null || d.LeaseExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseOwner, owner).SetProperty(d => d.LeaseExpiresAt, expires), cancellationToken);
        var digests = await db.SupplierDigests.AsNoTracking()
            .Where(d => candidates.Contains(d.Id) && d.LeaseOwner == owner)
            .OrderBy(d => d.NextAttemptAt)
            .ToListAsync(cancellationToken);
        return (owner, digests);
    }

    private async Task<bool> SendAsync(SupplierDigest digest, string owner, CancellationToken cancellationToken)
    {
        var attempts = digest.Attempts + 1;
        try
        {
            await mail.SendAsync(
                new OutgoingMail(digest.Recipient, digest.RecipientName, digest.Subject, digest.Body, $"<{digest.Id:N}@webedi>"), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var error = Describe(e);
            var status = attempts >= MaxAttempts ? DigestStatus.Failed : DigestStatus.Pending;
            var next = status == DigestStatus.Failed ? now : now + RetryDelay(attempts);
            await db.SupplierDigests.Where(d => d.Id == digest.Id && d.LeaseOwner == owner).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Attempts, attempts)
                .SetProperty(d => d.Status, status)
                .SetProperty(d => d.NextAttemptAt, next)
                .SetProperty(d => d.LastError, error)
                .SetProperty(d => d.LeaseOwner, (string?)null)
                .SetProperty(d => d.LeaseExpiresAt, (DateTime?)null), CancellationToken.None);
            if (status == DigestStatus.Failed)
            {
                LogGaveUp(logger, digest.Id, digest.Recipient, attempts, error);
            }
            else
            {
                LogFailed(logger, digest.Id, digest.Recipient, attempts, next, error);
            }

            return false;
        }

        // Sent: record it even when shutdown has begun, so it is not sent again.
        var sentAt = clock.GetUtcNow().UtcDateTime;
        var marked = await db.SupplierDigests.Where(d => d.Id == digest.Id && d.LeaseOwner == owner).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Attempts, attempts)
            .SetProperty(d => d.Status, DigestStatus.Sent)
            .SetProperty(d => d.SentAt, sentAt)
            .SetProperty(d => d.LastError, (string?)null)
            .SetProperty(d => d.LeaseOwner, (string?)null)
            .SetProperty(d => d.LeaseExpiresAt, (DateTime?)null), CancellationToken.None);
        if (marked == 0)
        {
            LogLeaseLost(logger, digest.Id);
        }

        return true;
    }

    private static string Describe(Exception e)
    {
        var messages = new List<string>();
        for (var current = e; current is not null; current = current.InnerException)
        {
            messages.Add(current.Message);
        }

        var text = string.Join(" → ", messages.Distinct());
        return text.Length <= 2000 ? text : text[..2000];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest {DigestId} to {Recipient} failed (attempt {Attempts}); next attempt at {NextAttemptAt:u}: {Error}")]
    private static partial void LogFailed(ILogger logger, Guid digestId, string recipient, int attempts, DateTime nextAttemptAt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Digest {DigestId} to {Recipient} failed {Attempts} times; giving up: {Error}")]
    private static partial void LogGaveUp(ILogger logger, Guid digestId, string recipient, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest {DigestId} was sent after its lease had expired; another process may send it again.")]
    private static partial void LogLeaseLost(ILogger logger, Guid digestId);
}
