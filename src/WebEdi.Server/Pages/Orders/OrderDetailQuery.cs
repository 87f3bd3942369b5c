using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Data.Notifications;
using WebEdi.Domain.Orders;

namespace WebEdi.Server.Pages.Orders;

/// <summary>A digest e-mail that told the supplier about the order.</summary>
public sealed record DigestMention(string Recipient, DigestStatus Status, DateTime At, string? LastError);

/// <summary>A document for the buyer's ERP about the order or shipment; <paramref name="Waiting"/> while the fan-out has not handed it to the buyer's channels.</summary>
public sealed record DocumentMention(string MessageType, DateTime CreatedAt, bool Waiting);

/// <summary>Everything the order page shows, read in one place (the page and the portal benchmark use it).</summary>
public sealed record OrderDetail(
    PurchaseOrder Order, string BuyerName, string BuyerCode, string SupplierCode, IReadOnlyDictionary<Guid, string> People,
    IReadOnlyList<OrderNotice> Notices, IReadOnlyList<DigestMention> Digests, IReadOnlyList<DocumentMention> Documents);

/// <summary>
/// Reads one order of one supplier with its lines, answers, revisions, the people who answered, and its trail. An order
/// of another company reads as null, exactly like one that does not exist.
/// </summary>
public sealed class OrderDetailQuery(WebEdiDbContext db)
{
    public async Task<OrderDetail?> ReadAsync(Guid supplierId, Guid orderId, bool tracked, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var orders = db.OrdersWithDetails().Where(o => o.Id == orderId && o.SupplierId == supplierId);
        var order = await (tracked ? orders : orders.AsNoTracking()).SingleOrDefaultAsync(cancellationToken);
        if (order is null)
        {
            return null;
        }

        var parties = await db.TradingRelationships.AsNoTracking()
            .Where(r => r.Id == order.TradingRelationshipId)
            .Select(r => new
            {
                r.SupplierCode,
                Buyer = db.Companies.Where(c => c.Id == r.BuyerId).Select(c => new { c.Name, c.Code }).First(),
            })
            .SingleAsync(cancellationToken);

        var answeredBy = order.Lines.SelectMany(l => l.Responses).Select(r => r.AnsweredBy).OfType<Guid>().Distinct().ToList();
        var people = answeredBy.Count == 0
            ? new Dictionary<Guid, string>()
            : await db.Users.AsNoTracking().Where(u => answeredBy.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

        var notices = await db.OrderNotices.AsNoTracking().Where(n => n.PurchaseOrderId == order.Id).ToListAsync(cancellationToken);
        var digests = new List<DigestMention>();
        if (notices.Count > 0)
        {
            var sequences = notices.Select(n => n.Sequence).ToList();
            var (low, high) = (sequences.Min(), sequences.Max());
            digests = (await db.SupplierDigests.AsNoTracking()
                    .Where(d => d.SupplierId == order.SupplierId && d.FirstSequence <= high && d.LastSequence >= low)
                    .Select(d => new { d.Recipient, d.Status, d.SentAt, d.CreatedAt, d.LastError, d.FirstSequence, d.LastSequence })
                    .ToListAsync(cancellationToken))
                .Where(d => sequences.Any(s => s >= d.FirstSequence && s <= d.LastSequence))
                .Select(d => new DigestMention(d.Recipient, d.Status, d.SentAt ?? d.CreatedAt, d.LastError))
                .ToList();
        }

        var documents = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.BuyerId == order.BuyerId && m.OrderNumber == order.OrderNumber)
            .Select(m => new DocumentMention(m.MessageType, m.CreatedAt, db.FanOutQueue.Any(e => e.Sequence == m.Sequence)))
            .ToListAsync(cancellationToken);

        return new OrderDetail(order, parties.Buyer.Name, parties.Buyer.Code, parties.SupplierCode, people, notices, digests, documents);
    }
}
