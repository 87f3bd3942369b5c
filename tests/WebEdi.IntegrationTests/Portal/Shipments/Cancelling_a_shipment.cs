using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WebEdi.Contracts;
using WebEdi.Domain.Orders;
using WebEdi.Domain.Shipments;
using static WebEdi.IntegrationTests.Portal.Shipments.ShipmentsPortal;

namespace WebEdi.IntegrationTests.Portal.Shipments;

/// <summary>Withdrawing a shipment before the buyer received it: the quantities open again and the buyer is told.</summary>
public abstract class Cancelling_a_shipment(ShipmentsPortal fixture)
{
    [Fact]
    public async Task Opens_the_quantities_again_and_sends_the_buyer_a_ShipmentCancelled_after_the_notice()
    {
        var order = await fixture.OrderAsync([100m, 20m]);
        var session = await fixture.SessionAsync(SakuraOperator);
        var id = CreatedId(await ShipAsync(session, [order], Quantities((order.Line(1), 40m), (order.Line(2), 20m))));
        var page = await session.GetAsync($"/Shipments/{id}");

        var response = await session.PostAsync($"/Shipments/{id}?handler=Cancel", page.Form("form.cancel-form").QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ("Version", page.Form("form.cancel-form").QuerySelector("input[name=Version]")!.GetAttribute("value")!));

        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        var shipment = await fixture.ShipmentAsync(id);
        Assert.Equal(ShipmentStatus.Cancelled, shipment.Status);
        var after = await fixture.ReloadAsync(order.Id);
        Assert.All(after.Lines, l => Assert.Equal(l.Quantity, l.OpenQuantity));
        Assert.Equal(OrderStatus.Answered, after.Status);

        var documents = await fixture.DocumentsAsync(shipment.DeliveryNoteNumber);
        Assert.Equal([nameof(ShipmentNotified), nameof(ShipmentCancelled)], documents.Select(d => d.MessageType));
        Assert.All(documents, d => Assert.Equal(order.OrderNumber, d.OrderNumber));
        var cancelled = JsonSerializer.Deserialize<ShipmentCancelled>(documents[1].Payload, ContractJson.Options)!;
        Assert.Equal((Tokai, "S10021", shipment.DeliveryNoteNumber, ShipDate, "鈴木 健"),
            (cancelled.BuyerCode, cancelled.SupplierCode, cancelled.DeliveryNoteNumber, cancelled.ShipDate, cancelled.CancelledBy));
        Assert.Equal([(1, 40m, false), (2, 20m, false)], cancelled.Lines.Select(l => (l.LineNumber, l.Quantity, l.CompletesLine)));

        var shown = await session.GetAsync($"/Shipments/{id}");
        Assert.Contains("取消", shown.Document.QuerySelector("h1 .shipment-status")!.TextContent, StringComparison.Ordinal);
        Assert.Null(shown.Document.QuerySelector("form.cancel-form"));
        Assert.Contains("ShipmentCancelled", shown.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cancelled_number_is_never_used_again()
    {
        var order = await fixture.OrderAsync([10m]);
        var session = await fixture.SessionAsync(SakuraOperator);
        var first = await fixture.ShipmentAsync(CreatedId(await ShipAsync(session, [order], Quantities((order.Line(1), 10m)))));
        await CancelAsync(session, first.Id);

        var again = await fixture.ShipmentAsync(CreatedId(await ShipAsync(session, [order], Quantities((order.Line(1), 10m)))));

        Assert.NotEqual(first.DeliveryNoteNumber, again.DeliveryNoteNumber);
        Assert.Equal(ShipmentStatus.Cancelled, (await fixture.ShipmentAsync(first.Id)).Status);
    }

    [Fact]
    public async Task A_shipment_the_buyer_received_cannot_be_cancelled()
    {
        var order = await fixture.OrderAsync([10m]);
        var session = await fixture.SessionAsync(SakuraOperator);
        var id = CreatedId(await ShipAsync(session, [order], Quantities((order.Line(1), 10m))));
        var page = await session.GetAsync($"/Shipments/{id}");
        await using (var db = fixture.Portal.OpenDatabase())
        {
            var shipment = await db.Shipments.Include(s => s.Lines).ThenInclude(l => l.OrderLine).SingleAsync(s => s.Id == id);
            await db.OrdersWithDetails().SingleAsync(o => o.Id == order.Id);
            shipment.MarkReceived(DateTime.UtcNow);
            await db.SaveChangesAsync();
        }

        var version = (await fixture.ShipmentAsync(id)).Version;
        var response = await session.PostAsync($"/Shipments/{id}?handler=Cancel", page, ("Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains("発注元が受領済みのため取り消せません。", response.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ShipmentStatus.Received, (await fixture.ShipmentAsync(id)).Status);
        Assert.Single(await fixture.DocumentsAsync((await fixture.ShipmentAsync(id)).DeliveryNoteNumber));
    }

    [Fact]
    public async Task A_cancellation_from_a_stale_page_is_a_conflict()
    {
        var order = await fixture.OrderAsync([10m]);
        var session = await fixture.SessionAsync(SakuraOperator);
        var id = CreatedId(await ShipAsync(session, [order], Quantities((order.Line(1), 10m))));
        var stale = await session.GetAsync($"/Shipments/{id}");
        await CancelAsync(session, id);

        var response = await session.PostAsync($"/Shipments/{id}?handler=Cancel", stale, ("Version", Version(stale)));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains("この出荷は、あなたが画面を開いた後に更新されました。", response.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, (await fixture.DocumentsAsync((await fixture.ShipmentAsync(id)).DeliveryNoteNumber)).Count);
    }

    [Fact]
    public async Task A_viewer_sees_the_shipment_but_cannot_cancel_it()
    {
        var order = await fixture.OrderAsync([10m]);
        var id = CreatedId(await ShipAsync(await fixture.SessionAsync(SakuraOperator), [order], Quantities((order.Line(1), 10m))));
        var viewer = await fixture.SessionAsync(SakuraViewer);
        var page = await viewer.GetAsync($"/Shipments/{id}");
        var list = await viewer.GetAsync("/Shipments");

        var response = await viewer.PostAsync($"/Shipments/{id}?handler=Cancel", list, ("Version", "0"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Null(page.Document.QuerySelector("form.cancel-form"));
        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        Assert.StartsWith("/Account/AccessDenied", new Uri(fixture.Portal.BaseAddress, response.Location).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(ShipmentStatus.Shipped, (await fixture.ShipmentAsync(id)).Status);
    }

    private static async Task CancelAsync(PortalSession session, Guid id)
    {
        var page = await session.GetAsync($"/Shipments/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await session.PostAsync($"/Shipments/{id}?handler=Cancel", page, ("Version", Version(page)))).Status);
    }

    private static string Version(PortalPage page) => page.Form("form.cancel-form").QuerySelector("input[name=Version]")!.GetAttribute("value")!;

    [Collection(ShipmentsOnSqlite.Name)]
    public sealed class On_SQLite(SqliteShipmentsPortal fixture) : Cancelling_a_shipment(fixture);

    [Collection(ShipmentsOnPostgreSql.Name)]
    public sealed class On_PostgreSQL(PostgreSqlShipmentsPortal fixture) : Cancelling_a_shipment(fixture);
}
