using System.Globalization;
using Microsoft.EntityFrameworkCore;
using WebEdi.Domain.Orders;

namespace WebEdi.IntegrationTests.Portal.Orders;

/// <summary>
/// Dates as yyyy/MM/dd and times in the company's own time zone; quantities and money the ja-JP way (1,250.5 / ¥12,345)
/// in Japanese and in English alike.
/// </summary>
public sealed class Showing_dates_and_numbers(OrdersPortal fixture) : IClassFixture<OrdersPortal>
{
    [Fact]
    public async Task Times_are_the_companys_wall_clock_in_its_own_time_zone()
    {
        // FUJI-HATSUJO moves to Honolulu (UTC−10, 19 hours behind Tokyo) before anyone of it has signed in.
        await using var db = fixture.Portal.OpenDatabase();
        var fuji = await db.Companies.SingleAsync(c => c.Code == "FUJI-HATSUJO");
        await db.Companies.Where(c => c.Id == fuji.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.TimeZoneId, "Pacific/Honolulu"));
        var order = await db.PurchaseOrders.AsNoTracking().Where(o => o.SupplierId == fuji.Id).OrderBy(o => o.OrderNumber).FirstAsync();
        var honolulu = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Honolulu");
        var expected = TimeZoneInfo.ConvertTimeFromUtc(order.ReceivedAt, honolulu).ToString("yyyy/MM/dd HH:mm", CultureInfo.InvariantCulture);
        using var session = await fixture.Portal.SignInAsync(PortalServer.FujiAdmin);

        var inbox = await session.GetAsync($"/Orders?Filter.Tab=All&Filter.Query={Uri.EscapeDataString(order.OrderNumber)}");
        var detail = await session.GetAsync($"/Orders/{order.Id}");

        var row = inbox.Document.QuerySelectorAll("table.orders tbody tr").Single(r => r.QuerySelector("td:nth-child(2) a")!.TextContent == order.OrderNumber);
        Assert.Equal(expected, row.QuerySelector("td:nth-child(9)")!.TextContent.Trim());
        Assert.Equal(order.OrderDate.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture), row.QuerySelector("td:nth-child(5)")!.TextContent.Trim());
        var received = detail.Document.QuerySelectorAll("dl.order-header div").Single(d => d.QuerySelector("dt")!.TextContent == "受信日時");
        Assert.Equal(expected, received.QuerySelector("dd")!.TextContent.Trim());
    }

    [Fact]
    public async Task Quantities_and_money_are_written_the_japanese_way_in_both_languages()
    {
        var orderId = await ReceiveAsync("MIDORI-KAKO", "FMT-0001",
            (1250.5m, 1234m),
            (3m, 12.8m));
        using var session = await fixture.Portal.SignInAsync(OrdersPortal.MidoriAdmin);

        foreach (var language in new[] { "ja", "en" })
        {
            var first = await session.GetAsync("/Orders");
            await session.PostAsync("/Account/Language", first, ("language", language), ("returnUrl", "/Orders"));
            var page = await session.GetAsync($"/Orders/{orderId}");
            var inbox = await session.GetAsync("/Orders?Filter.Tab=All&Filter.Query=FMT-0001");

            Assert.Equal(["1,250.5 個", "¥1,234", "¥1,543,117", "10%"], Cells(page, 1));
            // The amount is whole yen: the ERP sent none, so the domain rounded 3 × ¥12.8 to the yen.
            Assert.Equal(["3 個", "¥12.8", "¥38", "10%"], Cells(page, 2));
            Assert.Equal("¥1,543,155", inbox.Document.QuerySelector("table.orders tbody tr td.number")!.TextContent.Trim());
        }
    }

    private static List<string> Cells(PortalPage page, int line) =>
        [.. page.Document.QuerySelectorAll($"#line-{line} tr:first-child td.number").Select(td => td.TextContent.Trim())];

    /// <summary>Stores a new order from TOKAI-MOTOR to <paramref name="supplier"/> with the given lines, through the domain's own rules.</summary>
    private async Task<Guid> ReceiveAsync(string supplier, string number, params (decimal Quantity, decimal Price)[] lines)
    {
        await using var db = fixture.Portal.OpenDatabase();
        var relationship = await db.TradingRelationships.SingleAsync(r =>
            r.SupplierId == db.Companies.Single(c => c.Code == supplier).Id && r.BuyerId == db.Companies.Single(c => c.Code == "TOKAI-MOTOR").Id);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var order = PurchaseOrder.Receive(relationship, number, 1, new OrderHeader(today, "JPY", "本社工場", "購買部 山田", null),
            [.. lines.Select((l, i) => new OrderLineData(i + 1, $"FMT-{i + 1}", null, "書式確認用部品", null, l.Quantity, "個", l.Price, null, 10m, today.AddDays(30), null, null))],
            DateTime.UtcNow);
        db.PurchaseOrders.Add(order);
        await db.SaveChangesAsync();
        return order.Id;
    }
}
