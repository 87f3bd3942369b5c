using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Domain.Orders;
using WebEdi.Domain.Shipments;

namespace WebEdi.IntegrationTests.Persistence;

public sealed class Storing_orders
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Keeps_revisions_answers_deliveries_and_shipments_exactly(DatabaseProvider provider)
    {
        var options = await TestDatabase.MigratedAsync(provider);
        await using (var db = TestDatabase.Open(options))
        {
            var trade = await Trade.StoreAsync(db);
            var order = trade.Order("PO2611-00001", 100m, 12.5m);
            order.Answer(1, new OrderAnswer.AcceptWithChanges(null, 180.25m,
                [new ScheduledDeliveryData(new DateOnly(2026, 11, 20), 40m), new ScheduledDeliveryData(new DateOnly(2026, 11, 27), 60m)],
                "分納でお願いします"), null, Trade.At.AddHours(1));
            order.Answer(2, new OrderAnswer.Accept(), null, Trade.At.AddHours(1));
            var shipment = Shipment.Create("SA-00000001", new DateOnly(2026, 11, 20), [new ShipmentItem(order, 1, 40m)], null, Trade.At.AddDays(1));
            db.PurchaseOrders.Add(order);
            db.Shipments.Add(shipment);
            await db.SaveChangesAsync();
        }

        await using (var db = TestDatabase.Open(options))
        {
            var order = await db.OrdersWithDetails().SingleAsync(o => o.OrderNumber == "PO2611-00001");
            Assert.Equal(OrderStatus.PartiallyShipped, order.Status);
            Assert.Equal(new DateOnly(2026, 11, 2), order.OrderDate);
            Assert.Equal(DateTimeKind.Utc, order.ReceivedAt.Kind);
            Assert.Equal(Trade.At, order.ReceivedAt);

            var line1 = order.Line(1);
            Assert.Equal(100m, line1.Quantity);
            Assert.Equal(18550m, line1.Amount);
            Assert.Equal(40m, line1.ShippedQuantity);
            var answer = Assert.Single(line1.Responses);
            Assert.Equal(ResponseKind.AcceptedWithChanges, answer.Kind);
            Assert.Equal(180.25m, answer.PromisedUnitPrice);
            Assert.Equal("分納でお願いします", answer.Comment);
            Assert.Equal([40m, 60m], answer.Deliveries.OrderBy(d => d.Date).Select(d => d.Quantity));

            Assert.Equal(12.5m, order.Line(2).Quantity);
            Assert.Equal(2318.75m, order.Line(2).UnitPrice * order.Line(2).Quantity);

            var revision = Assert.Single(order.Revisions);
            Assert.Equal("深溝玉軸受 6203ZZ", revision.Snapshot.Lines[0].ItemName);
            Assert.Equal("本社工場 第1受入場", revision.Snapshot.Header.DeliveryLocation);

            var shipment = await db.Shipments.Include(s => s.Lines).SingleAsync();
            Assert.Equal("SA-00000001", shipment.DeliveryNoteNumber);
            Assert.Equal(40m, Assert.Single(shipment.Lines).Quantity);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Refuses_a_second_order_with_the_same_buyer_and_number(DatabaseProvider provider)
    {
        var options = await TestDatabase.MigratedAsync(provider);
        await using var db = TestDatabase.Open(options);
        var trade = await Trade.StoreAsync(db);
        db.PurchaseOrders.Add(trade.Order("PO-1", 10m));
        await db.SaveChangesAsync();

        db.PurchaseOrders.Add(trade.Order("PO-1", 20m));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Refuses_a_delivery_note_number_the_supplier_already_used(DatabaseProvider provider)
    {
        var options = await TestDatabase.MigratedAsync(provider);
        await using var db = TestDatabase.Open(options);
        var trade = await Trade.StoreAsync(db);
        var order = trade.Order("PO-2", 10m, 10m);
        order.AcceptAll(null, Trade.At);
        db.PurchaseOrders.Add(order);
        db.Shipments.Add(Shipment.Create("SA-00000007", new DateOnly(2026, 11, 3), [new ShipmentItem(order, 1, 5m)], null, Trade.At));
        await db.SaveChangesAsync();

        db.Shipments.Add(Shipment.Create("SA-00000007", new DateOnly(2026, 11, 4), [new ShipmentItem(order, 2, 5m)], null, Trade.At));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}
