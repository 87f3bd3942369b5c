using WebEdi.Domain.Orders;
using static WebEdi.Domain.Tests.Scenario;

namespace WebEdi.Domain.Tests.Orders;

public class Cancelling_order_lines
{
    [Fact]
    public void Cancels_only_the_named_lines_and_the_order_goes_on()
    {
        var order = ReceiveAccepted(Line(1), Line(2) with { RequestedDeliveryDate = new DateOnly(2026, 11, 10) }, Line(3));

        order.CancelLines([2, 3], "Design change", Cancelled);

        Assert.Equal([LineStatus.Accepted, LineStatus.Cancelled, LineStatus.Cancelled], order.Lines.Select(l => l.Status));
        Assert.Equal(Cancelled, order.Line(2).CancelledAt);
        Assert.Equal(OrderStatus.Answered, order.Status);
        Assert.Null(order.CancelledAt);
        Assert.Null(order.CancellationReason);
        Assert.Equal(Cancelled, order.UpdatedAt);
        Assert.Equal(RequestedDate, order.NextDeliveryDate);
    }

    [Fact]
    public void Cancelling_every_line_cancels_the_order()
    {
        var order = Receive(Line(1), Line(2));

        order.CancelLines([1, 2], " Design change ", Cancelled);

        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(Cancelled, order.CancelledAt);
        Assert.Equal("Design change", order.CancellationReason);
    }

    [Fact]
    public void Cancelling_the_last_open_line_cancels_the_order()
    {
        var order = Receive(Line(1), Line(2));
        order.CancelLines([1], null, Revised);

        order.CancelLines([2], "Design change", Cancelled);

        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(Cancelled, order.CancelledAt);
    }

    [Fact]
    public void Refuses_a_shipped_line_naming_it()
    {
        var order = ReceiveAccepted(Line(1), Line(2));
        Ship(order, 1, 10m);

        var refusal = Refused(() => order.CancelLines([1], null, Cancelled), ("lines[1]", "line_shipped"));

        Assert.Contains("line 1", refusal.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_line_the_order_does_not_have()
    {
        var order = Receive(Line(1));

        Refused(() => order.CancelLines([9], null, Cancelled), ("lines[9]", "unknown_line"));
    }

    [Fact]
    public void Refuses_a_line_that_is_already_cancelled()
    {
        var order = Receive(Line(1), Line(2));
        order.CancelLines([2], null, Revised);

        Refused(() => order.CancelLines([2], null, Cancelled), ("lines[2]", "already_cancelled"));

        Assert.Equal(Revised, order.Line(2).CancelledAt);
    }

    [Fact]
    public void Refuses_an_empty_list_of_lines()
    {
        var order = Receive(Line(1));

        Refused(() => order.CancelLines([], null, Cancelled), ("lineNumbers", "required"));
    }

    [Fact]
    public void Refuses_lines_of_a_cancelled_order()
    {
        var order = Receive(Line(1));
        order.Cancel(null, Revised);

        Refused(() => order.CancelLines([1], null, Cancelled), ("", "order_cancelled"), ("lines[1]", "already_cancelled"));
    }

    [Fact]
    public void Refuses_a_reason_longer_than_500_characters()
    {
        var order = Receive(Line(1));

        Refused(() => order.CancelLines([1], new string('R', 501), Cancelled), ("reason", "too_long"));
    }

    [Fact]
    public void One_refused_line_cancels_none_of_them()
    {
        var order = Receive(Line(1), Line(2));
        var before = order.Describe();

        Refused(() => order.CancelLines([1, 9], null, Cancelled), ("lines[9]", "unknown_line"));

        Assert.Equal(before, order.Describe());
    }

    [Fact]
    public void Refuses_an_instant_that_is_not_UTC_and_changes_nothing()
    {
        var order = Receive(Line(1), Line(2));
        var before = order.Describe();

        Assert.Throws<ArgumentException>(() => order.CancelLines([1, 2], null, NotUtc));

        Assert.Equal(before, order.Describe());
    }
}
