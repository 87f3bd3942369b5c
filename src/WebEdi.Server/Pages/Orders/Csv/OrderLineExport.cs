using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Documents.Csv;
using WebEdi.Domain.Orders;

namespace WebEdi.Server.Pages.Orders.Csv;

/// <summary>A cell CP932 cannot write, named so the clerk can find it.</summary>
public sealed record UnencodableCell(string OrderNumber, int LineNumber, string Column, string Character);

/// <summary>
/// Reads order lines for the CSV downloads, a block of orders at a time, so a 100,000-line file never sits in memory.
/// Every query is scoped to the supplier: an order id of another company yields nothing.
/// </summary>
public sealed class OrderLineExport(WebEdiDbContext db)
{
    /// <summary>The most lines one download holds; a larger list must be narrowed first (docs/portal-csv.md).</summary>
    public const int MaxLines = 100_000;

    /// <summary>The most orders one "selected orders" download takes.</summary>
    public const int MaxSelected = 1_000;

    private const int Block = 200;

    private static readonly OrderStatus[] OpenStatuses = [OrderStatus.New, OrderStatus.Viewed, OrderStatus.PartiallyAnswered, OrderStatus.ChangedAwaitingAnswer];

    /// <summary>The ids of those of <paramref name="orderIds"/> that are the supplier's, in the given order.</summary>
    public async Task<List<Guid>> OwnAsync(Guid supplierId, IReadOnlyCollection<Guid> orderIds, CancellationToken cancellationToken)
    {
        var ids = orderIds.Distinct().ToList();
        var own = await db.PurchaseOrders.AsNoTracking().Where(o => o.SupplierId == supplierId && ids.Contains(o.Id)).Select(o => o.Id)
            .ToListAsync(cancellationToken);
        var set = own.ToHashSet();
        return ids.Where(set.Contains).ToList();
    }

    /// <summary>The orders with lines waiting for an answer (new, partly answered, changed by the buyer), by next delivery date.</summary>
    public async Task<List<Guid>> OpenOrdersAsync(Guid supplierId, int limit, CancellationToken cancellationToken) =>
        await db.PurchaseOrders.AsNoTracking()
            .Where(o => o.SupplierId == supplierId && OpenStatuses.Contains(o.Status))
            .OrderBy(o => o.NextDeliveryDate == null).ThenBy(o => o.NextDeliveryDate).ThenBy(o => o.OrderNumber)
            .Select(o => o.Id).Take(limit).ToListAsync(cancellationToken);

    /// <summary>How many rows the download of these orders has (counted in blocks; stops counting past <see cref="MaxLines"/>).</summary>
    public async Task<int> CountAsync(Guid supplierId, IReadOnlyList<Guid> orderIds, bool openOnly, CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var block in orderIds.Chunk(1000))
        {
            total += await Lines(supplierId, block, openOnly).CountAsync(cancellationToken);
            if (total > MaxLines)
            {
                break;
            }
        }

        return total;
    }

    /// <summary>The rows, order by order in the given order, lines by line number. With <paramref name="openOnly"/>: the template (no answers).</summary>
    public async IAsyncEnumerable<OrderLineRow> RowsAsync(
        Guid supplierId, IReadOnlyList<Guid> orderIds, bool openOnly, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buyers = await db.Companies.AsNoTracking()
            .Where(c => db.TradingRelationships.Any(r => r.SupplierId == supplierId && r.BuyerId == c.Id))
            .ToDictionaryAsync(c => c.Id, c => (c.Code, c.Name), cancellationToken);
        foreach (var block in orderIds.Chunk(Block))
        {
            var orders = await db.PurchaseOrders.AsNoTracking()
                .Where(o => o.SupplierId == supplierId && block.Contains(o.Id))
                .Select(o => new { o.Id, o.BuyerId, o.OrderNumber, o.Revision, o.OrderDate, o.Currency, o.DeliveryLocation })
                .ToDictionaryAsync(o => o.Id, cancellationToken);
            var lines = (await Lines(supplierId, block, openOnly)
                    .Include(l => l.Responses.Where(r => r.IsCurrent)).ThenInclude(r => r.Deliveries)
                    .AsSplitQuery()
                    .ToListAsync(cancellationToken))
                .ToLookup(l => l.PurchaseOrderId);
            foreach (var id in block)
            {
                if (!orders.TryGetValue(id, out var order))
                {
                    continue;
                }

                var (buyerCode, buyerName) = buyers.GetValueOrDefault(order.BuyerId, ("", ""));
                foreach (var line in lines[id].OrderBy(l => l.LineNumber))
                {
                    var answer = openOnly ? null : line.Responses.SingleOrDefault();
                    yield return new OrderLineRow(
                        buyerCode, buyerName, order.OrderNumber, order.Revision, order.OrderDate, line.LineNumber,
                        line.BuyerItemCode, line.SupplierItemCode, line.ItemName, line.Specification,
                        line.Quantity, line.Unit, line.UnitPrice, line.Amount, line.TaxRate, order.Currency,
                        line.RequestedDeliveryDate, line.DeliveryLocation ?? order.DeliveryLocation, line.Status,
                        answer?.Kind, answer?.PromisedDate, answer?.PromisedUnitPrice,
                        answer?.Deliveries.OrderBy(d => d.Date).Select(d => new ScheduledDeliveryData(d.Date, d.Quantity)).ToList() ?? [],
                        answer?.RejectionReason, answer?.Comment);
                }
            }
        }
    }

    /// <summary>
    /// The cells of these rows that Shift_JIS (CP932) cannot hold, up to <paramref name="limit"/>: the download is
    /// refused when there are any, rather than writing '?' in their place.
    /// </summary>
    public async Task<List<UnencodableCell>> UnencodableAsync(
        Guid supplierId, IReadOnlyList<Guid> orderIds, bool openOnly, int limit, CancellationToken cancellationToken)
    {
        var cp932 = CsvEncodings.Strict(CsvEncoding.ShiftJis);
        var found = new List<UnencodableCell>();
        await foreach (var row in RowsAsync(supplierId, orderIds, openOnly, cancellationToken))
        {
            var cells = OrderLineCsv.Cells(row);
            for (var i = 0; i < cells.Length; i++)
            {
                if (CsvEncodings.FirstUnencodable(CsvEncodings.ForCp932(cells[i]), cp932) is { } character)
                {
                    found.Add(new UnencodableCell(row.OrderNumber, row.LineNumber, OrderLineCsv.Columns[i], character));
                    if (found.Count >= limit)
                    {
                        return found;
                    }
                }
            }
        }

        return found;
    }

    private IQueryable<PurchaseOrderLine> Lines(Guid supplierId, Guid[] block, bool openOnly)
    {
        var lines = db.PurchaseOrderLines.AsNoTracking()
            .Where(l => block.Contains(l.PurchaseOrderId) && db.PurchaseOrders.Any(o => o.Id == l.PurchaseOrderId && o.SupplierId == supplierId));
        return openOnly ? lines.Where(l => !l.IsCancelled && (l.CurrentAnswer == null || l.AwaitingAnswerAfterChange)) : lines;
    }
}

/// <summary>Writes a CSV download straight to the response as it is read from the database.</summary>
public sealed class CsvDownloadResult(string fileName, CsvEncoding encoding, Func<CsvHelper.CsvWriter, CancellationToken, Task> write) : Microsoft.AspNetCore.Mvc.IActionResult
{
    public async Task ExecuteResultAsync(Microsoft.AspNetCore.Mvc.ActionContext context)
    {
        var response = context.HttpContext.Response;
        var cancellationToken = context.HttpContext.RequestAborted;
        response.ContentType = $"text/csv; charset={CsvEncodings.Charset(encoding)}";
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment")
        {
            FileName = "order-lines.csv",
            FileNameStar = fileName,
        }.ToString();

        if (encoding == CsvEncoding.Utf8)
        {
            await response.Body.WriteAsync(CsvEncodings.Bom.ToArray(), cancellationToken);
        }

        // The encoder throws rather than write '?': a character that slipped past the check aborts the download
        // (the browser reports a failed download) instead of handing over a quietly damaged file.
        await using var text = new StreamWriter(response.Body, CsvEncodings.Strict(encoding), 64 * 1024, leaveOpen: true);
        // Formula neutralisation is OrderLineCsv.Text's: every field arrives as text, and only the text columns are escaped.
        await using var csv = CsvHelper.CsvWriter.Create(text, CsvHelper.CsvWriterOptions.Default with { NewLine = "\r\n", Injection = CsvHelper.CsvInjection.None }, leaveOpen: true);
        await write(csv, cancellationToken);
        await csv.FlushAsync(cancellationToken);
    }
}
