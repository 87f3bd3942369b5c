using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using WebEdi.Domain.Shipments;
using static WebEdi.IntegrationTests.Portal.Shipments.ShipmentsPortal;

namespace WebEdi.IntegrationTests.Portal.Shipments;

/// <summary>
/// Every shipment route asked with another supplier's shipment, order or order line answers 404 — the same as an id
/// that does not exist — and changes nothing. MIDORI-KAKO's admin tries SAKURA-SEIMITSU's.
/// </summary>
public abstract class Keeping_shipments_apart(ShipmentsPortal fixture)
{
    public static TheoryData<string> Routes =>
    [
        "GET /Shipments/{shipment}",
        "POST /Shipments/{shipment}?handler=Print",
        "POST /Shipments/{shipment}?handler=Cancel",
        "POST /Shipments?handler=Print",
        "GET /Shipments/Create?order={order}",
        "POST /Shipments/Create?handler=Start",
        "POST /Shipments/Create",
        "GET /Orders/{order}?handler=Sheet",
    ];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Another_suppliers_shipment_order_or_line_is_not_found_on_any_route(string route)
    {
        var order = await fixture.OrderAsync([10m, 10m]);
        var shipmentId = CreatedId(await ShipAsync(await fixture.SessionAsync(SakuraOperator), [order], Quantities((order.Line(1), 4m))));
        var before = await fixture.ShipmentAsync(shipmentId);
        var midori = await fixture.SessionAsync(MidoriAdmin);
        var own = await midori.GetAsync("/Shipments");
        var (method, path) = (route.Split(' ')[0], route.Split(' ')[1].Replace("{shipment}", shipmentId.ToString(), StringComparison.Ordinal).Replace("{order}", order.Id.ToString(), StringComparison.Ordinal));

        var response = method == "GET" ? await midori.GetAsync(path) : await midori.PostAsync(path, own, [.. Form(route, order, shipmentId, before)]);

        Assert.True(response.Status == HttpStatusCode.NotFound, $"{route} answered {response.Status}: {response.Document.QuerySelector(".form-errors, .print-errors")?.TextContent}");
        var after = await fixture.ShipmentAsync(shipmentId);
        Assert.Equal((before.Status, before.Version), (after.Status, after.Version));
        Assert.Equal(4m, (await fixture.ReloadAsync(order.Id)).Line(1).ShippedQuantity);
        Assert.Equal(0m, (await fixture.ReloadAsync(order.Id)).Line(2).ShippedQuantity);
        Assert.Equal(0, await fixture.CountAsync(db => db.DeliveryNotePrints.Where(p => p.ShipmentId == shipmentId)));
    }

    [Fact]
    public async Task The_list_shows_only_the_companys_own_shipments()
    {
        var order = await fixture.OrderAsync([10m]);
        var id = CreatedId(await ShipAsync(await fixture.SessionAsync(SakuraOperator), [order], Quantities((order.Line(1), 10m))));
        var number = (await fixture.ShipmentAsync(id)).DeliveryNoteNumber;
        var midori = await fixture.SessionAsync(MidoriAdmin);

        var searched = await midori.GetAsync($"/Shipments?Filter.Query={number}");
        var all = await midori.GetAsync("/Shipments");

        Assert.Empty(searched.Document.QuerySelectorAll("table.shipments tbody tr"));
        Assert.DoesNotContain(number, all.Text, StringComparison.Ordinal);
        await using var db = fixture.Portal.OpenDatabase();
        var midoriId = await db.Companies.Where(c => c.Code == Midori).Select(c => c.Id).SingleAsync();
        Assert.All(all.Document.QuerySelectorAll("table.shipments tbody tr td:nth-child(2) a"),
            a => Assert.True(db.Shipments.Any(s => s.SupplierId == midoriId && s.DeliveryNoteNumber == a.TextContent.Trim())));
    }

    private static IEnumerable<(string, string)> Form(string route, Domain.Orders.PurchaseOrder order, Guid shipmentId, Shipment shipment) => route switch
    {
        _ when route.Contains("handler=Cancel", StringComparison.Ordinal) => [("Version", shipment.Version.ToString(CultureInfo.InvariantCulture))],
        "POST /Shipments?handler=Print" => [("selected", shipmentId.ToString())],
        "POST /Shipments/Create?handler=Start" => [("selected", order.Id.ToString())],
        "POST /Shipments/Create" =>
        [
            ("ShipDate", "2026-11-16"), ("Lines[0].LineId", order.Line(2).Id.ToString()), ("Lines[0].Selected", "true"), ("Lines[0].Quantity", "1"),
        ],
        _ => [],
    };

    [Collection(ShipmentsOnSqlite.Name)]
    public sealed class On_SQLite(SqliteShipmentsPortal fixture) : Keeping_shipments_apart(fixture);

    [Collection(ShipmentsOnPostgreSql.Name)]
    public sealed class On_PostgreSQL(PostgreSqlShipmentsPortal fixture) : Keeping_shipments_apart(fixture);
}
