using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Data.Shipments;
using WebEdi.Documents;
using WebEdi.Documents.DeliveryNotes;
using WebEdi.Domain.Orders;
using WebEdi.Domain.Shipments;
using WebEdi.Server.Portal;

namespace WebEdi.Server.Pages.Shipments;

/// <summary>
/// Prints shipments' delivery note sets (納品書(控) / 納品書 / 受領書) and records who printed them. A print is recorded
/// before the notes are drawn, so its reprint count (再発行 n回目) comes from the history in the order prints were
/// made; a print that fails (a character outside the font) is taken back out of the history. Many shipments are read
/// from the database one line at a time as the printer draws them, never all at once.
/// </summary>
public sealed class DeliveryNotePrinting(WebEdiDbContext db, DocumentPrinterLoader printers, TimeProvider clock)
{
    /// <summary>What a note prints for a shipment whose orders name no delivery location.</summary>
    public const string NoDeliveryLocation = "指定なし";

    public async Task<PrintOutcome> PrintAsync(Guid supplierId, IReadOnlyList<Guid> shipmentIds, PortalUser by, CancellationToken cancellationToken)
    {
        var ids = shipmentIds.Distinct().ToList();
        var found = await db.Shipments.AsNoTracking()
            .Where(s => ids.Contains(s.Id) && s.SupplierId == supplierId)
            .Select(s => new { s.Id, s.DeliveryNoteNumber, s.Status })
            .ToListAsync(cancellationToken);
        if (ids.Count == 0 || found.Count != ids.Count)
        {
            return new PrintOutcome.NotFound();
        }

        if (found.Where(s => s.Status == ShipmentStatus.Cancelled).Select(s => s.DeliveryNoteNumber).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } cancelled)
        {
            return new PrintOutcome.Cancelled(cancelled);
        }

        var (printer, failure) = Printing.Printer(printers);
        if (printer is null)
        {
            return failure!;
        }

        var prints = await RecordAsync(supplierId, ids, by, cancellationToken);
        var reprints = await ReprintCountsAsync(prints, cancellationToken);
        var source = new NoteSource(db, supplierId, ids, reprints);
        var pdf = Printing.TemporaryFile();
        try
        {
            var result = await printer.PrintDeliveryNotesAsync(source.ReadAsync(cancellationToken), pdf, cancellationToken: cancellationToken);
            var name = ids.Count == 1 ? Printing.FileName("delivery-note", found[0].DeliveryNoteNumber) : $"delivery-notes-{ids.Count}.pdf";
            return new PrintOutcome.Printed(pdf, name, result.Documents, result.Pages);
        }
        catch (DocumentContentException e)
        {
            await pdf.DisposeAsync();
            await ForgetAsync(prints.Values, CancellationToken.None);
            var note = source.Current!;
            return new PrintOutcome.Refused(Printing.Problems(note.Number, e,
                n => n >= 1 && n <= note.Lines.Count ? (note.Lines[n - 1].OrderNumber, note.Lines[n - 1].OrderLineNumber) : null));
        }
        catch
        {
            await pdf.DisposeAsync();
            await ForgetAsync(prints.Values, CancellationToken.None);
            throw;
        }
    }

    /// <summary>The amount printed for a shipped quantity (see docs/shipments.md).</summary>
    /// <remarks>
    /// All of a line at once keeps the ERP's own amount (its rounding); a part is quantity × unit price rounded half away
    /// from zero to the currency's minor unit, as WebEdi computes an amount an ERP leaves out.
    /// </remarks>
    public static decimal Amount(decimal shipped, decimal ordered, decimal orderedAmount, decimal unitPrice, string currency) =>
        shipped == ordered
            ? orderedAmount
            : decimal.Round(shipped * unitPrice, Currencies.IsKnown(currency) ? Currencies.MinorUnits(currency) : 0, MidpointRounding.AwayFromZero);

    private async Task<Dictionary<Guid, long>> RecordAsync(Guid supplierId, List<Guid> ids, PortalUser by, CancellationToken cancellationToken)
    {
        var batch = ids.Count > 1 ? Guid.CreateVersion7() : (Guid?)null;
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = ids.Select(id => DeliveryNotePrint.Record(id, supplierId, by.UserId, by.DisplayName, batch, now)).ToList();
        db.DeliveryNotePrints.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return rows.ToDictionary(r => r.ShipmentId, r => r.Sequence);
    }

    /// <summary>How many prints of each shipment came before this one.</summary>
    private async Task<Dictionary<Guid, int>> ReprintCountsAsync(Dictionary<Guid, long> prints, CancellationToken cancellationToken)
    {
        var ids = prints.Keys.ToList();
        var last = prints.Values.Max();
        var earlier = await db.DeliveryNotePrints.AsNoTracking()
            .Where(p => ids.Contains(p.ShipmentId) && p.Sequence < last)
            .Select(p => new { p.ShipmentId, p.Sequence })
            .ToListAsync(cancellationToken);
        return ids.ToDictionary(id => id, id => earlier.Count(p => p.ShipmentId == id && p.Sequence < prints[id]));
    }

    private async Task ForgetAsync(IEnumerable<long> sequences, CancellationToken cancellationToken)
    {
        var list = sequences.ToList();
        await db.DeliveryNotePrints.Where(p => list.Contains(p.Sequence)).ExecuteDeleteAsync(cancellationToken);
    }

    private sealed record NoteHeader(string Number, DateOnly ShipDate, string? Location, Guid BuyerId, Guid RelationshipId);

    /// <summary>The notes, read as one query ordered by note number and line, each note yielded when its last line is read.</summary>
    private sealed class NoteSource(WebEdiDbContext db, Guid supplierId, List<Guid> ids, Dictionary<Guid, int> reprints)
    {
        /// <summary>The note being printed: when the printer refuses one, this is the one.</summary>
        public DeliveryNote? Current { get; private set; }

        public async IAsyncEnumerable<DeliveryNote> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var supplier = await db.Companies.AsNoTracking().Where(c => c.Id == supplierId).Select(c => new DocumentCompany(c.Name, c.Code)).SingleAsync(cancellationToken);
            var buyers = await db.Companies.AsNoTracking()
                .Where(c => db.Shipments.Any(s => ids.Contains(s.Id) && s.BuyerId == c.Id))
                .ToDictionaryAsync(c => c.Id, c => new DocumentCompany(c.Name, c.Code), cancellationToken);
            var supplierCodes = await db.TradingRelationships.AsNoTracking()
                .Where(r => r.SupplierId == supplierId)
                .ToDictionaryAsync(r => r.Id, r => r.SupplierCode, cancellationToken);

            var rows =
                from sl in db.Set<ShipmentLine>().AsNoTracking()
                join s in db.Shipments.AsNoTracking() on sl.ShipmentId equals s.Id
                join l in db.PurchaseOrderLines.AsNoTracking() on sl.PurchaseOrderLineId equals l.Id
                join o in db.PurchaseOrders.AsNoTracking() on l.PurchaseOrderId equals o.Id
                where ids.Contains(s.Id) && s.SupplierId == supplierId
                orderby s.DeliveryNoteNumber, o.OrderNumber, l.LineNumber
                select new
                {
                    ShipmentId = s.Id, s.DeliveryNoteNumber, s.ShipDate, s.DeliveryLocation, s.BuyerId, o.TradingRelationshipId, o.OrderNumber, o.Currency,
                    l.LineNumber, l.BuyerItemCode, l.SupplierItemCode, l.ItemName, l.Specification, Ordered = l.Quantity, l.Unit, l.UnitPrice, l.Amount,
                    l.TaxRate, Shipped = sl.Quantity,
                };

            var lines = new List<DeliveryNoteLine>();
            var currencies = new HashSet<string>(StringComparer.Ordinal);
            var first = default(Guid?);
            var headerOf = default(NoteHeader);
            await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                if (first != row.ShipmentId)
                {
                    if (first is { } done)
                    {
                        yield return Note(done);
                    }

                    (first, headerOf) = (row.ShipmentId, new NoteHeader(row.DeliveryNoteNumber, row.ShipDate, row.DeliveryLocation, row.BuyerId, row.TradingRelationshipId));
                    lines = [];
                    currencies.Clear();
                }

                currencies.Add(row.Currency);
                lines.Add(new DeliveryNoteLine(
                    row.OrderNumber, row.LineNumber, row.BuyerItemCode, row.SupplierItemCode, row.ItemName, row.Specification, row.Shipped, row.Unit,
                    row.UnitPrice, Amount(row.Shipped, row.Ordered, row.Amount, row.UnitPrice, row.Currency), row.TaxRate));
            }

            if (first is { } last)
            {
                yield return Note(last);
            }

            DeliveryNote Note(Guid shipmentId)
            {
                var header = headerOf!;
                Current = new DeliveryNote(
                    header.Number, header.ShipDate, supplier, buyers[header.BuyerId], supplierCodes[header.RelationshipId],
                    header.Location ?? NoDeliveryLocation, lines)
                {
                    ReprintCount = reprints[shipmentId],
                    // A note of one currency only; orders in another (or mixed) are named by the printer's check.
                    Currency = currencies.FirstOrDefault(c => c != "JPY") ?? "JPY",
                };
                return Current;
            }
        }
    }
}
