using WebEdi.Domain.Orders;
using static WebEdi.Domain.Tests.Scenario;

namespace WebEdi.Domain.Tests.Orders;

public class Rejecting_an_order_line
{
    [Fact]
    public void Records_the_reason_and_leaves_nothing_to_ship()
    {
        var order = Receive(Line(1), Line(2));

        var response = order.Answer(1, new OrderAnswer.Reject(RejectionReason.Discontinued, null), Tanaka, Answered);

        Assert.Equal(ResponseKind.Rejected, response.Kind);
        Assert.Equal(RejectionReason.Discontinued, response.RejectionReason);
        var line = order.Line(1);
        Assert.Equal(LineStatus.Rejected, line.Status);
        Assert.False(line.NeedsAnswer);
        Assert.False(line.IsAccepted);
        Assert.Equal(0m, line.OpenQuantity);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Needs_a_comment_when_the_reason_is_other(string? comment)
    {
        var order = Receive(Line(1));

        Refused(() => order.Answer(1, new OrderAnswer.Reject(RejectionReason.Other, comment), Tanaka, Answered), ("lines[1].comment", "required"));

        Assert.Equal(LineStatus.Open, order.Line(1).Status);
    }

    [Fact]
    public void Accepts_other_with_an_explanation()
    {
        var order = Receive(Line(1));

        var response = order.Answer(1, new OrderAnswer.Reject(RejectionReason.Other, " Factory closed for inventory "), Tanaka, Answered);

        Assert.Equal(RejectionReason.Other, response.RejectionReason);
        Assert.Equal("Factory closed for inventory", response.Comment);
    }

    [Fact]
    public void Refuses_a_reason_that_is_not_defined()
    {
        var order = Receive(Line(1));

        Refused(() => order.Answer(1, new OrderAnswer.Reject((RejectionReason)42, "Why not"), Tanaka, Answered), ("lines[1].reason", "unknown_reason"));
    }

    [Fact]
    public void Refuses_a_line_that_has_shipments_and_keeps_its_acceptance()
    {
        var order = ReceiveAccepted(Line(1));
        Ship(order, 1, 10m);
        var before = order.Describe();

        Refused(() => order.Answer(1, new OrderAnswer.Reject(RejectionReason.OutOfStock, null), Tanaka, Reanswered), ("lines[1]", "line_shipped"));

        Assert.Equal(before, order.Describe());
    }

    [Fact]
    public void A_line_with_shipments_may_still_get_a_new_promised_date_for_the_rest()
    {
        var order = ReceiveAccepted(Line(1));
        Ship(order, 1, 10m);

        order.Answer(1, new OrderAnswer.AcceptWithChanges(new DateOnly(2026, 12, 10), null, null), Tanaka, Reanswered);

        Assert.Equal(LineStatus.PartiallyShipped, order.Line(1).Status);
        Assert.Equal(90m, order.Line(1).OpenQuantity);
    }
}
