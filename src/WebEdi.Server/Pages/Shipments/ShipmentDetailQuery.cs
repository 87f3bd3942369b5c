using Microsoft.EntityFrameworkCore;
using WebEdi.Contracts;
using WebEdi.Data;
using WebEdi.Documents.Formatting;
using WebEdi.Domain.Shipments;
using WebEdi.Server.Pages.Orders;

namespace WebEdi.Server.Pages.Shipments;

/// <summary>One line of a shipment as the page (and the printed note) shows it.</summary>
public sealed record ShipmentDetailLine(
    Guid OrderId, string OrderNumber, int LineNumber, string BuyerItemCode, string? SupplierItemCode, string ItemName, string? Specification,
    decimal Quantity, string Unit, decimal UnitPrice, decimal Amount, decimal TaxRate, string Currency);

/// <summary>One printing of the note: the n-th print (1 = the original), when, by whom, alone or in a batch.</summary>
public sealed record PrintEntry(int Number, DateTime At, string By, bool InBatch);

/// <summary>Everything the shipment page shows.</summary>
public sealed record ShipmentDetail(
    Shipment Shipment, string BuyerName, string BuyerCode, string SupplierCode, string? CreatedBy, IReadOnlyList<ShipmentDetailLine> Lines,
    TaxTotals Totals, IReadOnlyList<PrintEntry> Prints, IReadOnlyList<DocumentMention> Documents);

/// <summary>Reads one shipment of one supplier; another company's reads as null, exactly like one that does not exist.</summary>
public sealed class ShipmentDetailQuery(WebEdiDbContext db)
{
    public async Task<ShipmentDetail?> ReadAsync(Guid supplierId, Guid shipmentId, CancellationToken cancellationToken)
    {
        var shipment = await db.Shipments.AsNoTracking()
            .Include(s => s.Lines).ThenInclude(l => l.OrderLine).ThenInclude(l => l.Order)
            .AsSplitQuery()
            .SingleOrDefaultAsync(s => s.Id == shipmentId && s.SupplierId == supplierId, cancellationToken);
        if (shipment is null)
        {
            return null;
        }

        var first = shipment.Lines.Select(l => l.OrderLine.Order).OrderBy(o => o.OrderNumber, StringComparer.Ordinal).First();
        var parties = await db.TradingRelationships.AsNoTracking()
            .Where(r => r.Id == first.TradingRelationshipId)
            .Select(r => new { r.SupplierCode, Buyer = db.Companies.Where(c => c.Id == r.BuyerId).Select(c => new { c.Name, c.Code }).First() })
            .SingleAsync(cancellationToken);
        var createdBy = shipment.CreatedBy is { } userId
            ? await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken)
            : null;

        var lines = shipment.Lines
            .Select(l => (Shipped: l, Line: l.OrderLine, l.OrderLine.Order))
            .OrderBy(x => x.Order.OrderNumber, StringComparer.Ordinal).ThenBy(x => x.Line.LineNumber)
            .Select(x => new ShipmentDetailLine(
                x.Order.Id, x.Order.OrderNumber, x.Line.LineNumber, x.Line.BuyerItemCode, x.Line.SupplierItemCode, x.Line.ItemName, x.Line.Specification,
                x.Shipped.Quantity, x.Line.Unit, x.Line.UnitPrice,
                DeliveryNotePrinting.Amount(x.Shipped.Quantity, x.Line.Quantity, x.Line.Amount, x.Line.UnitPrice, x.Order.Currency), x.Line.TaxRate,
                x.Order.Currency))
            .ToList();

        var prints = (await db.DeliveryNotePrints.AsNoTracking()
                .Where(p => p.ShipmentId == shipment.Id)
                .OrderBy(p => p.Sequence)
                .Select(p => new { p.PrintedAt, p.PrintedByName, p.BatchId })
                .ToListAsync(cancellationToken))
            .Select((p, i) => new PrintEntry(i + 1, p.PrintedAt, p.PrintedByName, p.BatchId is not null))
            .ToList();

        // The shipment's documents share the outbox key of its first order (see ShipmentService); the number finds them among it.
        var number = $"\"deliveryNoteNumber\":\"{shipment.DeliveryNoteNumber}\"";
        var documents = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.BuyerId == shipment.BuyerId && m.OrderNumber == first.OrderNumber
                && (m.MessageType == nameof(ShipmentNotified) || m.MessageType == nameof(ShipmentCancelled)) && m.Payload.Contains(number))
            .OrderBy(m => m.Sequence)
            .Select(m => new DocumentMention(m.MessageType, m.CreatedAt, db.FanOutQueue.Any(e => e.Sequence == m.Sequence)))
            .ToListAsync(cancellationToken);

        return new ShipmentDetail(
            shipment, parties.Buyer.Name, parties.Buyer.Code, parties.SupplierCode, createdBy, lines,
            TaxTotals.Compute(lines.Select(l => (l.Amount, l.TaxRate))), prints, documents);
    }
}
