using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WebEdi.Contracts;
using WebEdi.Data;
using WebEdi.Data.Outbox;
using WebEdi.Domain;
using WebEdi.Domain.Orders;
using WebEdi.Domain.Shipments;

namespace WebEdi.Ordering.Shipments;

/// <summary>The supplier's person who ships or cancels: recorded on the shipment and named to the buyer.</summary>
public sealed record Shipper(Guid UserId, string DisplayName);

/// <summary>A quantity of one order line, by the line's id, to put on a shipment.</summary>
public sealed record ShipmentLineRequest(Guid OrderLineId, decimal Quantity);

/// <summary>
/// A shipment to create. <see cref="ExpectedOrderVersions"/> holds each order's version as the person saw it; an order
/// that changed since (someone shipped or answered, the buyer sent a revision) is a conflict and nothing is stored.
/// </summary>
public sealed record NewShipment(DateOnly ShipDate, IReadOnlyList<ShipmentLineRequest> Lines, IReadOnlyDictionary<Guid, int> ExpectedOrderVersions);

/// <summary>A broken rule, with the order line it concerns when there is one (so a page can show it beside the line).</summary>
public sealed record ShipmentProblem(DomainError Error, Guid? OrderLineId = null, string? OrderNumber = null, int? LineNumber = null);

/// <summary>What became of a shipment command. Nothing was stored unless it is <see cref="Created"/> or <see cref="Cancelled"/>.</summary>
public abstract record ShipmentOutcome
{
    private ShipmentOutcome()
    {
    }

    /// <summary>Stored with its delivery note number and its <c>ShipmentNotified</c> document in the outbox.</summary>
    public sealed record Created(Guid ShipmentId, string DeliveryNoteNumber) : ShipmentOutcome;

    /// <summary>Withdrawn, the quantities open again, its <c>ShipmentCancelled</c> document in the outbox.</summary>
    public sealed record Cancelled(Guid ShipmentId, string DeliveryNoteNumber) : ShipmentOutcome;

    /// <summary>An order line or shipment is not the supplier's, or does not exist: one answer for both, so ids cannot be probed.</summary>
    public sealed record NotFound : ShipmentOutcome;

    /// <summary>Someone changed the order (or shipment) after the person loaded it: <paramref name="What"/> names it.</summary>
    public sealed record Conflict(string What) : ShipmentOutcome;

    /// <summary>The command breaks rules; every problem.</summary>
    public sealed record Refused(IReadOnlyList<ShipmentProblem> Problems) : ShipmentOutcome;
}

/// <summary>
/// The one way suppliers create and cancel shipments (出荷). Every order line and shipment is looked up inside the
/// supplier's own company; every rule of <see cref="Shipment"/> is checked before anything is stored; the shipment,
/// the moved quantities, the delivery note number taken from the supplier's <see cref="DeliveryNoteSequence"/> and the
/// <see cref="ShipmentNotified"/> (or <see cref="ShipmentCancelled"/>) document for the buyer's ERP are saved in one
/// transaction, or nothing is.
/// </summary>
public sealed class ShipmentService(WebEdiDbContext db, TimeProvider clock)
{
    /// <summary>The prefix of a supplier's delivery note numbers until its admin chooses one.</summary>
    public const string DefaultPrefix = "DN-";

    // Two shipments of one supplier at once race for the same sequence row; the loser runs again with the next number.
    private const int Attempts = 3;

    public async Task<ShipmentOutcome> CreateAsync(Guid supplierId, NewShipment request, Shipper by, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryCreateAsync(supplierId, request, by, cancellationToken);
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // A lost race for the sequence (or a PostgreSQL deadlock): start over from fresh data. A changed order
                // is then caught by the version check, so the retry never ships against what the person did not see.
            }
            catch (DbUpdateException e)
            {
                db.ChangeTracker.Clear();
                var order = e.Entries.Select(x => x.Entity).OfType<PurchaseOrder>().FirstOrDefault();
                return new ShipmentOutcome.Conflict(order?.OrderNumber ?? "");
            }
        }
    }

    /// <summary>Withdraws a shipment the buyer has not received yet (出荷取消); its quantities become open again.</summary>
    public async Task<ShipmentOutcome> CancelAsync(Guid supplierId, Guid shipmentId, int expectedVersion, Shipper by, CancellationToken cancellationToken = default)
    {
        db.ChangeTracker.Clear();
        var shipment = await db.Shipments
            .Include(s => s.Lines).ThenInclude(l => l.OrderLine)
            .SingleOrDefaultAsync(s => s.Id == shipmentId && s.SupplierId == supplierId, cancellationToken);
        if (shipment is null)
        {
            return new ShipmentOutcome.NotFound();
        }

        if (shipment.Version != expectedVersion)
        {
            return new ShipmentOutcome.Conflict(shipment.DeliveryNoteNumber);
        }

        // Cancelling re-derives each order's status from all of its lines, so the whole orders are loaded (into the same
        // tracked instances the shipment's lines point at).
        var orderIds = shipment.Lines.Select(l => l.OrderLine.PurchaseOrderId).Distinct().ToList();
        var orders = await db.OrdersWithDetails().Where(o => orderIds.Contains(o.Id) && o.SupplierId == supplierId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            shipment.Cancel(now);
        }
        catch (DomainRuleException e)
        {
            db.ChangeTracker.Clear();
            return new ShipmentOutcome.Refused([.. e.Errors.Select(error => new ShipmentProblem(error))]);
        }

        var parties = await PartiesAsync(orders[0], cancellationToken);
        var lines = ShippedLines(shipment, completing: _ => false);
        var document = new ShipmentCancelled
        {
            DocumentId = Guid.CreateVersion7(),
            BuyerCode = parties.BuyerCode,
            SupplierCode = parties.SupplierCode,
            DeliveryNoteNumber = shipment.DeliveryNoteNumber,
            ShipDate = shipment.ShipDate,
            Lines = lines,
            CancelledBy = PersonName(by),
            OccurredAt = new DateTimeOffset(now, TimeSpan.Zero),
        };
        Enqueue(shipment, nameof(ShipmentCancelled), document.DocumentId, JsonSerializer.Serialize(document, ContractJson.Options), lines, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new ShipmentOutcome.Conflict(shipment.DeliveryNoteNumber);
        }

        return new ShipmentOutcome.Cancelled(shipment.Id, shipment.DeliveryNoteNumber);
    }

    /// <summary>The supplier's prefix and the number the next shipment gets.</summary>
    public async Task<(string Prefix, string NextNumber)> NumberingAsync(Guid supplierId, CancellationToken cancellationToken = default)
    {
        var sequence = await db.DeliveryNoteSequences.AsNoTracking().SingleOrDefaultAsync(s => s.SupplierId == supplierId, cancellationToken)
            ?? DeliveryNoteSequence.Start(supplierId, DefaultPrefix);
        return (sequence.Prefix, sequence.Next());
    }

    /// <summary>
    /// Sets the prefix of the supplier's delivery note numbers (company settings). The counter carries on, so no
    /// number is ever handed out twice. Returns the broken rules (a prefix is 0–8 of A–Z, 0–9 and '-'); empty when saved.
    /// </summary>
    public async Task<IReadOnlyList<DomainError>> ChangePrefixAsync(Guid supplierId, string prefix, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var sequence = await db.DeliveryNoteSequences.SingleOrDefaultAsync(s => s.SupplierId == supplierId, cancellationToken);
            try
            {
                if (sequence is null)
                {
                    db.DeliveryNoteSequences.Add(DeliveryNoteSequence.Start(supplierId, prefix));
                }
                else
                {
                    sequence.ChangePrefix(prefix);
                }
            }
            catch (DomainRuleException e)
            {
                db.ChangeTracker.Clear();
                return e.Errors;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return [];
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // A shipment took a number meanwhile (the sequence's version moved): apply the prefix to the fresh row.
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                return [new DomainError("prefix", "busy", "shipments were being created while the prefix was saved; save it again.")];
            }
        }
    }

    private async Task<ShipmentOutcome> TryCreateAsync(Guid supplierId, NewShipment request, Shipper by, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var problems = new List<ShipmentProblem>();
        if (request.Lines.GroupBy(l => l.OrderLineId).Any(g => g.Count() > 1))
        {
            problems.Add(new ShipmentProblem(new DomainError("lines", "duplicate_line", "the same order line is on the shipment twice.")));
        }

        var lineIds = request.Lines.Select(l => l.OrderLineId).Distinct().ToList();
        var orderOfLine = await db.PurchaseOrderLines.AsNoTracking()
            .Where(l => lineIds.Contains(l.Id) && db.PurchaseOrders.Any(o => o.Id == l.PurchaseOrderId && o.SupplierId == supplierId))
            .ToDictionaryAsync(l => l.Id, l => l.PurchaseOrderId, cancellationToken);
        if (orderOfLine.Count != lineIds.Count)
        {
            return new ShipmentOutcome.NotFound();
        }

        var orderIds = orderOfLine.Values.Distinct().ToList();
        var orders = await db.OrdersWithDetails()
            .Where(o => orderIds.Contains(o.Id) && o.SupplierId == supplierId)
            .ToDictionaryAsync(o => o.Id, cancellationToken);
        foreach (var order in orders.Values.OrderBy(o => o.OrderNumber, StringComparer.Ordinal))
        {
            if (request.ExpectedOrderVersions.TryGetValue(order.Id, out var version) && version != order.Version)
            {
                db.ChangeTracker.Clear();
                return new ShipmentOutcome.Conflict(order.OrderNumber);
            }
        }

        // Printed order: by order number, then line number, as the delivery note lists them.
        var items = request.Lines.DistinctBy(l => l.OrderLineId)
            .Select(l => (Request: l, Order: orders[orderOfLine[l.OrderLineId]]))
            .Select(x => (x.Request, x.Order, Line: x.Order.Lines.Single(line => line.Id == x.Request.OrderLineId)))
            .OrderBy(x => x.Order.OrderNumber, StringComparer.Ordinal).ThenBy(x => x.Line.LineNumber)
            .ToList();
        foreach (var order in items.Select(x => x.Order).Distinct().Where(o => request.ShipDate < o.OrderDate))
        {
            problems.Add(new ShipmentProblem(new DomainError("shipDate", "before_order_date",
                $"the ship date {request.ShipDate:yyyy-MM-dd} is before the order date {order.OrderDate:yyyy-MM-dd} of order {order.OrderNumber}."), OrderNumber: order.OrderNumber));
        }

        // The shipment names the line of a quantity beyond what is open; the domain's own check says it for the whole shipment.
        foreach (var (wanted, order, line) in items.Where(x => x.Line.IsAccepted && !x.Line.IsCancelled && !x.Line.AwaitingAnswerAfterChange && x.Request.Quantity > x.Line.OpenQuantity))
        {
            problems.Add(new ShipmentProblem(new DomainError("lines", "over_open_quantity",
                $"order {order.OrderNumber} line {line.LineNumber}: shipping {wanted.Quantity} but only {line.OpenQuantity} is open."), line.Id, order.OrderNumber, line.LineNumber));
        }

        var sequence = await db.DeliveryNoteSequences.SingleOrDefaultAsync(s => s.SupplierId == supplierId, cancellationToken);
        if (sequence is null)
        {
            sequence = DeliveryNoteSequence.Start(supplierId, DefaultPrefix);
            db.DeliveryNoteSequences.Add(sequence);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        Shipment? shipment = null;
        try
        {
            var number = sequence.Next();
            shipment = Shipment.Create(number, request.ShipDate, [.. items.Select(x => new ShipmentItem(x.Order, x.Line.LineNumber, x.Request.Quantity))], by.UserId, now);
        }
        catch (DomainRuleException e)
        {
            problems.AddRange(e.Errors.Where(error => error.Code != "over_open_quantity").Select(error => LineOf(error, items) is { } x
                ? new ShipmentProblem(error, x.Line.Id, x.Order.OrderNumber, x.Line.LineNumber)
                : new ShipmentProblem(error)));
        }

        if (problems.Count > 0 || shipment is null)
        {
            db.ChangeTracker.Clear();
            return new ShipmentOutcome.Refused(problems);
        }

        db.Shipments.Add(shipment);
        var parties = await PartiesAsync(items[0].Order, cancellationToken);
        var lines = ShippedLines(shipment, completing: line => line.OpenQuantity == 0);
        var document = new ShipmentNotified
        {
            DocumentId = Guid.CreateVersion7(),
            BuyerCode = parties.BuyerCode,
            SupplierCode = parties.SupplierCode,
            DeliveryNoteNumber = shipment.DeliveryNoteNumber,
            ShipDate = shipment.ShipDate,
            DeliveryLocation = shipment.DeliveryLocation,
            Lines = lines,
            ShippedBy = PersonName(by),
            OccurredAt = new DateTimeOffset(now, TimeSpan.Zero),
        };
        Enqueue(shipment, nameof(ShipmentNotified), document.DocumentId, JsonSerializer.Serialize(document, ContractJson.Options), lines, now);
        await db.SaveChangesAsync(cancellationToken);
        return new ShipmentOutcome.Created(shipment.Id, shipment.DeliveryNoteNumber);
    }

    /// <summary>
    /// The outbox keeps documents in order per order number. A shipment spans orders, so its documents take the first
    /// order number on the note: the cancellation then always follows its notice, and both follow that order's answers.
    /// </summary>
    private void Enqueue(Shipment shipment, string messageType, Guid documentId, string payload, List<ShippedLine> lines, DateTime now) =>
        db.OutboxMessages.Add(OutboxMessage.Create(documentId, shipment.BuyerId, messageType, payload, lines[0].OrderNumber, now));

    private static List<ShippedLine> ShippedLines(Shipment shipment, Func<Domain.Orders.PurchaseOrderLine, bool> completing) =>
    [
        .. shipment.Lines
            .OrderBy(l => l.OrderLine.Order.OrderNumber, StringComparer.Ordinal).ThenBy(l => l.OrderLine.LineNumber)
            .Select(l => new ShippedLine
            {
                OrderNumber = l.OrderLine.Order.OrderNumber,
                LineNumber = l.OrderLine.LineNumber,
                BuyerItemCode = l.OrderLine.BuyerItemCode,
                SupplierItemCode = l.OrderLine.SupplierItemCode,
                Quantity = l.Quantity,
                Unit = l.OrderLine.Unit,
                CompletesLine = completing(l.OrderLine),
            }),
    ];

    private async Task<(string BuyerCode, string SupplierCode)> PartiesAsync(PurchaseOrder order, CancellationToken cancellationToken)
    {
        var parties = await db.TradingRelationships.AsNoTracking()
            .Where(r => r.Id == order.TradingRelationshipId)
            .Select(r => new { r.SupplierCode, BuyerCode = db.Companies.Where(c => c.Id == r.BuyerId).Select(c => c.Code).First() })
            .SingleAsync(cancellationToken);
        return (parties.BuyerCode, parties.SupplierCode);
    }

    private static string? PersonName(Shipper by) => by.DisplayName.Length is > 0 and <= 100 ? by.DisplayName : null;

    /// <summary>The item a domain error's path <c>lines[i]</c> points at (i is the position among the items).</summary>
    private static (ShipmentLineRequest Request, PurchaseOrder Order, Domain.Orders.PurchaseOrderLine Line)? LineOf(
        DomainError error, List<(ShipmentLineRequest Request, PurchaseOrder Order, Domain.Orders.PurchaseOrderLine Line)> items)
    {
        if (!error.Path.StartsWith("lines[", StringComparison.Ordinal))
        {
            return null;
        }

        var end = error.Path.IndexOf(']', StringComparison.Ordinal);
        return int.TryParse(error.Path.AsSpan(6, end - 6), out var index) && index >= 0 && index < items.Count ? items[index] : null;
    }
}
