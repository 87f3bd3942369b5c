using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Domain.Orders;

namespace WebEdi.Server.Pages.Orders;

/// <summary>The inbox's tabs. Each is a question a clerk asks: what is new, what must I answer, what is late.</summary>
public enum InboxTab
{
    /// <summary>Not opened by anyone of the company yet (未読).</summary>
    Unread,

    /// <summary>Waiting for the supplier's answer: new, opened or partly answered (未回答).</summary>
    Awaiting,

    /// <summary>The buyer changed answered lines; they need a new answer (変更あり).</summary>
    Changed,

    /// <summary>Answered, including what has been shipped since (回答済).</summary>
    Answered,

    /// <summary>A requested date has passed and the goods are not all shipped (納期遅れ).</summary>
    Overdue,

    /// <summary>Cancelled by the buyer (取消).</summary>
    Cancelled,

    /// <summary>Everything (すべて).</summary>
    All,
}

public enum InboxSort
{
    Delivery,
    OrderDate,
    OrderNumber,
    Buyer,
    Received,
}

/// <summary>What the inbox shows: a tab, search words, a buyer, date ranges, a sort and a page. Bound from the query string.</summary>
public sealed record InboxFilter
{
    public const int PageSize = 50;

    public InboxTab Tab { get; init; } = InboxTab.Awaiting;

    /// <summary>Part of an order number, item code or item name.</summary>
    public string? Query { get; init; }

    public Guid? Buyer { get; init; }

    public DateOnly? OrderedFrom { get; init; }

    public DateOnly? OrderedTo { get; init; }

    public DateOnly? DeliveryFrom { get; init; }

    public DateOnly? DeliveryTo { get; init; }

    public InboxSort Sort { get; init; } = InboxSort.Delivery;

    public bool Descending { get; init; }

    /// <summary>The page of results, from 1. Not called "Page": Razor Pages routes by a value of that name.</summary>
    public int PageNumber { get; init; } = 1;
}

/// <summary>One order in the list.</summary>
public sealed record InboxRow(
    Guid Id, string OrderNumber, int Revision, string BuyerName, DateOnly OrderDate, DateOnly? NextDeliveryDate, OrderStatus Status,
    bool Unread, string Currency, int LineCount, decimal Total, string FirstItem, bool Overdue, DateTime ReceivedAt);

public sealed record InboxPage(
    IReadOnlyList<InboxRow> Rows, IReadOnlyDictionary<InboxTab, int> Counts, int TotalCount, int Page, IReadOnlyList<BuyerOption> Buyers)
{
    public int PageCount => Math.Max(1, (TotalCount + InboxFilter.PageSize - 1) / InboxFilter.PageSize);
}

/// <summary>A buyer the supplier trades with, for the buyer filter.</summary>
public sealed record BuyerOption(Guid Id, string Code, string Name);

/// <summary>
/// The supplier's order inbox: every query starts from the signed-in company's orders, so no filter, sort or id can
/// reach another company's. Counts and rows come from the indexes on (supplier, status, next delivery date, read),
/// (supplier, status, order date) and (supplier, next delivery date, order number); a page is 50 orders.
/// </summary>
public sealed class OrderInbox(WebEdiDbContext db)
{
    private static readonly OrderStatus[] AwaitingStatuses = [OrderStatus.New, OrderStatus.Viewed, OrderStatus.PartiallyAnswered];
    private static readonly OrderStatus[] AnsweredStatuses = [OrderStatus.Answered, OrderStatus.PartiallyShipped, OrderStatus.Shipped, OrderStatus.Completed];
    private static readonly OrderStatus[] DoneStatuses = [OrderStatus.Cancelled, OrderStatus.Shipped, OrderStatus.Completed];

    public async Task<IReadOnlyList<BuyerOption>> BuyersAsync(Guid supplierId, CancellationToken cancellationToken) =>
        await db.Companies.AsNoTracking()
            .Where(c => db.TradingRelationships.Any(r => r.SupplierId == supplierId && r.BuyerId == c.Id))
            .OrderBy(c => c.Code)
            .Select(c => new BuyerOption(c.Id, c.Code, c.Name))
            .ToListAsync(cancellationToken);

    public async Task<InboxPage> PageAsync(Guid supplierId, InboxFilter filter, DateOnly today, CancellationToken cancellationToken)
    {
        var scoped = Filtered(supplierId, filter);
        var counts = await CountsAsync(scoped, today, cancellationToken);
        var inTab = InTab(scoped, filter.Tab, today);
        var total = counts[filter.Tab];
        var page = Math.Clamp(filter.PageNumber, 1, Math.Max(1, (total + InboxFilter.PageSize - 1) / InboxFilter.PageSize));

        var rows = await Sorted(inTab, filter)
            .Skip((page - 1) * InboxFilter.PageSize)
            .Take(InboxFilter.PageSize)
            .Select(o => new
            {
                o.Id, o.OrderNumber, o.Revision, o.BuyerId, o.OrderDate, o.NextDeliveryDate, o.Status, Unread = o.ViewedAt == null, o.Currency, o.ReceivedAt,
            })
            .ToListAsync(cancellationToken);

        // Amounts and names for just this page: SQLite cannot sum decimals in SQL, and 50 orders' lines are few.
        var ids = rows.Select(r => r.Id).ToList();
        var lines = (await db.PurchaseOrderLines.AsNoTracking()
                .Where(l => ids.Contains(l.PurchaseOrderId) && !l.IsCancelled)
                .Select(l => new { l.PurchaseOrderId, l.LineNumber, l.Amount, l.ItemName })
                .ToListAsync(cancellationToken))
            .ToLookup(l => l.PurchaseOrderId);
        // Every order is of a buyer the supplier trades (or traded) with: the buyer filter's list names them all.
        var buyerOptions = await BuyersAsync(supplierId, cancellationToken);
        var buyers = buyerOptions.ToDictionary(b => b.Id, b => b.Name);

        var result = rows.Select(r => new InboxRow(
                r.Id, r.OrderNumber, r.Revision, buyers.GetValueOrDefault(r.BuyerId, ""), r.OrderDate, r.NextDeliveryDate, r.Status, r.Unread,
                r.Currency, lines[r.Id].Count(), lines[r.Id].Sum(l => l.Amount),
                lines[r.Id].OrderBy(l => l.LineNumber).Select(l => l.ItemName).FirstOrDefault() ?? "",
                r.NextDeliveryDate < today && !DoneStatuses.Contains(r.Status), r.ReceivedAt))
            .ToList();
        return new InboxPage(result, counts, total, page, buyerOptions);
    }

    /// <summary>The ids of every order the filter selects, in list order (CSV download of "the filtered list").</summary>
    public async Task<IReadOnlyList<Guid>> IdsAsync(Guid supplierId, InboxFilter filter, DateOnly today, int limit, CancellationToken cancellationToken) =>
        await Sorted(InTab(Filtered(supplierId, filter), filter.Tab, today), filter).Select(o => o.Id).Take(limit).ToListAsync(cancellationToken);

    private IQueryable<PurchaseOrder> Filtered(Guid supplierId, InboxFilter filter)
    {
        var orders = db.PurchaseOrders.AsNoTracking().Where(o => o.SupplierId == supplierId);
        if (filter.Buyer is { } buyer)
        {
            orders = orders.Where(o => o.BuyerId == buyer);
        }

        if (filter.Query?.Trim() is { Length: > 0 } query)
        {
            // One column of the order holds its number and every line's codes and name (PurchaseOrder.SearchText).
            orders = orders.Where(o => o.SearchText.Contains(query));
        }

        if (filter.OrderedFrom is { } orderedFrom)
        {
            orders = orders.Where(o => o.OrderDate >= orderedFrom);
        }

        if (filter.OrderedTo is { } orderedTo)
        {
            orders = orders.Where(o => o.OrderDate <= orderedTo);
        }

        if (filter.DeliveryFrom is { } deliveryFrom)
        {
            orders = orders.Where(o => o.NextDeliveryDate >= deliveryFrom);
        }

        if (filter.DeliveryTo is { } deliveryTo)
        {
            orders = orders.Where(o => o.NextDeliveryDate <= deliveryTo);
        }

        return orders;
    }

    private static IQueryable<PurchaseOrder> InTab(IQueryable<PurchaseOrder> orders, InboxTab tab, DateOnly today) => tab switch
    {
        InboxTab.Unread => orders.Where(o => o.ViewedAt == null && o.Status != OrderStatus.Cancelled),
        InboxTab.Awaiting => orders.Where(o => AwaitingStatuses.Contains(o.Status)),
        InboxTab.Changed => orders.Where(o => o.Status == OrderStatus.ChangedAwaitingAnswer),
        InboxTab.Answered => orders.Where(o => AnsweredStatuses.Contains(o.Status)),
        InboxTab.Overdue => orders.Where(o => o.NextDeliveryDate < today && !DoneStatuses.Contains(o.Status)),
        InboxTab.Cancelled => orders.Where(o => o.Status == OrderStatus.Cancelled),
        _ => orders,
    };

    private IQueryable<PurchaseOrder> Sorted(IQueryable<PurchaseOrder> orders, InboxFilter filter)
    {
        // Every sort ends on the order number, so paging is stable when many orders share a date. Orders without a next
        // delivery date (nothing left to deliver) come last either way: PostgreSQL sorts nulls last in ascending order
        // by itself, so there the default sort is plain and its index (supplier, date, number) returns the page in
        // order; SQLite sorts nulls first and needs the extra key.
        if (filter.Sort == InboxSort.Delivery && !filter.Descending && db.Database.IsNpgsql())
        {
            return orders.OrderBy(o => o.NextDeliveryDate).ThenBy(o => o.OrderNumber);
        }

        return (filter.Sort, filter.Descending) switch
        {
            (InboxSort.OrderNumber, false) => orders.OrderBy(o => o.OrderNumber),
            (InboxSort.OrderNumber, true) => orders.OrderByDescending(o => o.OrderNumber),
            (InboxSort.OrderDate, false) => orders.OrderBy(o => o.OrderDate).ThenBy(o => o.OrderNumber),
            (InboxSort.OrderDate, true) => orders.OrderByDescending(o => o.OrderDate).ThenByDescending(o => o.OrderNumber),
            (InboxSort.Received, false) => orders.OrderBy(o => o.ReceivedAt).ThenBy(o => o.OrderNumber),
            (InboxSort.Received, true) => orders.OrderByDescending(o => o.ReceivedAt).ThenByDescending(o => o.OrderNumber),
            (InboxSort.Buyer, false) => orders.OrderBy(o => db.Companies.Where(c => c.Id == o.BuyerId).Select(c => c.Code).First()).ThenBy(o => o.OrderNumber),
            (InboxSort.Buyer, true) => orders.OrderByDescending(o => db.Companies.Where(c => c.Id == o.BuyerId).Select(c => c.Code).First()).ThenByDescending(o => o.OrderNumber),
            (_, false) => orders.OrderBy(o => o.NextDeliveryDate == null).ThenBy(o => o.NextDeliveryDate).ThenBy(o => o.OrderNumber),
            (_, true) => orders.OrderBy(o => o.NextDeliveryDate == null).ThenByDescending(o => o.NextDeliveryDate).ThenByDescending(o => o.OrderNumber),
        };
    }

    /// <summary>Every tab's count in one query (one pass over the company's orders).</summary>
    private static async Task<Dictionary<InboxTab, int>> CountsAsync(IQueryable<PurchaseOrder> orders, DateOnly today, CancellationToken cancellationToken)
    {
        var counts = await orders
            .GroupBy(o => 1)
            .Select(g => new
            {
                Unread = g.Count(o => o.ViewedAt == null && o.Status != OrderStatus.Cancelled),
                Awaiting = g.Count(o => AwaitingStatuses.Contains(o.Status)),
                Changed = g.Count(o => o.Status == OrderStatus.ChangedAwaitingAnswer),
                Answered = g.Count(o => AnsweredStatuses.Contains(o.Status)),
                Overdue = g.Count(o => o.NextDeliveryDate < today && !DoneStatuses.Contains(o.Status)),
                Cancelled = g.Count(o => o.Status == OrderStatus.Cancelled),
                All = g.Count(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return new Dictionary<InboxTab, int>
        {
            [InboxTab.Unread] = counts?.Unread ?? 0,
            [InboxTab.Awaiting] = counts?.Awaiting ?? 0,
            [InboxTab.Changed] = counts?.Changed ?? 0,
            [InboxTab.Answered] = counts?.Answered ?? 0,
            [InboxTab.Overdue] = counts?.Overdue ?? 0,
            [InboxTab.Cancelled] = counts?.Cancelled ?? 0,
            [InboxTab.All] = counts?.All ?? 0,
        };
    }
}
