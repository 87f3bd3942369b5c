using WebEdi.Domain.Orders;
using static WebEdi.Domain.Tests.Scenario;

namespace WebEdi.Domain.Tests.Orders;

public class Accepting_all_open_lines
{
    [Fact]
    public void Accepts_only_the_lines_that_still_need_an_answer()
    {
        var order = Receive(Line(1), Line(2), Line(3), Line(4));
        var rejection = order.Answer(2, new OrderAnswer.Reject(RejectionReason.OutOfStock, null), Tanaka, Viewed);
        order.CancelLines([3], null, Viewed);

        var responses = order.AcceptAll(Tanaka, Answered);

        Assert.Equal([order.Line(1).Id, order.Line(4).Id], responses.Select(r => r.PurchaseOrderLineId));
        Assert.All(responses, r => Assert.Equal(ResponseKind.Accepted, r.Kind));
        Assert.All(responses, r => Assert.Equal(Tanaka, r.AnsweredBy));
        Assert.Same(rejection, Assert.Single(order.Line(2).Responses));
        Assert.Empty(order.Line(3).Responses);
        Assert.Equal(OrderStatus.Answered, order.Status);
    }

    [Fact]
    public void Refuses_when_no_line_is_waiting_for_an_answer_and_changes_nothing()
    {
        var order = ReceiveAccepted(Line(1), Line(2));
        var before = order.Describe();

        Refused(() => order.AcceptAll(Tanaka, Reanswered), ("", "nothing_to_answer"));

        Assert.Equal(before, order.Describe());
    }

    [Fact]
    public void Refuses_a_cancelled_order()
    {
        var order = Receive(Line(1));
        order.Cancel(null, Cancelled);

        Refused(() => order.AcceptAll(Tanaka, Reanswered), ("", "nothing_to_answer"));
    }
}
