using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WebEdi.Data;
using WebEdi.Data.Identity;
using WebEdi.Data.Notifications;
using WebEdi.Domain.Companies;
using WebEdi.Domain.Users;

namespace WebEdi.Ordering.Notifications;

/// <summary>Where order e-mail links point: <c>{WebEdi:PublicUrl}/orders</c>.</summary>
public sealed record PortalLinks(Uri PublicUrl)
{
    public Uri Orders => new(PublicUrl.ToString().TrimEnd('/') + "/orders");
}

/// <summary>
/// Turns order notices into digests: for every recipient of every supplier, once the oldest notice they have not been
/// told about is an interval old and they are not in quiet hours, one <see cref="SupplierDigest"/> lists everything
/// after their watermark — stored in the same transaction that advances the watermark. Sending is
/// <see cref="DigestSender"/>'s separate step.
/// </summary>
/// <remarks>
/// Recipients: active (not locked-out) users of the supplier company who get order mail (by default company admins
/// and operators, not viewers), plus the company's <see cref="NotificationAddress"/>es.
/// </remarks>
public sealed partial class SupplierDigestBuilder(
    WebEdiDbContext db, TimeProvider clock, MailOptions options, PortalLinks links, ILogger<SupplierDigestBuilder> logger)
{
    /// <summary>
    /// Notices younger than this are left for the next run. Sequences are handed out at insert but become visible at
    /// commit; on PostgreSQL a notice with a lower sequence can commit after a higher one. Waiting a minute keeps the
    /// watermark from passing a notice whose transaction is still open.
    /// </summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromMinutes(1);

    /// <summary>A digest never reaches further back: a recipient switched back on after months gets no months-old orders.</summary>
    public static readonly TimeSpan MaxBacklog = TimeSpan.FromDays(7);

    /// <summary>Stores every digest that is due now; returns how many.</summary>
    public async Task<int> BuildDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.ChangeTracker.Clear();
        var users = (await db.Users.AsNoTracking()
                .Where(u => u.CompanyId != null && u.Email != null && u.Email != "")
                .Where(u => u.ReceivesOrderMail == true
                    || (u.ReceivesOrderMail == null && (u.Role == UserRole.CompanyAdmin || u.Role == UserRole.Operator)))
                .Where(u => db.Companies.Any(c => c.Id == u.CompanyId && c.IsSupplier))
                .ToListAsync(cancellationToken))
            // Identity deactivates a user by locking them out; SQLite cannot compare DateTimeOffset, so filter here.
            .Where(u => u.LockoutEnd is null || u.LockoutEnd <= new DateTimeOffset(now))
            .ToList();
        var addresses = await db.NotificationAddresses.AsNoTracking()
            .Where(a => db.Companies.Any(c => c.Id == a.CompanyId && c.IsSupplier))
            .ToListAsync(cancellationToken);

        var recipients = users.Select(Recipient.Of).Concat(addresses.Select(Recipient.Of)).ToLookup(r => r.SupplierId);
        var built = 0;
        foreach (var supplier in recipients)
        {
            try
            {
                built += await BuildForSupplierAsync(supplier.Key, [.. supplier], now, cancellationToken);
            }
            catch (DbUpdateException e)
            {
                // Another process built this supplier's digests at the same moment; its watermarks won.
                LogLostRace(logger, supplier.Key, e.GetBaseException().Message);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        return built;
    }

    private async Task<int> BuildForSupplierAsync(Guid supplierId, IReadOnlyList<Recipient> recipients, DateTime now, CancellationToken cancellationToken)
    {
        var supplier = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == supplierId, cancellationToken);
        var ids = recipients.Select(r => r.Id).ToList();
        var watermarks = await db.DigestWatermarks.Where(w => ids.Contains(w.RecipientId)).ToDictionaryAsync(w => w.RecipientId, cancellationToken);

        // A new recipient hears about what arrives after they were added, not the company's history.
        foreach (var recipient in recipients.Where(r => !watermarks.ContainsKey(r.Id)))
        {
            var before = await db.OrderNotices.Where(n => n.SupplierId == supplierId && n.CreatedAt < recipient.CreatedAt)
                .MaxAsync(n => (long?)n.Sequence, cancellationToken) ?? 0;
            var watermark = DigestWatermark.Start(recipient.Id, supplierId, before, now);
            db.DigestWatermarks.Add(watermark);
            watermarks[recipient.Id] = watermark;
        }

        var floor = watermarks.Values.Min(w => w.LastSequence);
        var settled = now - SettleTime;
        var notices = await db.OrderNotices.AsNoTracking()
            .Where(n => n.SupplierId == supplierId && n.Sequence > floor && n.CreatedAt <= settled)
            .OrderBy(n => n.Sequence)
            .ToListAsync(cancellationToken);

        var built = 0;
        if (notices.Count > 0)
        {
            var buyerIds = notices.Select(n => n.BuyerId).Distinct().ToList();
            var buyers = await db.Companies.AsNoTracking().Where(c => buyerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
            var localNow = supplier.ToLocalTime(now);
            foreach (var recipient in recipients)
            {
                var watermark = watermarks[recipient.Id];
                var pending = notices.Where(n => n.Sequence > watermark.LastSequence).ToList();
                if (pending.Count == 0 || pending[0].CreatedAt > now - options.DigestInterval || recipient.User?.IsInQuietHours(localNow) == true)
                {
                    continue;
                }

                var listed = pending.Where(n => n.CreatedAt >= now - MaxBacklog).ToList();
                if (listed.Count > 0)
                {
                    db.SupplierDigests.Add(Render(supplier, recipient, listed, buyers, now));
                    built++;
                }

                watermark.Advance(pending[^1].Sequence, now);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (built > 0)
        {
            LogBuilt(logger, built, supplier.Code);
        }

        return built;
    }

    private SupplierDigest Render(Company supplier, Recipient recipient, List<OrderNotice> notices, Dictionary<Guid, Company> buyers, DateTime now)
    {
        var byBuyer = notices.GroupBy(n => n.BuyerId)
            .Select(g => (buyers[g.Key], (IReadOnlyList<OrderNotice>)[.. g]))
            .ToList();
        var content = new DigestContent(supplier, recipient.Name, recipient.User is not null, byBuyer, links.Orders);
        var (subject, body) = DigestTemplates.Render(recipient.Language, content);
        return SupplierDigest.Create(
            supplier.Id, recipient.Id, recipient.User is null ? DigestRecipientKind.Address : DigestRecipientKind.User,
            recipient.Email, recipient.Name, recipient.Language, subject.Length <= 500 ? subject : subject[..499] + "…", body,
            notices.Count, notices[0].Sequence, notices[^1].Sequence, now);
    }

    private sealed record Recipient(Guid Id, Guid SupplierId, string Email, string Name, string Language, DateTime CreatedAt, WebEdiUser? User)
    {
        public static Recipient Of(WebEdiUser user) => new(
            user.Id, user.CompanyId!.Value, user.Email!, user.DisplayName, user.PreferredLanguage == "en" ? "en" : "ja", user.CreatedAt, user);

        // Shared mailboxes get Japanese: the suppliers are Japanese firms, and nobody chose otherwise.
        public static Recipient Of(NotificationAddress address) => new(
            address.Id, address.CompanyId, address.Email, address.Email, "ja", address.CreatedAt, null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {Count} order digest(s) for {Supplier}.")]
    private static partial void LogBuilt(ILogger logger, int count, string supplier);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digests of supplier {SupplierId} were built concurrently elsewhere ({Reason}); skipped.")]
    private static partial void LogLostRace(ILogger logger, Guid supplierId, string reason);
}
