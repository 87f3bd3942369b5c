using Microsoft.EntityFrameworkCore;
using WebEdi.Data;

namespace WebEdi.IntegrationTests.Portal.Orders;

/// <summary>
/// The inbox's default sort has its own query on PostgreSQL (nulls sort last there without help, so an index can
/// return the page in order); on both databases the list must come out the same: by next delivery date, then order
/// number, and orders with nothing left to deliver last.
/// </summary>
public sealed class Sorting_the_inbox_by_delivery_date
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Lists_every_order_by_next_delivery_date_then_number_with_undated_orders_last_on_every_page(DatabaseProvider provider)
    {
        await using var portal = await PortalServer.StartAsync(provider, demoOrders: 240);
        List<string> expected;
        await using (var db = portal.OpenDatabase())
        {
            var sakura = await db.Companies.Where(c => c.Code == "SAKURA-SEIMITSU").Select(c => c.Id).SingleAsync();
            var orders = await db.PurchaseOrders.AsNoTracking().Where(o => o.SupplierId == sakura)
                .Select(o => new { o.OrderNumber, o.NextDeliveryDate }).ToListAsync();
            expected = [.. orders
                .OrderBy(o => o.NextDeliveryDate is null).ThenBy(o => o.NextDeliveryDate).ThenBy(o => o.OrderNumber, StringComparer.Ordinal)
                .Select(o => o.OrderNumber)];

            // The case the sort exists for: several pages, dates shared by several orders, and orders without a date.
            Assert.True(orders.Count > 100, $"only {orders.Count} orders");
            Assert.Contains(orders, o => o.NextDeliveryDate is null);
            Assert.Contains(orders.Where(o => o.NextDeliveryDate is not null).GroupBy(o => o.NextDeliveryDate), g => g.Count() > 1);
        }

        using var session = await portal.SignInAsync(PortalServer.SakuraAdmin);
        var listed = new List<string>();
        for (var number = 1; ; number++)
        {
            var page = await session.GetAsync($"/Orders?Filter.Tab=All&Filter.Sort=Delivery&Filter.PageNumber={number}");
            listed.AddRange(page.Document.QuerySelectorAll("table.orders tbody tr td:nth-child(2) a").Select(a => a.TextContent));
            if (page.Document.QuerySelector(".pager a[rel=next]") is null)
            {
                break;
            }
        }

        Assert.Equal(expected, listed);
    }
}
