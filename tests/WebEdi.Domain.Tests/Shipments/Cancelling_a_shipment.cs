using WebEdi.Domain.Orders;
using WebEdi.Domain.Shipments;
using static WebEdi.Domain.Tests.Scenario;

namespace WebEdi.Domain.Tests.Shipments;

public class Cancelling_a_shipment
{
    [Fact]
    public void Returns_its_quantity_to_the_open_quantity_of_each_line()
    {
        var order = ReceiveAccepted(Line(1), Line(2));
        var shipment = Ship(new ShipmentItem(order, 1, 100m), new ShipmentItem(order, 2, 30m));

        shipment.Cancel(Cancelled);

        Assert.Equal(ShipmentStatus.Cancelled, shipment.Status);
        Assert.Equal(Cancelled, shipment.CancelledAt);
        Assert.All(order.Lines, l => Assert.Equal(0m, l.ShippedQuantity));
        Assert.All(order.Lines, l => Assert.Equal(100m, l.OpenQuantity));
        Assert.All(order.Lines, l => Assert.Equal(LineStatus.Accepted, l.Status));
        Assert.Equal(OrderStatus.Answered, order.Status);
    }

    [Fact]
    public void Frees_the_quantity_for_another_shipment()
    {
        var order = ReceiveAccepted(Line(1));
        Ship(order, 1, 100m).Cancel(Cancelled);

        Ship(order, 1, 100m);

        Assert.Equal(OrderStatus.Shipped, order.Status);
    }

    [Fact]
    public void Refuses_to_cancel_twice_and_returns_the_quantity_only_once()
    {
        var order = ReceiveAccepted(Line(1));
        Ship(order, 1, 30m);
        var shipment = Ship(order, 1, 50m);
        shipment.Cancel(Cancelled);

        Refused(() => shipment.Cancel(Reanswered), ("status", "already_cancelled"));

        Assert.Equal(30m, order.Line(1).ShippedQuantity);
        Assert.Equal(Cancelled, shipment.CancelledAt);
    }

    [Fact]
    public void Refuses_once_the_buyer_has_received_it()
    {
        var order = ReceiveAccepted(Line(1));
        var shipment = Ship(order, 1, 100m);
        shipment.MarkReceived(Delivered);
        var before = order.Describe();

        Refused(() => shipment.Cancel(Cancelled), ("status", "already_received"));

        Assert.Equal(ShipmentStatus.Received, shipment.Status);
        Assert.Null(shipment.CancelledAt);
        Assert.Equal(before, order.Describe());
    }

    [Fact]
    public void Refuses_an_instant_that_is_not_UTC_and_changes_nothing()
    {
        var order = ReceiveAccepted(Line(1));
        var shipment = Ship(order, 1, 100m);
        var before = order.Describe();

        Assert.Throws<ArgumentException>(() => shipment.Cancel(NotUtc));

        Assert.Equal(ShipmentStatus.Shipped, shipment.Status);
        Assert.Equal(before, order.Describe());
    }
}
