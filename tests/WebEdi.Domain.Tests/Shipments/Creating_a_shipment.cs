using WebEdi.Domain.Orders;
using WebEdi.Domain.Shipments;
using static WebEdi.Domain.Tests.Scenario;

namespace WebEdi.Domain.Tests.Shipments;

public class Creating_a_shipment
{
    [Fact]
    public void Moves_the_shipped_quantity_of_each_line_and_the_order_status()
    {
        var order = ReceiveAccepted(Line(1), Line(2, quantity: 50m));

        var shipment = Shipment.Create("DN-00000001", ShipDate, [new(order, 1, 40m), new(order, 2, 50m)], Tanaka, Shipped);

        Assert.Equal(40m, order.Line(1).ShippedQuantity);
        Assert.Equal(60m, order.Line(1).OpenQuantity);
        Assert.Equal(LineStatus.PartiallyShipped, order.Line(1).Status);
        Assert.Equal(50m, order.Line(2).ShippedQuantity);
        Assert.Equal(0m, order.Line(2).OpenQuantity);
        Assert.Equal(LineStatus.Shipped, order.Line(2).Status);
        Assert.Equal(OrderStatus.PartiallyShipped, order.Status);
        Assert.Equal(RequestedDate, order.NextDeliveryDate);

        Assert.NotEqual(Guid.Empty, shipment.Id);
        Assert.Equal("DN-00000001", shipment.DeliveryNoteNumber);
        Assert.Equal(ShipDate, shipment.ShipDate);
        Assert.Equal(order.BuyerId, shipment.BuyerId);
        Assert.Equal(order.SupplierId, shipment.SupplierId);
        Assert.Equal("Plant 1", shipment.DeliveryLocation);
        Assert.Equal(ShipmentStatus.Shipped, shipment.Status);
        Assert.Equal(Shipped, shipment.CreatedAt);
        Assert.Equal(Tanaka, shipment.CreatedBy);
        Assert.Equal([(order.Line(1).Id, 40m), (order.Line(2).Id, 50m)], shipment.Lines.Select(l => (l.PurchaseOrderLineId, l.Quantity)));
        Assert.All(shipment.Lines, l => Assert.Equal(shipment.Id, l.ShipmentId));
    }

    [Fact]
    public void May_carry_several_orders_of_one_buyer_to_one_location()
    {
        var relationship = Relationship();
        var first = ReceiveAccepted(relationship, Line(1));
        var second = PurchaseOrder.Receive(relationship, "PO-2026-0002", 1, Header, [Line(1, quantity: 20m)], Received);
        second.AcceptAll(Tanaka, Answered);

        var shipment = Ship(new ShipmentItem(first, 1, 100m), new ShipmentItem(second, 1, 20m));

        Assert.Equal(2, shipment.Lines.Count);
        Assert.Equal(OrderStatus.Shipped, first.Status);
        Assert.Equal(OrderStatus.Shipped, second.Status);
    }

    [Fact]
    public void Can_ship_the_open_rest_after_an_earlier_shipment()
    {
        var order = ReceiveAccepted(Line(1));
        Ship(order, 1, 60m);

        Ship(order, 1, 40m);

        Assert.Equal(100m, order.Line(1).ShippedQuantity);
        Assert.Equal(OrderStatus.Shipped, order.Status);
    }

    [Fact]
    public void Refuses_more_than_the_open_quantity_and_changes_nothing()
    {
        var order = ReceiveAccepted(Line(1));
        Ship(order, 1, 60m);
        var before = order.Describe();

        var refusal = Refused(() => Ship(order, 1, 41m), ("lines", "over_open_quantity"));

        Assert.Contains("shipping 41 but only 40 is open", refusal.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(before, order.Describe());
    }

    [Fact]
    public void Refuses_two_items_for_the_same_line_that_together_exceed_the_open_quantity()
    {
        var order = ReceiveAccepted(Line(1));

        var refusal = Refused(() => Ship(new ShipmentItem(order, 1, 60m), new ShipmentItem(order, 1, 50m)), ("lines", "over_open_quantity"));

        Assert.Contains("shipping 110 but only 100 is open", refusal.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(0m, order.Line(1).ShippedQuantity);
    }

    [Fact]
    public void Refuses_a_line_that_has_not_been_answered()
    {
        var order = Receive(Line(1));

        Refused(() => Ship(order, 1, 10m), ("lines[0]", "line_not_accepted"));
    }

    [Fact]
    public void Refuses_a_rejected_line()
    {
        var order = Receive(Line(1));
        order.Answer(1, new OrderAnswer.Reject(RejectionReason.OutOfStock, null), Tanaka, Answered);

        Refused(() => Ship(order, 1, 10m), ("lines[0]", "line_rejected"));
    }

    [Fact]
    public void Refuses_a_cancelled_line()
    {
        var order = ReceiveAccepted(Line(1), Line(2));
        order.CancelLines([2], null, Cancelled);

        Refused(() => Ship(order, 2, 10m), ("lines[0]", "line_cancelled"));
    }

    [Fact]
    public void Refuses_a_line_changed_by_the_buyer_until_it_is_answered_again()
    {
        var order = ReceiveAccepted(Line(1));
        order.ReviseTo(2, Line(1, quantity: 80m));

        Refused(() => Ship(order, 1, 10m), ("lines[0]", "line_not_accepted"));

        order.Answer(1, new OrderAnswer.Accept(), Tanaka, Reanswered);
        Assert.Equal(10m, Ship(order, 1, 10m).Lines[0].Quantity);
    }

    [Fact]
    public void Refuses_orders_of_different_buyers()
    {
        var supplier = Supplier();
        var tokai = ReceiveAccepted(Relationship(Buyer("TOKAI-MOTOR"), supplier), Line(1));
        var kansai = ReceiveAccepted(Relationship(Buyer("KANSAI-DENKI"), supplier), Line(1));

        Refused(() => Ship(new ShipmentItem(tokai, 1, 10m), new ShipmentItem(kansai, 1, 10m)), ("lines", "mixed_buyers"));

        Assert.Equal(0m, tokai.Line(1).ShippedQuantity);
        Assert.Equal(0m, kansai.Line(1).ShippedQuantity);
    }

    [Fact]
    public void Refuses_orders_to_different_suppliers()
    {
        var buyer = Buyer();
        var mikawa = ReceiveAccepted(Relationship(buyer, Supplier("MIKAWA-SEIKO")), Line(1));
        var owari = ReceiveAccepted(Relationship(buyer, Supplier("OWARI-KOGYO")), Line(1));

        Refused(() => Ship(new ShipmentItem(mikawa, 1, 10m), new ShipmentItem(owari, 1, 10m)), ("lines", "mixed_suppliers"));
    }

    [Fact]
    public void Refuses_lines_going_to_different_delivery_locations_with_a_lines_own_location_overriding_the_header()
    {
        var order = ReceiveAccepted(Line(1), Line(2) with { DeliveryLocation = "Plant 2" });

        var refusal = Refused(() => Ship(new ShipmentItem(order, 1, 10m), new ShipmentItem(order, 2, 10m)), ("lines", "mixed_locations"));

        Assert.Contains("Plant 1, Plant 2", refusal.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ships_a_line_to_its_own_location_together_with_an_order_whose_header_names_the_same_place()
    {
        var relationship = Relationship();
        var first = ReceiveAccepted(relationship, Line(1) with { DeliveryLocation = "Plant 2" });
        var second = PurchaseOrder.Receive(relationship, "PO-2026-0002", 1, Header with { DeliveryLocation = "Plant 2" }, [Line(1)], Received);
        second.AcceptAll(Tanaka, Answered);

        var shipment = Ship(new ShipmentItem(first, 1, 10m), new ShipmentItem(second, 1, 10m));

        Assert.Equal("Plant 2", shipment.DeliveryLocation);
    }

    [Fact]
    public void Ships_to_no_named_location_when_the_order_names_none()
    {
        var order = PurchaseOrder.Receive(Relationship(), OrderNumber, 1, Header with { DeliveryLocation = null }, [Line(1)], Received);
        order.AcceptAll(Tanaka, Answered);

        Assert.Null(Ship(order, 1, 10m).DeliveryLocation);
    }

    [Fact]
    public void Refuses_a_line_the_order_does_not_have()
    {
        var order = ReceiveAccepted(Line(1));

        Refused(() => Ship(new ShipmentItem(order, 1, 10m), new ShipmentItem(order, 9, 10m)), ("lines[1]", "unknown_line"));

        Assert.Equal(0m, order.Line(1).ShippedQuantity);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Refuses_a_quantity_of_zero_or_less(int quantity)
    {
        var order = ReceiveAccepted(Line(1));

        Refused(() => Ship(order, 1, quantity), ("lines[0].quantity", "not_positive"));
    }

    [Fact]
    public void Refuses_a_shipment_without_lines()
    {
        Refused(() => Ship(), ("lines", "required"));
    }

    [Fact]
    public void Refuses_more_than_999_lines()
    {
        var order = ReceiveAccepted(Line(1, quantity: 1000m));
        var items = Enumerable.Range(0, 1000).Select(_ => new ShipmentItem(order, 1, 1m)).ToArray();

        Refused(() => Ship(items), ("lines", "too_many"));
        Assert.Equal(999, Ship(items[..999]).Lines.Count);
    }

    [Theory]
    [InlineData("DN-00000001")]
    [InlineData("1")]
    [InlineData("ABCDEFGHIJ0123456789")]
    public void Accepts_a_delivery_note_number_of_1_to_20_capitals_digits_and_hyphens(string number)
    {
        var order = ReceiveAccepted(Line(1));

        Assert.Equal(number, Shipment.Create(number, ShipDate, [new(order, 1, 10m)], Tanaka, Shipped).DeliveryNoteNumber);
    }

    [Theory]
    [InlineData("")]
    [InlineData("dn-00000001")]
    [InlineData("DN 00000001")]
    [InlineData("DN_00000001")]
    [InlineData("DN/00000001")]
    [InlineData("ABCDEFGHIJ01234567890")]
    [InlineData(null)]
    public void Refuses_a_delivery_note_number_a_Code_39_barcode_cannot_carry(string? number)
    {
        var order = ReceiveAccepted(Line(1));

        Refused(() => Shipment.Create(number!, ShipDate, [new(order, 1, 10m)], Tanaka, Shipped), ("deliveryNoteNumber", "invalid_number"));
        Assert.False(Shipment.IsValidDeliveryNoteNumber(number));
    }

    [Fact]
    public void Reports_every_problem_at_once_naming_each_item_by_position()
    {
        var order = ReceiveAccepted(Line(1), Line(2));
        order.Answer(2, new OrderAnswer.Reject(RejectionReason.OutOfStock, null), Tanaka, Reanswered);

        Refused(() => Shipment.Create("dn", ShipDate, [new(order, 1, 0m), new(order, 2, 10m), new(order, 7, 1m)], Tanaka, Shipped),
            ("deliveryNoteNumber", "invalid_number"),
            ("lines[0].quantity", "not_positive"),
            ("lines[1]", "line_rejected"),
            ("lines[2]", "unknown_line"));
    }

    [Fact]
    public void Refuses_an_instant_that_is_not_UTC_and_changes_nothing()
    {
        var order = ReceiveAccepted(Line(1));
        var before = order.Describe();

        Assert.Throws<ArgumentException>(() => Shipment.Create("DN-00000001", ShipDate, [new(order, 1, 10m)], Tanaka, NotUtc));

        Assert.Equal(before, order.Describe());
    }
}
