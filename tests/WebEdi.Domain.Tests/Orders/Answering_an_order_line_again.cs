using WebEdi.Domain.Orders;
using static WebEdi.Domain.Tests.Scenario;

namespace WebEdi.Domain.Tests.Orders;

public class Answering_an_order_line_again
{
    [Fact]
    public void Supersedes_the_previous_answer_and_keeps_it_in_the_history()
    {
        var order = Receive(Line(1));
        var first = order.Answer(1, new OrderAnswer.Accept(), Tanaka, Answered);

        var second = order.Answer(1, new OrderAnswer.Reject(RejectionReason.OutOfStock, null), Tanaka, Reanswered);

        var line = order.Line(1);
        Assert.Equal([first, second], line.Responses);
        Assert.False(first.IsCurrent);
        Assert.Equal(Reanswered, first.SupersededAt);
        Assert.True(second.IsCurrent);
        Assert.Null(second.SupersededAt);
        Assert.Same(second, Assert.Single(line.Responses, r => r.IsCurrent));
        Assert.Equal(ResponseKind.Rejected, line.CurrentAnswer);
    }

    [Fact]
    public void Keeps_exactly_one_current_answer_however_often_it_is_answered()
    {
        var order = Receive(Line(1));

        order.Answer(1, new OrderAnswer.Accept(), Tanaka, Answered);
        order.Answer(1, new OrderAnswer.AcceptWithChanges(new DateOnly(2026, 12, 10), null, null), Tanaka, Revised);
        order.Answer(1, new OrderAnswer.Accept(), Tanaka, Reanswered);

        Assert.Equal(3, order.Line(1).Responses.Count);
        Assert.Single(order.Line(1).Responses, r => r.IsCurrent);
    }

    [Fact]
    public void A_refused_new_answer_leaves_the_previous_one_current()
    {
        var order = Receive(Line(1));
        var first = order.Answer(1, new OrderAnswer.Accept(), Tanaka, Answered);

        Refused(() => order.Answer(1, new OrderAnswer.Reject(RejectionReason.Other, null), Tanaka, Reanswered), ("lines[1].comment", "required"));

        Assert.Same(first, Assert.Single(order.Line(1).Responses));
        Assert.True(first.IsCurrent);
        Assert.Null(first.SupersededAt);
        Assert.Equal(ResponseKind.Accepted, order.Line(1).CurrentAnswer);
    }
}
