using System.Net;
using static WebEdi.IntegrationTests.Portal.Shipments.ShipmentsPortal;

namespace WebEdi.IntegrationTests.Portal.Shipments;

/// <summary>The shipment list (出荷一覧): the company's own shipments, newest first, filtered and paged.</summary>
public abstract class Browsing_shipments(ShipmentsPortal fixture)
{
    [Fact]
    public async Task Filters_by_buyer_ship_date_status_and_number()
    {
        var session = await fixture.SessionAsync(SakuraOperator);
        var tokai = await fixture.OrderAsync([10m]);
        var kansai = await fixture.OrderAsync([10m], buyer: Kansai);
        var early = await fixture.ShipmentAsync(CreatedId(await ShipAsync(session, [tokai], Quantities((tokai.Line(1), 4m)), shipDate: "2026-11-03")));
        var late = await fixture.ShipmentAsync(CreatedId(await ShipAsync(session, [tokai], Quantities((tokai.Line(1), 6m)), shipDate: "2026-11-04")));
        var other = await fixture.ShipmentAsync(CreatedId(await ShipAsync(session, [kansai], Quantities((kansai.Line(1), 10m)), shipDate: "2026-11-04")));
        var buyers = (await session.GetAsync("/Shipments")).Document.QuerySelectorAll("select[name='Filter.Buyer'] option")
            .ToDictionary(o => o.TextContent.Trim(), o => o.GetAttribute("value")!);

        var byNumber = await NumbersAsync(session, $"Filter.Query={tokai.OrderNumber}");
        var byDate = await NumbersAsync(session, $"Filter.Query={tokai.OrderNumber}&Filter.ShippedFrom=2026-11-04&Filter.ShippedTo=2026-11-04");
        var byBuyer = await NumbersAsync(session, $"Filter.ShippedFrom=2026-11-04&Filter.ShippedTo=2026-11-04&Filter.Buyer={buyers["関西電機株式会社 (KANSAI-DENKI)"]}");
        var byNote = await NumbersAsync(session, $"Filter.Query={late.DeliveryNoteNumber}");
        var shipped = await NumbersAsync(session, $"Filter.Query={tokai.OrderNumber}&Filter.Status=Shipped");
        var cancelled = await NumbersAsync(session, $"Filter.Query={tokai.OrderNumber}&Filter.Status=Cancelled");

        Assert.Equal([late.DeliveryNoteNumber, early.DeliveryNoteNumber], byNumber);
        Assert.Equal([late.DeliveryNoteNumber], byDate);
        Assert.Contains(other.DeliveryNoteNumber, byBuyer);
        Assert.DoesNotContain(late.DeliveryNoteNumber, byBuyer);
        Assert.Equal([late.DeliveryNoteNumber], byNote);
        Assert.Equal(2, shipped.Count);
        Assert.Empty(cancelled);
    }

    [Fact]
    public async Task Pages_fifty_shipments_at_a_time_without_repeating_one()
    {
        var session = await fixture.SessionAsync(SakuraOperator);
        var order = await fixture.OrderAsync([60m]);
        for (var i = 0; i < 55; i++)
        {
            CreatedId(await ShipAsync(session, [order], Quantities((order.Line(1), 1m))));
        }

        var first = await session.GetAsync($"/Shipments?Filter.Query={order.OrderNumber}");
        var second = await session.GetAsync(first.Document.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!);

        var numbers = Numbers(first).Concat(Numbers(second)).ToList();
        Assert.Equal(50, Numbers(first).Count);
        Assert.Equal(55, numbers.Distinct().Count());
        Assert.Equal(numbers.OrderDescending(StringComparer.Ordinal), numbers);
        Assert.Contains("55 件中 51–55 件", second.Document.QuerySelector(".result-count")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_filter_in_the_address_is_named_and_ignored()
    {
        var session = await fixture.SessionAsync(SakuraViewer);

        var page = await session.GetAsync("/Shipments?Filter.ShippedFrom=yesterday&Filter.Status=Lost");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("検索条件の一部が正しくないため無視しました", page.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("ShippedFrom", page.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_menu_offers_shipments_to_suppliers_and_the_list_speaks_english_too()
    {
        var session = await fixture.SessionAsync(SakuraViewer);
        var buyer = await fixture.Portal.SignInAsync("buyer.admin@tokai-motor.example");

        var page = await session.GetAsync("/Shipments");
        var buyerPage = await buyer.GetAsync("/Orders");
        await session.PostAsync("/Account/Language", page, ("language", "en"), ("returnUrl", "/Shipments"));
        var english = await session.GetAsync("/Shipments");
        await session.PostAsync("/Account/Language", english, ("language", "ja"), ("returnUrl", "/Shipments"));

        Assert.Equal("出荷", page.Document.QuerySelector(".site-nav a[href='/Shipments']")!.TextContent);
        Assert.Null(buyerPage.Document.QuerySelector(".site-nav a[href='/Shipments']"));
        Assert.Equal("Shipments", english.Document.QuerySelector("h1")!.TextContent);
        Assert.Equal("Shipments", english.Document.QuerySelector(".site-nav a[href='/Shipments']")!.TextContent);
        buyer.Dispose();
    }

    private static async Task<List<string>> NumbersAsync(PortalSession session, string query) => Numbers(await session.GetAsync($"/Shipments?{query}"));

    private static List<string> Numbers(PortalPage page) =>
        [.. page.Document.QuerySelectorAll("table.shipments tbody tr td:nth-child(2) a").Select(a => a.TextContent.Trim())];

    [Collection(ShipmentsOnSqlite.Name)]
    public sealed class On_SQLite(SqliteShipmentsPortal fixture) : Browsing_shipments(fixture);

    [Collection(ShipmentsOnPostgreSql.Name)]
    public sealed class On_PostgreSQL(PostgreSqlShipmentsPortal fixture) : Browsing_shipments(fixture);
}
