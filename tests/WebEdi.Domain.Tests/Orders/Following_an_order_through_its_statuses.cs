using WebEdi.Domain.Orders;
using static WebEdi.Domain.Tests.Scenario;

namespace WebEdi.Domain.Tests.Orders;

public class Following_an_order_through_its_statuses
{
    [Fact]
    public void New_viewed_partially_answered_answered_partially_shipped_shipped_completed()
    {
        var order = Receive(Line(1), Line(2, quantity: 50m));
        Assert.Equal(OrderStatus.New, order.Status);

        order.MarkViewed(Viewed);
        Assert.Equal(OrderStatus.Viewed, order.Status);

        order.Answer(1, new OrderAnswer.Accept(), Tanaka, Answered);
        Assert.Equal(OrderStatus.PartiallyAnswered, order.Status);

        order.Answer(2, new OrderAnswer.Accept(), Tanaka, Answered);
        Assert.Equal(OrderStatus.Answered, order.Status);

        var first = Ship(order, 1, 100m);
        Assert.Equal(OrderStatus.PartiallyShipped, order.Status);

        var second = Ship(order, 2, 50m);
        Assert.Equal(OrderStatus.Shipped, order.Status);

        first.MarkReceived(Delivered);
        Assert.Equal(OrderStatus.Shipped, order.Status);

        second.MarkReceived(Delivered);
        Assert.Equal(OrderStatus.Completed, order.Status);
    }

    [Fact]
    public void A_part_of_one_line_shipped_makes_the_order_partially_shipped()
    {
        var order = ReceiveAccepted(Line(1));

        Ship(order, 1, 1m);

        Assert.Equal(OrderStatus.PartiallyShipped, order.Status);
    }

    [Fact]
    public void An_order_whose_lines_are_all_rejected_is_answered_with_nothing_left_to_deliver()
    {
        var order = Receive(Line(1), Line(2));

        order.Answer(1, new OrderAnswer.Reject(RejectionReason.OutOfStock, null), Tanaka, Answered);
        order.Answer(2, new OrderAnswer.Reject(RejectionReason.Discontinued, null), Tanaka, Answered);

        Assert.Equal(OrderStatus.Answered, order.Status);
        Assert.Null(order.NextDeliveryDate);
    }

    [Fact]
    public void Rejected_lines_do_not_hold_back_shipped_and_completed()
    {
        var order = Receive(Line(1), Line(2));
        order.Answer(1, new OrderAnswer.Accept(), Tanaka, Answered);
        order.Answer(2, new OrderAnswer.Reject(RejectionReason.OutOfStock, null), Tanaka, Answered);

        var shipment = Ship(order, 1, 100m);
        Assert.Equal(OrderStatus.Shipped, order.Status);

        shipment.MarkReceived(Delivered);
        Assert.Equal(OrderStatus.Completed, order.Status);
    }

    [Fact]
    public void A_shipment_before_every_line_is_answered_makes_the_order_partially_shipped()
    {
        var order = Receive(Line(1), Line(2));
        order.Answer(1, new OrderAnswer.Accept(), Tanaka, Answered);

        Ship(order, 1, 100m);

        Assert.Equal(OrderStatus.PartiallyShipped, order.Status);
    }

    [Fact]
    public void A_cancelled_order_is_cancelled_whatever_was_answered()
    {
        var order = ReceiveAccepted(Line(1));

        order.Cancel(null, Cancelled);

        Assert.Equal(OrderStatus.Cancelled, order.Status);
    }

    [Fact]
    public void A_change_to_an_answered_line_outranks_every_other_status()
    {
        var order = ReceiveAccepted(Line(1), Line(2));
        Ship(order, 1, 100m);

        order.ReviseTo(2, Line(1), Line(2, quantity: 80m));

        Assert.Equal(OrderStatus.ChangedAwaitingAnswer, order.Status);
    }

    [Fact]
    public void A_line_goes_open_accepted_partially_shipped_shipped_completed()
    {
        var order = Receive(Line(1));
        var line = order.Line(1);
        Assert.Equal(LineStatus.Open, line.Status);

        order.AcceptAll(Tanaka, Answered);
        Assert.Equal(LineStatus.Accepted, line.Status);

        var first = Ship(order, 1, 30m);
        Assert.Equal(LineStatus.PartiallyShipped, line.Status);

        var second = Ship(order, 1, 70m);
        Assert.Equal(LineStatus.Shipped, line.Status);

        first.MarkReceived(Delivered);
        Assert.Equal(LineStatus.Shipped, line.Status);

        second.MarkReceived(Delivered);
        Assert.Equal(LineStatus.Completed, line.Status);
    }

    [Fact]
    public void A_line_can_be_rejected_cancelled_or_changed_awaiting_an_answer()
    {
        var order = ReceiveAccepted(Line(1), Line(2), Line(3));
        order.Answer(1, new OrderAnswer.Reject(RejectionReason.PriceDisagreement, null), Tanaka, Answered);
        order.CancelLines([2], null, Revised);
        order.Revise(2, Header, [Line(1), Line(3, quantity: 80m)], Reanswered);

        Assert.Equal(LineStatus.Rejected, order.Line(1).Status);
        Assert.Equal(LineStatus.Cancelled, order.Line(2).Status);
        Assert.Equal(LineStatus.ChangedAwaitingAnswer, order.Line(3).Status);
        order.CancelLines([3], null, Cancelled);
        Assert.Equal(LineStatus.Cancelled, order.Line(3).Status);
    }

    [Fact]
    public void The_next_delivery_date_skips_rejected_cancelled_and_fully_shipped_lines()
    {
        var order = Receive(
            Line(1) with { RequestedDeliveryDate = new DateOnly(2026, 11, 10) },
            Line(2) with { RequestedDeliveryDate = new DateOnly(2026, 11, 12) },
            Line(3) with { RequestedDeliveryDate = new DateOnly(2026, 11, 14) },
            Line(4) with { RequestedDeliveryDate = new DateOnly(2026, 11, 16) },
            Line(5) with { RequestedDeliveryDate = new DateOnly(2026, 11, 18) });
        Assert.Equal(new DateOnly(2026, 11, 10), order.NextDeliveryDate);

        order.Answer(1, new OrderAnswer.Reject(RejectionReason.OutOfStock, null), Tanaka, Answered);
        Assert.Equal(new DateOnly(2026, 11, 12), order.NextDeliveryDate);

        order.CancelLines([2], null, Answered);
        Assert.Equal(new DateOnly(2026, 11, 14), order.NextDeliveryDate);

        order.AcceptAll(Tanaka, Answered);
        Ship(order, 3, 100m);
        Assert.Equal(new DateOnly(2026, 11, 16), order.NextDeliveryDate);

        Ship(order, 4, 99m);
        Assert.Equal(new DateOnly(2026, 11, 16), order.NextDeliveryDate);
    }
}
