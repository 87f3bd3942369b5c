using WebEdi.Domain.Orders;
using WebEdi.Domain.Shipments;
using static WebEdi.Domain.Tests.Scenario;

namespace WebEdi.Domain.Tests.Shipments;

public class Receiving_a_shipment
{
    [Fact]
    public void Completes_an_order_whose_every_accepted_line_has_arrived()
    {
        var order = ReceiveAccepted(Line(1));
        var shipment = Ship(order, 1, 100m);

        shipment.MarkReceived(Delivered);

        Assert.Equal(ShipmentStatus.Received, shipment.Status);
        Assert.Equal(Delivered, shipment.ReceivedAt);
        Assert.Equal(100m, order.Line(1).ReceivedQuantity);
        Assert.Equal(LineStatus.Completed, order.Line(1).Status);
        Assert.Equal(OrderStatus.Completed, order.Status);
        Assert.Null(order.NextDeliveryDate);
    }

    [Fact]
    public void A_received_part_shipment_leaves_the_order_partially_shipped()
    {
        var order = ReceiveAccepted(Line(1));
        var shipment = Ship(order, 1, 40m);

        shipment.MarkReceived(Delivered);

        Assert.Equal(40m, order.Line(1).ReceivedQuantity);
        Assert.Equal(LineStatus.PartiallyShipped, order.Line(1).Status);
        Assert.Equal(OrderStatus.PartiallyShipped, order.Status);
    }

    [Fact]
    public void Refuses_to_receive_twice_and_counts_the_goods_once()
    {
        var order = ReceiveAccepted(Line(1));
        var shipment = Ship(order, 1, 100m);
        shipment.MarkReceived(Delivered);

        Refused(() => shipment.MarkReceived(Reanswered), ("status", "already_received"));

        Assert.Equal(100m, order.Line(1).ReceivedQuantity);
        Assert.Equal(Delivered, shipment.ReceivedAt);
    }

    [Fact]
    public void Refuses_a_cancelled_shipment()
    {
        var order = ReceiveAccepted(Line(1));
        var shipment = Ship(order, 1, 100m);
        shipment.Cancel(Cancelled);

        Refused(() => shipment.MarkReceived(Delivered), ("status", "already_cancelled"));

        Assert.Equal(0m, order.Line(1).ReceivedQuantity);
        Assert.Null(shipment.ReceivedAt);
    }

    [Fact]
    public void Refuses_an_instant_that_is_not_UTC_and_changes_nothing()
    {
        var order = ReceiveAccepted(Line(1));
        var shipment = Ship(order, 1, 100m);
        var before = order.Describe();

        Assert.Throws<ArgumentException>(() => shipment.MarkReceived(NotUtc));

        Assert.Equal(ShipmentStatus.Shipped, shipment.Status);
        Assert.Equal(before, order.Describe());
    }
}
