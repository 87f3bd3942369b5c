using WebEdi.Domain.Orders;
using static WebEdi.Domain.Tests.Scenario;

namespace WebEdi.Domain.Tests.Orders;

public class Accepting_an_order_line
{
    [Fact]
    public void Records_who_accepted_when_for_which_revision_with_a_trimmed_comment()
    {
        var order = Receive(Line(1), Line(2));

        var response = order.Answer(1, new OrderAnswer.Accept("  Ships from Nagoya "), Tanaka, Answered);

        var line = order.Line(1);
        Assert.Equal(ResponseKind.Accepted, response.Kind);
        Assert.Equal(line.Id, response.PurchaseOrderLineId);
        Assert.Equal(1, response.Revision);
        Assert.Equal(Tanaka, response.AnsweredBy);
        Assert.Equal(Answered, response.AnsweredAt);
        Assert.Equal("Ships from Nagoya", response.Comment);
        Assert.True(response.IsCurrent);
        Assert.Null(response.PromisedDate);
        Assert.Null(response.PromisedUnitPrice);
        Assert.Null(response.RejectionReason);
        Assert.Empty(response.Deliveries);
        Assert.Same(response, line.CurrentResponse);
        Assert.Equal(ResponseKind.Accepted, line.CurrentAnswer);
        Assert.Equal(LineStatus.Accepted, line.Status);
        Assert.Equal(100m, line.OpenQuantity);
        Assert.Equal(Answered, order.UpdatedAt);
    }

    [Fact]
    public void May_come_from_a_file_without_a_user()
    {
        var order = Receive(Line(1));

        Assert.Null(order.Answer(1, new OrderAnswer.Accept(), null, Answered).AnsweredBy);
    }

    [Fact]
    public void Counts_as_opening_the_order()
    {
        var order = Receive(Line(1));

        order.Answer(1, new OrderAnswer.Accept(), Tanaka, Answered);

        Assert.Equal(Answered, order.ViewedAt);
    }

    [Fact]
    public void Refuses_a_comment_longer_than_500_characters_or_with_control_characters()
    {
        var order = Receive(Line(1));

        Refused(() => order.Answer(1, new OrderAnswer.Accept(new string('C', 501)), Tanaka, Answered), ("lines[1].comment", "too_long"));
        Refused(() => order.Answer(1, new OrderAnswer.Accept("OK\u0007"), Tanaka, Answered), ("lines[1].comment", "control_character"));

        Assert.Equal(OrderStatus.New, order.Status);
        Assert.Empty(order.Line(1).Responses);
    }

    [Fact]
    public void Refuses_a_cancelled_line()
    {
        var order = Receive(Line(1), Line(2));
        order.CancelLines([2], null, Revised);

        Refused(() => order.Answer(2, new OrderAnswer.Accept(), Tanaka, Answered), ("lines[2]", "line_cancelled"));

        Assert.Empty(order.Line(2).Responses);
    }

    [Fact]
    public void Refuses_any_line_of_a_cancelled_order()
    {
        var order = Receive(Line(1));
        order.Cancel(null, Revised);

        Refused(() => order.Answer(1, new OrderAnswer.Accept(), Tanaka, Answered), ("", "order_cancelled"));
    }

    [Fact]
    public void Refuses_a_line_the_order_does_not_have()
    {
        var order = Receive(Line(1));

        Refused(() => order.Answer(9, new OrderAnswer.Accept(), Tanaka, Answered), ("lines[9]", "unknown_line"));
    }

    [Fact]
    public void Refuses_an_instant_that_is_not_UTC_and_changes_nothing()
    {
        var order = Receive(Line(1));
        var before = order.Describe();

        Assert.Throws<ArgumentException>(() => order.Answer(1, new OrderAnswer.Accept(), Tanaka, NotUtc));

        Assert.Equal(before, order.Describe());
    }
}
