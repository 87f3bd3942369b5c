using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Data.Notifications;

namespace WebEdi.Ordering.Notifications;

/// <summary>One e-mail in a supplier's notification log. Times are UTC.</summary>
public sealed record NotificationLogEntry(
    Guid Id, string Recipient, string Subject, int NoticeCount, DateTime CreatedAt, DateTime? SentAt, DigestStatus Status, int Attempts,
    DateTime NextAttemptAt, string? LastError);

/// <summary>A page of the log, newest first. <see cref="Page"/> counts from 1.</summary>
public sealed record NotificationLogPage(IReadOnlyList<NotificationLogEntry> Entries, int Page, int PageSize, int TotalCount)
{
    public int PageCount => (TotalCount + PageSize - 1) / PageSize;
}

/// <summary>What order e-mail went to a supplier company's people, for its admin to read.</summary>
public sealed class NotificationLog(WebEdiDbContext db)
{
    public const int PageSize = 50;

    public async Task<NotificationLogPage> ForCompanyAsync(Guid companyId, int page, CancellationToken cancellationToken = default)
    {
        page = Math.Max(page, 1);
        var digests = db.SupplierDigests.AsNoTracking().Where(d => d.SupplierId == companyId);
        var total = await digests.CountAsync(cancellationToken);
        var entries = await digests
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(d => new NotificationLogEntry(
                d.Id, d.Recipient, d.Subject, d.NoticeCount, d.CreatedAt, d.SentAt, d.Status, d.Attempts, d.NextAttemptAt, d.LastError))
            .ToListAsync(cancellationToken);
        return new NotificationLogPage(entries, page, PageSize, total);
    }
}
