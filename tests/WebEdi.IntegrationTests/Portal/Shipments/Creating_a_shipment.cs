using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WebEdi.Contracts;
using WebEdi.Domain.Orders;
using WebEdi.Domain.Shipments;
using static WebEdi.IntegrationTests.Portal.Shipments.ShipmentsPortal;

namespace WebEdi.IntegrationTests.Portal.Shipments;

/// <summary>A supplier's clerk ships accepted order lines from the portal: what is stored, what the buyer is sent, what is refused.</summary>
public abstract class Creating_a_shipment(ShipmentsPortal fixture)
{
    [Fact]
    public async Task The_form_offers_the_open_lines_ticked_with_the_open_quantity_and_other_orders_to_the_same_place_unticked()
    {
        var order = await fixture.OrderAsync([100m, 30m]);
        var other = await fixture.OrderAsync([7m]);
        var elsewhere = await fixture.OrderAsync([9m], location: "浜松物流センター");
        var session = await fixture.SessionAsync(SakuraOperator);

        var page = await session.GetAsync($"/Shipments/Create?order={order.Id}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var form = FormHolding(page, order.Line(1).Id);
        Assert.Contains(Location, form.ParentElement!.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("100", form.QuerySelector($"#q-{order.Line(1).Id}")!.GetAttribute("value"));
        Assert.Equal("30", form.QuerySelector($"#q-{order.Line(2).Id}")!.GetAttribute("value"));
        Assert.NotNull(form.QuerySelector($"#pick-{order.Line(1).Id}")!.GetAttribute("checked"));
        Assert.Null(form.QuerySelector($"#pick-{other.Line(1).Id}")!.GetAttribute("checked"));
        Assert.Contains("他の注文", form.QuerySelector($"#line-{other.Line(1).Id}")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector($"#line-{elsewhere.Line(1).Id}"));
    }

    [Fact]
    public async Task A_partial_quantity_is_stored_under_the_next_note_number_with_a_ShipmentNotified_document_for_the_buyer()
    {
        var order = await fixture.OrderAsync([100m, 30m]);
        var second = await fixture.OrderAsync([12.5m]);
        var session = await fixture.SessionAsync(SakuraOperator);

        var response = await ShipAsync(session, [order, second], Quantities((order.Line(1), 40m), (order.Line(2), 30m), (second.Line(1), 12.5m)));

        var shipment = await fixture.ShipmentAsync(CreatedId(response));
        Assert.Matches(@"^[A-Z0-9-]{0,8}\d{8}$", shipment.DeliveryNoteNumber);
        Assert.Equal(ShipDate, shipment.ShipDate);
        Assert.Equal(Location, shipment.DeliveryLocation);
        Assert.Equal(ShipmentStatus.Shipped, shipment.Status);
        var after = await fixture.ReloadAsync(order.Id);
        Assert.Equal((40m, 60m, LineStatus.PartiallyShipped), (after.Line(1).ShippedQuantity, after.Line(1).OpenQuantity, after.Line(1).Status));
        Assert.Equal(LineStatus.Shipped, after.Line(2).Status);
        Assert.Equal(OrderStatus.PartiallyShipped, after.Status);
        Assert.Equal(OrderStatus.Shipped, (await fixture.ReloadAsync(second.Id)).Status);

        var document = Assert.Single(await fixture.DocumentsAsync(shipment.DeliveryNoteNumber));
        Assert.Equal(nameof(ShipmentNotified), document.MessageType);
        // The shipment's documents are ordered with its first order's (see contracts/README.md).
        Assert.Equal(new[] { order.OrderNumber, second.OrderNumber }.Min(StringComparer.Ordinal), document.OrderNumber);
        var notice = JsonSerializer.Deserialize<ShipmentNotified>(document.Payload, ContractJson.Options)!;
        Assert.Equal(document.Id, notice.DocumentId);
        Assert.Equal((Tokai, "S10021", shipment.DeliveryNoteNumber, ShipDate, Location, "鈴木 健"),
            (notice.BuyerCode, notice.SupplierCode, notice.DeliveryNoteNumber, notice.ShipDate, notice.DeliveryLocation, notice.ShippedBy));
        Assert.Equal(
            [
                (order.OrderNumber, 1, "TM-0001", "SK-0001", 40m, "個", false),
                (order.OrderNumber, 2, "TM-0002", "SK-0002", 30m, "個", true),
                (second.OrderNumber, 1, "TM-0001", "SK-0001", 12.5m, "個", true),
            ],
            notice.Lines.Select(l => (l.OrderNumber, l.LineNumber, l.BuyerItemCode, l.SupplierItemCode!, l.Quantity, l.Unit, l.CompletesLine))
                .OrderBy(l => l.OrderNumber, StringComparer.Ordinal).ThenBy(l => l.LineNumber));
        Assert.Equal(notice.Lines.OrderBy(l => l.OrderNumber, StringComparer.Ordinal).ThenBy(l => l.LineNumber), notice.Lines);
        var stored = JsonDocument.Parse(document.Payload).RootElement;
        Assert.Equal(JsonValueKind.Number, stored.GetProperty("lines")[0].GetProperty("quantity").ValueKind);
        Assert.Equal("2026-11-16", stored.GetProperty("shipDate").GetString());
    }

    [Fact]
    public async Task The_rest_of_a_line_ships_later_under_a_new_number()
    {
        var order = await fixture.OrderAsync([100m]);
        var session = await fixture.SessionAsync(SakuraOperator);
        var first = await fixture.ShipmentAsync(CreatedId(await ShipAsync(session, [order], Quantities((order.Line(1), 60m)))));

        var page = await session.GetAsync($"/Shipments/Create?order={order.Id}");
        var rest = await fixture.ShipmentAsync(CreatedId(await ShipAsync(session, [order], Quantities((order.Line(1), 40m)))));

        Assert.Equal("40", page.Document.QuerySelector($"#q-{order.Line(1).Id}")!.GetAttribute("value"));
        Assert.True(string.CompareOrdinal(rest.DeliveryNoteNumber, first.DeliveryNoteNumber) > 0, $"{rest.DeliveryNoteNumber} should follow {first.DeliveryNoteNumber}");
        Assert.Equal(OrderStatus.Shipped, (await fixture.ReloadAsync(order.Id)).Status);
        Assert.True(JsonSerializer.Deserialize<ShipmentNotified>((await fixture.DocumentsAsync(rest.DeliveryNoteNumber))[0].Payload, ContractJson.Options)!.Lines[0].CompletesLine);
    }

    [Fact]
    public async Task Shipping_more_than_is_open_is_refused_and_changes_nothing()
    {
        var order = await fixture.OrderAsync([100m, 5m]);
        var session = await fixture.SessionAsync(SakuraOperator);
        var shipments = await fixture.CountAsync(db => db.Shipments);

        var response = await ShipAsync(session, [order], Quantities((order.Line(1), 100.001m), (order.Line(2), 5m)));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains("出荷を登録できませんでした。何も登録していません。", response.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"注文 {order.OrderNumber} 行 1: 出荷数量が未出荷の数量を超えています。",
            response.Document.QuerySelector($"#line-{order.Line(1).Id} ul.field-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("100.001", response.Document.QuerySelector($"#q-{order.Line(1).Id}")!.GetAttribute("value"));
        await AssertNothingShippedAsync(order, shipments);
    }

    [Theory]
    [InlineData("cancelled", "この明細は取り消されているため出荷できません。")]
    [InlineData("unanswered", "この明細はまだ受諾していません。回答してから出荷してください。")]
    [InlineData("rejected", "この明細は辞退したため出荷できません。")]
    public async Task Shipping_from_a_cancelled_unanswered_or_rejected_line_is_refused_and_changes_nothing(string state, string message)
    {
        var order = await fixture.OrderAsync([10m, 20m], accept: false);
        await using (var db = fixture.Portal.OpenDatabase())
        {
            var stored = await db.OrdersWithDetails().SingleAsync(o => o.Id == order.Id);
            stored.Answer(1, new OrderAnswer.Accept(), null, Received.AddHours(1));
            switch (state)
            {
                case "cancelled":
                    stored.Answer(2, new OrderAnswer.Accept(), null, Received.AddHours(1));
                    stored.CancelLines([2], "設計変更", Received.AddHours(2));
                    break;
                case "rejected":
                    stored.Answer(2, new OrderAnswer.Reject(RejectionReason.OutOfStock, null), null, Received.AddHours(1));
                    break;
                default:
                    break;
            }

            await db.SaveChangesAsync();
        }

        order = await fixture.ReloadAsync(order.Id);
        var session = await fixture.SessionAsync(SakuraOperator);
        var page = await session.GetAsync($"/Shipments/Create?order={order.Id}");
        var shipments = await fixture.CountAsync(db => db.Shipments);
        var fields = Fields(FormHolding(page, order.Line(1).Id), Quantities((order.Line(1), 10m)), "2026-11-16");
        // The form does not offer the line; a hand-made post names it anyway.
        AddLine(fields, order.Line(2).Id, "20");

        var response = await session.PostAsync($"/Shipments/Create?order={order.Id}", page, [.. fields]);

        Assert.Null(page.Document.QuerySelector($"#line-{order.Line(2).Id}"));
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains($"注文 {order.OrderNumber} 行 2: {message}", response.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        await AssertNothingShippedAsync(order, shipments);
    }

    [Fact]
    public async Task Mixing_buyers_in_one_shipment_is_refused_and_changes_nothing()
    {
        var tokai = await fixture.OrderAsync([10m]);
        var kansai = await fixture.OrderAsync([10m], buyer: Kansai);
        var session = await fixture.SessionAsync(SakuraOperator);
        var page = await session.GetAsync($"/Shipments/Create?order={tokai.Id}&order={kansai.Id}");
        var shipments = await fixture.CountAsync(db => db.Shipments);

        // The page gives each buyer its own form; a post that combines them anyway is refused.
        var fields = Fields(FormHolding(page, tokai.Line(1).Id), Quantities((tokai.Line(1), 10m)), "2026-11-16");
        fields.AddRange(Fields(FormHolding(page, kansai.Line(1).Id), Quantities((kansai.Line(1), 10m)), "2026-11-16").Where(f => f.Name.StartsWith("Versions[", StringComparison.Ordinal)));
        AddLine(fields, kansai.Line(1).Id, "10");
        var response = await session.PostAsync($"/Shipments/Create?order={tokai.Id}&order={kansai.Id}", page, [.. fields]);

        Assert.Equal(2, page.Document.QuerySelectorAll("form.shipment-form").Length);
        Assert.Contains("発注元の異なる注文は一つの出荷にできません。", response.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        await AssertNothingShippedAsync(tokai, shipments);
        await AssertNothingShippedAsync(kansai, shipments);
    }

    [Fact]
    public async Task Mixing_delivery_locations_in_one_shipment_is_refused_and_changes_nothing()
    {
        var order = await fixture.OrderAsync([10m, 10m], line: l => l.LineNumber == 2 ? l with { DeliveryLocation = "浜松物流センター" } : l);
        var session = await fixture.SessionAsync(SakuraOperator);
        var page = await session.GetAsync($"/Shipments/Create?order={order.Id}");
        var shipments = await fixture.CountAsync(db => db.Shipments);

        var fields = Fields(FormHolding(page, order.Line(1).Id), Quantities((order.Line(1), 10m)), "2026-11-16");
        AddLine(fields, order.Line(2).Id, "10");
        var response = await session.PostAsync($"/Shipments/Create?order={order.Id}", page, [.. fields]);

        Assert.Equal(2, page.Document.QuerySelectorAll("form.shipment-form").Length);
        Assert.Contains("納入場所の異なる明細は一つの出荷にできません。", response.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        await AssertNothingShippedAsync(order, shipments);
    }

    [Fact]
    public async Task An_order_changed_since_the_form_was_opened_is_a_conflict_and_nothing_is_stored()
    {
        var order = await fixture.OrderAsync([100m]);
        var operatorSession = await fixture.SessionAsync(SakuraOperator);
        var adminSession = await fixture.SessionAsync(SakuraAdmin);
        var stale = await operatorSession.GetAsync($"/Shipments/Create?order={order.Id}");
        CreatedId(await ShipAsync(adminSession, [order], Quantities((order.Line(1), 60m))));
        var shipments = await fixture.CountAsync(db => db.Shipments);

        var fields = Fields(FormHolding(stale, order.Line(1).Id), Quantities((order.Line(1), 30m)), "2026-11-16");
        var response = await operatorSession.PostAsync($"/Shipments/Create?order={order.Id}", stale, [.. fields]);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains($"注文 {order.OrderNumber} は、あなたが画面を開いた後に他の方（または発注元）が更新しました。", response.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(shipments, await fixture.CountAsync(db => db.Shipments));
        Assert.Equal(60m, (await fixture.ReloadAsync(order.Id)).Line(1).ShippedQuantity);
        // The page now shows what is open, keeps what was typed, and a second try goes through.
        Assert.Equal("40", response.Document.QuerySelectorAll($"#line-{order.Line(1).Id} td.number")[2].TextContent.Trim());
        Assert.Equal("30", response.Document.QuerySelector($"#q-{order.Line(1).Id}")!.GetAttribute("value"));
        CreatedId(await operatorSession.PostAsync($"/Shipments/Create?order={order.Id}", response,
            [.. Fields(FormHolding(response, order.Line(1).Id), Quantities((order.Line(1), 30m)), "2026-11-16")]));
    }

    [Theory]
    [InlineData("abc", "「abc」は正しい数値または日付ではありません。")]
    [InlineData("0", "出荷数量は 0 より大きくしてください。")]
    [InlineData("-5", "出荷数量は 0 より大きくしてください。")]
    [InlineData("", "出荷数量を入力してください。")]
    public async Task A_quantity_that_is_not_a_positive_number_is_refused_beside_its_line(string quantity, string message)
    {
        var order = await fixture.OrderAsync([10m]);
        var session = await fixture.SessionAsync(SakuraOperator);
        var shipments = await fixture.CountAsync(db => db.Shipments);

        var response = await ShipAsync(session, [order], new Dictionary<Guid, string> { [order.Line(1).Id] = quantity });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains(message, response.Document.QuerySelector($"#line-{order.Line(1).Id} ul.field-error")!.TextContent, StringComparison.Ordinal);
        await AssertNothingShippedAsync(order, shipments);
    }

    [Fact]
    public async Task A_ship_date_before_the_order_date_is_refused()
    {
        var order = await fixture.OrderAsync([10m]);
        var session = await fixture.SessionAsync(SakuraOperator);
        var shipments = await fixture.CountAsync(db => db.Shipments);

        var response = await ShipAsync(session, [order], Quantities((order.Line(1), 10m)), shipDate: "2026-10-01");

        Assert.Contains($"注文 {order.OrderNumber}: 出荷日が注文日より前です。", response.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        await AssertNothingShippedAsync(order, shipments);
    }

    [Fact]
    public async Task Three_hundred_lines_go_on_one_shipment()
    {
        var order = await fixture.OrderAsync([.. Enumerable.Range(1, 300).Select(i => (decimal)i)]);
        var session = await fixture.SessionAsync(SakuraOperator);

        var response = await ShipAsync(session, [order], order.Lines.ToDictionary(l => l.Id, l => l.Quantity.ToString(CultureInfo.InvariantCulture)));

        var shipment = await fixture.ShipmentAsync(CreatedId(response));
        Assert.Equal(300, shipment.Lines.Count);
        Assert.Equal(300, JsonSerializer.Deserialize<ShipmentNotified>((await fixture.DocumentsAsync(shipment.DeliveryNoteNumber))[0].Payload, ContractJson.Options)!.Lines.Count);
        Assert.Equal(OrderStatus.Shipped, (await fixture.ReloadAsync(order.Id)).Status);
    }

    [Fact]
    public async Task Starting_from_ticked_orders_in_the_inbox_opens_the_form_for_those_orders()
    {
        var first = await fixture.OrderAsync([10m]);
        var second = await fixture.OrderAsync([20m]);
        var session = await fixture.SessionAsync(SakuraOperator);
        var inbox = await session.GetAsync("/Orders?Filter.Tab=Answered");

        var start = await session.PostAsync("/Shipments/Create?handler=Start", inbox, ("selected", first.Id.ToString()), ("selected", second.Id.ToString()));
        var page = await session.GetAsync(start.Location!);
        var nothing = await session.PostAsync("/Shipments/Create?handler=Start", inbox);

        Assert.NotNull(inbox.Document.QuerySelector("button[formaction='/Shipments/Create?handler=Start']"));
        Assert.Equal(HttpStatusCode.Redirect, start.Status);
        Assert.NotNull(FormHolding(page, first.Line(1).Id).QuerySelector($"#pick-{second.Line(1).Id}[checked]"));
        Assert.Equal("/Orders", nothing.Location);
    }

    [Fact]
    public async Task The_order_page_offers_creating_a_shipment_while_something_is_open()
    {
        var open = await fixture.OrderAsync([10m]);
        var unanswered = await fixture.OrderAsync([10m], accept: false);
        var session = await fixture.SessionAsync(SakuraOperator);
        var viewer = await fixture.SessionAsync(SakuraViewer);

        Assert.NotNull((await session.GetAsync($"/Orders/{open.Id}")).Document.QuerySelector($"a[href='/Shipments/Create?order={open.Id}']"));
        Assert.Null((await session.GetAsync($"/Orders/{unanswered.Id}")).Document.QuerySelector("a[href^='/Shipments/Create']"));
        Assert.Null((await viewer.GetAsync($"/Orders/{open.Id}")).Document.QuerySelector("a[href^='/Shipments/Create']"));
    }

    [Fact]
    public async Task A_viewer_can_neither_open_the_form_nor_create_a_shipment()
    {
        var order = await fixture.OrderAsync([10m]);
        var viewer = await fixture.SessionAsync(SakuraViewer);
        var operatorSession = await fixture.SessionAsync(SakuraOperator);
        var form = await operatorSession.GetAsync($"/Shipments/Create?order={order.Id}");
        var own = await viewer.GetAsync("/Shipments");

        var page = await viewer.GetAsync($"/Shipments/Create?order={order.Id}");
        var post = await viewer.PostAsync($"/Shipments/Create?order={order.Id}", own,
            [.. Fields(FormHolding(form, order.Line(1).Id), Quantities((order.Line(1), 10m)), "2026-11-16")]);
        var start = await viewer.PostAsync("/Shipments/Create?handler=Start", own, ("selected", order.Id.ToString()));

        Assert.All([page, post, start], r => Assert.StartsWith("/Account/AccessDenied", new Uri(fixture.Portal.BaseAddress, r.Location).AbsolutePath, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync(post.Location!)).Status);
        Assert.Equal(0m, (await fixture.ReloadAsync(order.Id)).Line(1).ShippedQuantity);
    }

    private async Task AssertNothingShippedAsync(PurchaseOrder order, int shipmentsBefore)
    {
        var after = await fixture.ReloadAsync(order.Id);
        Assert.All(after.Lines, l => Assert.Equal(0m, l.ShippedQuantity));
        Assert.Equal(order.Version, after.Version);
        Assert.Equal(shipmentsBefore, await fixture.CountAsync(db => db.Shipments));
        await using var db = fixture.Portal.OpenDatabase();
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.MessageType == nameof(ShipmentNotified) && m.Payload.Contains(order.OrderNumber)));
    }

    [Collection(ShipmentsOnSqlite.Name)]
    public sealed class On_SQLite(SqliteShipmentsPortal fixture) : Creating_a_shipment(fixture);

    [Collection(ShipmentsOnPostgreSql.Name)]
    public sealed class On_PostgreSQL(PostgreSqlShipmentsPortal fixture) : Creating_a_shipment(fixture);
}
