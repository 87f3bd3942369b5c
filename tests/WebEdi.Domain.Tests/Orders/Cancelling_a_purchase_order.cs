using WebEdi.Domain.Orders;
using static WebEdi.Domain.Tests.Scenario;

namespace WebEdi.Domain.Tests.Orders;

public class Cancelling_a_purchase_order
{
    [Fact]
    public void Cancels_the_order_and_every_line_with_the_trimmed_reason()
    {
        var order = ReceiveAccepted(Line(1), Line(2));

        order.Cancel("  Project stopped ", Cancelled);

        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(Cancelled, order.CancelledAt);
        Assert.Equal("Project stopped", order.CancellationReason);
        Assert.Equal(Cancelled, order.UpdatedAt);
        Assert.All(order.Lines, l => Assert.Equal(LineStatus.Cancelled, l.Status));
        Assert.All(order.Lines, l => Assert.Equal(Cancelled, l.CancelledAt));
        Assert.Empty(order.ActiveLines);
        Assert.Null(order.NextDeliveryDate);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Needs_no_reason(string? reason)
    {
        var order = Receive(Line(1));

        order.Cancel(reason, Cancelled);

        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Null(order.CancellationReason);
    }

    [Fact]
    public void Refuses_to_cancel_twice_and_keeps_the_first_cancellation()
    {
        var order = Receive(Line(1));
        order.Cancel("Project stopped", Cancelled);
        var before = order.Describe();

        Refused(() => order.Cancel("Again", Reanswered), ("", "already_cancelled"));

        Assert.Equal(before, order.Describe());
    }

    [Fact]
    public void Refuses_once_a_line_has_been_shipped_naming_the_line_and_changes_nothing()
    {
        var order = ReceiveAccepted(Line(1), Line(2));
        Ship(order, 2, 10m);
        var before = order.Describe();

        var refusal = Refused(() => order.Cancel("Project stopped", Cancelled), ("lines[2]", "line_shipped"));

        Assert.Contains("line 2", refusal.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(before, order.Describe());
    }

    [Fact]
    public void Is_possible_again_once_the_shipment_is_withdrawn()
    {
        var order = ReceiveAccepted(Line(1));
        Ship(order, 1, 10m).Cancel(Revised);

        order.Cancel("Project stopped", Cancelled);

        Assert.Equal(OrderStatus.Cancelled, order.Status);
    }

    [Fact]
    public void Refuses_a_reason_longer_than_500_characters()
    {
        var order = Receive(Line(1));

        Refused(() => order.Cancel(new string('R', 501), Cancelled), ("reason", "too_long"));

        Assert.Equal(OrderStatus.New, order.Status);
    }

    [Fact]
    public void Refuses_an_instant_that_is_not_UTC_and_changes_nothing()
    {
        var order = Receive(Line(1), Line(2));
        var before = order.Describe();

        Assert.Throws<ArgumentException>(() => order.Cancel("Project stopped", NotUtc));

        Assert.Equal(before, order.Describe());
    }
}
