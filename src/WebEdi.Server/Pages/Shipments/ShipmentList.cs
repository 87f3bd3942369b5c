using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Domain.Shipments;
using WebEdi.Server.Pages.Orders;

namespace WebEdi.Server.Pages.Shipments;

/// <summary>What the shipment list shows: a buyer, a ship-date range, a status, a note or order number, a page. Bound from the query string.</summary>
public sealed record ShipmentFilter
{
    public const int PageSize = 50;

    public Guid? Buyer { get; init; }

    public DateOnly? ShippedFrom { get; init; }

    public DateOnly? ShippedTo { get; init; }

    public ShipmentStatus? Status { get; init; }

    /// <summary>Part of a delivery note number or of an order number on the shipment.</summary>
    public string? Query { get; init; }

    /// <summary>The page of results, from 1 (not "Page": Razor Pages routes by a value of that name).</summary>
    public int PageNumber { get; init; } = 1;
}

/// <summary>One shipment in the list.</summary>
public sealed record ShipmentRow(
    Guid Id, string DeliveryNoteNumber, string BuyerName, DateOnly ShipDate, string? DeliveryLocation, ShipmentStatus Status,
    IReadOnlyList<string> OrderNumbers, int LineCount, int Prints);

public sealed record ShipmentPage(IReadOnlyList<ShipmentRow> Rows, int TotalCount, int Page, IReadOnlyList<BuyerOption> Buyers)
{
    public int PageCount => Math.Max(1, (TotalCount + ShipmentFilter.PageSize - 1) / ShipmentFilter.PageSize);
}

/// <summary>
/// The supplier's shipments (出荷一覧), newest ship date first, 50 a page. Every query starts from the signed-in
/// company's shipments, so no filter or id reaches another company's.
/// </summary>
public sealed class ShipmentList(WebEdiDbContext db, OrderInbox inbox)
{
    /// <summary>Most shipments one batch print takes (a PDF of 500 notes is about 1,500 pages).</summary>
    public const int MaxBatch = 500;

    public async Task<ShipmentPage> PageAsync(Guid supplierId, ShipmentFilter filter, CancellationToken cancellationToken)
    {
        var shipments = Filtered(supplierId, filter);
        var total = await shipments.CountAsync(cancellationToken);
        var page = Math.Clamp(filter.PageNumber, 1, Math.Max(1, (total + ShipmentFilter.PageSize - 1) / ShipmentFilter.PageSize));
        var rows = await Sorted(shipments)
            .Skip((page - 1) * ShipmentFilter.PageSize)
            .Take(ShipmentFilter.PageSize)
            .Select(s => new { s.Id, s.DeliveryNoteNumber, s.BuyerId, s.ShipDate, s.DeliveryLocation, s.Status })
            .ToListAsync(cancellationToken);

        // Orders, lines and prints of just this page.
        var ids = rows.Select(r => r.Id).ToList();
        var lines = (await db.Set<ShipmentLine>().AsNoTracking()
                .Where(l => ids.Contains(l.ShipmentId))
                .Select(l => new { l.ShipmentId, l.OrderLine.Order.OrderNumber })
                .ToListAsync(cancellationToken))
            .ToLookup(l => l.ShipmentId, l => l.OrderNumber);
        var prints = await db.DeliveryNotePrints.AsNoTracking()
            .Where(p => ids.Contains(p.ShipmentId))
            .GroupBy(p => p.ShipmentId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(p => p.Key, p => p.Count, cancellationToken);
        var buyers = await inbox.BuyersAsync(supplierId, cancellationToken);
        var names = buyers.ToDictionary(b => b.Id, b => b.Name);

        var result = rows.Select(r => new ShipmentRow(
                r.Id, r.DeliveryNoteNumber, names.GetValueOrDefault(r.BuyerId, ""), r.ShipDate, r.DeliveryLocation, r.Status,
                [.. lines[r.Id].Distinct().Order(StringComparer.Ordinal)], lines[r.Id].Count(), prints.GetValueOrDefault(r.Id)))
            .ToList();
        return new ShipmentPage(result, total, page, buyers);
    }

    /// <summary>The ids of the shipments the filter selects that can be printed (not cancelled), in list order, at most <see cref="MaxBatch"/> + 1.</summary>
    public async Task<IReadOnlyList<Guid>> PrintableIdsAsync(Guid supplierId, ShipmentFilter filter, CancellationToken cancellationToken) =>
        await Sorted(Filtered(supplierId, filter).Where(s => s.Status != ShipmentStatus.Cancelled))
            .Select(s => s.Id)
            .Take(MaxBatch + 1)
            .ToListAsync(cancellationToken);

    private IQueryable<Shipment> Filtered(Guid supplierId, ShipmentFilter filter)
    {
        var shipments = db.Shipments.AsNoTracking().Where(s => s.SupplierId == supplierId);
        if (filter.Buyer is { } buyer)
        {
            shipments = shipments.Where(s => s.BuyerId == buyer);
        }

        if (filter.ShippedFrom is { } from)
        {
            shipments = shipments.Where(s => s.ShipDate >= from);
        }

        if (filter.ShippedTo is { } to)
        {
            shipments = shipments.Where(s => s.ShipDate <= to);
        }

        if (filter.Status is { } status)
        {
            shipments = shipments.Where(s => s.Status == status);
        }

        if (filter.Query?.Trim() is { Length: > 0 } query)
        {
            shipments = shipments.Where(s => s.DeliveryNoteNumber.Contains(query)
                || db.Set<ShipmentLine>().Any(l => l.ShipmentId == s.Id && l.OrderLine.Order.OrderNumber.Contains(query)));
        }

        return shipments;
    }

    // Newest first; the note number breaks ties so that paging neither repeats nor skips a shipment.
    private static IQueryable<Shipment> Sorted(IQueryable<Shipment> shipments) =>
        shipments.OrderByDescending(s => s.ShipDate).ThenByDescending(s => s.DeliveryNoteNumber);
}
