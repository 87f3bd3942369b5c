using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Domain.Orders;
using WebEdi.Domain.Shipments;

namespace WebEdi.Server.Pages.Shipments;

/// <summary>An order line that can go on a shipment now: accepted, not cancelled, not waiting for a re-answer, something open.</summary>
/// <remarks>Init properties rather than a positional record, so that EF can still filter on them after the projection.</remarks>
public sealed record CandidateLine
{
    public required Guid OrderId { get; init; }

    public required string OrderNumber { get; init; }

    public required int OrderVersion { get; init; }

    public required Guid BuyerId { get; init; }

    public required Guid LineId { get; init; }

    public required int LineNumber { get; init; }

    public required string BuyerItemCode { get; init; }

    public string? SupplierItemCode { get; init; }

    public required string ItemName { get; init; }

    public string? Specification { get; init; }

    public required decimal Quantity { get; init; }

    public required decimal ShippedQuantity { get; init; }

    public required string Unit { get; init; }

    public required DateOnly RequestedDeliveryDate { get; init; }

    public string? DeliveryLocation { get; init; }

    public decimal OpenQuantity => Quantity - ShippedQuantity;
}

/// <summary>
/// The lines of one buyer going to one delivery location: what one shipment may hold. <see cref="Chosen"/> are the lines
/// of the orders the clerk started from; <see cref="Others"/> are open lines of the buyer's other orders to the same place.
/// </summary>
public sealed record CandidateGroup(Guid BuyerId, string BuyerName, string? DeliveryLocation, IReadOnlyList<CandidateLine> Chosen, IReadOnlyList<CandidateLine> Others)
{
    /// <summary>A key for the group's form (element ids, the posted group).</summary>
    public string Key => $"{BuyerId:N}-{(DeliveryLocation is null ? "none" : Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(DeliveryLocation)))}";
}

/// <summary>What the "create shipment" page offers for the orders a clerk picked.</summary>
public sealed record CandidateSet(IReadOnlyList<string> OrderNumbers, IReadOnlyList<CandidateGroup> Groups);

/// <summary>Finds the shippable lines of a supplier's orders, grouped by buyer and delivery location.</summary>
public sealed class ShipmentCandidates(WebEdiDbContext db)
{
    /// <summary>Most orders one "create shipment" page starts from (one inbox page).</summary>
    public const int MaxOrders = 50;

    /// <summary>Most lines of other orders offered per group; a shipment holds at most <see cref="Shipment.MaxLines"/>.</summary>
    public const int MaxOthers = 200;

    /// <summary>Null when an order is not the supplier's or does not exist.</summary>
    public async Task<CandidateSet?> FindAsync(Guid supplierId, IReadOnlyCollection<Guid> orderIds, CancellationToken cancellationToken)
    {
        var ids = orderIds.Distinct().ToList();
        var orders = await db.PurchaseOrders.AsNoTracking()
            .Where(o => ids.Contains(o.Id) && o.SupplierId == supplierId)
            .Select(o => new { o.Id, o.OrderNumber })
            .ToListAsync(cancellationToken);
        if (orders.Count != ids.Count)
        {
            return null;
        }

        var chosen = await Shippable(supplierId).Where(l => ids.Contains(l.OrderId)).ToListAsync(cancellationToken);
        var buyerIds = chosen.Select(l => l.BuyerId).Distinct().ToList();
        var names = await db.Companies.AsNoTracking().Where(c => buyerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var groups = new List<CandidateGroup>();
        foreach (var group in chosen.GroupBy(l => (l.BuyerId, l.DeliveryLocation))
                     .OrderBy(g => names.GetValueOrDefault(g.Key.BuyerId), StringComparer.Ordinal).ThenBy(g => g.Key.DeliveryLocation, StringComparer.Ordinal))
        {
            var (buyer, location) = group.Key;
            var others = await Shippable(supplierId)
                .Where(l => !ids.Contains(l.OrderId) && l.BuyerId == buyer && l.DeliveryLocation == location)
                .OrderBy(l => l.RequestedDeliveryDate).ThenBy(l => l.OrderNumber).ThenBy(l => l.LineNumber)
                .Take(MaxOthers)
                .ToListAsync(cancellationToken);
            groups.Add(new CandidateGroup(buyer, names.GetValueOrDefault(buyer, ""), location, [.. Ordered(group)], others));
        }

        return new CandidateSet([.. orders.Select(o => o.OrderNumber).Order(StringComparer.Ordinal)], groups);
    }

    private static IEnumerable<CandidateLine> Ordered(IEnumerable<CandidateLine> lines) =>
        lines.OrderBy(l => l.OrderNumber, StringComparer.Ordinal).ThenBy(l => l.LineNumber);

    private IQueryable<CandidateLine> Shippable(Guid supplierId) =>
        from l in db.PurchaseOrderLines.AsNoTracking()
        join o in db.PurchaseOrders.AsNoTracking() on l.PurchaseOrderId equals o.Id
        where o.SupplierId == supplierId && o.CancelledAt == null && !l.IsCancelled && !l.AwaitingAnswerAfterChange
            && (l.CurrentAnswer == ResponseKind.Accepted || l.CurrentAnswer == ResponseKind.AcceptedWithChanges)
            && l.ShippedQuantity < l.Quantity
        select new CandidateLine
        {
            OrderId = o.Id,
            OrderNumber = o.OrderNumber,
            OrderVersion = o.Version,
            BuyerId = o.BuyerId,
            LineId = l.Id,
            LineNumber = l.LineNumber,
            BuyerItemCode = l.BuyerItemCode,
            SupplierItemCode = l.SupplierItemCode,
            ItemName = l.ItemName,
            Specification = l.Specification,
            Quantity = l.Quantity,
            ShippedQuantity = l.ShippedQuantity,
            Unit = l.Unit,
            RequestedDeliveryDate = l.RequestedDeliveryDate,
            DeliveryLocation = l.DeliveryLocation ?? o.DeliveryLocation,
        };
}
